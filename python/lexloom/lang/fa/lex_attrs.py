"""Persian number likeness: digits in any script with the Persian and Latin separators
removed ("۱۲٫۵", "1,000", "۳/۴" -> digits), the number words (with their spoken variants:
"شیش", "پونزده"), and ordinals made from them ("پنجم", "پنج‌ام", "پنجمین")."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)

NUMBER_WORDS: frozenset[str] = frozenset("""
صفر یک دو سه چهار پنج شش شیش هفت هشت نه ده
یازده دوازده سیزده چهارده پانزده پونزده شانزده شونزده هفده هجده هیجده نوزده
بیست سی چهل پنجاه شصت هفتاد هشتاد نود
صد یکصد یک‌صد دویست سیصد چهارصد پانصد پونصد ششصد شیشصد هفتصد هفصد هشتصد نهصد
هزار میلیون میلیارد بیلیون بیلیارد تریلیون تریلیارد کوادریلیون کادریلیارد کوینتیلیون
""".split())

# An ordinal is a number word + "م" or + zero-width non-joiner "ام"; + "ین" makes the
# attributive form. "اول", "سوم" and "سی‌ام" are irregular.
_ORDINALS = {"اول", "سوم", "سی‌ام"}
_ORDINALS.update(word + "م" for word in NUMBER_WORDS)
_ORDINALS.update(word + "\u200cام" for word in NUMBER_WORDS)
ORDINAL_WORDS: frozenset[str] = frozenset(_ORDINALS | {word + "ین" for word in _ORDINALS})

_SEPARATORS = str.maketrans("", "", ",.،٫/")


def like_num(text: str) -> bool:
    text = text.translate(_SEPARATORS)
    return text.isdigit() or text in NUMBER_WORDS or text in ORDINAL_WORDS


LEX_ATTRS = {"LIKE_NUM": like_num}
