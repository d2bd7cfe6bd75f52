"""Faroese special cases: abbreviations kept whole with their period ("v.m.", "t.d.",
"kl."), in lowercase and capitalized at a sentence start."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions

# each gets a final period
_ABBREVIATIONS = """
apr aug avgr árg ávís beinl blkv blaðkv blm blaðm bls blstj blaðstj des eint febr fyrrv góðk
h.m innt jan kl m.a mðr mió nr nto nov nút o.a o.a.m o.a.tíl o.fl ff o.m.a o.o o.s.fr o.tíl
o.ø okt omf pst ritstj sbr sms smst smb sb sbrt sp sept spf spsk t.e t.s t.s.s tlf tel tsk
t.o.v t.d uml ums uppl upprfr uppr útg útl útr vanl v v.h v.ø.o viðm viðv vm v.m
"""


def _faroese_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for abbr in _ABBREVIATIONS.split():
        for form in (abbr + ".", abbr.capitalize() + "."):
            exc[form] = [{ORTH: form}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _faroese_exceptions())
