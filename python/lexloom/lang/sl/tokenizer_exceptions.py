"""Slovenian special cases: abbreviations (many with their full form as NORM; in lower case,
and capitalised or upper case only where spaCy's Slovenian keeps that form whole too), and
"le-ta" and its forms, which split although "-ta" is an ending the hyphen rule keeps
(punctuation.py). The list is lexloom's; every entry and norm was checked to come out as
spaCy's Slovenian gives it.

More abbreviations (_MORE_*): which spellings are kept whole (or split into which pieces)
was checked against spaCy's Slovenian one by one (spaCy used as a black box); their norms
are lexloom's own, written from what each abbreviation stands for, so some differ from
spaCy's."""
from __future__ import annotations

from ..tokenizer_exceptions import (BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions,
                                    normed_exceptions, spelled_exceptions)

# norm -> abbreviations
_NORMED = {
    "angleški": "angl.",
    "antonim": "ant.",
    "april": "apr.",
    "avgust": "avg.",
    "biologija": "biol.",
    "citat": "cit.",
    "dajalnik": "daj.",
    "deležnik": "del.",
    "ednina": "ed.",
    "etnografija": "etn.",
    "fizika": "fiz.",
    "francoski": "fr.",
    "geografija": "geogr.",
    "glej": "gl.",
    "glagolski": "glag.",
    "grški": "gr.",
    "hrvaško": "hrv.",
    "indoevropsko": "ide.",
    "imenovalnik": "im.",
    "in podobno": "ipd.",
    "ironično": "iron.",
    "italijanski": "it.",
    "in tako dalje": "itd.",
    "in tako naprej": "itn.",
    "julij": "jul.",
    "junij": "jun.",
    "knjižno": "knjiž.",
    "latinski": "lat.",
    "ljubkovalno": "ljubk.",
    "moški": "m.",
    "marec": "mar.",
    "matematika": "mat.",
    "med drugim": "mdr.",
    "medicina": "med.",
    "mestnik": "mest.",
    "mineralogija": "min.",
    "množina": "mn.",
    "narečno": "nar.",
    "nedoločnik": "nedol.",
    "na primer": "npr.",
    "oktober": "okt.",
    "orodnik": "or.",
    "oziroma": "oz.",
    "pedagogika": "ped.",
    "pogovorno": "pog.",
    "preneseno": "pren.",
    "pridevnik": "prid.",
    "primerjaj": "prim.",
    "prislov": "prisl.",
    "rodilnik": "rod.",
    "rusko": "rus.",
    "srednji": "s.",
    "samostalniški": "sam.",
    "september": "sep.",
    "slabšalno": "slabš.",
    "srbsko": "srb.",
    "starinsko": "star.",
    "svet(i)": "sv.",
    "to je": "tj.",
    "tožilnik": "tož.",
    "trgovina": "trg.",
    "velelnik": "vel.",
    "zgodovina": "zgod.",
    "špansko": "špan.",
    "ženski": "ž.",
}

# Kept whole, no norm of their own (Slovenian ones, and Latin and English ones such as
# "etc.", "cf.", "ibid." that Slovenian text uses).
_WHOLE = """
ab. akad. al. an. ang. approx. c. ca. cca. cf. cm. Co. co. dec. DIPL. dipl. doc. DR. Dr. dr.
drž. ekon. etc. feb. ff. fig. franc. g. ga. gdč. ib. ibid. id. idr. ing. inž. ital. izd.
izr. jan. kem. kom. let. loc. Mag. mag. max. mil. mio. ml. mm. mrd. nadalj. ned. nem. no.
nov. Npr. obč. odst. ok. op. OZ. p. pet. pol. pon. pos. pp. pr. prev. pribl. pril. Prim.
prof. red. reg. resp. sc. sept. sl. slov. sob. soc. sq. sr. sre. ST. St. st. str. Sv. Tel.
tel. tor. tč. ul. univ. UR. ur. viz. vol. vs. zv. č. čet. čl. š. ŠT. št.
"""


def _slovenian_exceptions() -> Exceptions:
    exc: Exceptions = normed_exceptions(_NORMED)
    for orth in _WHOLE.split():
        exc[orth] = [{ORTH: orth}]
    for le in ("le", "Le"):  # "le-ta" is "le" "-" "ta"
        for pronoun in ("ta", "te", "ti", "to", "tega"):
            exc[f"{le}-{pronoun}"] = [{ORTH: le}, {ORTH: "-"}, {ORTH: pronoun}]
    return exc


