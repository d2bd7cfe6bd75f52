"""Polish number likeness: digits, fractions and number words; a leading sign is not stripped
(as spaCy 3.8)."""
from __future__ import annotations

from ..lex_attrs import number_like

NUMBER_WORDS = frozenset("""
biliard bilion czterdzieści czternaście cztery czterysta dwa dwadzieścia dwanaście dwieście
dziesięć dziewiętnaście dziewięć dziewięćdziesiąt dziewięćset jeden jedenaście kwadrylion
miliard milion osiem osiemdziesiąt osiemnaście osiemset pietnaście pięć pięćdziesiąt pięćset
siedem siedemdziesiąt siedemnaście siedemset sto szcześćdziesiąt szesnaście sześć sześćset
tryliard trylion trzy trzydzieści trzynaście trzysta tysiąc zero
""".split())


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS, strip_sign=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
