"""Albanian: `lexloom.lang.sq.Albanian`, the class behind `lexloom.blank("sq")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class AlbanianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Albanian(Language):
    lang = "sq"
    Defaults = AlbanianDefaults


__all__ = ["Albanian"]
