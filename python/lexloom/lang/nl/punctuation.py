"""Dutch affixes: hyphens never split ("minister-president", "sociaal-cultureel") and a
possessive "'s" stays on its word ("auto's"); ",," opens a low quotation, "''" closes one,
and "%" is not split off a number as a unit ("5%" stays one token)."""
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
    LIST_UNITS,
    PUNCT_CHARS,
)
from ..punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES

TOKENIZER_PREFIXES: list[str] = [",,"] + BASE_PREFIXES

_QUOTES_NO_APOSTROPHE = CONCAT_QUOTES.replace("'", "")

# letters split only at punctuation, brackets, quotes and "--" between them: no hyphen rule
TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        f"(?<=[{ALPHA_LOWER}])\\.(?=[{ALPHA_UPPER}])",
        f"(?<=[{ALPHA}])[,!?](?=[{ALPHA}])",
        f'(?<=[{ALPHA}"])[:<>=](?=[{ALPHA}])',
        f"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])([{_QUOTES_NO_APOSTROPHE}\\)\\]\\(\\[])(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])--(?=[{ALPHA}])",
    ]
)

_UNITS = "|".join(unit for unit in LIST_UNITS if unit != "%")
# Characters after which a final period splits off; "|", "(", "?", ":" and ")" are in the
# class for parity with spaCy, whose pattern puts an alternation and a group inside it.
_PERIOD_AFTER = "0-9" + ALPHA_LOWER + r"%²\-\+" + PUNCT_CHARS + "|(?:" + CONCAT_QUOTES + ")"

TOKENIZER_SUFFIXES: list[str] = (
    ["''"]
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + ["\u2014", "\u2013"]
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        f"(?<=[0-9])(?:{CURRENCY})",
        f"(?<=[0-9])(?:{_UNITS})",
        f"(?<=[{_PERIOD_AFTER}])\\.",
        f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",
    ]
)
