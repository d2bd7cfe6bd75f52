"""Azerbaijani: `lexloom.lang.az.Azerbaijani`, the class behind `lexloom.blank("az")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class AzerbaijaniDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Azerbaijani(Language):
    lang = "az"
    Defaults = AzerbaijaniDefaults


__all__ = ["Azerbaijani"]
