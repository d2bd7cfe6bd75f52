"""English infixes: as the base ones, except that a hyphen between a digit and a letter
splits too ("3-year" -> "3", "-", "year")."""
from __future__ import annotations

from ..char_classes import (  # noqa: F401 (spaCy's module offers these names too)
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    HYPHENS,
    LIST_ELLIPSES,
    LIST_ICONS,
)
from ..punctuation import TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES, infixes

TOKENIZER_INFIXES: list[str] = infixes(ALPHA + "0-9")

__all__ = ["TOKENIZER_PREFIXES", "TOKENIZER_SUFFIXES", "TOKENIZER_INFIXES"]
