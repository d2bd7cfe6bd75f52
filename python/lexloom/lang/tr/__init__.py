"""Turkish: `lexloom.lang.tr.Turkish`, the class behind `lexloom.blank("tr")`.

The language-independent affix rules, with Turkish special cases and a token_match for
numbers and suffixed abbreviations (tokenizer_exceptions.py), its own number likeness
(lex_attrs.py), stop words and noun chunks (syntax_iterators.py).
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKEN_MATCH, TOKENIZER_EXCEPTIONS


class TurkishDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    token_match = TOKEN_MATCH
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS
    syntax_iterators = SYNTAX_ITERATORS


class Turkish(Language):
    lang = "tr"
    Defaults = TurkishDefaults


__all__ = ["Turkish"]
