"""Azerbaijani number likeness.

The rule is spaCy 3.8's: a leading sign and the "," / "." separators are dropped, then
digits, a simple fraction, a number word (matched lowercased with Python's lower()), or
digits followed by an ordinal ending ("5inci", "10uncu", "2nci"). The words are lexloom's
own table: the cardinals from zero ("sıfır") to a hundred, the scale words up to
"kvintilyon", and every cardinal's ordinal, built with "-(I)ncI" under vowel harmony
("birinci", "üçüncü", "yeddinci", "doxsanıncı"). Numbers from eleven on are written as
separate words ("on bir"), so only the parts are listed.

Where this deliberately differs from spaCy 3.8: seventh is "yeddinci" here (spaCy lists
the misspelling "yedinci", which is not a number here); "sıfır" and "kvintilyon" (with
their ordinals) are numbers here, while spaCy's "kentilyon" (the Turkish word) is not.
"""
from __future__ import annotations

from ..lex_attrs import _strip_number_punct, number_like

CARDINAL_WORDS: tuple[str, ...] = tuple((
    "sıfır bir iki üç dörd beş altı yeddi səkkiz doqquz "
    "on iyirmi otuz qırx əlli altmış yetmiş səksən doxsan "
    "yüz min milyon milyard trilyon kvadrilyon kvintilyon").split())

# The suffix vowel I follows the word's last vowel: back unrounded ı, back rounded u,
# front unrounded i, front rounded ü.
_HARMONY = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i",
            "ö": "ü", "ü": "ü"}


def _ordinal(word: str) -> str:
    """"-ncI" after a vowel, "-IncI" after a consonant: "iki" -> "ikinci", "üç" -> "üçüncü"."""
    vowel = _HARMONY[next(c for c in reversed(word) if c in _HARMONY)]
    if word[-1] in _HARMONY:
        return f"{word}nc{vowel}"
    return f"{word}{vowel}nc{vowel}"


ORDINAL_WORDS: frozenset[str] = frozenset(_ordinal(word) for word in CARDINAL_WORDS)
NUMBER_WORDS: frozenset[str] = frozenset(CARDINAL_WORDS) | ORDINAL_WORDS

# The ordinal suffix after digits, in its four harmonic shapes, with and without the
# linking vowel.
_DIGIT_ORDINAL_ENDINGS = ("inci", "ıncı", "uncu", "üncü", "nci", "ncı")


def _digit_ordinal(word: str) -> bool:
    """Digits and an ordinal ending: with a three-letter ending, the digits may also be
    followed by one more character before it (as spaCy checks: "5inci", "5nci")."""
    return word.endswith(_DIGIT_ORDINAL_ENDINGS) and (
        word[:-3].isdigit() or word[:-4].isdigit())


def like_num(text: str) -> bool:
    """Digits ("+1.000"), fractions, cardinal and ordinal words in any case ("BEŞ",
    "Onuncu") and digit ordinals ("100üncü")."""
    if number_like(text, NUMBER_WORDS):
        return True
    return _digit_ordinal(_strip_number_punct(text).lower())


LEX_ATTRS = {"LIKE_NUM": like_num}
