"""Ukrainian: `lexloom.lang.uk.Ukrainian`, the class behind `lexloom.blank("uk")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class UkrainianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Ukrainian(Language):
    lang = "uk"
    Defaults = UkrainianDefaults


__all__ = ["Ukrainian"]
