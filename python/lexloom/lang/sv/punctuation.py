"""Swedish affixes: as Danish ("'s" and a final apostrophe after s/x/z stay on the word,
hyphens never split), except that a colon splits only before a capital, after a capital or
a digit, so the colon forms "c:a", "EU:s", "99:e", "S:t" stay whole."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    LIST_ELLIPSES,
    LIST_ICONS,
)
from ..da.punctuation import nordic_suffixes

_QUOTES_NO_APOSTROPHE = CONCAT_QUOTES.replace("'", "")

TOKENIZER_SUFFIXES: list[str] = nordic_suffixes()

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        f"(?<=[{ALPHA_LOWER}])\\.(?=[{ALPHA_UPPER}])",
        f"(?<=[{ALPHA}])[,!?](?=[{ALPHA}])",
        f"(?<=[{ALPHA}])[<>=](?=[{ALPHA}])",
        f"(?<=[{ALPHA_UPPER}]):(?=[{ALPHA_UPPER}])",
        f"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])([{_QUOTES_NO_APOSTROPHE}\\)\\]\\(\\[])(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])--(?=[{ALPHA}])",
        f"(?<=[{ALPHA}0-9])[<>=/](?=[{ALPHA}])",
        f"(?<=[{ALPHA_UPPER}0-9]):(?=[{ALPHA_UPPER}])",
    ]
)
