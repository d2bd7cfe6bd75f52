"""Gujarati: `lexloom.lang.gu.Gujarati`, the class behind `lexloom.blank("gu")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class GujaratiDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Gujarati(Language):
    lang = "gu"
    Defaults = GujaratiDefaults


__all__ = ["Gujarati"]
