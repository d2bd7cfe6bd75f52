"""Luganda number likeness: digits and fractions (a leading sign is stripped), and number
words in any case: the counting forms 0-19 ("emu", "kkumi na bbiri", with "na" eliding
before a vowel: "kkumi n'emu"), the tens ("amakumi abiri", "nkaaga"), the scale nouns
("kikumi", "lukumi", "kakadde", ...) and the ordinals, which are "eky-" joined to the
numeral's augmented form ("ekyokubiri", "ekyekkumi n'ekimu", "ekyolukumi") and written
either run together or with the elision apostrophe ("eky'okubiri")."""
from __future__ import annotations

from ..lex_attrs import _strip_number_punct, number_like

# 1..9 as counted ("emu, bbiri, ssatu ..."); 1..5 are adjective stems that agree with
# their noun's class, 6..9 are invariable nouns.
_UNITS = "emu bbiri ssatu nnya ttaano mukaaga musanvu munaana mwenda".split()
_STEMS_1_TO_5 = "mu biri satu na taano".split()

# Tens: 20..50 are "amakumi" (class 6, prefix "a-") with the stem, 60..90 own nouns.
_TENS = ["amakumi a" + stem for stem in _STEMS_1_TO_5[1:]] + "nkaaga nsanvu kinaana kyenda".split()
# Scale nouns with the augment vowel their class takes as the base of an ordinal:
# hundred (class 7), thousand (11), million, billion, trillion and the larger
# "countless" coinages (class 12).
_SCALES = {"kikumi": "e", "lukumi": "o", "kakadde": "a", "kawumbi": "a", "kase": "a",
           "katabalika": "a", "keesedde": "a", "kafukunya": "a"}


def _and(unit: str) -> str:
    """"na" (and) before a numeral; it elides before a vowel: "n'emu"."""
    return "n'" + unit if unit[0] in "aeiou" else "na " + unit


_TEENS = ["kkumi " + _and(unit) for unit in _UNITS]
CARDINAL_WORDS: frozenset[str] = frozenset(
    ["nnooti", "zeero", "kkumi"] + _UNITS + _TEENS + _TENS + list(_SCALES))

# The augmented numerals an ordinal is built on: "oku-" + stem for 2..5 ("okubiri"),
# "o-" before the nouns 6..9 ("omukaaga"), the augment of each tens or scale noun
# ("ekkumi", "enkaaga", "ekinaana", "olukumi", "akakadde"); 11..19 add "n'" and the
# unit in class 7/8 agreement ("n'ekimu", "n'ebibiri") or the noun ("n'omukaaga").
_ORDINAL_UNITS = (["oku" + stem for stem in _STEMS_1_TO_5[1:]]
                  + ["o" + unit for unit in _UNITS[5:]])
_CLASS_8_UNITS = ["ekimu"] + ["ebi" + stem for stem in _STEMS_1_TO_5[1:]]
_ORDINAL_BASES = (_ORDINAL_UNITS + ["ekkumi"]
                  + ["ekkumi n'" + unit for unit in _CLASS_8_UNITS + _ORDINAL_UNITS[4:]]
                  + ["amakumi a" + stem for stem in _STEMS_1_TO_5[1:]]
                  + ["e" + ten for ten in _TENS[4:]]
                  + [augment + scale for scale, augment in _SCALES.items()])
ORDINAL_WORDS: frozenset[str] = frozenset(
    ["ekisooka"] + ["eky" + joint + base for base in _ORDINAL_BASES for joint in ("", "'")])

NUMBER_WORDS: frozenset[str] = CARDINAL_WORDS | ORDINAL_WORDS


def like_num(text: str) -> bool:
    """Digits ("-1,000"), fractions, and number words in any case ("Kkumi n'emu",
    "EKYOKUSATU", "eky'omunaana")."""
    if number_like(text):
        return True
    return _strip_number_punct(text).lower().replace("\u2019", "'") in NUMBER_WORDS


LEX_ATTRS = {"LIKE_NUM": like_num}
