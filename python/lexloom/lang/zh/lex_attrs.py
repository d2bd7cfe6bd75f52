"""Chinese number likeness: digits and fractions as everywhere, and words written only with
Chinese numeral characters — the digits (一 二 … 九, 〇 零 两, and the banking forms 壹 贰 …)
and the powers of ten (十 百 千 万 亿 兆, 拾 佰 仟) — such as 十一, 一百二十, 三千万."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)
from ..lex_attrs import number_like

NUMERAL_DIGITS = "〇零一二三四五六七八九两壹贰叁肆伍陆柒捌玖貳參陸"
NUMERAL_POWERS = "十百千万亿兆拾佰仟萬億"
NUMERAL_CHARS: frozenset[str] = frozenset(NUMERAL_DIGITS + NUMERAL_POWERS)


def like_num(text: str) -> bool:
    """Digits ("1,000", "3/4") or a word of Chinese numeral characters only."""
    if number_like(text, drop="，。"):
        return True
    stripped = text[1:] if text.startswith(("+", "-", "±", "~")) else text
    stripped = stripped.replace(",", "").replace("，", "").replace(".", "").replace("。", "")
    return bool(stripped) and all(char in NUMERAL_CHARS for char in stripped)


LEX_ATTRS = {"LIKE_NUM": like_num}
