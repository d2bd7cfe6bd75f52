"""Swedish number likeness: digits, fractions and number words (as spaCy 3.8)."""
from __future__ import annotations

from ..lex_attrs import number_like

NUMBER_WORDS = frozenset("""
arton biljard biljon elva en ett fem femtio femton fjorton fyra fyrtio hundra kvadriljon
miljard miljon nio nittio nitton noll sex sextio sexton sju sjuttio sjutton tio tjugo tolv
tre trettio tretton tusen två åtta åttio
""".split())


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
