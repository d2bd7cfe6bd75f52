"""Bengali: `lexloom.lang.bn.Bengali`, the class behind `lexloom.blank("bn")`.

The language-independent tokenizer rules, with its abbreviations (tokenizer_exceptions.py),
arithmetic between Bengali digits (punctuation.py) and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .punctuation import TOKENIZER_INFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class BengaliDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    infixes = TOKENIZER_INFIXES
    stop_words = STOP_WORDS


class Bengali(Language):
    lang = "bn"
    Defaults = BengaliDefaults


__all__ = ["Bengali"]
