"""Lithuanian: `lexloom.lang.lt.Lithuanian`, the class behind `lexloom.blank("lt")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class LithuanianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Lithuanian(Language):
    lang = "lt"
    Defaults = LithuanianDefaults


__all__ = ["Lithuanian"]