# spelling -> norm
_MORE_NORMS: dict[str, str] = {
    'adm.': 'administracija', 'agr.': 'agronomija', 'amer.': 'ameriški', 'anat.': 'anatomija',
    'antr.': 'antropologija', 'arab.': 'arabski', 'arheol.': 'arheologija',
    'arhit.': 'arhitektura', 'avstr.': 'avstrijski', 'bibl.': 'biblijski', 'bot.': 'botanika',
    'bolg.': 'bolgarski', 'farm.': 'farmacija', 'filat.': 'filatelija', 'filoz.': 'filozofija',
    'fin.': 'finance', 'fot.': 'fotografija', 'geol.': 'geologija', 'germ.': 'germanski',
    'glasb.': 'glasba', 'hebr.': 'hebrejski', 'jap.': 'japonski', 'kor.': 'korejski',
    'lit.': 'literatura', 'muz.': 'muzikologija', 'nam.': 'namesto', 'nedov.': 'nedovršni',
    'neskl.': 'nesklonljiv', 'neprav.': 'nepravilno', 'polit.': 'politika', 'psih.': 'psihologija',
    'rač.': 'računalništvo', 'rad.': 'radio', 'šah.': 'šah', 'šport.': 'šport', 'teh.': 'tehnika',
    'ukr.': 'ukrajinski', 'vet.': 'veterina', 'zal.': 'založba', 'zool.': 'zoologija',
    'žarg.': 'žargon', 'žel.': 'železnica', 'živ.': 'živinoreja', 'češ.': 'češki', 'avt.': 'avtor',
    'grad.': 'gradbeništvo', 'knj.': 'knjiga', 'mak.': 'makedonski', 'nav.': 'navadno',
    'obrt.': 'obrtništvo', 'polj.': 'poljski', 'stil.': 'stilistika', 'švic.': 'švicarski',
    'tisk.': 'tiskarstvo', 'biokem.': 'biokemija', 'gastr.': 'gastronomija', 'geom.': 'geometrija',
    'gled.': 'gledališče', 'gozd.': 'gozdarstvo', 'igr.': 'igra', 'les.': 'lesarstvo',
    'lingv.': 'lingvistika', 'lov.': 'lovstvo', 'meh.': 'mehanika', 'mitol.': 'mitologija',
    'pal.': 'paleontologija', 'pisar.': 'pisarniško', 'rib.': 'ribištvo', 'šalj.': 'šaljivo',
    'vez.': 'veznik', 'vrtn.': 'vrtnarstvo', 'vulg.': 'vulgarno',
}
# kept whole, with the default norm (the lower-cased form)
_MORE_WHOLE = """
arh. astr. belg. br. bu. dan. dat. dem. dir. dop. el. evr. febr. ge. gosp. hist. ind. inf.
inštr. int. izg. jez. kat. kol. kult. ljud. nasl. nat. nizoz. nom. obl. odg. part. pl. podr.
port. pov. pred. predl. preb. prip. priv. prot. ps. publ. rel. rep. rim. slovn. sod. šol.
tehn. tu. tur. urad. vis. zap. čas. ar. asist. bl. cerkv. fak. izv. jr. Jr. sp. Sp. zač. zak.
zb. Zb. zg. zn. mr. Mr. MR. spec. viš. znan. svet. štud. dok. dol. etnol. ev. Ev. fil. fol.
gen. gram. inform. ist. jud. kand. kmet. kr. Kr. kv. lj. madž. meteor. mlad. množ. nadom. obr.
obj. okr. opr. Opr. org. orig. ozir. pokr. posl. prav. preds. prir. proiz. prom. prov. relig.
rkp. rom. sek. skl. skr. sov. sred. Sred. strok. stsl. sup. tov. up. upr. zah. zun. žen. vv.
tr. trans. repr. rev. col. pag. ms. abs. adj. adv. alp. civ. eksp. enc. ep. evfem. fiziol.
gimn. glav. grš. hort. imp. jav. jug. juž. kal. komp. kraj. lab. lik. medic. mikr. mit. nač.
nad. nagl. nm. odv. ork. pesn. pomen. prist. prog. rastl. ref. ret. sh. sin. sociol. spl.
stol. tekst. teol. term. tip. vzh. zaim. žival. mb. kp. sg. gor. dent.
""".split()
# split into pieces, each with its norm
_MORE_SPLIT: dict[str, list[tuple[str, str]]] = {
    'l.r.': [('l.', 'lastno'), ('r.', 'ročno')],
    's.p.': [('s.', 'samostojni'), ('p.', 'podjetnik')],
    'd.o.o.': [('d.', 'družba'), ('o.', 'omejeno'), ('o.', 'odgovornostjo')],
    'd.d.': [('d.', 'delniška'), ('d.', 'družba')],
    'd.n.o.': [('d.', 'družba'), ('n.', 'neomejeno'), ('o.', 'odgovornostjo')],
    't.i.': [('t.', 'tako'), ('i.', 'imenovani')],
    't.j.': [('t.', 'to'), ('j.', 'je')],
    'T.j.': [('T.', 'to'), ('j.', 'je')],
}


TOKENIZER_EXCEPTIONS = merge_exceptions(
    BASE_EXCEPTIONS, spelled_exceptions(_MORE_NORMS, _MORE_WHOLE, _MORE_SPLIT),
    _slovenian_exceptions())
