"""Kurmanji stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
bi da de di em ev ew ez gelek hemû her hin hûn ji kengî kes ku kê kî li me min te tişt tu va
vê vî wan we wê wî çawa çend çi çima çiqas û
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
