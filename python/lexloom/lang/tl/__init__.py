"""Tagalog: `lexloom.lang.tl.Tagalog`, the class behind `lexloom.blank("tl")`.

The language-independent tokenizer rules and special cases (with curly apostrophes too:
tokenizer_exceptions.py), with its own number likeness (lex_attrs.py) and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class TagalogDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS


class Tagalog(Language):
    lang = "tl"
    Defaults = TagalogDefaults


__all__ = ["Tagalog"]
