"""Tigrinya: `lexloom.lang.ti.Tigrinya`, the class behind `lexloom.blank("ti")`.

Ethiopic punctuation as suffixes, abbreviations kept whole, number words, and its stop words.
"""
from __future__ import annotations

import functools

from ..lex_attrs import get_lang
from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class TigrinyaDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    suffixes = TOKENIZER_SUFFIXES
    # spaCy's ti Defaults list a LANG getter beside the number words
    lex_attr_getters = {**LEX_ATTRS, "LANG": functools.partial(get_lang, lang="ti")}
    stop_words = STOP_WORDS
    writing_system = {"direction": "ltr", "has_case": False, "has_letters": True}


class Tigrinya(Language):
    lang = "ti"
    Defaults = TigrinyaDefaults


__all__ = ["Tigrinya"]
