"""Dutch: `lexloom.lang.nl.Dutch`, the class behind `lexloom.blank("nl")`.

The language-independent tokenizer rules and lexical attributes, with its stop words
and number words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class DutchDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Dutch(Language):
    lang = "nl"
    Defaults = DutchDefaults


__all__ = ["Dutch"]
