"""Irish: `lexloom.lang.ga.Irish`, the class behind `lexloom.blank("ga")`.

The language-independent tokenizer rules, with its abbreviations and contractions
(tokenizer_exceptions.py) and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class IrishDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    stop_words = STOP_WORDS


class Irish(Language):
    lang = "ga"
    Defaults = IrishDefaults


__all__ = ["Irish"]
