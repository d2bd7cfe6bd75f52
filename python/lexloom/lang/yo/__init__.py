"""Yoruba: `lexloom.lang.yo.Yoruba`, the class behind `lexloom.blank("yo")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class YorubaDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Yoruba(Language):
    lang = "yo"
    Defaults = YorubaDefaults


__all__ = ["Yoruba"]
