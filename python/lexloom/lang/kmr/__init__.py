"""Kurmanji: `lexloom.lang.kmr.Kurmanji`, the class behind `lexloom.blank("kmr")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class KurmanjiDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Kurmanji(Language):
    lang = "kmr"
    Defaults = KurmanjiDefaults


__all__ = ["Kurmanji"]
