"""Kurmanji number likeness: digits, fractions, the number words and their ordinals (the
"-em" and "-emîn" forms, "yekem", "duyemîn"), and digit ordinals ("34em", "20emîn"), in any
case."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)
from ..lex_attrs import _strip_number_punct, number_like

_CARDINALS = """
yek du sê çar pênc şeş heft heşt neh deh
yazde dazde sêzde çarde pazde şazde hevde hejde nozde
bîst sî çil pêncî şêst heftê heştê nod sed hezar milyon milyar
""".split()

# Ordinal stems that differ from the cardinal: "nod" (90) -> "notem", "şazde" (16) ->
# "şanzdehem"; "pêncî" (50) also appears as "pênciyemîn".
_ORDINAL_STEMS = {"nod": "not", "şazde": "şanzde"}
_ORDINAL_VARIANTS = ["pênciyemîn"]


def _ordinal(cardinal: str) -> str:
    """The "-em" ordinal: the teens' "-de" becomes "-dehem", a final vowel takes "-yem"."""
    stem = _ORDINAL_STEMS.get(cardinal, cardinal)
    if stem.endswith("de"):
        return stem + "hem"
    if stem.endswith(("u", "ê", "î")):
        return stem + "yem"
    return stem + "em"


NUMBER_WORDS: frozenset[str] = frozenset(["sifir"] + _CARDINALS)
ORDINAL_WORDS: frozenset[str] = frozenset(
    [_ordinal(word) for word in _CARDINALS]
    + [_ordinal(word) + "în" for word in _CARDINALS]
    + _ORDINAL_VARIANTS
)
_WORDS = NUMBER_WORDS | ORDINAL_WORDS
_DIGIT_ORDINAL_ENDINGS = ("em", "yem", "emîn", "yemîn")


def like_num(text: str) -> bool:
    """Digits ("1,000"), fractions ("3/4"), number words and ordinals in any case ("DEH",
    "sedemîn"), and digits with an ordinal ending ("100em", "30yem", "50yemîn")."""
    text = _strip_number_punct(text)
    if number_like(text, _WORDS, strip_sign=False):
        return True
    lower = text.lower()
    return any(lower.endswith(ending) and lower[:-len(ending)].isdigit()
               for ending in _DIGIT_ORDINAL_ENDINGS)


LEX_ATTRS = {"LIKE_NUM": like_num}
