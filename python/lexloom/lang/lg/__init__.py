"""Luganda: `lexloom.lang.lg.Luganda`, the class behind `lexloom.blank("lg")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class LugandaDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Luganda(Language):
    lang = "lg"
    Defaults = LugandaDefaults


__all__ = ["Luganda"]
