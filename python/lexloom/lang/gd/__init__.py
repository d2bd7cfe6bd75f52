"""Scottish: `lexloom.lang.gd.Scottish`, the class behind `lexloom.blank("gd")`.

The language-independent tokenizer rules and lexical attributes, with its stop words and
special cases.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class ScottishDefaults(BaseDefaults):
    stop_words = STOP_WORDS
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS


class Scottish(Language):
    lang = "gd"
    Defaults = ScottishDefaults


__all__ = ["Scottish"]
