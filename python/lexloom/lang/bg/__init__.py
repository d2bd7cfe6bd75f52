"""Bulgarian: `lexloom.lang.bg.Bulgarian`, the class behind `lexloom.blank("bg")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class BulgarianDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class Bulgarian(Language):
    lang = "bg"
    Defaults = BulgarianDefaults


__all__ = ["Bulgarian"]
