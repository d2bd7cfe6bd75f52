"""Latin: `lexloom.lang.la.Latin`, the class behind `lexloom.blank("la")`.

Tokenizer exceptions (enclitic "-cum", abbreviations), its own number likeness
(lex_attrs.py), stop words and noun chunks.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class LatinDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    lex_attr_getters = LEX_ATTRS
    syntax_iterators = SYNTAX_ITERATORS
    stop_words = STOP_WORDS


class Latin(Language):
    lang = "la"
    Defaults = LatinDefaults


__all__ = ["Latin"]
