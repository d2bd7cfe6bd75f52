"""Armenian: `lexloom.lang.hy.Armenian`, the class behind `lexloom.blank("hy")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class ArmenianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Armenian(Language):
    lang = "hy"
    Defaults = ArmenianDefaults


__all__ = ["Armenian"]
