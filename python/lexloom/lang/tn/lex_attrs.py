"""Setswana number likeness: digits with an optional leading sign and "," / "."
separators, fractions ("3/4"), digits with an English ordinal "th" ("5th", "-1,000TH"),
and the Setswana number words in any case: zero ("lefela"), one to nine (eight and nine
also in their full forms "robabobedi", "robabongwe"), ten and tens ("lesome", "masome"),
hundred(s) ("lekgolo", "makgolo"), thousand(s) ("sekete", "dikete"), "milione",
"bilione", "terilione", and the ordinal stems, "ntlha" (first) and "bo-" + the unit
("bobedi" second, "bone" fourth, "bolesome" tenth).

The words are lexloom's own table in standard spelling. Setswana writes the numbers
between the tens as separate words ("lesome le bongwe" 11, "masome a mabedi" 20), each of
them its own token, so solid compounds are not listed. Where that differs from spaCy 3.8:
"borobedi" (eighth) is a number here (spaCy's list has it only with a trailing space),
and so are "robabobedi", "robabongwe", "masome", "makgolo", "dikete"; spaCy's run-together
compounds ("lesomenngwe", "someamabedi", "bolesomepedi", "somamabedi") and its made-up
scales "kwatirilione", "gajillione", "bazillione" are not numbers here."""
from __future__ import annotations

from ..lex_attrs import _strip_number_punct, number_like

# 1..9 (the short and the full forms of 8 and 9)
_UNITS = "nngwe pedi tharo nne tlhano thataro supa robedi robabobedi robongwe robabongwe"
# 0, 10 and the tens, 100 and the hundreds, 1000 and the thousands, 10^6, 10^9, 10^12
_OTHER_CARDINALS = "lefela lesome masome lekgolo makgolo sekete dikete milione bilione terilione"
# Ordinal stems: "ntlha" (first), then "bo-" + the stem of 2..10 ("bone", 4th, from "nne").
_ORDINALS = "ntlha bobedi boraro bone botlhano borataro bosupa borobedi borobongwe bolesome"

NUMBER_WORDS: frozenset[str] = frozenset(
    " ".join((_UNITS, _OTHER_CARDINALS, _ORDINALS)).split())


def like_num(text: str) -> bool:
    """Digits ("-1,000"), fractions, "5th", and number words in any case ("PEDI",
    "lesome", "bosupa")."""
    if number_like(text, NUMBER_WORDS):
        return True
    word = _strip_number_punct(text).lower()
    return word.endswith("th") and word[:-2].isdigit()


LEX_ATTRS = {"LIKE_NUM": like_num}
