"""Urdu number likeness: digits (Urdu digits "۱۲" included, as str.isdigit sees them) with
an optional leading sign and "," / "." separators, fractions ("3/4"), and Urdu number
words: zero, every cardinal from one to a hundred, a thousand, a lakh (10^5), a crore
(10^7), "ارب" (10^9), "کھرب" (10^11), million and billion, and the ordinals first to
twentieth in each of their forms ("پہلا" / "پہلی" / "پہلے", "پانچواں" / "پانچویں").

The words are lexloom's own table in standard Urdu spelling (Urdu letters, NFC), one
spelling per cardinal plus a few second spellings in common use (51, 53, 78, 79, 91), and
for 11th..18th also the traditional spelling with "ھ" ("چودھویں"). Where that differs
from spaCy 3.8: its misspelled or nonstandard entries are not numbers here: 18 "اٹهارا"
(Arabic "ه"), 26 "چھببیس", 27 "ستایس", 28 "اٹھائس", 29 "انتيس" (Arabic "ي"), 38 "ارتیس"
("ر" for "ڑ"), 43 "تیتالیس", 45 "پیتالیس", 64 "چوسٹھ", 65 "پیسٹھ" (the nasal "ن"
dropped), 49 "انچالیس", 60 "ساثھ" ("ث" for "ٹ"), 69 "انھتر", 71 "اکھتر", 72 "بھتتر",
73 "تیھتر", 74 "چوھتر", 75 "تچھتر", 76 "چھیتر", 83 "تیراسی", 85 "پچیاسی", 87 "سٹیاسی",
88 "اٹھیاسی" and 20th "بسیواں". The standard spellings ("اٹھارہ", "چھبیس", "ستائیس",
"اٹھائیس", "انتیس", "اڑتیس", "تینتالیس", "انچاس", "ساٹھ", "بہتر", "پچھتر", "بیسواں", ...),
zero, the scales from "ہزار" up and the inflected ordinals are numbers here and not in
spaCy."""
from __future__ import annotations

from ..lex_attrs import number_like

_CARDINALS: dict[int, str] = {
    0: "صفر", 1: "ایک", 2: "دو", 3: "تین", 4: "چار", 5: "پانچ", 6: "چھ", 7: "سات", 8: "آٹھ",
    9: "نو", 10: "دس", 11: "گیارہ", 12: "بارہ", 13: "تیرہ", 14: "چودہ", 15: "پندرہ",
    16: "سولہ", 17: "سترہ", 18: "اٹھارہ", 19: "انیس", 20: "بیس",
    21: "اکیس", 22: "بائیس", 23: "تئیس", 24: "چوبیس", 25: "پچیس", 26: "چھبیس", 27: "ستائیس",
    28: "اٹھائیس", 29: "انتیس", 30: "تیس",
    31: "اکتیس", 32: "بتیس", 33: "تینتیس", 34: "چونتیس", 35: "پینتیس", 36: "چھتیس",
    37: "سینتیس", 38: "اڑتیس", 39: "انتالیس", 40: "چالیس",
    41: "اکتالیس", 42: "بیالیس", 43: "تینتالیس", 44: "چوالیس", 45: "پینتالیس", 46: "چھیالیس",
    47: "سینتالیس", 48: "اڑتالیس", 49: "انچاس", 50: "پچاس",
    51: "اکیاون", 52: "باون", 53: "ترپن", 54: "چون", 55: "پچپن", 56: "چھپن", 57: "ستاون",
    58: "اٹھاون", 59: "انسٹھ", 60: "ساٹھ",
    61: "اکسٹھ", 62: "باسٹھ", 63: "تریسٹھ", 64: "چونسٹھ", 65: "پینسٹھ", 66: "چھیاسٹھ",
    67: "سڑسٹھ", 68: "اڑسٹھ", 69: "انہتر", 70: "ستر",
    71: "اکہتر", 72: "بہتر", 73: "تہتر", 74: "چوہتر", 75: "پچھتر", 76: "چھہتر", 77: "ستتر",
    78: "اٹھہتر", 79: "اناسی", 80: "اسی",
    81: "اکیاسی", 82: "بیاسی", 83: "تراسی", 84: "چوراسی", 85: "پچاسی", 86: "چھیاسی",
    87: "ستاسی", 88: "اٹھاسی", 89: "نواسی", 90: "نوے",
    91: "اکیانوے", 92: "بانوے", 93: "ترانوے", 94: "چورانوے", 95: "پچانوے", 96: "چھیانوے",
    97: "ستانوے", 98: "اٹھانوے", 99: "ننانوے", 100: "سو",
}
# Second spellings in common use.
_ALSO: dict[int, str] = {51: "اکاون", 53: "تریپن", 78: "اٹھتر", 79: "انیاسی", 91: "اکانوے"}
# 10^3, 10^5 (lakh), 10^7 (crore), 10^9 (arab), 10^11 (kharab), million, billion
_SCALES = "ہزار لاکھ کروڑ ارب کھرب ملین بلین".split()

# Ordinals. 1st..4th and 6th are irregular adjectives: masculine "-ا", feminine "-ی",
# masculine oblique / plural "-ے".
_IRREGULAR_ORDINALS = {1: "پہل", 2: "دوسر", 3: "تیسر", 4: "چوتھ", 6: "چھٹ"}
# The others are the cardinal + "واں" (masculine) or "ویں" (feminine, oblique); for 9 the
# "و" of "نو" is the ending's own: "نواں", "نویں".
_REGULAR_STEMS = [_CARDINALS[n] for n in range(5, 21) if n not in _IRREGULAR_ORDINALS]
_ORDINALS = ([stem + ending for stem in _IRREGULAR_ORDINALS.values() for ending in "ایے"]
             + [stem.removesuffix("و") + ending for stem in _REGULAR_STEMS
                for ending in ("واں", "ویں")])
# 11th..18th are also printed in the traditional spelling with "ھ" for the final "ہ" of the
# cardinal ("چودھویں", "سترھویں"), and 18th also as "اٹھارواں" / "اٹھارویں".
_ORDINALS += [_CARDINALS[n][:-1] + "ھ" + ending for n in range(11, 19)
              for ending in ("واں", "ویں")]
_ORDINALS += ["اٹھارواں", "اٹھارویں"]

NUMBER_WORDS: frozenset[str] = frozenset(
    [*_CARDINALS.values(), *_ALSO.values(), *_SCALES, *_ORDINALS])


def like_num(text: str) -> bool:
    """Digits ("-1,000", "۱۰"), fractions, number words ("پچاس") and ordinals ("دسواں")."""
    return number_like(text, NUMBER_WORDS, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
