"""Norwegian Nynorsk: `lexloom.lang.nn.NorwegianNynorsk`, the class behind `lexloom.blank("nn")`.

The language-independent rules plus its abbreviations (tokenizer_exceptions.py) and the
Bokmål noun chunks; no stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..nb.syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class NorwegianNynorskDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    syntax_iterators = SYNTAX_ITERATORS


class NorwegianNynorsk(Language):
    lang = "nn"
    Defaults = NorwegianNynorskDefaults


__all__ = ["NorwegianNynorsk"]
