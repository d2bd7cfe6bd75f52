"""Nepali: `lexloom.lang.ne.Nepali`, the class behind `lexloom.blank("ne")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class NepaliDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Nepali(Language):
    lang = "ne"
    Defaults = NepaliDefaults


__all__ = ["Nepali"]
