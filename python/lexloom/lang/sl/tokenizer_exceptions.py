"""Slovenian special cases: abbreviations (many with their full form as NORM; in lower case,
and capitalised or upper case only where spaCy's Slovenian keeps that form whole too), and
"le-ta" and its forms, which split although "-ta" is an ending the hyphen rule keeps
(punctuation.py). The list is lexloom's; every entry and norm was checked to come out as
spaCy's Slovenian gives it."""
from __future__ import annotations

from ..tokenizer_exceptions import (BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions,
                                    normed_exceptions)

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


TOKENIZER_EXCEPTIONS = merge_exceptions(BASE_EXCEPTIONS, _slovenian_exceptions())
