"""Slovenian: `lexloom.lang.sl.Slovenian`, the class behind `lexloom.blank("sl")`.

Its own affixes (signs and hyphens split off words, ordinals keep their period, a hyphen
before a Slovenian ending stays: punctuation.py), abbreviations, stop words, and its own
number likeness and currency words (lex_attrs.py: cardinals and ordinals in their declined
forms; "evro", "dolarjev" are IS_CURRENCY).
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class SlovenianDefaults(BaseDefaults):
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    stop_words = STOP_WORDS
    lex_attr_getters = LEX_ATTRS


class Slovenian(Language):
    lang = "sl"
    Defaults = SlovenianDefaults


__all__ = ["Slovenian"]
