"""Macedonian: `lexloom.lang.mk.Macedonian`, the class behind `lexloom.blank("mk")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class MacedonianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Macedonian(Language):
    lang = "mk"
    Defaults = MacedonianDefaults


__all__ = ["Macedonian"]
