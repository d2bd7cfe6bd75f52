"""Arabic: `lexloom.lang.ar.Arabic`, the class behind `lexloom.blank("ar")`.

Its own suffixes (a final period splits after Arabic script, not after a Latin word:
punctuation.py), abbreviations (tokenizer_exceptions.py), its number words for LIKE_NUM
(lex_attrs.py), and its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class ArabicDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    suffixes = TOKENIZER_SUFFIXES
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    stop_words = STOP_WORDS
    writing_system = {"direction": "rtl", "has_case": False, "has_letters": True}


class Arabic(Language):
    lang = "ar"
    Defaults = ArabicDefaults


__all__ = ["Arabic"]
