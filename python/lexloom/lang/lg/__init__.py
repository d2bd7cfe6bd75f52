"""Luganda: `lexloom.lang.lg.Luganda`, the class behind `lexloom.blank("lg")`.

The language-independent tokenizer rules, except that a hyphen after a digit splits too
("1890-х" is three tokens, as in English), its own number likeness (lex_attrs.py: Luganda
number words and ordinals) and its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..char_classes import ALPHA
from ..punctuation import infixes as infix_rules
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class LugandaDefaults(BaseDefaults):
    infixes = infix_rules(ALPHA + "0-9")
    stop_words = STOP_WORDS
    lex_attr_getters = LEX_ATTRS


class Luganda(Language):
    lang = "lg"
    Defaults = LugandaDefaults


__all__ = ["Luganda"]
