"""Macedonian: `lexloom.lang.mk.Macedonian`, the class behind `lexloom.blank("mk")`.

The language-independent tokenizer rules, with its own number likeness (lex_attrs.py)
and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class MacedonianDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Macedonian(Language):
    lang = "mk"
    Defaults = MacedonianDefaults


_LAZY = ("MacedonianLemmatizer", "make_lemmatizer")


def __getattr__(name: str):
    """The lemmatizer names import lexloom.pipeline (and thinc): loaded on first access, so
    `blank("mk")` stays light."""
    if name in _LAZY or name == "lemmatizer":
        import importlib

        lemmatizer = importlib.import_module(f"{__name__}.lemmatizer")
        return lemmatizer if name == "lemmatizer" else getattr(lemmatizer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Macedonian"]
