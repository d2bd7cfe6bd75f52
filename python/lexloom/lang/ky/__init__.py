"""Kyrgyz: `lexloom.lang.ky.Kyrgyz`, the class behind `lexloom.blank("ky")`.

Kyrgyz infixes (hyphenated compounds stay whole), abbreviations normalised to their words,
its number words and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class KyrgyzDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    infixes = TOKENIZER_INFIXES
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Kyrgyz(Language):
    lang = "ky"
    Defaults = KyrgyzDefaults


__all__ = ["Kyrgyz"]
