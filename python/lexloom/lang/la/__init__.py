"""Latin: `lexloom.lang.la.Latin`, the class behind `lexloom.blank("la")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class LatinDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Latin(Language):
    lang = "la"
    Defaults = LatinDefaults


__all__ = ["Latin"]
