"""Polish affixes: every hyphen splits (except after the numeral prefixes "długo-", "krótko-",
"jedno-", "dwu-", "trzy-", "cztero-", which split off as prefixes of their own), a final
period always splits off ("r.", "tzw."), and a period between a letter or digit and a digit
or capital splits too."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    LIST_ELLIPSES,
    LIST_HYPHENS,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT,
    UNITS,
)
from ..punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES

_QUOTES_NO_APOSTROPHE = CONCAT_QUOTES.replace("'", "")

TOKENIZER_PREFIXES: list[str] = [r"(długo|krótko|jedno|dwu|trzy|cztero)-"] + BASE_PREFIXES

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + LIST_HYPHENS
    + [
        f"(?<=[0-9{ALPHA}])\\.(?=[0-9{ALPHA_UPPER}])",
        f"(?<=[{ALPHA}])[,!?](?=[{ALPHA}])",
        f"(?<=[{ALPHA}])[:<>=\\/](?=[{ALPHA}])",
        f"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        f"(?<=[{ALPHA}])([{_QUOTES_NO_APOSTROPHE}\\)\\]\\(\\[])(?=[\\-{ALPHA}])",
    ]
)

TOKENIZER_SUFFIXES: list[str] = (
    ["''", "\u2019\u2019", r"\.", "\u2026"]
    + LIST_PUNCT
    + LIST_QUOTES
    + LIST_ICONS
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        f"(?<=[0-9])(?:{CURRENCY})",
        f"(?<=[0-9])(?:{UNITS})",
        f"(?<=[0-9{ALPHA_LOWER}%²\\-\\+{PUNCT}(?:{CONCAT_QUOTES})])\\.",
        f"(?<=[{ALPHA_UPPER}])\\.",
    ]
)
