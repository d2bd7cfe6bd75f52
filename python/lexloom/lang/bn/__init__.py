"""Bengali: `lexloom.lang.bn.Bengali`, the class behind `lexloom.blank("bn")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class BengaliDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Bengali(Language):
    lang = "bn"
    Defaults = BengaliDefaults


__all__ = ["Bengali"]
