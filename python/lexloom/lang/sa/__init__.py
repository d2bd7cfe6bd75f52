"""Sanskrit: `lexloom.lang.sa.Sanskrit`, the class behind `lexloom.blank("sa")`.

The language-independent tokenizer rules, with the number words one to a hundred and its
stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class SanskritDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Sanskrit(Language):
    lang = "sa"
    Defaults = SanskritDefaults


__all__ = ["Sanskrit"]
