"""Slovenian affixes, as spaCy's Slovenian splits:

- "+", "/", "•", "¯", "=", "×" and every hyphen split off both ends of a word ("+15" is "+" "15");
- a final period stays on a number (ordinals: "10. decembra" is "10." + ...), and the
  English "'s" is no suffix;
- initials split ("J.K." is "J." "K.");
- a hyphen inside a word splits unless what follows it is a Slovenian ending written after
  an abbreviation or a number ("BTC-jev", "5-ih" stay whole, "5-krat" does not).
"""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    HYPHENS,
    LIST_ELLIPSES,
    LIST_HYPHENS,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT_CHARS,
    UNITS,
)
from ..punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES
from ..punctuation import after, between

_SIGNS = [r"\+", r"\/", "•", "¯", "=", "×"] + LIST_HYPHENS

_ADJECTIVE_ENDINGS = ["", "a", "e", "i", "o", "ega", "em", "emu", "ih", "im", "ima", "imi"]


def _hyphen_endings() -> list[str]:
    """Endings Slovenian writes after a hyphen ("BTC-jev", "NATO-vski", "5-ih"): possessive
    adjectives in -ev/-jev/-ov/-jin and their -ski forms, the nouns in -ec and -ka made from
    them, and the plain case endings of nouns, adjectives and the pronoun "ta"."""
    endings = set()
    for stem in ("ev", "jev", "ov"):
        endings.update(stem + e for e in _ADJECTIVE_ENDINGS)
        endings.update(stem + "sk" + e for e in _ADJECTIVE_ENDINGS if e)
        endings.update(stem + e for e in ("ec", "ca", "cu", "cem", "cev", "cema", "cih", "ci",
                                          "ce", "cimi"))
        endings.update(stem + "k" + e for e in ("", "a", "e", "i", "o", "ama", "ah", "am",
                                                "ami"))
    endings.update("jin" + e for e in _ADJECTIVE_ENDINGS)
    endings.update("t" + e for e in _ADJECTIVE_ENDINGS if e)
    endings.update("a e i o u em om ih im ima imi ega ema emu oma ja je ji ju jem jema "
                   "jih".split())
    return sorted(endings, key=lambda e: (-len(e), e))


HYPHEN_ENDINGS: list[str] = _hyphen_endings()

TOKENIZER_PREFIXES: list[str] = _SIGNS + BASE_PREFIXES

TOKENIZER_SUFFIXES: list[str] = (
    _SIGNS
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + [
        r"(?<=°[FfCcKk])\.",  # "20°C."
        after("0-9", f"(?:{CURRENCY})"),  # "5€"
        after("0-9", f"(?:{UNITS})"),  # "5km"
        # a final period after a lowercase letter, a sign or punctuation; not after a digit
        after(ALPHA_LOWER + r"%²\-\+|" + PUNCT_CHARS + CONCAT_QUOTES, r"\."),
        f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",  # "EU."
        r"(?<=[A-Z]\.)(?:[A-Z].)",  # initials: "J.K."
    ]
)

_QUOTES_NO_APOSTROPHE = CONCAT_QUOTES.replace("'", "")

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        between("0-9", r"[+\-\*^]", "0-9-"),  # "2+2", "10-20"
        between(ALPHA_LOWER + _QUOTES_NO_APOSTROPHE, r"\.",
                ALPHA_UPPER + _QUOTES_NO_APOSTROPHE),  # "konec.Nova"
        between(ALPHA, ",", ALPHA),
        # a hyphen, unless the rest of the word is one of the endings
        f"(?<=[{ALPHA}0-9])(?:{HYPHENS})(?!(?:{'|'.join(HYPHEN_ENDINGS)})$)(?=[{ALPHA}])",
        between(ALPHA + "0-9", "[:<>=/]", ALPHA),
    ]
)
