"""German: `lexloom.lang.de.German`, the class behind `lexloom.blank("de")`."""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class GermanDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    syntax_iterators = SYNTAX_ITERATORS
    stop_words = STOP_WORDS
    # No rule splits a run of ASCII letters, and , ; : ! ? ("." after a lowercase letter)
    # and ( " around one split off alone: the native tokenizer's shortcuts hold
    # (tests/test_lang_fast_paths.py checks both claims).
    letters_are_atomic = True
    simple_affixes_split_off = True


class German(Language):
    lang = "de"
    Defaults = GermanDefaults


__all__ = ["German"]
