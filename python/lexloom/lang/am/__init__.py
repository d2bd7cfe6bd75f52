"""Amharic: `lexloom.lang.am.Amharic`, the class behind `lexloom.blank("am")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class AmharicDefaults(BaseDefaults):
    stop_words = STOP_WORDS
    writing_system = {"direction": "ltr", "has_case": False, "has_letters": True}


class Amharic(Language):
    lang = "am"
    Defaults = AmharicDefaults


__all__ = ["Amharic"]
