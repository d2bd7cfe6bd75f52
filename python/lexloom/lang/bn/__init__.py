"""Bengali: `lexloom.lang.bn.Bengali`, the class behind `lexloom.blank("bn")`.

Its own affixes (a final period stays on a number, arithmetic splits between Bengali
digits: punctuation.py), abbreviations (tokenizer_exceptions.py) and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class BengaliDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    stop_words = STOP_WORDS


class Bengali(Language):
    lang = "bn"
    Defaults = BengaliDefaults


__all__ = ["Bengali"]
