"""Norwegian affixes (Bokmål and Nynorsk), close to the Danish ones: hyphens never split
("Oslo-området", "3-4"), "#" is no prefix and "°" no suffix or infix (as spaCy's Norwegian
rules have it), an apostrophe after s/x/z stays on the word, and "/" splits only between
letters."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    ICON_RANGES,
    LIST_CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT,
    UNITS,
    class_body,
)
from ..punctuation import TOKENIZER_SUFFIXES as BASE_SUFFIXES

_QUOTES_NO_APOSTROPHE = CONCAT_QUOTES.replace("'", "")
_PUNCT_NO_HASH = [p for p in LIST_PUNCT if p not in ("#", "\\#")]
_QUOTES_NO_APOSTROPHE_LIST = [q for q in LIST_QUOTES if q not in ("'", "\\'")]


def _ranges_without(ranges, codepoint: int):
    """The (start, end) code-point ranges with one code point taken out."""
    out = []
    for start, end in ranges:
        if start <= codepoint <= end:
            if start < codepoint:
                out.append((start, codepoint - 1))
            if codepoint < end:
                out.append((codepoint + 1, end))
        else:
            out.append((start, end))
    return out


_ICONS_NO_DEGREE = [f"[{class_body(_ranges_without(ICON_RANGES, 0xB0))}]"]

TOKENIZER_PREFIXES: list[str] = (
    ["§", "%", "=", "—", "–", r"\+(?![0-9])"] + _PUNCT_NO_HASH + LIST_ELLIPSES + LIST_QUOTES
    + LIST_CURRENCY + LIST_ICONS
)

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + _ICONS_NO_DEGREE
    + [
        f"(?<=[{ALPHA_LOWER}])\\.(?=[{ALPHA_UPPER}])",
        f"(?<=[{ALPHA}])[,!?](?=[{ALPHA}])",
        f"(?<=[{ALPHA}])[:<>=/](?=[{ALPHA}])",
        f"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])([{_QUOTES_NO_APOSTROPHE}\\)\\]\\(\\[])(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])--(?=[{ALPHA}])",
    ]
)

TOKENIZER_SUFFIXES: list[str] = (
    LIST_PUNCT
    + LIST_ELLIPSES
    + _QUOTES_NO_APOSTROPHE_LIST
    + _ICONS_NO_DEGREE
    + ["—", "–"]
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        f"(?<=[0-9])(?:{CURRENCY})",
        f"(?<=[0-9])(?:{UNITS})",
        f"(?<=[{ALPHA_LOWER}%²\\-\\+{PUNCT}(?:{_QUOTES_NO_APOSTROPHE})])\\.",
        f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",
    ]
    + [r"(?<=[^sSxXzZ])'"]
)

# Nynorsk: the same, then the base suffixes except the possessive "'s" forms
NYNORSK_SUFFIXES: list[str] = TOKENIZER_SUFFIXES + [
    s for s in BASE_SUFFIXES if s not in ("'s", "'S", "\u2019s", "\u2019S", "\\'")]
