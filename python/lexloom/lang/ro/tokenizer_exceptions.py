"""Romanian special cases, each in every spelling (`ro_variants`): ordinals written with a
digit ("a 4-a", "al 12-lea"), abbreviations with their periods ("str.", "nr.", "ș.a.m.d.")
and a few hyphenated words kept whole ("într-adevăr", "d-lui")."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions
from .punctuation import ro_variants

# Feminine ordinals "a N-a" for 1-12; masculine "al N-lea" for 2-12, "1-ul" for the first.
_ORDINALS = [f"{n}-a" for n in range(1, 13)] + ["1-ul"] + [f"{n}-lea" for n in range(2, 13)]

_ABBREVIATIONS = """
d-voastră dvs. ing. dr. Rom. str. nr. etc. d.p.d.v. dpdv șamd. ș.a.m.d.
A.c. A.f. A.r. Al. Art. Aug. Bd. Dem. Dr. Fig. Fr. Gh. Gr. Lt. Nr. Obs. Prof. Sf. a.m. a.r.
alin. art. d-l d-lui d-nei ex. fig. ian. lit. lt. p.a. p.m. pct. prep. sf. tel. univ. îngr.
într-adevăr Șt. ș.a.
"""


def _romanian_exceptions() -> Exceptions:
    words = ro_variants(_ORDINALS + _ABBREVIATIONS.split())
    return {orth: [{ORTH: orth}] for orth in words}


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _romanian_exceptions())
