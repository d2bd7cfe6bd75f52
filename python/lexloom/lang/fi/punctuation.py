"""Finnish affixes: case endings attach to abbreviations and numbers with a colon
("EU:n", "14:s") and compounds with a hyphen ("taide-elokuva", "1700-luvulle"), so neither
a colon nor a plain hyphen splits inside a word; longer dashes, brackets and quotes other
than the apostrophe still do. The possessive "'s" and a final apostrophe stay attached."""
from __future__ import annotations

import re

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    HYPHEN_ITEMS,
    LIST_ELLIPSES,
    LIST_ICONS,
)
from ..punctuation import TOKENIZER_SUFFIXES as _BASE_SUFFIXES

_QUOTES = CONCAT_QUOTES.replace("'", "")
_DASHES = "|".join(re.escape(d) for d in HYPHEN_ITEMS if d != "-")

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        f"(?<=[{ALPHA_LOWER}])\\.(?=[{ALPHA_UPPER}])",  # "loppu.Alku"
        f"(?<=[{ALPHA}])[,!?](?=[{ALPHA}])",
        f"(?<=[{ALPHA}])([{_QUOTES}\\)\\]\\(\\[])(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])(?:{_DASHES})(?=[{ALPHA}])",  # "Sen--ben", not "taide-elokuva"
        f"(?<=[{ALPHA}0-9])[<>=/](?=[{ALPHA}])",  # no ":" (case endings)
    ]
)

_KEEP_ATTACHED = {"'s", "'S", "\u2019s", "\u2019S", "'", "\\'"}
TOKENIZER_SUFFIXES: list[str] = [s for s in _BASE_SUFFIXES if s not in _KEEP_ATTACHED]
