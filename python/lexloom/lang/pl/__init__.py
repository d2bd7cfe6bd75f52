"""Polish: `lexloom.lang.pl.Polish`, the class behind `lexloom.blank("pl")`.

The language-independent tokenizer rules and lexical attributes, with its stop words
and number words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class PolishDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Polish(Language):
    lang = "pl"
    Defaults = PolishDefaults


_LAZY = ("PolishLemmatizer", "make_lemmatizer")


def __getattr__(name: str):
    """The lemmatizer names import lexloom.pipeline (and thinc): loaded on first access, so
    `blank("pl")` stays light."""
    if name in _LAZY or name == "lemmatizer":
        import importlib

        lemmatizer = importlib.import_module(f"{__name__}.lemmatizer")
        return lemmatizer if name == "lemmatizer" else getattr(lemmatizer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Polish"]
