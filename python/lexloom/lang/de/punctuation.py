"""German affixes: `` opens and '' closes a quotation, "/" splits off the end, a period after
a digit stays on the number (ordinals: "3. Oktober"), and letters split at brackets, quotes,
"--" and punctuation between them; a hyphen splits only between digits."""
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
from ..punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES

TOKENIZER_PREFIXES: list[str] = ["``"] + BASE_PREFIXES

# Characters after which a final period splits off. "|", "(", "?", ":" and ")" are in the
# class for parity with spaCy, whose pattern puts an alternation and a group inside it.
_PERIOD_AFTER = ALPHA_LOWER + r"%²\-\+" + PUNCT_CHARS + "|(?:" + CONCAT_QUOTES + ")"

TOKENIZER_SUFFIXES: list[str] = (
    ["''", "/"]
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        f"(?<=[0-9])(?:{CURRENCY})",
        f"(?<=[0-9])(?:{UNITS})",
        f"(?<=[{_PERIOD_AFTER}])\\.",
        f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",
    ]
)

_QUOTES_NO_APOSTROPHE = CONCAT_QUOTES.replace("'", "")

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        f"(?<=[{ALPHA_LOWER}])\\.(?=[{ALPHA_UPPER}])",
        f"(?<=[{ALPHA}])[,!?](?=[{ALPHA}])",
        f"(?<=[{ALPHA}])[:<>=](?=[{ALPHA}])",
        f"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        f"(?<=[0-9{ALPHA}])\\/(?=[0-9{ALPHA}])",
        f"(?<=[{ALPHA}])([{_QUOTES_NO_APOSTROPHE}\\)\\]\\(\\[])(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])--(?=[{ALPHA}])",
        r"(?<=[0-9])-(?=[0-9])",
    ]
)
