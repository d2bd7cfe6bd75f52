"""Norwegian Nynorsk: `lexloom.lang.nn.NorwegianNynorsk`, the class behind `lexloom.blank("nn")`.

The language-independent tokenizer rules and lexical attributes, no stop words.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language


class NorwegianNynorskDefaults(BaseDefaults):
    """Nothing beyond the language-independent defaults."""


class NorwegianNynorsk(Language):
    lang = "nn"
    Defaults = NorwegianNynorskDefaults


__all__ = ["NorwegianNynorsk"]
