"""Arabic and Persian suffixes: punctuation, quotes, and after a digit "+", a currency or a
unit. A final period splits only after two letters without case distinction or capitals
(Arabic script counts as both), so "كتاب." splits and a Latin "end." or "il." stays whole,
as in spaCy's Arabic and Persian."""
from __future__ import annotations

from ..char_classes import ALPHA_UPPER, CURRENCY, LIST_ELLIPSES, LIST_PUNCT, LIST_QUOTES, UNITS
from ..punctuation import after


def rtl_suffixes(extra: list[str] = ()) -> list[str]:
    """The suffix rules, with a language's `extra` ones after the digit rules."""
    return (
        LIST_PUNCT
        + LIST_ELLIPSES
        + LIST_QUOTES
        + [after("0-9", r"\+")]
        + list(extra)
        + [
            after("0-9", f"(?:{CURRENCY})"),
            after("0-9", f"(?:{UNITS})"),
            f"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\\.",
        ]
    )


TOKENIZER_SUFFIXES: list[str] = rtl_suffixes()
