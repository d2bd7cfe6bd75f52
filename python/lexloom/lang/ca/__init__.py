"""Catalan: `lexloom.lang.ca.Catalan`, the class behind `lexloom.blank("ca")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class CatalanDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Catalan(Language):
    lang = "ca"
    Defaults = CatalanDefaults


__all__ = ["Catalan"]
