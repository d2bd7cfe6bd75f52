"""Polish: `lexloom.lang.pl.Polish`, the class behind `lexloom.blank("pl")`.

Polish affixes (punctuation.py: hyphens split, a final period always splits off, so the base
special cases that end in "." are left out), lexical attributes, stop words and number words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..lazy_lemmatizer import lemmatizer_getattr
from ..tokenizer_exceptions import BASE_EXCEPTIONS
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS

# A final period always splits off in Polish, so no base special case ends with one ("p.",
# "°C." would otherwise stay whole)
TOKENIZER_EXCEPTIONS = {orth: tokens for orth, tokens in BASE_EXCEPTIONS.items()
                        if not orth.endswith(".")}


class PolishDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    infixes = TOKENIZER_INFIXES
    suffixes = TOKENIZER_SUFFIXES
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Polish(Language):
    lang = "pl"
    Defaults = PolishDefaults


__getattr__ = lemmatizer_getattr(__name__, "PolishLemmatizer")


__all__ = ["Polish"]
