"""Haitian Creole affixes: a pronoun or particle elided before an apostrophe ("m'", "l'",
"k'") is a prefix of the word it leans on, and a contracted pronoun after one ("lajan'm",
"di'l") a suffix; a final period splits only after a letter at a word's end; an apostrophe
between letters is a split point of zero width ("m'ap" -> "m'", "ap")."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    HYPHENS,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
)
from ..punctuation import after, between

ELISION = "'\u2019"
# mwen, nou, li, yo, te, ki, ou: their one-letter forms before an apostrophe
_ELIDED = "mnlytkw"

TOKENIZER_PREFIXES: list[str] = (
    LIST_PUNCT + LIST_QUOTES
    + [f"(?:([{_ELIDED}{_ELIDED.upper()}])[{ELISION}])(?=[{ALPHA}])"]
)

TOKENIZER_SUFFIXES: list[str] = (
    LIST_PUNCT + LIST_QUOTES + LIST_ELLIPSES
    + [
        after("0-9", "%"),  # "10%"
        after("0-9", f"(?:{HYPHENS})"),  # "1-"
        after(ALPHA, f"[{ELISION}]"),  # "pwofesè'"
        after(ALPHA, f"[{ELISION}][mwlnytk](?=\\s|$)"),  # "lajan'm"
        after(ALPHA + "0-9", r"\)"),
        after(ALPHA, r"\.(?=\s|$)"),  # "lakay."
        r"(?<=\))[\.\?!]",  # "(m'ap)."
    ]
)

TOKENIZER_INFIXES: list[str] = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        between("0-9", r"[+\-\*^]", "0-9-"),
        between(ALPHA_LOWER + CONCAT_QUOTES, r"\.", ALPHA_UPPER + CONCAT_QUOTES),
        between(ALPHA, ",", ALPHA),
        between(ALPHA + "0-9", f"(?:{HYPHENS})", ALPHA),
        f"(?<=[{ALPHA}][{ELISION}])(?=[{ALPHA}])",  # after the apostrophe: "m'|ap"
    ]
)
