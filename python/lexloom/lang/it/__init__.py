"""Italian: `lexloom.lang.it.Italian`, the class behind `lexloom.blank("it")`.

The language-independent suffixes and lexical attributes, with Italian prefixes and
infixes (punctuation.py), special cases (tokenizer_exceptions.py), stop words and noun
chunks (syntax_iterators.py).
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..lazy_lemmatizer import lemmatizer_getattr
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class ItalianDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    infixes = TOKENIZER_INFIXES
    stop_words = STOP_WORDS
    syntax_iterators = SYNTAX_ITERATORS


class Italian(Language):
    lang = "it"
    Defaults = ItalianDefaults


__getattr__ = lemmatizer_getattr(__name__, "ItalianLemmatizer")


__all__ = ["Italian"]
