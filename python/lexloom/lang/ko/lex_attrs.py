"""Korean number likeness: digits and fractions, and text containing a number word, native
(하나, 둘, 스물) or Sino-Korean (일, 이, 십, 만, 억). As in spaCy, a single syllable that is a
number word anywhere in the text is enough ("삼월", "천천히" count as numbers)."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)
from ..lex_attrs import number_like

_NATIVE = "하나 둘 셋 넷 다섯 여섯 일곱 여덟 아홉 열 스물 서른 마흔 쉰 예순 일흔 여든 아흔"
_SINO_DIGITS = "일 이 삼 사 오 육 칠 팔 구".split()
_SINO_POWERS = "십 백 천 만".split()
_SINO_COMPOUNDS = "십만 백만 천만 일억 십억 백억"

NUMBER_WORDS: frozenset[str] = frozenset(
    ["영", "공"] + _NATIVE.split() + _SINO_DIGITS + _SINO_POWERS + _SINO_COMPOUNDS.split())


def like_num(text: str) -> bool:
    """Digits ("1,000"), fractions, or any character of the text being a one-syllable
    number word."""
    if number_like(text):
        return True
    stripped = text[1:] if text.startswith(("+", "-", "±", "~")) else text
    return any(char in NUMBER_WORDS for char in stripped.replace(",", "").replace(".", ""))


LEX_ATTRS = {"LIKE_NUM": like_num}
