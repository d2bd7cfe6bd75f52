"""Luxembourgish special cases: the clitic "'t" (et), a few abbreviations with their full
form as NORM, and dotted abbreviations kept whole."""
from __future__ import annotations

from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    ORTH,
    Exceptions,
    merge_exceptions,
    normed_exceptions,
)

# full form -> spellings ("'t" also gets its curly-apostrophe twin from merge_exceptions)
_NORMED = {
    "et": "'t 'T", "wannechgelift": "wgl.", "Monsieur": "M.", "Madame": "Mme.",
    "Telefon": "Tel.", "an sou weider": "asw.", "bezéiungsweis": "bzw.", "Januar": "Jan.",
}

# Kept whole, no norm ("Dr." and "etc." too: spaCy's table lists them here last).
_WHOLE = """
z.B. Dipl. Dr. etc. i.e. o.k. O.K. p.a. p.s. P.S. phil. q.e.d. R.I.P. rer. sen. ë.a. U.S. U.S.A.
"""


def _luxembourgish_exceptions() -> Exceptions:
    exc: Exceptions = {}
    exc.update(normed_exceptions(_NORMED))
    for orth in _WHOLE.split():
        exc[orth] = [{ORTH: orth}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _luxembourgish_exceptions())
