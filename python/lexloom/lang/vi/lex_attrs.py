"""Vietnamese number likeness: digits with an optional leading sign and "," / "."
separators, fractions ("3/4"), and Vietnamese number words in any case. The syllables:
zero to ten, the forms a digit takes inside a compound ("mốt" 1, "tư" 4 and "lăm" 5 as a
last digit: "năm mươi lăm" 55), "mươi" (the tens marker in "hai mươi" 20), the older "bẩy"
(7), "chục" (a ten), and the scales "trăm" (100), "nghìn" / "ngàn" (1000), "vạn" (10^4),
"triệu" (10^6), "tỷ" / "tỉ" (10^9). And the numbers 11..99 written out, syllables separated
by one space ("mười hai", "hai mươi mốt", "chín mươi tư"), which is how a word segmenter
(spaCy's pyvi tokenizer) gives them as one token; a final 4 is listed as "tư" and
"bốn".

The words are lexloom's own table, NFC-normalised (precomposed letters). Where that
differs from spaCy 3.8: "mươi" and the written-out numbers 11..99 are numbers here and not
in spaCy."""
from __future__ import annotations

from ..lex_attrs import number_like

# 0..9
_DIGITS = "không một hai ba bốn năm sáu bảy tám chín".split()
_TEN = "mười"
# Other syllables: the in-compound forms of 1, 4, 5, the older 7, the tens marker,
# a ten, and 100, 1000 (north, south), 10^4, 10^6, 10^9 (two spellings).
_OTHER = "mốt tư lăm bẩy mươi chục trăm nghìn ngàn vạn triệu tỷ tỉ".split()

# The last digit after "mười" (11..19) and after "X mươi" (21..99).
_AFTER_TEN = {1: ["một"], 4: ["bốn"], 5: ["lăm"]}
_AFTER_TENS = {1: ["mốt"], 4: ["tư", "bốn"], 5: ["lăm"]}


def _compounds() -> list[str]:
    words = []
    for n in range(1, 10):
        words += [_TEN + " " + last for last in _AFTER_TEN.get(n, [_DIGITS[n]])]
    for tens in range(2, 10):
        stem = _DIGITS[tens] + " mươi"
        words.append(stem)
        for n in range(1, 10):
            words += [stem + " " + last for last in _AFTER_TENS.get(n, [_DIGITS[n]])]
    return words


NUMBER_WORDS: frozenset[str] = frozenset(_DIGITS + [_TEN] + _OTHER + _compounds())


def like_num(text: str) -> bool:
    """Digits ("-1.000"), fractions and number words in any case ("Mười", "TRIỆU",
    "hai mươi mốt")."""
    return number_like(text, NUMBER_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
