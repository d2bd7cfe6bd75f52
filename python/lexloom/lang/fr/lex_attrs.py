"""French number likeness: digits and fractions, cardinal and ordinal number words (with
the Belgian and Swiss "septante", "huitante", "nonante")."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)
from ..lex_attrs import number_like

_NUM_WORDS = frozenset("""
zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze
seize dix-sept dix-huit dix-neuf vingt trente quarante cinquante soixante soixante-dix
septante quatre-vingt huitante quatre-vingt-dix nonante cent mille mil million milliard
billion quadrillion quintillion sextillion septillion octillion nonillion decillion
""".split())

_ORDINAL_WORDS = frozenset("""
premier première deuxième second seconde troisième quatrième cinquième sixième septième
huitième neuvième dixième onzième douzième treizième quatorzième quinzième seizième
dix-septième dix-huitième dix-neuvième vingtième trentième quarantième cinquantième
soixantième soixante-dixième septantième quatre-vingtième huitantième quatre-vingt-dixième
nonantième centième millième millionnième milliardième billionnième quadrillionnième
quintillionnième sextillionnième septillionnième octillionnième nonillionnième
decillionnième
""".split())


def like_num(text: str) -> bool:
    """Digits ("1.000,5"), fractions ("3/4"), cardinal and ordinal number words."""
    return number_like(text, _NUM_WORDS | _ORDINAL_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
