"""Catalan: `lexloom.lang.ca.Catalan`, the class behind `lexloom.blank("ca")`.

Catalan affixes (elisions and enclitic pronouns split off), abbreviations and contractions,
its stop words, number words and noun chunks.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..lazy_lemmatizer import lemmatizer_getattr
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class CatalanDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS
    syntax_iterators = SYNTAX_ITERATORS


class Catalan(Language):
    lang = "ca"
    Defaults = CatalanDefaults


__getattr__ = lemmatizer_getattr(__name__, "CatalanLemmatizer")


__all__ = ["Catalan"]
