"""Italian special cases: abbreviations and hyphenated or slashed loans kept whole ("art.",
"s.p.a.", "e-mail", "c/c"), "po'" (poco) and "E'" kept with their apostrophe, "art." after an
elided preposition ("dell'art." -> "dell'", "art."), and "sett.." split before the extra
period. Added to the language-independent cases."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions

_WHOLE = (
    ".. .... a.C. al. all-path art. Art. artt. att. avv. Avv. by-pass c.d. c/c C.so "
    "centro-sinistra check-up Civ. cm. Cod. col. Cost. d.C. de\" distr. E' ecc. e-mail "
    "e/o etc. Jr. n° nord-est pag. Proc. prof. sett. s.p.a. s.n.c s.r.l ss. St. tel. "
    "week-end po'"
)
_ELIDED_BEFORE_ART = "all' dall' dell' L' l' nell'"


def _italian_exceptions() -> Exceptions:
    exc: Exceptions = {orth: [{ORTH: orth}] for orth in _WHOLE.split()}
    for elided in _ELIDED_BEFORE_ART.split():
        exc[elided + "art."] = [{ORTH: elided}, {ORTH: "art."}]
    exc["sett.."] = [{ORTH: "sett."}, {ORTH: "."}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _italian_exceptions())
