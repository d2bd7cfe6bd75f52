"""Norwegian Bokmål special cases: abbreviations kept whole with their period ("bl.a.",
"kl.", "pga."; a few also capitalized: "Ca.", "Dr."), month abbreviations with the month as
NORM, and day-of-month ordinals ("17."). Which forms are kept whole follows spaCy 3.8's
Norwegian tokenizer (each checked against it)."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, NORM, ORTH, Exceptions, merge_exceptions

_MONTHS = {
    "jan": "januar", "feb": "februar", "mar": "mars", "apr": "april", "jun": "juni",
    "aug": "august", "sep": "september", "okt": "oktober", "nov": "november",
    "des": "desember",
}

# written in one case only; each gets a final period
_CASED = "Ap Ca Chr Co Dr Frp Kr Mr Mrs Pb Pr Sp St e.Kr f.Kr"
# lowercase, and capitalized too (they can begin a sentence); each gets a final period
_LOWER_AND_CAPITALIZED = "ca co dr f f.eks g kr p pr s st v"
# lowercase only; each gets a final period
_LOWER = """
a.m adm.dir b.c bl.a bla bm bnr bto c.c cand.mag d.d d.m d.y dept dr.med dr.philos dvs e.l
ekskl el etc etg ev evt f.o.m fhv fk foreg fork fv fvt gl gnr gt hhv hoh hr ifb ifm iht inkl
istf jf jr jul kfr kgl kgl.res kl komm kst lat m.a.o m.fl m.m m.v mag.art md mfl mht mill min
mnd moh mrd mv mva ndf nr nto o.a o.l off ofl osv ovf p.a p.g.a p.m p.t pga ph.d pkt pst pt
red.anm ref res resp rv s.d s.k s.u s.å sen sms snr spm sr st.meld st.prp stip stk stud sv
såk t.h t.o.m t.v temp tils tilsv tlf ult utg vedk vedr vg vgs vha vit.ass vn vol vs vsa årg
årh
"""


def _bokmal_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for abbr, month in _MONTHS.items():
        exc[abbr + "."] = [{ORTH: abbr + ".", NORM: month}]
    for orth in [a + "." for a in _CASED.split()]:
        exc[orth] = [{ORTH: orth}]
    for abbr in _LOWER_AND_CAPITALIZED.split():
        for form in (abbr + ".", abbr.capitalize() + "."):
            exc.setdefault(form, [{ORTH: form}])
    for abbr in _LOWER.split():
        exc.setdefault(abbr + ".", [{ORTH: abbr + "."}])
    for day in range(1, 32):  # "17. mai"
        exc[f"{day}."] = [{ORTH: f"{day}."}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _bokmal_exceptions())
