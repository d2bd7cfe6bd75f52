"""Luxembourgish: `lexloom.lang.lb.Luxembourgish`, the class behind `lexloom.blank("lb")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class LuxembourgishDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Luxembourgish(Language):
    lang = "lb"
    Defaults = LuxembourgishDefaults


__all__ = ["Luxembourgish"]
