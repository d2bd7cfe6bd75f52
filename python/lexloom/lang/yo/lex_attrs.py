"""Yoruba number likeness: digits and fractions, and numerals compared without tone marks
and underdots (text is written both with and without them), in any case.

Yoruba counts in twenties and builds most numerals from parts: a unit ("mẹ́rin", four),
"lé" (plus) or "dín"/"dí" (minus) and a base ("ogún", twenty): "mọ́kànlélógún" is 21,
"mẹ́rìndínlógún" 16. Bases are multiples of twenty ("ọgọ́ta" 3 x 20), of ten ("àádọ́ta"
50) or of two hundred ("ẹgbẹ̀ta" 600, "ẹgbàá" 2000). like_num checks that shape rather than
listing every numeral."""
from __future__ import annotations

import re
import unicodedata

from ..lex_attrs import _strip_number_punct, number_like

# Units 1..10, toneless: the bare form and the long counting form ("ẹ̀ta", "ẹẹ́ta").
_UNITS = ("okan ookan eni eji eeji eta eeta erin eerin arun aarun efa eefa eje eeje ejo "
          "eejo esan eesan ewa eewa eewaa").split()
# The forms used when counting things: "m" before the unit ("méjì", "mẹ́wàá").
_COUNTING = ["m" + unit for unit in ("okan eji eta erin arun efa eje ejo esan ewa ewaa"
                                     .split())]
# 11..14 add "lá" (from "lé ẹ̀wá", plus ten): "ọ̀kanlá", "èjìlá", "mẹ́rìnlá".
_TEENS = [unit + "la" for unit in _UNITS[:9] + _COUNTING[:4]]
# Ordinals: "kejì" / "ẹ̀kejì" (second) ... "kẹwàá"; "kínní" / "ẹ̀kíní" (first).
_ORDINALS = ["ekini", "ekinni", "kinni"] + [
    prefix + unit for prefix in ("k", "ek")
    for unit in ("eji eta erin arun efa eje ejo esan ewa ewaa".split())]

# Multipliers 2..10 inside bases: "ọgọ́-ta" (3 x 20), "ẹgbẹ̀-rin" (4 x 200).
_TIMES = "ji ta rin run fa je jo san wa waa".split()
BASES: frozenset[str] = frozenset(
    ["ogun", "ogbon", "igba", "ugba", "oodunrun", "oodurun", "irinwo", "egbaa", "milionu", "bilionu",
     "egbeegberun"]
    + ["ogo" + x for x in _TIMES]              # x 20: 40, 60, ... 180
    + ["aado" + x for x in _TIMES[1:8]]        # x 20 - 10: 50, 70, ... 170
    + ["egbe" + x for x in _TIMES[1:8]]        # x 200: 600, 800, ... 1800
    + [egbaa + x for egbaa in ("egbaa", "egba") for x in _TIMES])  # x 2000
# 20 000 is "ọkẹ́", which toneless is also "òkè" (hill): only with a count after it.
_OKE = ["oke" + unit for unit in _COUNTING]

NUMBER_WORDS: frozenset[str] = frozenset(
    _UNITS + _COUNTING + _TEENS + _ORDINALS + _OKE + ["egbookanla"]) | BASES

_UNIT_PATTERN = "|".join(sorted(set(_UNITS + _COUNTING), key=len, reverse=True))
_BASE_PATTERN = "|".join(sorted(BASES, key=len, reverse=True))
# unit + "lé" / "dín" / "dí" (+ the "l" that joins them to the base) + base; and the
# "five less than" forms: "ẹ́ẹdógún" (15), "ẹ̀ẹ́dẹ́gbẹ̀ta" (500), "ọ̀ọ́dẹ́gbẹ̀rin" (700).
_COMPOUND = re.compile(
    rf"(?:(?:{_UNIT_PATTERN})(?:le|din|di)l?|m?eed|egbeed|ood)(?:{_BASE_PATTERN})")


def strip_accents_text(text: str) -> str:
    """The text without tone marks and underdots (any combining mark), script "ɡ" as "g"."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ɡ", "g")


def like_num(text: str) -> bool:
    """Digits, fractions and numerals with or without diacritics, in any case ("ení",
    "ÈJÌLÁ", "mewadinlogun", "ẹ̀ẹ́dẹ́gbẹ̀ta")."""
    if number_like(text):
        return True
    word = strip_accents_text(_strip_number_punct(text).lower())
    return word in NUMBER_WORDS or _COMPOUND.fullmatch(word) is not None


LEX_ATTRS = {"LIKE_NUM": like_num}
