"""Faroese: `lexloom.lang.fo.Faroese`, the class behind `lexloom.blank("fo")`.

The language-independent tokenizer rules and lexical attributes, no stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language


class FaroeseDefaults(BaseDefaults):
    """Nothing beyond the language-independent defaults."""


class Faroese(Language):
    lang = "fo"
    Defaults = FaroeseDefaults


__all__ = ["Faroese"]
