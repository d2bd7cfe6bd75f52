"""Malayalam stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
അത് അന്നേരം അന്ന് ആകുന്നു ആണ് ആയിരുന്നു ഇത് ഇന്ന് വരെ
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
