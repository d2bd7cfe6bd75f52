"""Malayalam: `lexloom.lang.ml.Malayalam`, the class behind `lexloom.blank("ml")`.

The language-independent tokenizer rules, with its stop words and its own number likeness
(lex_attrs.py: Malayalam number words in their spelling variants).
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class MalayalamDefaults(BaseDefaults):
    stop_words = STOP_WORDS
    lex_attr_getters = LEX_ATTRS


class Malayalam(Language):
    lang = "ml"
    Defaults = MalayalamDefaults


__all__ = ["Malayalam"]
