"""Telugu: `lexloom.lang.te.Telugu`, the class behind `lexloom.blank("te")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class TeluguDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Telugu(Language):
    lang = "te"
    Defaults = TeluguDefaults


__all__ = ["Telugu"]
