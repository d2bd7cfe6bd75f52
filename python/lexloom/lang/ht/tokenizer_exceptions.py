"""Haitian Creole special cases: a pronoun or particle contracted onto the following word,
with or without an apostrophe ("m'ap" / "map" = mwen ap, "lem" = le mwen), split into its two
words with the full forms as NORM; and "Dr.". Haitian Creole has no table of shared special
cases under it (no emoticons, no "a." letters), as in spaCy."""
from __future__ import annotations

from ..tokenizer_exceptions import NORM, ORTH, Exceptions

# pronoun or particle: its full word, then the words it contracts onto with an apostrophe
_APOSTROPHE = {"m": ("mwen", "ap te pral"), "n": ("nou", "ap"), "l": ("li", "ap"),
               "y": ("yo", "ap"), "w": ("ou", "ap"), "k": ("ki", "ap"), "p": ("pa", "ap"),
               "t": ("te", "ap")}

# The same without an apostrophe: short form + word ("map"), all lowercase or capitalised.
_SOLID = {"m": ("mwen", "ap te pral"), "n": ("nou", "ap"), "l": ("li", "ap"),
          "y": ("yo", "ap"), "w": ("ou", "ap"), "k": ("ki", "ap"), "t": ("te", "ap")}

# "le" (when) + a pronoun: "lem" (when I), "lew" (when you)
_WHEN = {"m": "mwen", "w": "ou"}


def _haitian_exceptions() -> Exceptions:
    exc: Exceptions = {"Dr.": [{ORTH: "Dr."}]}
    for short, (full, words) in _APOSTROPHE.items():
        for word in words.split():
            exc[f"{short}'{word}"] = [{ORTH: short + "'", NORM: full}, {ORTH: word, NORM: word}]
            exc[f"{short.upper()}'{word}"] = [{ORTH: short.upper() + "'",
                                               NORM: full.capitalize()},
                                              {ORTH: word, NORM: word}]
    for short, (full, words) in _SOLID.items():
        for word in words.split():
            exc[short + word] = [{ORTH: short, NORM: full}, {ORTH: word, NORM: word}]
            exc[short.upper() + word] = [{ORTH: short.upper(), NORM: full.capitalize()},
                                         {ORTH: word, NORM: word}]
    for short, full in _WHEN.items():
        exc["le" + short] = [{ORTH: "le", NORM: "le"}, {ORTH: short, NORM: full}]
        exc["Le" + short] = [{ORTH: "Le", NORM: "Le"}, {ORTH: short, NORM: full}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = _haitian_exceptions()
