"""Dutch: `lexloom.lang.nl.Dutch`, the class behind `lexloom.blank("nl")`.

Its own affixes (hyphenated compounds stay whole, punctuation.py), abbreviations, stop
words, number words and noun chunks.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..lazy_lemmatizer import lemmatizer_getattr
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class DutchDefaults(BaseDefaults):
    prefixes = TOKENIZER_PREFIXES
    infixes = TOKENIZER_INFIXES
    suffixes = TOKENIZER_SUFFIXES
    lex_attr_getters = LEX_ATTRS
    syntax_iterators = SYNTAX_ITERATORS
    stop_words = STOP_WORDS
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS


class Dutch(Language):
    lang = "nl"
    Defaults = DutchDefaults


__getattr__ = lemmatizer_getattr(__name__, "DutchLemmatizer")


__all__ = ["Dutch"]
