"""Azerbaijani: `lexloom.lang.az.Azerbaijani`, the class behind `lexloom.blank("az")`.

The language-independent tokenizer rules, with its number words and ordinals for
LIKE_NUM (lex_attrs.py) and its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class AzerbaijaniDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Azerbaijani(Language):
    lang = "az"
    Defaults = AzerbaijaniDefaults


__all__ = ["Azerbaijani"]
