"""Hungarian affixes. Case and derivational endings attach to numbers and symbols with a
hyphen ("7-es", "%-sal", "C++-ben"), so hyphens never split; a bare "-e" (the yes/no
question particle, "Lakik-e?") splits off a word. A period, comma or colon before a letter
splits as a prefix (".Ez" after a typo), and an apostrophe stays inside words. Symbols such
as "°" or "©" stay attached ("99°")."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    LIST_ELLIPSES,
    LIST_PUNCT,
    LIST_QUOTES,
    UNIT_ITEMS,
    alternation,
)

# Currency signs that split off a number; the wider set stays attached ("5₽").
_CURRENCY = r"\$¢£€¥฿"
# Units after a number, except "%" ("5%" stays one token, as does "5%-os").
_UNITS = alternation(u for u in UNIT_ITEMS if u != "%")
_QUOTES_NO_APOSTROPHE = CONCAT_QUOTES.replace("'", "")
# A final period splits after a lowercase letter, these signs, a quote, a currency sign or
# a bracket, colon or question mark; after a digit or capital it stays ("15.", "IV.").
_PERIOD_AFTER = ALPHA_LOWER + r"%²\-\+" + CONCAT_QUOTES + _CURRENCY + r"()?:"

TOKENIZER_PREFIXES: list[str] = (
    LIST_PUNCT + LIST_ELLIPSES + LIST_QUOTES + [f"[,.:](?=[{ALPHA}])"]
)

TOKENIZER_SUFFIXES: list[str] = (
    [r"\+"]
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        f"(?<=[0-9])[{_CURRENCY}]",
        f"(?<=[0-9])(?:{_UNITS})",
        f"(?<=[{_PERIOD_AFTER}])\\.",
        f"(?<=[{ALPHA_LOWER})])-e",  # the question particle: "Lakik-e", "(lakik)-e"
    ]
)

TOKENIZER_INFIXES: list[str] = LIST_ELLIPSES + [
    f"(?<=[{ALPHA_LOWER}])\\.(?=[{ALPHA_UPPER}])",
    f"(?<=[{ALPHA}])[,!?](?=[{ALPHA}])",
    f"(?<=[{ALPHA}])[:<>=](?=[{ALPHA}])",
    f"(?<=[{ALPHA}])--(?=[{ALPHA}])",
    f"(?<=[{ALPHA}])[{_QUOTES_NO_APOSTROPHE})\\](\\[](?=[\\-{ALPHA}])",
]
