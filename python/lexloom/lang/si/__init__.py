"""Sinhala: `lexloom.lang.si.Sinhala`, the class behind `lexloom.blank("si")`.

The language-independent tokenizer rules, with its stop words and its own number likeness
(lex_attrs.py: Sinhala number words; a leading sign is not stripped).
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class SinhalaDefaults(BaseDefaults):
    stop_words = STOP_WORDS
    lex_attr_getters = LEX_ATTRS


class Sinhala(Language):
    lang = "si"
    Defaults = SinhalaDefaults


__all__ = ["Sinhala"]
