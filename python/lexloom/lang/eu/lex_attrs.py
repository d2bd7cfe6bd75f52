"""Basque number likeness.

The rule is spaCy 3.8's: a leading sign and the "," / "." separators are dropped, then
digits, a simple fraction or a number word matched exactly as written (case counts). The
words are lexloom's own table in standard (Euskaltzaindia) spelling: the cardinals zero
to twenty, the vigesimal tens "hogei", "berrogei", "hirurogei", "laurogei" and the forms
"hogeita", "berrogeita", ... that start "hogeita hamar" (30) and the like, the hundreds
"ehun" .. "bederatziehun", "mila", "milioi" and "bilioi"; the ordinals "lehen" /
"lehenengo" and every cardinal from two on with "-garren" ("bigarren", "bosgarren",
"hogeigarren"); and "behin" (once).

Where this deliberately differs from spaCy 3.8: eighteen is "hemezortzi" and eighteenth
"hemezortzigarren" here (spaCy has only a capitalised "Hemezortzi" and the misspelt
"hamazortzigarren", which are not numbers here); "zero", the tens from forty on, the
hundreds from two hundred on, "bilioi", "lehenengo" and the ordinals beyond twentieth,
which spaCy's list lacks, are numbers here.
"""
from __future__ import annotations

from ..lex_attrs import number_like

_ONE_TO_TWENTY = ("bat bi hiru lau bost sei zazpi zortzi bederatzi hamar hamaika hamabi "
                  "hamahiru hamalau hamabost hamasei hamazazpi hemezortzi hemeretzi "
                  "hogei").split()
# 40, 60, 80: "two/three/four twenties".
_TENS = "berrogei hirurogei laurogei".split()
# 200..900: the unit's combining form and "ehun".
_HUNDREDS = ["ehun"] + [unit + "ehun" for unit in
                        "berr hirur laur bost sei zazpi zortzi bederatzi".split()]
_SCALES = "mila milioi bilioi".split()
_CARDINALS = ["zero"] + _ONE_TO_TWENTY + _TENS + _HUNDREDS + _SCALES
# "hogeita hamar" (30), "berrogeita bat" (41): the first word of a compound ten.
_COMBINING = [twenty + "ta" for twenty in ["hogei"] + _TENS]


def _ordinal(cardinal: str) -> str:
    """"-garren" after the cardinal; a final "st" loses its "t": "bost" -> "bosgarren"."""
    if cardinal.endswith("st"):
        cardinal = cardinal[:-1]
    return cardinal + "garren"


_ORDINALS = ["lehen", "lehenengo"] + [_ordinal(word) for word in _CARDINALS
                                      if word not in ("zero", "bat")]

NUMBER_WORDS: frozenset[str] = frozenset(
    _CARDINALS + _COMBINING + _ORDINALS + ["behin"])


def like_num(text: str) -> bool:
    """Digits ("+1.000"), fractions ("3/4"), cardinals ("hamabost", "mila") and ordinals
    ("hirugarren"), in the case they are written in."""
    return number_like(text, NUMBER_WORDS, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
