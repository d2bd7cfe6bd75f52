"""Finnish number likeness: digits, fractions and the cardinal words up to the tens
("kolmetoista", "viisikymmentä") and the round large numbers, matched case-sensitively
as spaCy 3.8 does."""
from __future__ import annotations

from ..lex_attrs import number_like

_UNITS = "yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän".split()
NUMBER_WORDS = frozenset(
    ["nolla", "kymmenen", *_UNITS]
    + [unit + "toista" for unit in _UNITS]  # 11-19
    + [unit + "kymmentä" for unit in _UNITS[1:]]  # 20, 30, ... 90
    + "sata tuhat miljoona miljardi triljoona".split()
)


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
