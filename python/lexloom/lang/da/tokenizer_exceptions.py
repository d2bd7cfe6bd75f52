"""Danish special cases: abbreviations kept whole (most in either case), month and weekday
abbreviations with their full word as NORM, colloquial apostrophe forms ("ka'", "sku'"),
day-of-month ordinals ("31.") and a sentence-final "i." that splits."""
from __future__ import annotations

from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    NORM,
    ORTH,
    Exceptions,
    merge_exceptions,
    normed_exceptions,
)

# full word -> lowercase abbreviations (each also written with a period; capitalized too).
# "jul." (juli/jul), "søn." (søndag/søn) are left out as ambiguous; so are "Tor."/"Tors."
# capitalized (the name Tor), see _LOWER_ONLY.
_CALENDAR = {
    "januar": "jan", "februar": "febr feb", "marts": "mar", "april": "apr", "juni": "jun",
    "august": "aug", "september": "sept sep", "oktober": "okt", "november": "nov",
    "december": "dec", "mandag": "man", "tirsdag": "tirs", "onsdag": "ons",
    "torsdag": "tor tors", "fredag": "fre", "lørdag": "lør",
}
_LOWER_ONLY = {"tor", "tors"}

# Written in one case only; each gets a final period.
_CASED_DOTTED = """
A.D B.C B.T BK Boul Chr Dr Dronn H.K.H H.M Hf Inc Kprs L.A Ll Mag Mr Ndr Ph.d Prs Rcp Sdr Skt
Spl Vg diam ib m/sek mia mik pers
"""
_CASED_BARE = "A/B A/S I/S M/S TCP/IP a/s i/s m/k m/s"

# Lowercase abbreviations that also start a sentence capitalized; each gets a final period.
_DOTTED = """
aarh ac adj adr adsk adv afb afd afg afk afs aht alg alk alm amer ang ank anl anv arb arr att
bd bdt beg begr beh bet bev bhk bib bibl bidr bildl bill biol bk bl bl.a borgm br brolægn bto
bygn ca cand cm d.d d.m d.s d.s.s d.v.s d.y d.å d.æ dagl dat dav def dek dep desl dir disp
distr div dkr dl do dobb dr dr.phil ds dvs e.b e.l e.o e.v.t eftf eftm egl eks eksam ekskl
eksp ekspl el.lign emer endv eng enk etc etym eur evt exam f.eks f.m f.n f.o f.o.m f.s.v f.t
f.v.t f.å fa fakt fam ff fg fhv fig filol filos fl flg fm fmd fol forb foreg foren forf fork
forr fors forsk forts fr fr.u frk fsva fuldm fung fx fys fær g.d g.m gd gdr genuds gl gn gns
gr grdl gross h.a h.c hdl henv hhv hj.hj hj.spl hort hosp hpl hr hrs hum hvp i.e id if iflg
ifm ift iht ill indb indreg inf ing inh inj inkl insp instr isl istf it ital iv j.nr jap jf
jfr jnr jr jur jvf kap kbh kem kg kgl kgs kl kld km km/t knsp komm kons korr kp kr kst kt ktr
kv kvm kvt l.c lab lat lb.m lb.nr lejl lgd lic lign lin ling.merc litt loc.cit lok lrs ltr
m.a.o m.fl m.h.p m.h.t m.m m.v m.v.h maks md mdr mdtl mezz mfl mht mill mio modt mrk mul mv
n.br n.f nb nedenst nl nr nto nuv o.a o.fl o.h o.l o.lign o.m.a o.s.fr o/m obl obs odont
oecon off ofl omg omkr omr omtr opg opl opr org orig osv ovenst overs ovf p.a p.c p.m p.m.v
p.n p.p p.p.s p.s p.t p.v.a p.v.c pag pass pcs pct pd pens pft pg pga pgl pinx pk pkt polit
polyt pos pp ppm pr prc priv prod prof pron præd præf præt psych pt pæd q.e.d rad red ref
reg regn rel rep repr resp rest rm rtg russ s.br s.d s.f s.m.b.a s.u s.å sa sb sc scient
scil sek sekr self sem shj sign sing sj skr slutn sml smp snr soc soc.dem sp spec spm spr
spsk st statsaut stk str stud subj subst suff sup suppl sv såk sædv t.h t.o t.o.m t.v tbl
td tdl tdr techn tekn temp th theol tidl tilf tilh till tilsv tjg tkr tlf tlgr tr trp tsk tv
ty udb udbet ugtl undt v.f vb vedk vedl vedr vejl vh vha vind vs vsa vær zool årg årh ø.lgd
øvr
"""
# The same, written without a final period.
_BARE = "c/o dr.h.c km/t o/m p.b.a p.b.v t/r tcp/ip u/b"

# Spoken forms with a clipped ending: norm -> spellings
_CLIPPED = {
    "s'gu": "s'gu S'gu sgu' Sgu'", "skulle": "sku'", "kunne": "ku' Ku'", "kan": "ka' Ka'",
    "giv": "gi' Gi'", "lide": "li'", "have": "ha' Ha'", "ikke": "ik' Ik'",
}


def _danish_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for norm, abbrevs in _CALENDAR.items():
        for abbr in abbrevs.split():
            for orth in [abbr] if abbr in _LOWER_ONLY else [abbr, abbr.capitalize()]:
                exc[orth + "."] = [{ORTH: orth + ".", NORM: norm}]
    exc["Kbh."] = [{ORTH: "Kbh.", NORM: "København"}]
    exc["og/eller"] = [{ORTH: "og/eller", NORM: "og/eller"}]
    for orth in [a + "." for a in _CASED_DOTTED.split()] + _CASED_BARE.split():
        exc[orth] = [{ORTH: orth}]
    for orth in [a + "." for a in _DOTTED.split()] + _BARE.split():
        for form in (orth, orth.capitalize()):
            exc[form] = [{ORTH: form}]
    exc.update(normed_exceptions(_CLIPPED))
    for day in range(1, 32):  # "3. maj"
        exc[f"{day}."] = [{ORTH: f"{day}."}]
    # the preposition at a sentence end: "kigge i." is a word and a period
    exc["i."] = [{ORTH: "i", NORM: "i"}, {ORTH: "."}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _danish_exceptions())
