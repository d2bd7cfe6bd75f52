"""Arabic: `lexloom.lang.ar.Arabic`, the class behind `lexloom.blank("ar")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class ArabicDefaults(BaseDefaults):
    stop_words = STOP_WORDS
    writing_system = {"direction": "rtl", "has_case": False, "has_letters": True}


class Arabic(Language):
    lang = "ar"
    Defaults = ArabicDefaults


__all__ = ["Arabic"]
