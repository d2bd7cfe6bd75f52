"""Arabic special cases: abbreviations kept whole (dating "ق.م", "هـ."; titles "د.", "أ.د";
the scholarly shorthand of hadith and commentary "إلخ", "ثنا"), each with its full form as
NORM."""
from __future__ import annotations

from ..tokenizer_exceptions import BASE_EXCEPTIONS, NORM, ORTH, Exceptions, merge_exceptions

# abbreviation -> what it stands for
_ABBREVIATIONS = {
    # dates: before / after Christ, Gregorian, Hijri, died
    "ق.م": "قبل الميلاد", "ب. م": "بعد الميلاد", ".م": "ميلادي", ".هـ": "هجري", ".ت": "توفي",
    # scholarly shorthand
    "صلعم": "صلى الله عليه وسلم", "الشـ": "الشارح", "الظـ": "الظاهر", "أيضـ": "أيضًا",
    "إلخ": "إلى آخره", "اهـ": "انتهى", "ثنا": "حدّثنا", "ثنى": "حدثني", "أنا": "أنبأنا",
    "نا": "أخبرنا", "م. س": "مصدر سابق", "م. ن": "مصدر نفسه",
    # titles
    "د.": "دكتور", "أ.د": "أستاذ دكتور", "أ.": "أستاذ", "ب.": "بروفيسور",
    # telephone, post-office box
    "ت.": "تلفون", "ص.ب": "صندوق بريد",
}


def _arabic_exceptions() -> Exceptions:
    return {orth: [{ORTH: orth, NORM: norm}] for orth, norm in _ABBREVIATIONS.items()}


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _arabic_exceptions())
