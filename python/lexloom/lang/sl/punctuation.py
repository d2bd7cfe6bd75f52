"""Slovenian affixes: the language-independent ones, except that a period after a digit stays
on the number, since Slovenian writes ordinals that way ("10. decembra" is "10." + ...)."""
from __future__ import annotations

from ..char_classes import ALPHA_LOWER, CONCAT_QUOTES, PUNCT_CHARS
from ..punctuation import TOKENIZER_SUFFIXES as BASE_SUFFIXES
from ..punctuation import after

_SIGNS = r"%²\-\+|" + PUNCT_CHARS + CONCAT_QUOTES
_PERIOD_AFTER_ANY = after("0-9" + ALPHA_LOWER + _SIGNS, r"\.")


def _slovenian_suffixes() -> list[str]:
    """The base suffixes with the final-period rule narrowed to exclude digits."""
    if _PERIOD_AFTER_ANY not in BASE_SUFFIXES:
        raise RuntimeError("[lexloom] sl: the base final-period suffix rule has changed; "
                           "update lexloom/lang/sl/punctuation.py to match it.")
    return [after(ALPHA_LOWER + _SIGNS, r"\.") if rule == _PERIOD_AFTER_ANY else rule
            for rule in BASE_SUFFIXES]


TOKENIZER_SUFFIXES: list[str] = _slovenian_suffixes()
