"""Tatar number likeness: digits, fractions and number words (the teens written as one
word, "унбер"), matched case-sensitively (as spaCy 3.8)."""
from __future__ import annotations

from ..lex_attrs import number_like

_UNITS = "бер ике өч дүрт биш алты җиде сигез тугыз".split()

NUMBER_WORDS = frozenset(
    ["нуль", "ноль", "ун"] + _UNITS + ["ун" + u for u in _UNITS]
    + "егерме утыз кырык илле алтмыш җитмеш сиксән туксан йөз мең төмән".split()
    + "миллион миллиард триллион триллиард".split()
)


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
