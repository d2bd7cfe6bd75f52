"""Luganda: `lexloom.lang.lg.Luganda`, the class behind `lexloom.blank("lg")`.

The language-independent tokenizer rules, except that a hyphen after a digit splits too
("1890-х" is three tokens, as in English), the language-independent lexical attributes,
and its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..char_classes import ALPHA
from ..punctuation import infixes as infix_rules
from .stop_words import STOP_WORDS


class LugandaDefaults(BaseDefaults):
    infixes = infix_rules(ALPHA + "0-9")
    stop_words = STOP_WORDS


class Luganda(Language):
    lang = "lg"
    Defaults = LugandaDefaults


__all__ = ["Luganda"]
