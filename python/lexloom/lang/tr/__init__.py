"""Turkish: `lexloom.lang.tr.Turkish`, the class behind `lexloom.blank("tr")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class TurkishDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Turkish(Language):
    lang = "tr"
    Defaults = TurkishDefaults


__all__ = ["Turkish"]
