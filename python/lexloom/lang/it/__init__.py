"""Italian: `lexloom.lang.it.Italian`, the class behind `lexloom.blank("it")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class ItalianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Italian(Language):
    lang = "it"
    Defaults = ItalianDefaults


__all__ = ["Italian"]
