"""Ukrainian: `lexloom.lang.uk.Ukrainian`, the class behind `lexloom.blank("uk")`.

Its tokenizer keeps Ukrainian abbreviations whole (tokenizer_exceptions.py) and splits
punctuation after a combining stress mark; it has its own number likeness (Ukrainian number
words: lex_attrs.py); its lemmatizer is the Russian one over pymorphy3's Ukrainian
dictionaries (lemmatizer.py; pymorphy3 and pymorphy3-dicts-uk are optional).
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..lazy_lemmatizer import lemmatizer_getattr
from ..punctuation import (
    COMBINING_DIACRITICS_TOKENIZER_INFIXES,
    COMBINING_DIACRITICS_TOKENIZER_SUFFIXES,
)
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class UkrainianDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    suffixes = COMBINING_DIACRITICS_TOKENIZER_SUFFIXES  # "жару́." splits off its period
    infixes = COMBINING_DIACRITICS_TOKENIZER_INFIXES
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    stop_words = STOP_WORDS


class Ukrainian(Language):
    lang = "uk"
    Defaults = UkrainianDefaults


__getattr__ = lemmatizer_getattr(__name__, "UkrainianLemmatizer")


__all__ = ["Ukrainian"]
