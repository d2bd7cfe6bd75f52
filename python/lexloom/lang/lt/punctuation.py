"""Lithuanian affixes: every final period splits off (abbreviations are listed as special cases
instead), and a hyphen between digits is not an infix, so ranges and case endings written
after numbers stay whole ("28-iose", "1990-2000")."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    HYPHENS,
    LIST_ELLIPSES,
    LIST_ICONS,
)
from ..punctuation import TOKENIZER_SUFFIXES as BASE_SUFFIXES
from ..punctuation import between

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        between("0-9", r"[+\*^]", "0-9-"),
        between(ALPHA_LOWER + CONCAT_QUOTES, r"\.", ALPHA_UPPER + CONCAT_QUOTES),
        between(ALPHA, ",", ALPHA),
        between(ALPHA, f"(?:{HYPHENS})", ALPHA),
        between(ALPHA + "0-9", "[:<>=/]", ALPHA),
    ]
)

TOKENIZER_SUFFIXES: list[str] = [r"\."] + BASE_SUFFIXES
