"""Haitian Creole: `lexloom.lang.ht.HaitianCreole`, the class behind `lexloom.blank("ht")`.

Contracted pronouns and particles split from their words ("m'ap", "map" -> "m", "ap") by
special cases and elision affixes, with its own number likeness and clitic NORM (lex_attrs.py)
stop words and noun chunks.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..lazy_lemmatizer import lemmatizer_getattr
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tag_map import TAG_MAP
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class HaitianCreoleDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS
    syntax_iterators = SYNTAX_ITERATORS
    tag_map = TAG_MAP


class HaitianCreole(Language):
    lang = "ht"
    Defaults = HaitianCreoleDefaults


__getattr__ = lemmatizer_getattr(__name__, "HaitianCreoleLemmatizer")


__all__ = ["HaitianCreole"]
