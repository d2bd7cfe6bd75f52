"""Dutch special cases: abbreviations written with a final period and the clitics "'s",
"'t", "'m", "'n", "'ns", kept whole in lower case, capitalised and upper case ("bijv.",
"Bijv.", "BIJV.", "'T"); their NORM is the lower-cased form. The list is lexloom's; every
entry was checked to split as spaCy's Dutch splits it."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions

_ABBREVIATIONS = """
a.h.w. a.i. a.j.b. a.j.t. a.m. a.p.m. a.p.t. a.s. a.u.b. aant. abs. adv. afd. afl. agr. al.
alg. app. arb. arbh. arr. arr.cass. arr.r.v.st. art. aud. b.a. b.r.h. b.v. b.w. bel. belg. ber.
besch. best. bet. betr. bew. bijbl. bijl. bijv. bl. blz. bm. bn. bs. bull. bull.bel.
bull.contr. bv. bw. c. c.a. c.d.p.k. c.q. c.r.a. c.s. ca. cal. cap. cass. cert. cf. ch. chr.
cie. circ. cit. civ. cmt. co. coll. com. comm. comp. concl. conf. cons. conv. corr. coöp. crim.
crt. cur. d. d.a.v. d.b.f. d.d. d.h. d.i. d.m.v. d.w.z. dat. dec. deelw. def. derg. dgl. dhr.
diss. div. dl. doc. dr. drs. ds. dyn. e. e.a. e.d. e.e.a. e.e.g. e.g. e.o. e.v. e.v.a. econ.
ed. eig. elektr. enz. etc. eur. ev. evt. ex. exec. f. f.j.f. fa. facs. fg. fig. fin. fisc. fl.
form. fr. fra. g. g.g.d. geb. gebr. gebrs. ged. geh. gem. gen. geol. ger.w. gesch. get. gew.
gr. gramm. grondw. gst. gw. h. h.a. h.a.v.o. h.b.o. h.m. h.o. hand. handv. herz. hfdst. hfst.
hist. hoogl. hosp. hr. hw. i. i.e. i.g.v. i.h.a. i.h.b. i.o. i.p.v. i.s.m. i.t.t. i.v.m. ib.
ibid. iem. inc. ind. indiv. inf. ing. inst. int. inv. inz. ir. it. j. j.c.b. j.d.f. j.j.p.
j.l.m.b. j.t.o. j.t.t. jg. jhr. jl. jr. jrg. jur. k. k.v.k. kg. kon. kr. kt. ktg. ktr. l. l.b.
lat. lett. lidw. limb.rechtsl. lit. litt. ll. ltd. 'm m. m.a.v.o. m.a.w. m.b. m.b.o. m.b.t.
m.e.r. m.i.v. m.m. m.m.a. m.m.v. m.n. m.v.a. m.v.t. mand. max. med. meerv. mej. mevr. mgr. mhd.
mil. min. mln. mnd. mod. mon. mr. ms. muz. mv. 'n n. n.a.v. n.b. n.chr. n.j.b. n.j.w. n.l. n.v.
n.v.d.r. n.v.t. ned. nhd. nl. no. not. nr. nrs. 'ns nt. o. o.a. o.c. o.g.v. o.i. o.i.d. o.m.
o.r. o.t.t. o.v.v. ob. octr. oe. onz. opm. or. orth. ov. p. p.a. p.m. p.o. p.p. pag. pan. parl.
parl.gesch. pas. pat. pct. pers. pk. plv. pol. pp. pr. pres. proc. prof. prot. prov. publ. q.
r. r.a.b.g. r.c.j.b. r.d.c. r.d.j.p. r.g.a.r. r.g.d.c. r.k. r.n.b. r.o. r.p.s. r.r.d. rapp. rb.
rec. red. reg. regl. rep. resp. rev. rev.dr.pén. rk. rom. 's s. s.a. s.e.w. s.v.p. sc. sec.
soc. sr. st. stat. stb. stbl. stcrt. subs. subst. suppl. sv. sw. 't t. t.a.p. t.a.v. t.b.b.r.
t.b.h. t.b.m. t.b.o. t.b.p. t.b.v. t.e.m. t.fam. t.g.r. t.g.v. t.gem. t.l.v. t.m.r. t.not.
t.o.r.b. t.o.v. t.p.r. t.r.o.s. t.r.v. t.s.r. t.strafr. t.v.v. t.v.w. t.vreemd. t.w. t.w.v.
t.w.v.r. t.z.t. taalk. techn. th. tijdschr. toel. trb. trib. ts. tw. u. u.a. uitdr. univ. v.
v.a. v.Chr. v.chr. v.d. v.h. v.m. v.v.t. v.w.b. vb. vc. vd. verd. verg. verkl. verl. verord.
vert. verv. verz. vgl. vid. vl.t.gez. vlg. vn. vnl. vnw. vo. vol. voorl. voorz. vr. vs. vt. vw.
vz. w. w.o. w.v.k. wd. wetb. wisk. wnd. ws. wsch. x. y. z. z.a. z.g. z.i. z.o.z. z.s.m. zg.
zgn. zn. zr.
"""


#: The abbreviations, under spaCy's name (code building its own Dutch tokenizer reads it):
#: lexloom's own list, shorter than spaCy's.
abbrevs: list[str] = _ABBREVIATIONS.split()


def _dutch_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for abbr in abbrevs:
        for form in (abbr, abbr.capitalize(), abbr.upper()):
            exc[form] = [{ORTH: form}]
    return exc


TOKENIZER_EXCEPTIONS = merge_exceptions(BASE_EXCEPTIONS, _dutch_exceptions())
