"""Setswana: `lexloom.lang.tn.Setswana`, the class behind `lexloom.blank("tn")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class SetswanaDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Setswana(Language):
    lang = "tn"
    Defaults = SetswanaDefaults


__all__ = ["Setswana"]
