"""Tamil: `lexloom.lang.ta.Tamil`, the class behind `lexloom.blank("ta")`.

The language-independent tokenizer rules, with its stop words and its own number likeness
(lex_attrs.py: Tamil number words and their combining forms; a leading sign is not
stripped).
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class TamilDefaults(BaseDefaults):
    stop_words = STOP_WORDS
    lex_attr_getters = LEX_ATTRS


class Tamil(Language):
    lang = "ta"
    Defaults = TamilDefaults


__all__ = ["Tamil"]
