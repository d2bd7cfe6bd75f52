"""Sinhala: `lexloom.lang.si.Sinhala`, the class behind `lexloom.blank("si")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class SinhalaDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Sinhala(Language):
    lang = "si"
    Defaults = SinhalaDefaults


__all__ = ["Sinhala"]
