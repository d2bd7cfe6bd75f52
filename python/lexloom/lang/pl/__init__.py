"""Polish: `lexloom.lang.pl.Polish`, the class behind `lexloom.blank("pl")`.

The language-independent tokenizer rules and lexical attributes, with its stop words
and number words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class PolishDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Polish(Language):
    lang = "pl"
    Defaults = PolishDefaults


__all__ = ["Polish"]
