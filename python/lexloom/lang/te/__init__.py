"""Telugu: `lexloom.lang.te.Telugu`, the class behind `lexloom.blank("te")`.

The language-independent tokenizer rules, with its own number likeness (lex_attrs.py)
and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class TeluguDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Telugu(Language):
    lang = "te"
    Defaults = TeluguDefaults


__all__ = ["Telugu"]
