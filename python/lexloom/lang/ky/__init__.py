"""Kyrgyz: `lexloom.lang.ky.Kyrgyz`, the class behind `lexloom.blank("ky")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class KyrgyzDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Kyrgyz(Language):
    lang = "ky"
    Defaults = KyrgyzDefaults


__all__ = ["Kyrgyz"]
