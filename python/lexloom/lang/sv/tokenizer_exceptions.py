"""Swedish special cases: abbreviations kept whole (with or without their final period, in
either case), month and weekday abbreviations with their full word as NORM, spoken
verb + "u" (du) fusions ("hajaru"), and a sentence-final "i." or "m." that splits."""
from __future__ import annotations

from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    NORM,
    ORTH,
    Exceptions,
    merge_exceptions,
)

# full word -> abbreviations, each written with a period, lowercase and capitalized (the
# capitalized form normalises to the capitalized word). "jul." (juli/jul) and "sön."
# (söndag/söner) are left out as ambiguous.
_CALENDAR = {
    "januari": "jan", "februari": "febr feb", "april": "apr", "juni": "jun",
    "augusti": "aug", "september": "sept sep", "oktober": "okt", "november": "nov",
    "december": "dec", "måndag": "mån", "tisdag": "tis", "onsdag": "ons", "torsdag": "tors",
    "fredag": "fre", "lördag": "lör",
}

# Verbs that fuse with a following "du" in speech: "fattaru" = "fattar du".
_FUSING_VERBS = "driver kör hörr fattar hajar lever serr fixar"

# Kept whole in the case written only.
_CASED = "AB Dr. H.M. H.K.H. m/s M/S Ph.d. S:t s:t"

# Abbreviations kept whole with and without a final period, lowercase or capitalized...
_OPTIONAL_PERIOD = """
ang anm bl.a d.v.s doc dvs e.d e.kr eng etc exkl ev f.d f.kr f.n f.ö fid fig forts fr.o.m förf
inkl iofs kap kl kr kungl lat m.a.o m.fl m.m max milj mos mt mvh o.d o.s.v obs osv p.g.a proc
prof ref resp s.a.s s.k s.t sid t.ex t.h t.o.m t.v tel vol äv övers
"""
# ...and those that are only abbreviations with it (without, they are words: "min", "el").
_PERIOD_ONLY = "el f jur kor min ung v"


def _swedish_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for verb in _FUSING_VERBS.split():
        for form in (verb, verb.title()):
            exc[form + "u"] = [{ORTH: form}, {ORTH: "u", NORM: "du"}]
    for norm, abbrevs in _CALENDAR.items():
        for abbr in abbrevs.split():
            exc[abbr + "."] = [{ORTH: abbr + ".", NORM: norm}]
            exc[abbr.capitalize() + "."] = [{ORTH: abbr.capitalize() + ".",
                                             NORM: norm.capitalize()}]
    exc["sthlm"] = [{ORTH: "sthlm", NORM: "Stockholm"}]
    exc["gbg"] = [{ORTH: "gbg", NORM: "Göteborg"}]
    for orth in _CASED.split():
        exc[orth] = [{ORTH: orth}]
    forms = _OPTIONAL_PERIOD.split()
    forms += [a + "." for a in forms] + [a + "." for a in _PERIOD_ONLY.split()]
    for orth in forms:
        for form in (orth, orth.capitalize()):
            exc[form] = [{ORTH: form}]
    # a preposition or "meter" at a sentence end: "med ord i.", "än 2000 m."
    for word in ("i", "m"):
        exc[word + "."] = [{ORTH: word, NORM: word}, {ORTH: "."}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _swedish_exceptions())
