"""Ancient Greek affixes: the editorial signs of critical editions split off as their own
tokens (daggers "†" around corrupt text, the paragraphos "⸏"/"⸎", angle brackets "〈〉" for
editorial additions), a hyphen, period or paragraphos after a Greek letter is a suffix, and a
dash after a Greek letter is an infix."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    LIST_CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
)
from ..punctuation import after, infixes

# Greek and Coptic plus Greek Extended (the polytonic letters).
_GREEK = "\u0370-\u03ff\u1f00-\u1fff"

_OPENING_SIGNS = ["\u2020", "\u2e0f", "\u3008"]   # † ⸏ 〈
_CLOSING_SIGNS = ["\u2020", "\u2e0e", "\u3009"]   # † ⸎ 〉

TOKENIZER_PREFIXES: list[str] = (
    _OPENING_SIGNS + LIST_PUNCT + LIST_ELLIPSES + LIST_QUOTES + LIST_CURRENCY + LIST_ICONS
)

TOKENIZER_SUFFIXES: list[str] = (
    LIST_PUNCT + LIST_ELLIPSES + LIST_QUOTES + LIST_ICONS + _CLOSING_SIGNS
    + [after(_GREEK, "[\\-\\.\u2e0f]")]
)

# The shared infixes, with a hyphen also allowed after a digit, plus the em dash after a
# Greek letter.
TOKENIZER_INFIXES: list[str] = infixes(ALPHA + "0-9") + [after(_GREEK, "\u2014")]
