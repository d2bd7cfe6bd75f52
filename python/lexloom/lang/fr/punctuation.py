"""French affixes: elided articles split off the front ("l'homme" -> "l'", "homme"), hyphenated
subject pronouns off the back ("dit-il" -> "dit", "-il"), and an apostrophe between letters
is a split point ("jusqu'alors")."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    LIST_ELLIPSES,
    LIST_PUNCT,
    LIST_QUOTES,
    UNITS,
)
from ..punctuation import TOKENIZER_INFIXES as BASE_INFIXES
from ..punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES

ELISION = "'\u2019"
HYPHENS = "-\u2013\u2014\u2010\u2011"

_ELIDED = "d l n"  # the articles and negation that elide before a vowel
_ELIDED_ALT = "|".join(_ELIDED.split() + _ELIDED.upper().split())
# Subject and object pronouns (and "ce", "là", "clés") after a hyphen: "a-t-il", "dis-moi".
_HYPHEN_SUFFIXES = "ce clés elle en il ils je là moi nous on t vous"
_HYPHEN_SUFFIX_ALT = "|".join(_HYPHEN_SUFFIXES.split() + _HYPHEN_SUFFIXES.upper().split())

TOKENIZER_PREFIXES: list[str] = BASE_PREFIXES + [
    f"(?:({_ELIDED_ALT})[{ELISION}])(?=[{ALPHA}])",
]

# The "(?:" and ")" characters sit inside the class for parity with spaCy, whose pattern
# wraps the quote characters in a group inside the brackets.
_PERIOD_AFTER = "0-9" + ALPHA_LOWER + r"%²\-\+" + "(?:" + CONCAT_QUOTES + ")"

TOKENIZER_SUFFIXES: list[str] = (
    LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",  # "20°C." -> "20°C", "."
        r"(?<=[0-9])%",
        f"(?<=[0-9])(?:{CURRENCY})",
        f"(?<=[0-9])(?:{UNITS})",
        f"(?<=[{_PERIOD_AFTER}])\\.",
        f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",
        f"(?<=[{ALPHA}])[{HYPHENS}]({_HYPHEN_SUFFIX_ALT})",
    ]
)

TOKENIZER_INFIXES: list[str] = BASE_INFIXES + [f"(?<=[{ALPHA}][{ELISION}])(?=[{ALPHA}])"]
