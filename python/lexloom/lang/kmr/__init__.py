"""Kurmanji: `lexloom.lang.kmr.Kurmanji`, the class behind `lexloom.blank("kmr")`.

The language-independent tokenizer rules, with its own number likeness (lex_attrs.py)
and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class KurmanjiDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Kurmanji(Language):
    lang = "kmr"
    Defaults = KurmanjiDefaults


__all__ = ["Kurmanji"]
