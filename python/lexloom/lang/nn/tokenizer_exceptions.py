"""Norwegian Nynorsk special cases: abbreviations kept whole with their period ("nov.",
"bl.a.", "t.d."; a few also capitalized: "Ca.", "Dr."), month abbreviations with the month
as NORM, day-of-month ordinals ("17.") and a sentence-final "i." that splits: Bokmål's
lists (lang/nb) with Nynorsk's months and six more abbreviations. Which forms are kept whole
follows spaCy 3.8's Nynorsk tokenizer (each checked against it)."""
from __future__ import annotations

from ..nb.tokenizer_exceptions import BARE, BOKMAL_MONTHS, LOWER, norwegian_exceptions
from ..tokenizer_exceptions import BASE_EXCEPTIONS, NORM, ORTH, Exceptions, merge_exceptions

# month abbreviation -> its NORM (None: kept whole, no norm of its own)
_NYNORSK_MONTHS = {**BOKMAL_MONTHS, "jun": "juni", "jul": None, "okt": "oktober",
                   "nov": "november"}


def _nynorsk_exceptions() -> Exceptions:
    exc = norwegian_exceptions(_NYNORSK_MONTHS, LOWER + " adr dss eig m.a obl t.d", BARE)
    for day in range(1, 32):  # "17. mai"
        exc[f"{day}."] = [{ORTH: f"{day}."}]
    # the preposition at a sentence end: "ueinig i." is a word and a period
    exc["i."] = [{ORTH: "i", NORM: "i"}, {ORTH: "."}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _nynorsk_exceptions())
