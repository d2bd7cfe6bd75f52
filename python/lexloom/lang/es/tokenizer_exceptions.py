"""Spanish special cases: abbreviations ("Ud." with the norm "usted"), "pal" (= "para el"),
and clock times ("5pm" -> "5", "pm")."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, NORM, ORTH, Exceptions, merge_exceptions

_NORMED = {"Ud.": "usted", "Vd.": "usted", "Uds.": "ustedes", "Vds.": "ustedes",
           "vol.": "volúmen"}
_WHOLE = """
n° °C aprox. dna. dpto. ej. esq. pág. p.ej. a.C. a.J.C. d.C. d.J.C. apdo. Av. Avda. Cía. Dr.
Dra. EE.UU. Ee.Uu. etc. fig. Gob. Gral. Ing. J.C. km/h Lic. m.n. núm. P.D. Prof. Profa.
q.e.p.d. Q.E.P.D. S.A. S.L. S.R.L. s.s.s. Sr. Sra. Srta.
"""


def _spanish_exceptions() -> Exceptions:
    exc: Exceptions = {"pal": [{ORTH: "pa"}, {ORTH: "l", NORM: "el"}],
                       "12m.": [{ORTH: "12"}, {ORTH: "m."}]}
    for orth, norm in _NORMED.items():
        exc[orth] = [{ORTH: orth, NORM: norm}]
    for orth in _WHOLE.split() + ["EE. UU.", "Ee. Uu."]:
        exc[orth] = [{ORTH: orth}]
    for hour in range(1, 13):
        for period in ("a.m.", "am", "p.m.", "pm"):
            exc[f"{hour}{period}"] = [{ORTH: str(hour)}, {ORTH: period}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _spanish_exceptions())
