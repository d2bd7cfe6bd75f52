"""Malay: `lexloom.lang.ms.Malay`, the class behind `lexloom.blank("ms")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class MalayDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Malay(Language):
    lang = "ms"
    Defaults = MalayDefaults


__all__ = ["Malay"]
