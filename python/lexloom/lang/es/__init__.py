"""Spanish: `lexloom.lang.es.Spanish`, the class behind `lexloom.blank("es")`. Its lemmatizer
component in rule mode is SpanishLemmatizer (lang/es/lemmatizer.py)."""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..lazy_lemmatizer import lemmatizer_getattr
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class SpanishDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    infixes = TOKENIZER_INFIXES
    suffixes = TOKENIZER_SUFFIXES
    lex_attr_getters = LEX_ATTRS
    syntax_iterators = SYNTAX_ITERATORS
    stop_words = STOP_WORDS
    # No rule splits a run of ASCII letters, and , ; : ! ? ("." after a lowercase letter)
    # and ( " around one split off alone: the native tokenizer's shortcuts hold
    # (tests/test_lang_fast_paths.py checks both claims).
    letters_are_atomic = True
    simple_affixes_split_off = True


class Spanish(Language):
    lang = "es"
    Defaults = SpanishDefaults


__getattr__ = lemmatizer_getattr(__name__, "SpanishLemmatizer")


__all__ = ["Spanish"]
