"""Norwegian Nynorsk: `lexloom.lang.nn.NorwegianNynorsk`, the class behind `lexloom.blank("nn")`.

The Norwegian affixes (lang/nb/punctuation.py), its abbreviations (tokenizer_exceptions.py)
and the Bokmål noun chunks; no stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from ..nb.punctuation import NYNORSK_SUFFIXES, TOKENIZER_INFIXES, TOKENIZER_PREFIXES
from ..nb.syntax_iterators import SYNTAX_ITERATORS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class NorwegianNynorskDefaults(BaseDefaults):
    prefixes = TOKENIZER_PREFIXES
    infixes = TOKENIZER_INFIXES
    suffixes = NYNORSK_SUFFIXES
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    syntax_iterators = SYNTAX_ITERATORS


class NorwegianNynorsk(Language):
    lang = "nn"
    Defaults = NorwegianNynorskDefaults


__all__ = ["NorwegianNynorsk"]
