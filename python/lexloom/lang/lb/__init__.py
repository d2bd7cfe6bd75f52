"""Luxembourgish: `lexloom.lang.lb.Luxembourgish`, the class behind `lexloom.blank("lb")`.

Luxembourgish tokenizer exceptions and infixes (the elided article "d'" splits off), with
its number words for LIKE_NUM (lex_attrs.py) and its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class LuxembourgishDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    infixes = TOKENIZER_INFIXES
    stop_words = STOP_WORDS


class Luxembourgish(Language):
    lang = "lb"
    Defaults = LuxembourgishDefaults


__all__ = ["Luxembourgish"]
