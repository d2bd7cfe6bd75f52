"""Bengali affixes, as spaCy's Bengali splits:

- prefixes are punctuation (with the danda "।" and "॥"), quotes, icons and "+", but not
  "§", "%", "=" or currency signs;
- a final period splits after a lowercase letter, a sign, a quote or a currency sign, not
  after a digit ("1862." stays whole) or anything else; the English "'s" is no suffix;
- after a digit, "+", a unit or one of "$¢£€¥฿৳" splits;
- arithmetic signs and "=" split between ASCII or Bengali digits ("৩*৩=৬" is five tokens),
  and hyphens, ",", ":", "<", ">", "=" and "/" between letters only.
"""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    CONCAT_QUOTES,
    HYPHENS,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    UNITS,
)
from ..punctuation import after, between

_CURRENCY = r"\$¢£€¥฿৳"
_DIGITS = "0-9\u09e6-\u09ef"  # ASCII and Bengali digits (০-৯)
_PUNCT = LIST_PUNCT + ["।", "॥"]

TOKENIZER_PREFIXES: list[str] = [r"\+"] + _PUNCT + LIST_ELLIPSES + LIST_QUOTES + LIST_ICONS

TOKENIZER_SUFFIXES: list[str] = (
    _PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + [
        after("0-9", r"\+"),
        r"(?<=°[FfCcKk])\.",
        after("0-9", f"[{_CURRENCY}]"),
        after("0-9", f"(?:{UNITS})"),
        # the "(?:" and ")" are in the class for parity with spaCy's pattern
        after(ALPHA_LOWER + r"%²\-\+" + CONCAT_QUOTES + "(?:" + _CURRENCY + ")", r"\."),
    ]
)

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        between(_DIGITS, r"[+\-\*^=]", _DIGITS + "-"),
        between(ALPHA, ",", ALPHA),
        between(ALPHA, f"(?:{HYPHENS})", ALPHA),
        between(ALPHA, "[:<>=/]", ALPHA),
    ]
)
