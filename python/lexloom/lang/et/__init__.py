"""Estonian: `lexloom.lang.et.Estonian`, the class behind `lexloom.blank("et")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class EstonianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Estonian(Language):
    lang = "et"
    Defaults = EstonianDefaults


__all__ = ["Estonian"]
