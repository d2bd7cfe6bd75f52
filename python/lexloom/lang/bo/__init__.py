"""Tibetan: `lexloom.lang.bo.Tibetan`, the class behind `lexloom.blank("bo")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class TibetanDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Tibetan(Language):
    lang = "bo"
    Defaults = TibetanDefaults


__all__ = ["Tibetan"]
