"""Macedonian: `lexloom.lang.mk.Macedonian`, the class behind `lexloom.blank("mk")`.

The language-independent tokenizer rules, with its own abbreviations, number likeness
(lex_attrs.py) and stop words.
"""
from __future__ import annotations

import functools

from ..lex_attrs import get_lang
from ...language import BaseDefaults, Language
from ..lazy_lemmatizer import lemmatizer_getattr
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class MacedonianDefaults(BaseDefaults):
    # spaCy's mk Defaults list a LANG getter beside the number words
    lex_attr_getters = {**LEX_ATTRS, "LANG": functools.partial(get_lang, lang="mk")}
    stop_words = STOP_WORDS
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS


class Macedonian(Language):
    lang = "mk"
    Defaults = MacedonianDefaults


__getattr__ = lemmatizer_getattr(__name__, "MacedonianLemmatizer")


__all__ = ["Macedonian"]
