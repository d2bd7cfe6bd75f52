"""Catalan number likeness: digits, fractions and number words; number words match case-
sensitively (as spaCy 3.8)."""
from __future__ import annotations

from ..lex_attrs import number_like

NUMBER_WORDS = frozenset("""
bazilió bilió catorze cent cinc cinquanta deu dinou disset divuit dos dotze gazilió mil
milió noranta nou onze quaranta quatre quatrilió quinze seixanta set setanta setze sis
trenta tres tretze trilió un vint vuit vuitanta zero
""".split())


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
