"""Language-independent prefix, suffix and infix patterns.

Each list holds regex fragments; `lexloom.tokenizer_split.compile_prefix_regex` and its
siblings join them. Order matters for prefixes and infixes (the first alternative that
matches at a position wins) and not for suffixes (all are anchored at the end, so the
match that starts earliest wins).
"""
from __future__ import annotations

from .char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    COMBINING_DIACRITICS,
    CONCAT_QUOTES,
    CURRENCY,
    HYPHENS,
    LIST_CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT,  # noqa: F401 (re-exported, as spaCy's module does)
    PUNCT_CHARS,
    UNITS,
)


def after(left: str, body: str) -> str:
    """`body` where it directly follows one character of class `left`."""
    return f"(?<=[{left}]){body}"


def between(left: str, body: str, right: str) -> str:
    """`body` with a character of class `left` before it and of class `right` after it."""
    return f"(?<=[{left}]){body}(?=[{right}])"


_DIGITS = "0-9"  # ASCII only: \d would also take other scripts' digits

TOKENIZER_PREFIXES: list[str] = (
    ["§", "%", "=", "\u2014", "\u2013", r"\+(?![0-9])"]  # '+' unless it signs a number
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_CURRENCY
    + LIST_ICONS
)

# Characters after which a final period is split off: digits, lowercase letters, a few
# signs, punctuation and quotes. The "|" is in the set for parity with spaCy, whose
# pattern puts it there by joining the punctuation as an alternation inside a class.
_PERIOD_AFTER = _DIGITS + ALPHA_LOWER + r"%²\-\+|" + PUNCT_CHARS + CONCAT_QUOTES

TOKENIZER_SUFFIXES: list[str] = (
    LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + ["'s", "'S", "\u2019s", "\u2019S", "\u2014", "\u2013"]
    + [
        after(_DIGITS, r"\+"),  # "5+"
        r"(?<=°[FfCcKk])\.",  # "20°C."
        after(_DIGITS, f"(?:{CURRENCY})"),  # "5$"
        after(_DIGITS, f"(?:{UNITS})"),  # "5km"
        after(_PERIOD_AFTER, r"\."),  # "end."
        f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",  # "USA."
    ]
)

_ARITH = r"[+\-\*^]"  # between digits: "2+2", "10-20"


def infixes(hyphen_left: str) -> list[str]:
    """Infix patterns; `hyphen_left` is the class allowed before a hyphen."""
    return (
        LIST_ELLIPSES
        + LIST_ICONS
        + [
            between(_DIGITS, _ARITH, _DIGITS + "-"),
            between(ALPHA_LOWER + CONCAT_QUOTES, r"\.", ALPHA_UPPER + CONCAT_QUOTES),  # "end.Next"
            between(ALPHA, ",", ALPHA),  # "this,that"
            between(hyphen_left, f"(?:{HYPHENS})", ALPHA),  # "well-known"
            between(ALPHA + _DIGITS, "[:<>=/]", ALPHA),  # "and/or"
        ]
    )


TOKENIZER_INFIXES: list[str] = infixes(ALPHA)

# For text in decomposed Unicode form (a letter followed by combining marks): the suffix and
# infix rules that need a letter before the split point also fire after letter + mark.
COMBINING_DIACRITICS_TOKENIZER_SUFFIXES: list[str] = list(TOKENIZER_SUFFIXES) + [
    f"(?<=[{ALPHA}][{COMBINING_DIACRITICS}])\\.",
]
COMBINING_DIACRITICS_TOKENIZER_INFIXES: list[str] = list(TOKENIZER_INFIXES) + [
    f"(?<=[{ALPHA_LOWER}][{COMBINING_DIACRITICS}])\\.(?=[{ALPHA_UPPER}{CONCAT_QUOTES}])",
    f"(?<=[{ALPHA}][{COMBINING_DIACRITICS}]),(?=[{ALPHA}])",
    f"(?<=[{ALPHA}][{COMBINING_DIACRITICS}])(?:{HYPHENS})(?=[{ALPHA}])",
    f"(?<=[{ALPHA}][{COMBINING_DIACRITICS}])[:<>=/](?=[{ALPHA}])",
]
