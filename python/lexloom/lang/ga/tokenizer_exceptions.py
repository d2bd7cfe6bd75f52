"""Irish special cases: abbreviations kept whole with their period ("lch.", "m.sh.",
month names "Aib."), elided forms that keep their apostrophe ("'gus" for "agus", "m'"),
and contractions that split into preposition and possessive ("lem'" is "le" + "m'")."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, NORM, ORTH, Exceptions, merge_exceptions

# contraction -> (piece, norm) pairs
_SPLIT = {
    "'acha'n": (("'ach", "gach"), ("a'n", "aon")),
    "dem'": (("de", "de"), ("m'", "mo")), "ded'": (("de", "de"), ("d'", "do")),
    "lem'": (("le", "le"), ("m'", "mo")), "led'": (("le", "le"), ("d'", "do")),
    "théis": (("th", "tar"), ("éis", "éis")), "tréis": (("tr", "tar"), ("éis", "éis")),
}
# elided spelling -> full word
_ELIDED = {
    "'gus": "agus", "'ach": "gach", "ao'": "aon", "'niar": "aniar", "'níos": "aníos",
    "'ndiu": "inniu", "'nocht": "anocht",
}
# kept whole as written: months, dating, titles, "and so on", page/reading, company
_WHOLE = """
m' d' D' B' b' .i. Aib. Ath. Beal. Ean. Feab. Lún. Már. Meith. Noll. Samh. a.C.n. m.sh.
M.F. M.Fómh. D.F. D.Fómh. r.C. R.C. r.Ch. r.Chr. R.Ch. R.Chr. ⁊rl. srl. Co. gCo. lch. Lch.
lgh. Lgh. tAth. Uas. tUas. teo. Teo. uimh. Uimh.
"""


def _irish_exceptions() -> Exceptions:
    exc: Exceptions = {
        orth: [{ORTH: piece, NORM: norm} for piece, norm in pieces]
        for orth, pieces in _SPLIT.items()
    }
    for orth, norm in _ELIDED.items():
        exc[orth] = [{ORTH: orth, NORM: norm}]
    for orth in _WHOLE.split():
        exc[orth] = [{ORTH: orth}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _irish_exceptions())
