"""Macedonian number likeness: digits and fractions, cardinal words with their definite,
collective and approximate forms, ordinals in every gender and definiteness, and ranges
such as "два-три". Macedonian inflects numerals by suffix, so the tables hold stems and
like_num strips one known ending before looking the stem up."""
from __future__ import annotations

from ..lex_attrs import _strip_number_punct, number_like

_UNITS = "нула еден една едно два две три четири пет шест седум осум девет".split()
_TEENS = [stem + "наесет" for stem in
          "еди два три четири пет шес седум осум девет".split()]
_TENS = "десет дваесет триесет четириесет педесет шеесет седумдесет осумдесет деведесет".split()
# 100..900: "сто", "двесте", "триста", then "-стотини" (шест + стотини loses a "т").
_HUNDREDS = ["сто", "двесте", "триста"] + [
    stem + "стотини" for stem in "четири пет ше седум осум девет".split()]
_SCALES = ("илјада илјади милион милиони милијарда милијарди билион билиони трилион "
           "трилиони").split()
# Counting people ("двајца" = two men) and "both".
_PERSONAL = ("двајца тројца четворица обајца обата обајцата "
             + " ".join(stem + "мина" for stem in "пет шест седум осум девет десет".split())
             ).split()

CARDINAL_WORDS: frozenset[str] = frozenset(
    _UNITS + _TEENS + _TENS + _HUNDREDS + _SCALES + _PERSONAL
    + ["половина"])

# Ordinals whose stem is not the cardinal: "прв-и", "втор-а", "трет-о", "четврт-иот",
# "шест-и", "седм-а", "осм-ите"; hundreds "двестот-и"; scales "илјадит-и".
ORDINAL_STEMS: frozenset[str] = frozenset(
    "прв втор трет четврт шест седм осм илјадит милионит милијардит".split()
    + [stem + "стот" for stem in "две три четири пет ше седум осум девет".split()])

# Endings on an ordinal stem: gender/number, definite article, fractions ("третина").
_ORDINAL_ENDINGS = ("и", "а", "о", "иот", "ата", "ото", "ите", "ина", "ини", "ината")
# Endings on a cardinal: definite ("трите", "шеесетите"), regular ordinals with "-т-"
# ("петти", "стотата"), collectives ("петмина") and approximations ("десетина").
_CARDINAL_ENDINGS = ("те", "ите", "та", "ти", "то", "тиот", "тата", "тото", "тите",
                     "мина", "ина", "ини", "ината", "ица", "ици")


def _is_number_word(word: str) -> bool:
    if word in CARDINAL_WORDS or word in ORDINAL_STEMS:
        return True
    for ending in _ORDINAL_ENDINGS:
        if word.endswith(ending) and word[:-len(ending)] in ORDINAL_STEMS:
            return True
    for ending in _CARDINAL_ENDINGS:
        if word.endswith(ending) and word[:-len(ending)] in CARDINAL_WORDS:
            return True
    return False


def like_num(text: str) -> bool:
    """Digits ("10.000", "999,0"), fractions, number words in any case and inflection
    ("илјади", "четвртата", "седумдесетите") and ranges of them ("пет-шест")."""
    if number_like(text):
        return True
    word = _strip_number_punct(text).lower()
    if _is_number_word(word):
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(_is_number_word(part) for part in parts)


LEX_ATTRS = {"LIKE_NUM": like_num}
