"""Greek: `lexloom.lang.el.Greek`, the class behind `lexloom.blank("el")`.

Greek tokenizer exceptions (elisions, abbreviations, clock times) and affixes, with its
number words for LIKE_NUM (lex_attrs.py), stop words and noun chunks.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..lazy_lemmatizer import lemmatizer_getattr
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class GreekDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    stop_words = STOP_WORDS
    syntax_iterators = SYNTAX_ITERATORS


class Greek(Language):
    lang = "el"
    Defaults = GreekDefaults


__getattr__ = lemmatizer_getattr(__name__, "GreekLemmatizer")


__all__ = ["Greek"]
