"""Tigrinya special cases: abbreviations written with "/" or "." kept whole ("ት/ቤት" school,
"ወ/ሮ" Mrs, "ዓ.ም." the Ethiopian calendar era, "ኪ.ሜ." km), with the full word as NORM for
the titles."""
from __future__ import annotations

from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    NORM,
    ORTH,
    Exceptions,
    merge_exceptions,
)

# abbreviation -> full word ("" keeps no NORM of its own)
ABBREVIATIONS = {"ት/ቤት": "", "ወ/ሮ": "ወይዘሮ", "ወ/ሪ": "ወይዘሪት", "ዓ.ም.": "", "ኪ.ሜ.": ""}


def abbreviation_exceptions(table: dict[str, str]) -> Exceptions:
    return {orth: [{ORTH: orth, NORM: norm} if norm else {ORTH: orth}]
            for orth, norm in table.items()}


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(
    BASE_EXCEPTIONS, abbreviation_exceptions(ABBREVIATIONS))
