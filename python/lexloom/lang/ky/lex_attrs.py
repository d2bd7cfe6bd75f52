"""Kyrgyz number likeness: digits, fractions and number words, matched case-sensitively
(as spaCy 3.8)."""
from __future__ import annotations

from ..lex_attrs import number_like

NUMBER_WORDS = frozenset("""
нөл ноль бир эки үч төрт беш алты жети сегиз тогуз он жыйырма отуз кырк элүү алтымыш
жетмиш сексен токсон жүз миң миллион миллиард триллион триллиард
""".split())


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
