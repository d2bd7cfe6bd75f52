"""Danish affixes: a possessive "'s" and a final apostrophe after s/x/z stay on the word
("DBA's", "Lars'", "Liz'"), and hyphens never split (Danish compounds: "gå-på-mod"); letters
split at brackets, non-apostrophe quotes, "--" and punctuation between them, and "/" splits
only before a letter ("og/eller", but "1/2" stays)."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    LIST_ELLIPSES,
    LIST_ICONS,
)
from ..punctuation import TOKENIZER_SUFFIXES as BASE_SUFFIXES

_QUOTES_NO_APOSTROPHE = CONCAT_QUOTES.replace("'", "")


def nordic_suffixes() -> list[str]:
    """The base suffixes, with "'s" kept on its word and "'" split off only after a letter
    other than s, x or z (where it marks the possessive)."""
    kept = [s for s in BASE_SUFFIXES if s not in {"'s", "'S", "\u2019s", "\u2019S", "'", "\\'"}]
    return kept + [r"(?<=[^sSxXzZ])'"]


TOKENIZER_SUFFIXES: list[str] = nordic_suffixes()

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        f"(?<=[{ALPHA_LOWER}])\\.(?=[{ALPHA_UPPER}])",
        f"(?<=[{ALPHA}])[,!?](?=[{ALPHA}])",
        f"(?<=[{ALPHA}])[:<>=](?=[{ALPHA}])",
        f"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])([{_QUOTES_NO_APOSTROPHE}\\)\\]\\(\\[])(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])--(?=[{ALPHA}])",
        f"(?<=[{ALPHA}0-9])[:<>=/](?=[{ALPHA}])",
    ]
)
