"""Upper Sorbian: `lexloom.lang.hsb.UpperSorbian`, the class behind `lexloom.blank("hsb")`.

The shared affix rules, a few abbreviations kept whole, number words, and its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class UpperSorbianDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class UpperSorbian(Language):
    lang = "hsb"
    Defaults = UpperSorbianDefaults


__all__ = ["UpperSorbian"]
