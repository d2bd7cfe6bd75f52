"""Lower Sorbian: `lexloom.lang.dsb.LowerSorbian`, the class behind `lexloom.blank("dsb")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class LowerSorbianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class LowerSorbian(Language):
    lang = "dsb"
    Defaults = LowerSorbianDefaults


__all__ = ["LowerSorbian"]
