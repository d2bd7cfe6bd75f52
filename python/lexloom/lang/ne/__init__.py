"""Nepali: `lexloom.lang.ne.Nepali`, the class behind `lexloom.blank("ne")`.

The language-independent tokenizer rules, with its own lexical attributes (a stemming
NORM and number likeness, lex_attrs.py) and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class NepaliDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Nepali(Language):
    lang = "ne"
    Defaults = NepaliDefaults


__all__ = ["Nepali"]
