"""Russian: `lexloom.lang.ru.Russian`, the class behind `lexloom.blank("ru")`.

The language-independent tokenizer rules, with its own number likeness (lex_attrs.py)
and stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .lex_attrs import LEX_ATTRS
from .stop_words import STOP_WORDS


class RussianDefaults(BaseDefaults):
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Russian(Language):
    lang = "ru"
    Defaults = RussianDefaults


__all__ = ["Russian"]
