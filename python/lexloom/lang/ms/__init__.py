"""Malay: `lexloom.lang.ms.Malay`, the class behind `lexloom.blank("ms")`.

The language-independent tokenizer rules, with its own number likeness and currency
codes (lex_attrs.py) and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class MalayDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Malay(Language):
    lang = "ms"
    Defaults = MalayDefaults


__all__ = ["Malay"]
