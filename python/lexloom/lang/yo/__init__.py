"""Yoruba: `lexloom.lang.yo.Yoruba`, the class behind `lexloom.blank("yo")`.

The language-independent tokenizer rules, with its own number likeness (lex_attrs.py)
and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class YorubaDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Yoruba(Language):
    lang = "yo"
    Defaults = YorubaDefaults


__all__ = ["Yoruba"]
