"""Tagalog number likeness: digits and fractions, native number words in any case, their
linker forms ("isang", "tatlong", "daang": a numeral before its noun), ordinals ("una",
"ikalawa", "ika-5", "pangatlo") and fractions ("kalahati", "sangkatlo")."""
from __future__ import annotations

from ..lex_attrs import _strip_number_punct, number_like

_ONES = "isa dalawa tatlo apat lima anim pito walo siyam".split()
# 11..19: "labing-" / "labin-" before the unit; spellings with and without the hyphen.
_TEENS = ("labing-isa labingisa labindalawa labintatlo labing-apat labingapat labinlima "
          "labing-anim labinganim labimpito labinpito labing-walo labingwalo labinsiyam").split()
# Tens: the unit plus "-pu" (with "-m-"/"-n-" assimilation); 10 is "sampu".
_TENS = ("sampu dalawampu tatlumpu apatnapu limampu animnapu pitumpu walumpu "
         "siyamnapu").split()
_SCALES = ("daan sandaan isandaan libo sanlibo isanlibo laksa milyon milyun bilyon "
           "trilyon").split()
_OTHERS = "sero kalahati sangkatlo sangkapat".split()


def _linked(word: str) -> str | None:
    """The linker form of a numeral: "-ng" after a vowel, "-g" after "n"; numerals that
    end in another consonant take a separate "na" instead (None)."""
    if word[-1] in "aeiou":
        return word + "ng"
    if word[-1] == "n":
        return word + "g"
    return None


CARDINAL_WORDS: frozenset[str] = frozenset(_ONES + _TEENS + _TENS + _SCALES + _OTHERS)
LINKED_WORDS: frozenset[str] = frozenset(
    linked for linked in map(_linked, _ONES + _TEENS + _TENS + _SCALES) if linked)
# "una" (first); "ika-"/"pang-" before the number, but 2 and 3 drop a syllable:
# "ikalawa"/"pangalawa" (second), "ikatlo"/"pangatlo" (third).
ORDINAL_WORDS: frozenset[str] = frozenset(
    ["una", "ikalawa", "pangalawa", "ikatlo", "pangatlo", "pang-apat", "pang-anim"]
    + [prefix + word for prefix in ("ika", "ika-", "pang")
       for word in _ONES[1:] + _TEENS + _TENS + _SCALES])

NUMBER_WORDS: frozenset[str] = CARDINAL_WORDS | LINKED_WORDS | ORDINAL_WORDS


def like_num(text: str) -> bool:
    """Digits ("1,000"), fractions, number words in any case ("TATLO", "isang"),
    ordinals, and "ika-" with digits ("ika-10")."""
    if number_like(text):
        return True
    word = _strip_number_punct(text).lower()
    if word in NUMBER_WORDS:
        return True
    return word.startswith("ika-") and word[4:].isdigit()


LEX_ATTRS = {"LIKE_NUM": like_num}
