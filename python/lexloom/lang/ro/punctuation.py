"""Romanian affixes. Clitics joined by a hyphen split off as their own tokens: the closed-
class words written before a hyphen ("într-", "s-", "și-") are prefixes and the articles,
pronouns and auxiliaries after one ("-l", "-ului", "-și") are suffixes, in every spelling
(see `ro_variants`). "°" is not split off as a symbol, units stay on their number ("10km"),
and there is no possessive "'s" suffix."""
from __future__ import annotations

import itertools

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    ICON_RANGES,
    LIST_CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT_CHARS,
    class_body,
)

# Each capital with the letters it is also typed as: the comma-below letters with the older
# cedilla forms, and any diacritic dropped.
_SPELLINGS = {"Ă": "ĂA", "Â": "ÂA", "Î": "ÎI", "Ș": "ȘŞS", "Ț": "ȚŢT"}


def ro_variants(words: list[str]) -> list[str]:
    """Every way `words` are written: each diacritic kept, in cedilla form or dropped, each
    form in UPPER, lower and Title case; sorted, without duplicates."""
    out: set[str] = set()
    for word in words:
        choices = [_SPELLINGS.get(c, c) for c in word.upper()]
        for letters in itertools.product(*choices):
            upper = "".join(letters)
            out.update((upper, upper.lower(), upper.title()))
    return sorted(out)


# Closed-class words (prepositions, pronouns, auxiliaries...) joined to the next word.
_CLITIC_PREFIXES = ro_variants("""
a- c- ce- cu- d- de- dintr- e- făr- i- l- le- m- mi- n- ne- p- pe- prim- printr- s- se- te-
v- într- ș- și- ți-
""".split())
# Articles, pronouns and auxiliaries joined to the word before.
_CLITIC_SUFFIXES = ro_variants("""
-a -aceasta -ai -al -ale -alta -am -ar -astea -atâta -au -aș -ați -i -ilor -l -le -lea -mea
-meu -mi -mă -n -ndărătul -ne -o -oi -or -s -se -si -te -ul -ului -un -uri -urile -urilor
-veți -vă -ăștia -și -ți
""".split())



def _without(ranges: list[tuple[int, int]], cp: int) -> list[tuple[int, int]]:
    out = []
    for lo, hi in ranges:
        if lo <= cp <= hi:
            out += [(a, b) for a, b in ((lo, cp - 1), (cp + 1, hi)) if a <= b]
        else:
            out.append((lo, hi))
    return out


_ICONS_NO_DEGREE = [f"[{class_body(_without(ICON_RANGES, 0xB0))}]"]  # "20°" stays whole
# A final period splits after a digit, a lowercase letter, these signs, punctuation or a
# quote; after two capitals too ("SUA."), but not after one.
_PERIOD_AFTER = "0-9" + ALPHA_LOWER + r"%²\-\+|" + PUNCT_CHARS + CONCAT_QUOTES

TOKENIZER_PREFIXES: list[str] = (
    ["§", "%", "=", "\u2014", "\u2013", r"\+(?![0-9])"]
    + _CLITIC_PREFIXES
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_CURRENCY
    + LIST_ICONS
)

TOKENIZER_SUFFIXES: list[str] = (
    _CLITIC_SUFFIXES
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + _ICONS_NO_DEGREE
    + ["\u2014", "\u2013"]
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        f"(?<=[0-9])(?:{CURRENCY})",
        f"(?<=[{_PERIOD_AFTER}])\\.",
        f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",
    ]
)

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + _ICONS_NO_DEGREE
    + [
        r"(?<=[0-9])[+\*^](?=[0-9-])",
        f"(?<=[{ALPHA_LOWER}{CONCAT_QUOTES}])\\.(?=[{ALPHA_UPPER}{CONCAT_QUOTES}])",
        f"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        f"(?<=[{ALPHA}0-9])[:<>=](?=[{ALPHA}])",
    ]
)
