"""UpperSorbian stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
a abo ale ani dokelž hdyž jeli jelizo kaž pak potom tež tohodla zo zoby
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
