"""Slovenian: `lexloom.lang.sl.Slovenian`, the class behind `lexloom.blank("sl")`.

The language-independent tokenizer rules, except that ordinals keep their period
(punctuation.py), with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .punctuation import TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS


class SlovenianDefaults(BaseDefaults):
    suffixes = TOKENIZER_SUFFIXES
    stop_words = STOP_WORDS


class Slovenian(Language):
    lang = "sl"
    Defaults = SlovenianDefaults


__all__ = ["Slovenian"]
