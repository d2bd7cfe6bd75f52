"""Bulgarian: `lexloom.lang.bg.Bulgarian`, the class behind `lexloom.blank("bg")`.

The language-independent tokenizer rules (punctuation after a combining stress mark
splits off), with its number words for LIKE_NUM (lex_attrs.py), its own abbreviations
and stop words.
"""
from __future__ import annotations

import functools

from ..lex_attrs import get_lang
from ...language import BaseDefaults, Language
from ..punctuation import (
    COMBINING_DIACRITICS_TOKENIZER_INFIXES,
    COMBINING_DIACRITICS_TOKENIZER_SUFFIXES,
)
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class BulgarianDefaults(BaseDefaults):
    # spaCy's bg Defaults list a LANG getter beside the number words
    lex_attr_getters = {**LEX_ATTRS, "LANG": functools.partial(get_lang, lang="bg")}
    suffixes = COMBINING_DIACRITICS_TOKENIZER_SUFFIXES  # "жару́." splits off its period
    infixes = COMBINING_DIACRITICS_TOKENIZER_INFIXES
    stop_words = STOP_WORDS
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS


class Bulgarian(Language):
    lang = "bg"
    Defaults = BulgarianDefaults


__all__ = ["Bulgarian"]
