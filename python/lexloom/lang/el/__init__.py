"""Greek: `lexloom.lang.el.Greek`, the class behind `lexloom.blank("el")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class GreekDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Greek(Language):
    lang = "el"
    Defaults = GreekDefaults


__all__ = ["Greek"]
