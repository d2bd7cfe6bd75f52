"""Malay: `lexloom.lang.ms.Malay`, the class behind `lexloom.blank("ms")`.

Abbreviations kept whole, reduplicated words kept whole by a token_match, the Indonesian
affixes with Malaysian currency codes, with its own number likeness and currency codes
(lex_attrs.py) and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..id.tokenizer_exceptions import REDUPLICATION
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class MalayDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    token_match = REDUPLICATION
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS
    syntax_iterators = SYNTAX_ITERATORS


class Malay(Language):
    lang = "ms"
    Defaults = MalayDefaults


__all__ = ["Malay"]
