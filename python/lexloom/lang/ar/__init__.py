"""Arabic: `lexloom.lang.ar.Arabic`, the class behind `lexloom.blank("ar")`.

The language-independent tokenizer rules and lexical attributes, with its abbreviations
(tokenizer_exceptions.py) and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class ArabicDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    stop_words = STOP_WORDS
    writing_system = {"direction": "rtl", "has_case": False, "has_letters": True}


class Arabic(Language):
    lang = "ar"
    Defaults = ArabicDefaults


__all__ = ["Arabic"]
