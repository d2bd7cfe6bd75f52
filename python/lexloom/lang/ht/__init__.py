"""Haitian Creole: `lexloom.lang.ht.HaitianCreole`, the class behind `lexloom.blank("ht")`.

The language-independent tokenizer rules, with its own number likeness and clitic NORM
(lex_attrs.py) and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class HaitianCreoleDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class HaitianCreole(Language):
    lang = "ht"
    Defaults = HaitianCreoleDefaults


__all__ = ["HaitianCreole"]
