"""English lexical attributes: number words count as numbers, and the stop-word list."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)
from ..lex_attrs import _strip_number_punct
from ..lex_attrs import is_stop as _is_stop
from .stop_words import STOP_WORDS

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ("hundred thousand million billion trillion quadrillion quintillion sextillion "
           "septillion octillion nonillion decillion gajillion bazillion").split()
_IRREGULAR_ORDINALS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                       "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}


def _ordinal(word: str) -> str:
    if word in _IRREGULAR_ORDINALS:
        return _IRREGULAR_ORDINALS[word]
    if word.endswith("y"):
        return word[:-1] + "ieth"
    return word + "th"


NUMBER_WORDS: frozenset[str] = frozenset(_ONES + _TENS + _SCALES)
ORDINAL_WORDS: frozenset[str] = frozenset(_ordinal(w) for w in _ONES[1:] + _TENS + _SCALES)


def like_num(text: str) -> bool:
    """Digits ("1,000"), fractions ("3/4"), number words ("seven", "fifth") and digit
    ordinals ("21st")."""
    text = _strip_number_punct(text)
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    lower = text.lower()
    if lower in NUMBER_WORDS or lower in ORDINAL_WORDS:
        return True
    return lower.endswith(("st", "nd", "rd", "th")) and lower[:-2].isdigit()


def is_stop(text: str) -> bool:
    """In the English stop list, ignoring case."""
    return _is_stop(text, STOP_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num, "IS_STOP": is_stop}
