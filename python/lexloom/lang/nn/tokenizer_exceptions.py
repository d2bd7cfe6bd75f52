"""Norwegian Nynorsk special cases: abbreviations kept whole with their period ("nov.",
"bl.a.", "t.d."; a few also capitalized: "Ca.", "Dr."), month abbreviations with the month
as NORM, day-of-month ordinals ("17.") and a sentence-final "i." that splits. Which forms are
kept whole follows spaCy 3.8's Nynorsk tokenizer (each checked against it)."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, NORM, ORTH, Exceptions, merge_exceptions

_MONTHS = {
    "jan": "januar", "feb": "februar", "mar": "mars", "apr": "april", "jun": "juni",
    "aug": "august", "sep": "september", "okt": "oktober", "nov": "november",
    "des": "desember",
}

# written in one case only; each gets a final period
_CASED = """
Ap Aq Ca Chr Co Dr Fr.p Frp Grl Kr Kr.F Mr Mrs Pb Pr Sp St e.Kr f.Kr
"""
# lowercase, and capitalized too (they can begin a sentence); each gets a final period
_LOWER_AND_CAPITALIZED = "ca co dr f f.eks g grl kr p pr s st v"
# lowercase only; each gets a final period
_LOWER = """
a.m ad adm.dir adr b.c bl.a bla bm bnr bto c.c cand.mag d.d d.m d.y dept dr.med dr.philos
dr.psychol dss dvs e.l eg eig ekskl el et etc etg ev evt f.o.m fhv fk foreg fork fv fvt gl
gno gnr gt h.r.adv hhv hoh hr ifb ifm iht inkl istf jf jr jul juris kfr kgl kgl.res kl komm
kst lat lø m.a m.a.o m.fl m.m m.v ma mag.art md mfl mht mill min mnd moh mrd muh mv mva n.å
ndf nr nto nyno o.a o.l obl off ofl on op org osv ovf p.a p.g.a p.m p.t pga ph.d pkt pst pt
red.anm ref res res.kap resp rv s.d s.k s.u s.å sen siviling sms snr spm sr sst st.meld
st.prp stip stk stud sv såk sø t.d t.h t.o.m t.v temp ti tils tilsv tlf to ult utg vedk vedr
vg vgs vha vit.ass vn vol vs vsa årg årh
"""
_BARE = ["Kr.F.s", "tl;dr", "§§", "©NTB"]


def _nynorsk_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for abbr, month in _MONTHS.items():
        exc[abbr + "."] = [{ORTH: abbr + ".", NORM: month}]
    for orth in [a + "." for a in _CASED.split()] + _BARE:
        exc[orth] = [{ORTH: orth}]
    for abbr in _LOWER_AND_CAPITALIZED.split():
        for form in (abbr + ".", abbr.capitalize() + "."):
            exc.setdefault(form, [{ORTH: form}])
    for abbr in _LOWER.split():
        exc.setdefault(abbr + ".", [{ORTH: abbr + "."}])
    for day in range(1, 32):  # "17. mai"
        exc[f"{day}."] = [{ORTH: f"{day}."}]
    # the preposition at a sentence end: "ueinig i." is a word and a period
    exc["i."] = [{ORTH: "i", NORM: "i"}, {ORTH: "."}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _nynorsk_exceptions())
