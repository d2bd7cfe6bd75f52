"""Estonian stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
aga ei et ja jah kas kui kõik ma me mida midagi mind minu mis mu mul mulle nad nii oled olen
oli oma on pole sa seda see selle siin siis ta te ära
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
