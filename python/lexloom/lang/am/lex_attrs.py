"""Amharic number likeness: digits and fractions, cardinal words (the teens are "አስራ" plus a
unit, written as two words), ordinals (cardinal + "ኛ"), and digits with the ending "ኛ"."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)
from ..lex_attrs import number_like
from ..ti.lex_attrs import ordinal_digits

# one..nine, with the ordinal stem of each (the form before "ኛ")
_UNITS = {"አንድ": "አንደ", "ሁለት": "ሁለተ", "ሶስት": "ሶስተ", "አራት": "አራተ", "አምስት": "አምስተ",
          "ስድስት": "ስድስተ", "ሰባት": "ሰባተ", "ስምንት": "ስምንተ", "ዘጠኝ": "ዘጠነ"}
_TEN, _TEN_ORDINAL, _TEEN = "አስር", "አስረ", "አስራ"
_TENS = "ሃያ ሰላሳ አርባ ሃምሳ ስልሳ ሰባ ሰማንያ ዘጠና".split()
_LARGE = "መቶ ሺህ ሚሊዮን ቢሊዮን ትሪሊዮን ኳድሪሊዮን ገጅሊዮን ባዝሊዮን".split()
_ORDINAL_LARGE = "መቶ ሺ ሚሊዮን ቢሊዮን ትሪሊዮን".split()
_ORDINAL = "ኛ"


def _words() -> frozenset[str]:
    cardinals = ["ዜሮ", *_UNITS, "ስምት", _TEN, *_TENS, *_LARGE]
    cardinals += [f"{_TEEN} {unit}" for unit in _UNITS]
    ordinals = [stem + _ORDINAL for stem in [*_UNITS.values(), _TEN_ORDINAL]]
    ordinals += [f"{_TEEN} {stem}{_ORDINAL}" for stem in _UNITS.values()]
    ordinals += [word + _ORDINAL for word in ["አምሳ", "ስድሳ", *_TENS, *_ORDINAL_LARGE]]
    return frozenset(cardinals + ordinals)


NUMBER_WORDS: frozenset[str] = _words()


def like_num(text: str) -> bool:
    """Digits ("10.000"), fractions, number words and ordinals ("ሁለተኛ", "10ኛ")."""
    if number_like(text, NUMBER_WORDS):
        return True
    stripped = text[1:] if text.startswith(("+", "-", "±", "~")) else text
    return ordinal_digits(stripped.replace(",", "").replace(".", "").lower(), _ORDINAL)


LEX_ATTRS = {"LIKE_NUM": like_num}
