"""Italian affixes: an elided article, preposition or pronoun splits off before the next
word at its apostrophe ("l'ha" -> "l'", "ha"; "dell'olio"), a hyphen splits only before
a lowercase letter ("Emilia-Romagna" stays whole), and an abbreviated year ("'90") or a
number with a degree sign ("20°") comes off the front whole."""
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
from ..punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES
from ..punctuation import between

ELISION = "'\u2019"

TOKENIZER_PREFIXES: list[str] = [r"'[0-9][0-9]", r"[0-9]+°"] + BASE_PREFIXES

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        between("0-9", r"[+\-\*^]", "0-9-"),  # "2+2", "10-20"
        between(ALPHA_LOWER + CONCAT_QUOTES, r"\.", ALPHA_UPPER + CONCAT_QUOTES),
        between(ALPHA, ",", ALPHA),
        between(ALPHA, f"(?:{HYPHENS})", ALPHA_LOWER),
        between(ALPHA + "0-9", "[:<>=/]", ALPHA),
        # zero-width: split after letter + apostrophe, before a letter, digit or quote
        f"(?<=[{ALPHA}][{ELISION}])(?=[{ALPHA}0-9\"])",
    ]
)
