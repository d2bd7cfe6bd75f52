"""Hindi: `lexloom.lang.hi.Hindi`, the class behind `lexloom.blank("hi")`.

The language-independent tokenizer rules, with its own number likeness and stemming NORM
(lex_attrs.py) and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class HindiDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Hindi(Language):
    lang = "hi"
    Defaults = HindiDefaults


__all__ = ["Hindi"]
