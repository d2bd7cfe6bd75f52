"""Dutch special cases: abbreviations written with a final period and the clitics "'s",
"'t", "'m", "'n", "'ns", kept whole in lower case, capitalised and upper case ("bijv.",
"Bijv.", "BIJV.", "'T"); their NORM is the lower-cased form. The list is lexloom's; every
entry was checked to split as spaCy's Dutch splits it."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions

_ABBREVIATIONS = """
'm 'n 'ns 's 't a.h.w. a.i. a.j.b. a.m. a.s. a.u.b. aant. adv. afd. afl. agr. alg. arr. art.
b.a. b.v. b.w. bel. betr. bijl. bijv. bl. blz. bv. bw. c. c.a. c.q. c.s. ca. cap. cert. cf.
ch. chr. cie. cit. co. coll. com. comm. conf. cons. corr. coöp. d. d.d. d.h. d.i. d.m.v.
d.w.z. dat. dec. def. dgl. dhr. div. dl. doc. dr. drs. ds. e. e.a. e.d. e.e.a. e.g. e.o.
e.v. e.v.a. ed. eig. elektr. enz. etc. eur. ev. evt. ex. f. fa. facs. fig. fin. fl. form.
fr. g. g.g.d. geb. gebr. ged. geh. gem. gen. geol. gesch. gew. gr. gramm. h. h.a. h.m. h.o.
hfdst. hist. hoogl. hr. i. i.e. i.h.a. i.h.b. i.o. i.p.v. i.s.m. i.t.t. i.v.m. ib. ibid.
inc. ind. inf. ing. inst. int. inz. ir. it. j. jg. jhr. jl. jr. jur. k. kg. kon. kr. kt. l.
l.b. lat. lett. lit. ll. m. m.a.w. m.b. m.b.t. m.i.v. m.m. m.m.v. m.n. max. med. meerv. mej.
mevr. mgr. mil. min. mln. mnd. mod. mr. ms. muz. mv. n. n.a.v. n.b. n.chr. n.l. n.v. n.v.t.
ned. nl. no. nr. nrs. o. o.a. o.c. o.i. o.i.d. o.m. o.r. o.v.v. ob. opm. p. p.a. p.m. p.o.
p.p. pag. pan. pas. pct. pers. pk. plv. pol. pp. pr. pres. prof. prot. prov. q. r. r.k. r.o.
red. reg. resp. rk. s. s.a. s.v.p. sc. sec. soc. sr. st. subst. t. t.a.p. t.a.v. t.b.v.
t.e.m. t.g.v. t.l.v. t.o.v. t.w. t.w.v. t.z.t. techn. th. toel. tw. u. u.a. uitdr. univ. v.
v.a. v.Chr. v.chr. v.d. v.h. v.m. v.w.b. vb. vd. verg. vert. verv. vgl. vlg. vnl. vnw. vol.
voorl. vr. vs. vz. w. w.o. wisk. wnd. ws. x. y. z. z.a. z.g. z.i. z.o.z. z.s.m. zg. zgn. zn.
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
