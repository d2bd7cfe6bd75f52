"""Hindi: `lexloom.lang.hi.Hindi`, the class behind `lexloom.blank("hi")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class HindiDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Hindi(Language):
    lang = "hi"
    Defaults = HindiDefaults


__all__ = ["Hindi"]
