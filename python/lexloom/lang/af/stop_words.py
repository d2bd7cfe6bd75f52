"""Afrikaans stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
'n aan af al as baie by daar dag dat die dit een ek en gaan gesê haar het hom hulle hy in is
jou jy kan kom ma maar met my na nie om ons op saam sal se sien so sy te toe uit van vir was
wat ŉ
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
