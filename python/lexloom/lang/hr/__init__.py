"""Croatian: `lexloom.lang.hr.Croatian`, the class behind `lexloom.blank("hr")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class CroatianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Croatian(Language):
    lang = "hr"
    Defaults = CroatianDefaults


__all__ = ["Croatian"]
