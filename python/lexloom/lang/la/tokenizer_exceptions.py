"""Latin special cases: the enclitic "-cum" after a personal pronoun splits off ("nobiscum"
is "nobis" + "cum"), and the usual abbreviations (praenomina, months, dating and office
titles) keep their period, in title case, lowercase, uppercase and with "u" for "v"."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions

_CUM_PRONOUNS = "me te nobis vobis uobis".split()

# written with a final period
_ABBREVIATIONS = """
A A.D A.U.C Aa Aaa Acc Agr Ap Apr April Aug C Caes Caess Cc Cn Coll Cons Conss Cos Coss D D.N
Dat Dd Dec Decemb Decembr F Feb Febr Februar Ian Id Imp Impp Imppp Iul Iun K Kal L M M' Mai
Mam Mar Mart Med N Nn Nob Non Nov Novemb Oct Octob Opet Ord P Paul Pf Pl Plur Post Pp Prid Pro
Procos Q Quint S S.C Scr Sept Septemb Ser Sert Sex Sext St Sta Suff T Ti Trib V Vol Vop Vv
""".split()


def _spellings(abbr: str) -> set[str]:
    """The abbreviation in title, lower and upper case, each also with "u" for "v"."""
    cased = {abbr, abbr.lower(), abbr.upper(), abbr.lower().upper()}
    return cased | {form.replace("v", "u").replace("V", "U") for form in cased}


def _latin_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for pronoun in _CUM_PRONOUNS:
        exc[pronoun + "cum"] = [{ORTH: pronoun}, {ORTH: "cum"}]
    for abbr in _ABBREVIATIONS:
        for form in _spellings(abbr + "."):
            exc[form] = [{ORTH: form}]
    exc["d.N."] = [{ORTH: "d.N."}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _latin_exceptions())
