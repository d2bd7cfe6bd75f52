"""Thai number likeness: digits (Thai digits "๑๒" included, as str.isdigit sees them) with
an optional leading sign and "," / "." separators, fractions ("3/4"), and Thai number words
written as one word (Thai puts no space inside a number): zero to nine, every number from
10 to 99 ("สิบสอง" 12, "ยี่สิบเอ็ด" 21, with "ยี่" for the 2 of 20..29 and "เอ็ด" for a
final 1), the scales 100 "ร้อย", 1000 "พัน", 10^4 "หมื่น", 10^5 "แสน", 10^6 "ล้าน", the
round amounts one to nine times a scale ("สองร้อย", "หนึ่งล้าน"), and the large amounts
built on a million ("พันล้าน" 10^9, "ล้านล้าน" 10^12, up to 10^24). Case does not apply.

The words are lexloom's own table, generated from the digits and the scales. Where that
differs from spaCy 3.8, whose list has only some of these: 60 "หกสิบ", the teens and
compounds with a final 2..9 ("สิบสอง", "หกสิบห้า"), "หมื่น", "แสน" and the round amounts
("สองร้อย") are numbers here and not in spaCy."""
from __future__ import annotations

from ..lex_attrs import number_like

# 0..9
_DIGITS = "ศูนย์ หนึ่ง สอง สาม สี่ ห้า หก เจ็ด แปด เก้า".split()
_TEN = "สิบ"
_FINAL_ONE = "เอ็ด"  # "one" as the last digit of a compound: 11, 21, ... 91
# 10, 20 ("yii-sip"), 30..90
_TENS = [_TEN, "ยี่" + _TEN] + [digit + _TEN for digit in _DIGITS[3:]]
# 10..99: each ten alone or followed by a final digit (1 written "เอ็ด").
_TEN_TO_99 = [tens + final for tens in _TENS for final in ["", _FINAL_ONE, *_DIGITS[2:]]]
_MILLION = "ล้าน"
_SCALES = ["ร้อย", "พัน", "หมื่น", "แสน", _MILLION]
# One to nine times a scale: "หนึ่งร้อย" 100, "สองพัน" 2000, "เก้าล้าน" 9 * 10^6.
_ROUND = [digit + scale for digit in _DIGITS[1:] for scale in _SCALES]
# 10^9, 10^10, 10^11 on "million"; 10^12, 10^18, 10^24 as repeated "million".
_LARGE = [scale + _MILLION for scale in ("พัน", "หมื่น", "แสน")] + [_MILLION * n for n in (2, 3, 4)]

NUMBER_WORDS: frozenset[str] = frozenset(_DIGITS + _TEN_TO_99 + _SCALES + _ROUND + _LARGE)


def like_num(text: str) -> bool:
    """Digits ("-1,000", "๑๐"), fractions and the number words ("สามสิบเอ็ด")."""
    return number_like(text, NUMBER_WORDS, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
