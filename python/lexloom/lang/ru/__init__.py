"""Russian: `lexloom.lang.ru.Russian`, the class behind `lexloom.blank("ru")`.

Its tokenizer keeps Russian abbreviations whole (tokenizer_exceptions.py) and splits
punctuation after a combining stress mark ("жару́."); its lemmatizer works over pymorphy3
(lemmatizer.py, mode "pymorphy3", the optional pymorphy3 package); number likeness in
lex_attrs.py.
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


class RussianDefaults(BaseDefaults):
    suffixes = COMBINING_DIACRITICS_TOKENIZER_SUFFIXES  # "жару́." splits off its period
    infixes = COMBINING_DIACRITICS_TOKENIZER_INFIXES
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Russian(Language):
    lang = "ru"
    Defaults = RussianDefaults


__getattr__ = lemmatizer_getattr(__name__, "RussianLemmatizer")


__all__ = ["Russian"]
