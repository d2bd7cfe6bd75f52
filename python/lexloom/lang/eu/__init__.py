"""Basque: `lexloom.lang.eu.Basque`, the class behind `lexloom.blank("eu")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class BasqueDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Basque(Language):
    lang = "eu"
    Defaults = BasqueDefaults


__all__ = ["Basque"]
