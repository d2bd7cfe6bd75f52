"""Ukrainian number likeness: digits with "," and "." separators, fractions ("3/4"), and
Ukrainian number words in their dictionary (nominative) form, lowercase: the cardinals
zero to nineteen (with the feminine and neuter "одна", "одне" and the feminine "дві"), the
tens, the hundreds, a thousand and the "-йон" / "-ярд" scales, and the masculine ordinals
of those ("перший", "п'ятнадцятий", "сороковий", "п'ятисотий", "тисячний"). Case forms
("двох", "тисячі") are not listed. Words with an apostrophe are listed with each of the
three apostrophes Ukrainian text uses: ASCII "'", the typographic "’" (U+2019) and the
modifier letter "ʼ" (U+02BC). As in spaCy 3.8's Ukrainian rule no sign is stripped ("-7" is
not a number) and case matters ("Один" is not).

The words are lexloom's own table in standard spelling. Where that differs from spaCy 3.8,
whose list has some cardinals and three ordinals: "нуль", "одна", "одне", "дві",
"п'ятдесят", the other ordinals and the "’" / "ʼ" spellings are numbers here and not in
spaCy, and 10^30 is "нонільйон" (spaCy's "нонильйон" breaks the rule of nine and is not a
number here)."""
from __future__ import annotations

from ..lex_attrs import number_like

# 0..10, with the gender forms of 1 and 2
_ZERO_TO_TEN = "нуль один одна одне два дві три чотири п'ять шість сім вісім дев'ять десять"
# 11..19
_TEENS = ("одинадцять дванадцять тринадцять чотирнадцять п'ятнадцять шістнадцять "
          "сімнадцять вісімнадцять дев'ятнадцять")
# 20..90
_TENS = "двадцять тридцять сорок п'ятдесят шістдесят сімдесят вісімдесят дев'яносто"
# 100..900
_HUNDREDS = "сто двісті триста чотириста п'ятсот шістсот сімсот вісімсот дев'ятсот"
# 10^3, 10^6, 10^9 (мільярд, більйон), 10^12 .. 10^33
_SCALES = ("тисяча мільйон мільярд більйон трильйон квадрильйон квінтильйон секстильйон "
           "септильйон октильйон нонільйон децильйон")
# The ordinals of 0..10, 11..19, the tens, the hundreds and the first scales.
_ORDINALS = (
    "нульовий перший другий третій четвертий п'ятий шостий сьомий восьмий дев'ятий десятий "
    "одинадцятий дванадцятий тринадцятий чотирнадцятий п'ятнадцятий шістнадцятий "
    "сімнадцятий вісімнадцятий дев'ятнадцятий "
    "двадцятий тридцятий сороковий п'ятдесятий шістдесятий сімдесятий вісімдесятий "
    "дев'яностий "
    "сотий двохсотий трьохсотий чотирьохсотий п'ятисотий шестисотий семисотий восьмисотий "
    "дев'ятисотий "
    "тисячний мільйонний мільярдний")

_APOSTROPHES = ("'", "\u2019", "\u02bc")
_WORDS = " ".join((_ZERO_TO_TEN, _TEENS, _TENS, _HUNDREDS, _SCALES, _ORDINALS)).split()

NUMBER_WORDS: frozenset[str] = frozenset(
    word.replace("'", apostrophe) for word in _WORDS for apostrophe in _APOSTROPHES)


def like_num(text: str) -> bool:
    """Digits ("1.000"), fractions and the number words ("дев'ятнадцять",
    "п’ятдесят"); no sign stripped, no case folding."""
    return number_like(text, NUMBER_WORDS, strip_sign=False, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
