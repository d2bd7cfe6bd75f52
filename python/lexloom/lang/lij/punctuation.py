"""Ligurian infixes: the language-independent ones, and an elided word splits after its
apostrophe ("l'ægua" is "l'" + "ægua"), as in spaCy's Ligurian."""
from __future__ import annotations

from ..char_classes import ALPHA
from ..punctuation import TOKENIZER_INFIXES as BASE_INFIXES

ELISION = "'\u2019"

TOKENIZER_INFIXES: list[str] = BASE_INFIXES + [f"(?<=[{ALPHA}][{ELISION}])(?=[{ALPHA}])"]
