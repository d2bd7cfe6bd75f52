"""Tigrinya suffixes (also used for Amharic): the Ethiopic punctuation marks (word space "፡",
full stop "።", comma "፣" ...) split off a word's end like Latin punctuation. There are no
prefix or infix rules of its own, and a period splits only after two capitals ("ኢ.ኤም.ኤ.")
or as part of the shared punctuation."""
from __future__ import annotations

from ..char_classes import (
    ALPHA_UPPER,
    CURRENCY,
    LIST_ELLIPSES,
    LIST_PUNCT,
    LIST_QUOTES,
    UNITS,
)
from ..punctuation import after

# ፠ ፡ ። ፣ ፤ ፥ ፦ ፧ ፨ (U+1360-U+1368)
ETHIOPIC_PUNCT: list[str] = [chr(code) for code in range(0x1360, 0x1369)]


def ethiopic_suffixes() -> list[str]:
    """The suffix patterns of the languages written in Ge'ez script."""
    return (
        LIST_PUNCT + ETHIOPIC_PUNCT + LIST_ELLIPSES + LIST_QUOTES
        + [
            after("0-9", r"\+"),
            after("0-9", f"(?:{CURRENCY})"),
            after("0-9", f"(?:{UNITS})"),
            f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",
        ]
    )


TOKENIZER_SUFFIXES: list[str] = ethiopic_suffixes()
