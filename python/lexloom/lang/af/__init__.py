"""Afrikaans: `lexloom.lang.af.Afrikaans`, the class behind `lexloom.blank("af")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class AfrikaansDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Afrikaans(Language):
    lang = "af"
    Defaults = AfrikaansDefaults


__all__ = ["Afrikaans"]
