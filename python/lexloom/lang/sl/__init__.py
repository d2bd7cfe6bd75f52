"""Slovenian: `lexloom.lang.sl.Slovenian`, the class behind `lexloom.blank("sl")`.

Its own affixes (signs and hyphens split off words, ordinals keep their period, a hyphen
before a Slovenian ending stays: punctuation.py), abbreviations and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class SlovenianDefaults(BaseDefaults):
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    stop_words = STOP_WORDS


class Slovenian(Language):
    lang = "sl"
    Defaults = SlovenianDefaults


__all__ = ["Slovenian"]
