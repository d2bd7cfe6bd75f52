"""Hebrew number likeness: digits and fractions, the cardinal words in both genders (the
teens as two-word phrases, "אחד עשר"), the large scales and the ordinals up to tenth. Hebrew
has no case, so words are matched as written."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)
from ..lex_attrs import number_like

# Zero to ten, feminine and masculine (and the spelling variants of two), then the tens and
# the scales.
_UNITS = """
אפס אחת אחד שתיים שתים שניים שנים שלוש שלושה ארבע ארבעה חמש חמישה שש שישה שבע שבעה
שמונה תשע תשעה עשר עשרה
"""
_TENS_AND_SCALES = """
עשרים שלושים ארבעים חמישים שישים שבעים שמונים תשעים מאה אלף מליון מליארד טריליון
"""

# The teens are two words: masculine units take "עשר", feminine ones "עשרה".
_TEEN_UNITS_MASCULINE = "אחד שנים שלושה ארבעה חמישה ששה שבעה שמונה תשעה".split()
_TEEN_UNITS_FEMININE = "אחת שתים שלוש ארבע חמש שש שבע שמונה תשע".split()

NUMBER_WORDS: frozenset[str] = frozenset(
    _UNITS.split()
    + _TENS_AND_SCALES.split()
    + [f"{unit} עשר" for unit in _TEEN_UNITS_MASCULINE]
    + [f"{unit} עשרה" for unit in _TEEN_UNITS_FEMININE]
)
# First to tenth (masculine).
ORDINAL_WORDS: frozenset[str] = frozenset(
    "ראשון שני שלישי רביעי חמישי שישי שביעי שמיני תשיעי עשירי".split())
_WORDS = NUMBER_WORDS | ORDINAL_WORDS


def like_num(text: str) -> bool:
    """Digits ("10,000"), fractions ("1/2"), number words ("שתיים") and ordinals ("שלישי")."""
    return number_like(text, _WORDS, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
