"""Tigrinya: `lexloom.lang.ti.Tigrinya`, the class behind `lexloom.blank("ti")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class TigrinyaDefaults(BaseDefaults):
    stop_words = STOP_WORDS
    writing_system = {"direction": "ltr", "has_case": False, "has_letters": True}


class Tigrinya(Language):
    lang = "ti"
    Defaults = TigrinyaDefaults


__all__ = ["Tigrinya"]
