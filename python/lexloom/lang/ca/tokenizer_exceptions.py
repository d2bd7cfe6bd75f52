"""Catalan special cases: common abbreviations (with their full word as NORM), accented
letters with a period, apostrophe clitics, the contractions of "de"/"a"/"per" with the
article ("del" -> "d", "el"), and clock times ("3pm" -> "3", "pm")."""
from __future__ import annotations

from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    NORM,
    ORTH,
    Exceptions,
    merge_exceptions,
)

# abbreviation -> full word
_ABBREVIATIONS = {
    "aprox.": "aproximadament", "pàg.": "pàgina", "p.ex.": "per exemple", "núm": "número",
    "pl.": "plaça", "Dr.": "doctor", "Dra.": "doctora", "Sr.": "senyor", "Sra.": "senyora",
    "Srta.": "senyoreta", "St.": "sant", "Sta.": "santa",
    "gen.": "gener", "feb.": "febrer", "abr.": "abril", "jul.": "juliol", "set.": "setembre",
    "oct.": "octubre", "nov.": "novembre", "dec.": "desembre",
}
_WHOLE = ["à.", "è.", "é.", "í.", "ò.", "ó.", "ú.", "'l", "'ls", "'m", "'n", "'ns", "'s", "'t"]
# preposition + article: (preposition piece, its full form, article piece, article norm)
_CONTRACTIONS = {
    "del": ("d", "de", "el", None), "dels": ("d", "de", "els", None),
    "pel": ("p", "per", "el", None), "pels": ("p", "per", "els", None),
    "al": ("a", None, "l", "el"), "als": ("a", None, "ls", "els"),
}


def _piece(orth: str, norm: str | None) -> dict[int, str]:
    return {ORTH: orth, NORM: norm} if norm else {ORTH: orth}


def _catalan_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for orth, norm in _ABBREVIATIONS.items():
        exc[orth] = [{ORTH: orth, NORM: norm}]
    for orth in _WHOLE:
        exc[orth] = [{ORTH: orth}]
    for orth, (prep, prep_norm, art, art_norm) in _CONTRACTIONS.items():
        exc[orth] = [_piece(prep, prep_norm), _piece(art, art_norm)]
    exc["12m."] = [{ORTH: "12"}, {ORTH: "m.", NORM: "p.m."}]  # midday
    for hour in range(1, 13):
        for period, norm in (("a.m.", "a.m."), ("am", "a.m."), ("p.m.", "p.m."), ("pm", "p.m.")):
            exc[f"{hour}{period}"] = [{ORTH: str(hour)}, {ORTH: period, NORM: norm}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _catalan_exceptions())
