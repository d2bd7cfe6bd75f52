"""Portuguese special cases: abbreviations with periods or a slash kept whole ("Dr.", "Sra.",
"e/ou", "km/h", "S/A"), added to the language-independent cases."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions

# Titles, with a lowercase twin where Portuguese writes one.
_TITLES = "Adm. Art. Av. Cia. Dr. Fund. Gen. Gov. Inc. Jr. Ltd. Mr. Ph.D. Rep. Rev. Sen. Sr. Sra."
_LOWERCASE_TOO = {"Art.", "Av.", "Dr.", "Sr.", "Sra."}
_OTHER = "dom. e.g. E.g. E.G. e/ou ed. eng. etc. i.e. I.e. I.E. km/h p.m. S/A vs. tel. pág. pag."


def _portuguese_exceptions() -> Exceptions:
    orths = _TITLES.split() + _OTHER.split()
    orths += [title.lower() for title in _LOWERCASE_TOO]
    return {orth: [{ORTH: orth}] for orth in orths}


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _portuguese_exceptions())
