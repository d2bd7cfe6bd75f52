"""Catalan affixes. Elided articles and pronouns split after their apostrophe ("d'un" ->
"d'", "un"), enclitic pronouns split off a verb ("cantar-te", "parlar-te'n", "explicar-
t'ho"), a hyphen splits off either end of a word ("-hola", "Núria-"), and "%" stays on its
number; there is no possessive "'s" suffix."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    LIST_CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT_CHARS,
    UNIT_ITEMS,
    alternation,
)

_ELISION = "'\u2019"
# Weak pronouns written after the verb: with an apostrophe they attach to the next word
# ("'n", "'ls"), with a hyphen to the verb ("-te", "-los"); "-l'" etc. elide before another.
_APOSTROPHE_CLITICS = "'ls 'l 'ns 't 'm 'n".split()
_HYPHEN_CLITICS = "-les -la -lo -li -los -me -nos -te -vos -se -hi -ne -ho".split()
_ELIDED_HYPHEN_CLITICS = "-l' -m' -t' -n'".split()
_UNITS = alternation(u for u in UNIT_ITEMS if u != "%")
# A final period splits after a digit, a lowercase letter, these signs, punctuation or a
# quote; after two capitals too ("EUA."), but not after one ("J.").
_PERIOD_AFTER = "0-9" + ALPHA_LOWER + r"%²\-\+|" + PUNCT_CHARS + CONCAT_QUOTES

TOKENIZER_PREFIXES: list[str] = (
    ["§", "%", "=", "\u2014", "\u2013", "-", r"\+(?![0-9])"]
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_CURRENCY
    + LIST_ICONS
)

TOKENIZER_SUFFIXES: list[str] = (
    LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + ["-", "\u2014", "\u2013"]
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        f"(?<=[0-9])(?:{CURRENCY})",
        f"(?<=[0-9])(?:{_UNITS})",
        f"(?<=[{_PERIOD_AFTER}])\\.",
        f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",
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
        f"(?<=[{ALPHA}][{_ELISION}])(?=[{ALPHA}0-9])",  # empty split after "d'", "l'"
        "(?:{})(?![A-Za-z])|(?:{})".format(
            "|".join(_APOSTROPHE_CLITICS + _HYPHEN_CLITICS), "|".join(_ELIDED_HYPHEN_CLITICS)
        ),
    ]
)
