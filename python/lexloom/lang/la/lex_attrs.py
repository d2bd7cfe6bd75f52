"""Latin number likeness: plain digits, Roman numerals in either case ("MMXXII", "iv", and
the additive "IIII"), and the cardinal and ordinal words in all their gender forms, spelt
with "v" or "u" ("octavus", "octauus"). Signs and digit separators are not stripped: Latin
text does not write "1,000"."""
from __future__ import annotations

import re

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)


def _roman_numeral_pattern() -> re.Pattern:
    """Thousands as any run of M, then per decimal place (one, five, ten) either the
    subtractive pair ("CM", "CD") or an optional five with up to four ones ("DCCC", "IIII")."""
    places = [f"(?:{one}{ten}|{one}{five}|{five}?{one}{{0,4}})"
              for one, five, ten in (("C", "D", "M"), ("X", "L", "C"), ("I", "V", "X"))]
    return re.compile("(?i)^(?=[MDCLXVI])M*" + "".join(places) + "$")


ROMAN_NUMERAL = _roman_numeral_pattern()

# Cardinals; the hundreds (and "unus", "duo", "tres") decline, so each comes in its
# masculine, feminine and neuter form.
_CARDINALS = """
unus una unum duo duae tres tria quattuor quinque sex septem octo novem decem
undecim duodecim tredecim quattuordecim quindecim sedecim septendecim duodeviginti undeviginti
viginti triginta quadraginta quinquaginta sexaginta septuaginta octoginta nonaginta
centum mille
""".split()
_HUNDREDS = "ducent trecent quadringent quingent sescent septingent octingent nongent".split()

# Ordinals are all "-us/-a/-um" adjectives: their stems.
_ORDINAL_STEMS = """
prim secund terti quart quint sext septim octav non decim undecim duodecim
duodevicesim undevicesim vicesim tricesim quadragesim quinquagesim sexagesim septuagesim
octogesim nonagesim centesim ducentesim trecentesim quadringentesim quingentesim
sescentesim septingentesim octingentesim nongentesim millesim
""".split()


def _with_u_spelling(words: list[str]) -> frozenset[str]:
    return frozenset(words + [word.replace("v", "u") for word in words])


NUMBER_WORDS: frozenset[str] = _with_u_spelling(
    _CARDINALS + [stem + ending for stem in _HUNDREDS for ending in ("i", "ae", "a")])
ORDINAL_WORDS: frozenset[str] = _with_u_spelling(
    [stem + ending for stem in _ORDINAL_STEMS for ending in ("us", "a", "um")])
_WORDS = NUMBER_WORDS | ORDINAL_WORDS


def like_num(text: str) -> bool:
    """Digits ("2022"), Roman numerals ("MMXXII", "vi"), and number words in any case
    ("decem", "QUINQUE", "tertius"); "MMXX11" mixes the two and is not a number."""
    if text.isdigit() or ROMAN_NUMERAL.match(text):
        return True
    return text.lower() in _WORDS


LEX_ATTRS = {"LIKE_NUM": like_num}
