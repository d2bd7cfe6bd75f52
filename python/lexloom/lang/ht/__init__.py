"""Haitian Creole: `lexloom.lang.ht.HaitianCreole`, the class behind `lexloom.blank("ht")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class HaitianCreoleDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class HaitianCreole(Language):
    lang = "ht"
    Defaults = HaitianCreoleDefaults


__all__ = ["HaitianCreole"]
