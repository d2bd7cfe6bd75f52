"""Greek: `lexloom.lang.el.Greek`, the class behind `lexloom.blank("el")`.

Greek tokenizer exceptions (elisions, abbreviations, clock times) and affixes, with its
stop words and noun chunks.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class GreekDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    stop_words = STOP_WORDS
    syntax_iterators = SYNTAX_ITERATORS


class Greek(Language):
    lang = "el"
    Defaults = GreekDefaults


_LAZY = ("GreekLemmatizer", "make_lemmatizer")


def __getattr__(name: str):
    """The lemmatizer names import lexloom.pipeline (and thinc): loaded on first access, so
    `blank("el")` stays light."""
    if name in _LAZY or name == "lemmatizer":
        import importlib

        lemmatizer = importlib.import_module(f"{__name__}.lemmatizer")
        return lemmatizer if name == "lemmatizer" else getattr(lemmatizer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Greek"]
