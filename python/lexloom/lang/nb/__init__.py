"""Norwegian: `lexloom.lang.nb.Norwegian`, the class behind `lexloom.blank("nb")`.

The language-independent tokenizer rules, with its abbreviations (tokenizer_exceptions.py),
stop words and noun chunks.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class NorwegianDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    stop_words = STOP_WORDS
    syntax_iterators = SYNTAX_ITERATORS


class Norwegian(Language):
    lang = "nb"
    Defaults = NorwegianDefaults


__all__ = ["Norwegian"]
