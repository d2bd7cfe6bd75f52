"""Upper Sorbian special cases: the abbreviations "resp." (respektiwnje), "mil." (NORM
"milion") and "wob." (NORM "wobydler", inhabitants) keep their period."""
from __future__ import annotations

from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    NORM,
    ORTH,
    Exceptions,
    merge_exceptions,
)

_ABBREVIATIONS = {"mil.": "milion", "wob.": "wobydler", "resp.": ""}

TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, {
    orth: [{ORTH: orth, NORM: norm} if norm else {ORTH: orth}]
    for orth, norm in _ABBREVIATIONS.items()})
