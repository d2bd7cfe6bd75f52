"""Upper Sorbian: `lexloom.lang.hsb.UpperSorbian`, the class behind `lexloom.blank("hsb")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class UpperSorbianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class UpperSorbian(Language):
    lang = "hsb"
    Defaults = UpperSorbianDefaults


__all__ = ["UpperSorbian"]
