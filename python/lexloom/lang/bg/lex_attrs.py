"""Bulgarian number likeness.

The rule is spaCy 3.8's: a leading sign and the "," / "." separators are dropped, then
digits, a simple fraction or a cardinal number word matched lowercased. The words are
lexloom's own table, all in Cyrillic letters: zero to ten (with the three genders of
"one" and both "два" / "две"), the counting forms for male persons ("двама", "трима",
"седмина"), the teens and tens in their written "-надесет" / "-десет" and colloquial
"-найсет" / "-йсет" forms, the hundreds, and the scale nouns "хиляда" / "хиляди" and
"милион", "милиард", "билион", "трилион", "квадрилион", "квинтилион" with their count
forms in "-а" ("два милиона") and plurals in "-и" ("милиони").

Where this deliberately differs from spaCy 3.8: spaCy writes the count forms of the
larger scales with a Latin final "a" ("трилионa"), which are not numbers here, while the
Cyrillic "трилиона" is; forty's colloquial form is "четирийсет" here (spaCy has
"четиресет", which is not); "два", "хиляди", the personal forms and the plurals, which
spaCy's list lacks, are numbers here.
"""
from __future__ import annotations

from ..lex_attrs import number_like


def _with(stems: str, endings: str) -> list[str]:
    """Every stem followed by every ending ("-" stands for nothing)."""
    return [(stem + ending).replace("-", "") for stem in stems.split()
            for ending in endings.split()]


_UNITS = "нула един една едно два две три четири пет шест седем осем девет десет".split()
_PERSONAL = ("двама трима четирима петима шестима седмина осмина деветима "
             "десетима").split()
# 11..19: the unit, "-на-", then "десет" (written) or "йсет" (colloquial).
_TEENS = _with("едина двана трина четирина петна шестна седемна осемна деветна",
               "десет йсет")
_TENS = (_with("два три четири пет шест седем осем девет", "десет")
         + "двайсет трийсет четирийсет шейсет".split())
_HUNDREDS = "сто двеста триста".split() + _with(
    "четири пет шест седем осем девет", "стотин")
_SCALES = ["хиляда", "хиляди"] + _with(
    "милион милиард билион трилион квадрилион квинтилион", "- а и")

NUMBER_WORDS: frozenset[str] = frozenset(
    _UNITS + _PERSONAL + _TEENS + _TENS + _HUNDREDS + _SCALES)


def like_num(text: str) -> bool:
    """Digits ("-1.000"), fractions ("3/4") and number words in any case ("ДВЕ",
    "Петнайсет", "милиарда")."""
    return number_like(text, NUMBER_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
