"""Multi-language: `lexloom.lang.xx.MultiLanguage`, the class behind `lexloom.blank("xx")`,
for pipelines that serve many languages: the language-independent data only.
"""
from __future__ import annotations

from ...language import BaseDefaults, Language


class MultiLanguageDefaults(BaseDefaults):
    """Nothing beyond the language-independent defaults."""


class MultiLanguage(Language):
    lang = "xx"
    Defaults = MultiLanguageDefaults


__all__ = ["MultiLanguage"]
