"""Armenian: `lexloom.lang.hy.Armenian`, the class behind `lexloom.blank("hy")`.

The language-independent tokenizer rules, with its own number likeness (lex_attrs.py)
and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class ArmenianDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Armenian(Language):
    lang = "hy"
    Defaults = ArmenianDefaults


__all__ = ["Armenian"]
