"""Dutch: `lexloom.lang.nl.Dutch`, the class behind `lexloom.blank("nl")`.

Its own affixes (hyphenated compounds stay whole, punctuation.py), stop words, number
words and noun chunks.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS


class DutchDefaults(BaseDefaults):
    prefixes = TOKENIZER_PREFIXES
    infixes = TOKENIZER_INFIXES
    suffixes = TOKENIZER_SUFFIXES
    lex_attr_getters = LEX_ATTRS
    syntax_iterators = SYNTAX_ITERATORS
    stop_words = STOP_WORDS


class Dutch(Language):
    lang = "nl"
    Defaults = DutchDefaults


_LAZY = ("DutchLemmatizer", "make_lemmatizer")


def __getattr__(name: str):
    """The lemmatizer names import lexloom.pipeline (and thinc): loaded on first access, so
    `blank("nl")` stays light."""
    if name in _LAZY or name == "lemmatizer":
        import importlib

        lemmatizer = importlib.import_module(f"{__name__}.lemmatizer")
        return lemmatizer if name == "lemmatizer" else getattr(lemmatizer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Dutch"]
