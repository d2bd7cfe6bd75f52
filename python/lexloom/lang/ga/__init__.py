"""Irish: `lexloom.lang.ga.Irish`, the class behind `lexloom.blank("ga")`.

The language-independent tokenizer rules, with its abbreviations and contractions
(tokenizer_exceptions.py), stop words, and a lemmatizer that undoes initial mutations
(lemmatizer.py).
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..lazy_lemmatizer import lemmatizer_getattr
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class IrishDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    stop_words = STOP_WORDS


class Irish(Language):
    lang = "ga"
    Defaults = IrishDefaults


__getattr__ = lemmatizer_getattr(__name__, "IrishLemmatizer")


__all__ = ["Irish"]
