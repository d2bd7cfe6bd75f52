"""Serbian affixes: a final period splits after any letter (upper or lower case: Cyrillic
initials and abbreviations), and "'s" is not a suffix; infixes split digits at arithmetic
signs, "lower.Upper", commas between letters and ":<>=/" before a letter. Hyphens never
split."""
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
    UNITS,
)

# Characters after which a final period splits off. "|", "(", "?", ":" and ")" are in the
# class for parity with spaCy, whose pattern puts an alternation and a group inside it.
_PERIOD_AFTER = ALPHA + r"%²\-\+" + PUNCT_CHARS + "|(?:" + CONCAT_QUOTES + ")"

TOKENIZER_SUFFIXES: list[str] = (
    LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        f"(?<=[0-9])(?:{CURRENCY})",
        f"(?<=[0-9])(?:{UNITS})",
        f"(?<=[{_PERIOD_AFTER}])\\.",
    ]
)

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        r"(?<=[0-9])[+\-\*^](?=[0-9-])",
        f"(?<=[{ALPHA_LOWER}{CONCAT_QUOTES}])\\.(?=[{ALPHA_UPPER}{CONCAT_QUOTES}])",
        f"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        f"(?<=[{ALPHA}0-9])[:<>=/](?=[{ALPHA}])",
    ]
)
