"""Ancient Greek: `lexloom.lang.grc.AncientGreek`, the class behind `lexloom.blank("grc")`.

The language-independent tokenizer rules and lexical attributes, with its stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language
from .stop_words import STOP_WORDS


class AncientGreekDefaults(BaseDefaults):
    stop_words = STOP_WORDS


class AncientGreek(Language):
    lang = "grc"
    Defaults = AncientGreekDefaults


__all__ = ["AncientGreek"]
