"""Romanian: `lexloom.lang.ro.Romanian`, the class behind `lexloom.blank("ro")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class RomanianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Romanian(Language):
    lang = "ro"
    Defaults = RomanianDefaults


__all__ = ["Romanian"]
