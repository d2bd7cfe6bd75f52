"""Slovenian number likeness and currency words.

like_num: digits and fractions (a leading sign is stripped), and number words in any
case: the cardinals 0-20, the tens, "sto", "tisoč", the "-ilijon" scales and "nešteto"
(countless), with the oblique forms of 1-4 ("enega", "dveh", "trem", "štirimi") and the
plural ones of 5 and up ("petih", "sedmim", "dvajsetimi"); and the ordinals ("prvi",
"četrti", "stoti", "milijonti"), which decline as adjectives ("prva", "drugega",
"tretjemu", "petimi"). 14 is also written "štirnajst". The words are spelled correctly
where spaCy 3.8's table has typos ("šestdeset", "šesto", "devetega", not "šestdest",
"šestro", "devega").

is_currency: a currency name in its declined forms ("evro", "dolarjev", "kune") or a
lowercase code ("eur", "usd"), matched as written (not lowercased, as spaCy 3.8), or,
as everywhere, a text of currency signs ("$", "€")."""
from __future__ import annotations

from ..lex_attrs import _strip_number_punct, number_like
from ..lex_attrs import is_currency as _currency_signs


def _with(stems: str, endings: str) -> list[str]:
    """Every stem followed by every ending ("-" is the empty ending)."""
    return [stem + ("" if ending == "-" else ending)
            for stem in stems.split() for ending in endings.split()]


_CARDINALS = """
nič nula ničla ena dva tri štiri pet šest sedem osem devet deset
enajst dvanajst trinajst štirinajst štirnajst petnajst šestnajst sedemnajst osemnajst
devetnajst dvajset trideset štirideset petdeset šestdeset sedemdeset osemdeset
devetdeset devedeset sto tisoč milijon bilijon trilijon kvadrilijon nešteto
""".split()
# 1 declines as an adjective ("en"/"eden" masculine); 2, 3 and 4 have their own
# oblique forms and collectives ("dvoje", "troje").
_SMALL_FORMS = """
en eden eno enega enemu enem enim ene eni enih enima enimi
dve dveh dvema dvoje trije treh trem tremi troje štirje štirih štirim štirimi
""".split()
# 5 and up: genitive/locative "-ih", dative "-im", instrumental "-imi"; "sedem" and
# "osem" drop their "e" ("sedmih", "osmimi").
_PLURAL_STEMS = ("pet šest sedm osm devet deset enajst dvanajst trinajst štirinajst "
                 "štirnajst petnajst šestnajst sedemnajst osemnajst devetnajst dvajset "
                 "trideset štirideset petdeset šestdeset sedemdeset osemdeset devetdeset")
CARDINAL_WORDS: frozenset[str] = frozenset(
    _CARDINALS + _SMALL_FORMS + _with(_PLURAL_STEMS, "ih im imi"))

# Ordinals: adjective stems with the endings of the definite adjective (masculine,
# feminine and neuter; singular, dual and plural). "tretji" has a soft stem, so its
# neuter is "tretje".
_ORDINAL_STEMS = ("prv drug četrt pet šest sedm osm devet deset enajst dvanajst trinajst "
                  "štirinajst štirnajst petnajst šestnajst sedemnajst osemnajst devetnajst "
                  "dvajset trideset štirideset petdeset šestdeset sedemdeset osemdeset "
                  "devetdeset stot tisoč milijont bilijont trilijont kvadrilijont neštet")
_ADJECTIVE_ENDINGS = "i a ega emu em im ih ima e imi"
ORDINAL_WORDS: frozenset[str] = frozenset(
    _with(_ORDINAL_STEMS, _ADJECTIVE_ENDINGS + " o") + _with("tretj", _ADJECTIVE_ENDINGS))

NUMBER_WORDS: frozenset[str] = CARDINAL_WORDS | ORDINAL_WORDS

# Masculine currency names decline "-a -u -om -ov -oma -ih -e -i" ("evro" is "evr-o");
# those in "-ar" insert "j" ("dolar", "dolarja", "dolarjev"); feminine ones in "-a"
# decline "-e -i -o -ama -ah -am -ami" and have a bare genitive plural ("kun").
_MASCULINE_ENDINGS = "a u om ov oma ih e i"
CURRENCY_WORDS: frozenset[str] = frozenset(
    ["evro"] + _with("evr", _MASCULINE_ENDINGS)
    + _with("cent funt forint zlot jen", "- " + _MASCULINE_ENDINGS)
    + _with("dolar tolar dinar", "- ja ji ju jem jev jema jih je")
    + _with("kun mark rupij", "- a e i o ama ah am ami")
    + "eur usd tol din gbp".split())


def like_num(text: str) -> bool:
    """Digits ("-1.000,5"), fractions, and number words in any case ("Dvajset",
    "ŠTIRIH", "petega")."""
    if number_like(text):
        return True
    return _strip_number_punct(text).lower() in NUMBER_WORDS


def is_currency(text: str) -> bool:
    """A currency word as written ("evrov", "usd"; not "USD"), or currency signs only."""
    return text in CURRENCY_WORDS or _currency_signs(text)


LEX_ATTRS = {"LIKE_NUM": like_num, "IS_CURRENCY": is_currency}
