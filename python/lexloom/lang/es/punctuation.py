"""Spanish affixes: dashes split off the end, "%" is not a unit, a period after a digit splits
off, and no hyphen or minus splits inside a word ("ex-presidente", "1-2" stay whole)."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT_CHARS,
    UNIT_ITEMS,
    alternation,
)

_UNITS = alternation(u for u in UNIT_ITEMS if u != "%")
_QUOTES_AND_DASHES = CONCAT_QUOTES + "\u2014\u2013"
# "|", "(", "?", ":" and ")" are in the class for parity with spaCy (see lang/de).
_PERIOD_AFTER = "0-9" + ALPHA_LOWER + r"%²\-\+" + PUNCT_CHARS + "|(?:" + _QUOTES_AND_DASHES + ")"

TOKENIZER_SUFFIXES: list[str] = (
    ["\u2014", "\u2013"]
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        f"(?<=[0-9])(?:{CURRENCY})",
        f"(?<=[0-9])(?:{_UNITS})",
        f"(?<=[{_PERIOD_AFTER}])\\.",
        f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",
    ]
)

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        r"(?<=[0-9])[+\*^](?=[0-9-])",
        f"(?<=[{ALPHA_LOWER}{_QUOTES_AND_DASHES}])\\.(?=[{ALPHA_UPPER}{_QUOTES_AND_DASHES}])",
        f"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        f"(?<=[{ALPHA}0-9])[:<>=/](?=[{ALPHA}])",
    ]
)
