"""Norwegian Bokmål special cases: abbreviations kept whole with their period ("bl.a.",
"kl.", "pga."; a few also capitalized: "Ca.", "Dr."), month abbreviations (some with the
month as NORM), and a few other forms ("tl;dr", "§§"). Which forms are kept whole and which
months get a norm follow spaCy 3.8's Norwegian tokenizers, Bokmål's and Nynorsk's (each
checked against them); Nynorsk (lang/nn) builds on these lists."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, NORM, ORTH, Exceptions, merge_exceptions

# month abbreviation -> its NORM (None: kept whole, no norm of its own)
BOKMAL_MONTHS = {
    "jan": "januar", "feb": "februar", "mar": "mars", "apr": "april", "jun": None,
    "jul": "juli", "aug": "august", "sep": None, "okt": None, "nov": None, "des": "desember",
}

# written in one case only; each gets a final period
_CASED = "Ap Aq Ca Chr Co Dr Fr.p Frp Grl Kr Kr.F Mr Mrs Pb Pr Sp St e.Kr f.Kr"
# lowercase, and capitalized too (they can begin a sentence); each gets a final period
_LOWER_AND_CAPITALIZED = "ca co dr f.eks grl kr pr st"
# lowercase only; each gets a final period
LOWER = """
f g p s v a.m ad adm.dir b.c bl.a bla bm bnr bto c.c cand.mag d.d d.m d.y dept dr.med dr.philos
dr.psychol dvs e.l eg ekskl el et etc etg ev evt f.o.m fhv fk foreg fork fv fvt gl gno gnr gt
h.r.adv hhv hoh hr ifb ifm iht inkl istf jf jr jul juris kfr kgl kgl.res kl komm kst lat lø
m.a.o m.fl m.m m.v ma mag.art md mfl mht mill min mnd moh mrd muh mv mva n.å ndf nr nto nyno
o.a o.l off ofl on op org osv ovf p.a p.g.a p.m p.t pga ph.d pkt pst pt red.anm ref res
res.kap resp rv s.d s.k s.u s.å sen siviling sms snr spm sr sst st.meld st.prp stip stk stud
sv såk sø t.h t.o.m t.v temp ti tils tilsv tlf to ult utg vedk vedr vg vgs vha vit.ass vn vol
vs vsa årg årh
"""
# kept whole as written
BARE = ["Kr.F.s", "tl;dr", "§§", "©NTB"]


def norwegian_exceptions(months: dict, lower: str, bare: list[str]) -> Exceptions:
    """The special cases from a month table, the lowercase abbreviations and whole forms."""
    exc: Exceptions = {}
    for abbr, month in months.items():
        exc[abbr + "."] = [{ORTH: abbr + ".", NORM: month} if month else {ORTH: abbr + "."}]
    for orth in [a + "." for a in _CASED.split()] + bare:
        exc[orth] = [{ORTH: orth}]
    for abbr in _LOWER_AND_CAPITALIZED.split():
        for form in (abbr + ".", abbr.capitalize() + "."):
            exc.setdefault(form, [{ORTH: form}])
    for abbr in lower.split():
        exc.setdefault(abbr + ".", [{ORTH: abbr + "."}])
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(
    BASE_EXCEPTIONS, norwegian_exceptions(BOKMAL_MONTHS, LOWER + " no", BARE + ["andelsnr"]))
