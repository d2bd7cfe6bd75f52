"""Sinhala number likeness: digits and fractions, and the number words 0-20, the tens,
a hundred, a thousand, a lakh, a million, a crore, a billion and a trillion, in their
definite (counting) forms ("එක", "දහය", "සියය"), with the spoken variants of some
("බින්දුව", "නමය", "දාහතර", "දාහ"). Unlike most languages, a leading sign is not
stripped: "-7" is not like_num (as spaCy 3.8)."""
from __future__ import annotations

from ..lex_attrs import number_like

_UNITS = "බිංදුව බින්දුව එක දෙක තුන හතර පහ හය හත අට නවය නමය".split()
_TEENS = ("දහය එකොළහ දොළහ දහතුන දහහතර දාහතර පහළොව පහළව දහසය දහහත දාහත දහඅට "
          "දහනවය").split()
_TENS = "විස්ස තිහ හතළිහ පනහ හැට හැත්තෑව අසූව අනූව".split()
# Hundred, thousand (two spellings), lakh, million, crore, billion, trillion (ZWJ in
# "ට්‍ර" makes the rakaransaya ligature).
_SCALES = "සියය දහස දාහ ලක්ෂය මිලියනය කෝටිය බිලියනය ට්\u200dරිලියනය".split()

NUMBER_WORDS: frozenset[str] = frozenset(_UNITS + _TEENS + _TENS + _SCALES)


def like_num(text: str) -> bool:
    """Digits ("1,000", but not "-7"), fractions, and number words."""
    return number_like(text, NUMBER_WORDS, strip_sign=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
