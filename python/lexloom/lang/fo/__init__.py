"""Faroese: `lexloom.lang.fo.Faroese`, the class behind `lexloom.blank("fo")`.

The language-independent rules plus its abbreviations (tokenizer_exceptions.py); no stop
words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class FaroeseDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS


class Faroese(Language):
    lang = "fo"
    Defaults = FaroeseDefaults


__all__ = ["Faroese"]
