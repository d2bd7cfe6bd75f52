"""Arabic number likeness.

The rule is spaCy 3.8's: a leading sign ("+", "-", "±", "~") and the "," / "."
separators are dropped, then digits (Arabic-Indic ones too), a simple fraction or a
number word matched exactly. The words are lexloom's own table in ordinary Arabic
letters: the cardinals in both gender forms ("ثلاث" / "ثلاثة"), the parts of 11..19
("أحد", "إحدى", "اثنا", "اثني"), the tens in "-ون" / "-ين", the hundreds spelled "مائة"
and "مئة", thousand / million / billion / trillion with their duals and plurals, and
the ordinals first to tenth ("أول", "ثالث", "عاشرة"). Two spelling habits of everyday
text are generated for every word: a final "ة" written "ه", and an initial hamza-seat
alif ("أ", "إ", "آ") written bare "ا".

Where this deliberately differs from spaCy 3.8: spaCy has "ten" only in presentation-form
letters copied from a PDF ("ﻋﺸﺮﺓ"), which are not numbers here, while "عشرة" is; "two" with
a hamza ("إثنان") is a misspelling (its alif is a hamzat al-wasl) and is not a number here;
words spaCy's list lacks ("مائة", "مئة", "ألف", "أحد", the feminine cardinals and
ordinals, the duals, "تريليون", ...) are numbers here. Fraction nouns ("نصف", "ربع") are
not number words, as in the other languages.
"""
from __future__ import annotations

from ..lex_attrs import number_like


def _with(stems: str, endings: str) -> list[str]:
    """Every stem followed by every ending ("-" stands for nothing)."""
    return [(stem + ending).replace("-", "") for stem in stems.split()
            for ending in endings.split()]


# 3..10: the bare form (with feminine nouns) and the "ة" form (with masculine nouns).
_UNIT_STEMS = "ثلاث أربع خمس ست سبع ثماني تسع عشر"

_CARDINALS = (
    "صفر واحد واحدة أحد إحدى اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي ثمان".split()
    + _with(_UNIT_STEMS, "- ة")
    # 20..90: nominative and oblique.
    + _with("عشر ثلاث أربع خمس ست سبع ثمان تسع", "ون ين"))

# 100..900 in both spellings of "hundred"; the dual for 200.
_HUNDREDS = (_with("- ثلاث أربع خمس ست سبع ثمان تسع", "مائة مئة")
             + _with("مائت مئت", "ان ين"))

# Thousand, million, billion, trillion: singular, dual (both cases) and plural.
_SCALES = ("ألف ألفان ألفين آلاف مليون مليونان مليونين ملايين مليار ملياران مليارين "
           "مليارات تريليون تريليونان تريليونين تريليونات").split()

# First..tenth, masculine (with the short "ثان" / "حاد" of indefinite nouns) and feminine.
_ORDINAL_STEMS = "ثاني ثالث رابع خامس سادس سابع ثامن تاسع عاشر حادي"
_ORDINALS = "أول أولى ثان حاد".split() + _with(_ORDINAL_STEMS, "- ة")


def _spellings(word: str) -> set[str]:
    """The word, with "ه" for a final "ة", and with a bare alif for an initial hamza seat."""
    forms = {word}
    if word.endswith("ة"):
        forms.add(word[:-1] + "ه")
    if word[0] in "أإآ":
        forms |= {"ا" + form[1:] for form in forms}
    return forms


NUMBER_WORDS: frozenset[str] = frozenset(
    form for word in _CARDINALS + _HUNDREDS + _SCALES + _ORDINALS for form in _spellings(word))


def like_num(text: str) -> bool:
    """Digits ("-1,000", "٣"), fractions ("3/4") and the number words ("مليون", "ثالث")."""
    return number_like(text, NUMBER_WORDS, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
