"""Sanskrit number likeness: digits and fractions, and the cardinal numbers one to a hundred,
built from each decade's word and the unit forms that precede it (their sandhi differs from
decade to decade: एकाविंशति 21, एकत्रिंशत् 31, एकाशीतिः 81)."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)

_ONE_TO_EIGHTEEN = """
एकः द्वौ त्रयः चत्वारः पञ्च षट् सप्त अष्ट नव दश
एकादश द्वादश त्रयोदश चतुर्दश पञ्चदश षोडश सप्तदश अष्टादश
""".split()

# decade word: the forms of 1..8 written before it, and "one less than" it (19, 29, ...).
_DECADES = [
    ("विंशति", "एका द्वा त्रयो चतुर् पञ्च षड् सप्त अष्टा", "एकान्न"),
    ("त्रिंशत्", "एक द्वा त्रय चतुस् पञ्च षट् सप्त अष्टा", "एकान्न"),
    ("चत्वारिंशत्", "एक द्वा त्रयश् चतुश् पञ्च षट् सप्त अष्टा", "एकोन"),
    ("पञ्चाशत्", "एक द्वि त्रि चतुः पञ्च षट् सप्त अष्ट", "एकोन"),
    ("षष्ठिः", "एक द्वि त्रि चतुः पञ्च षट् सप्त अष्ट", "एकोन"),
    ("सप्ततिः", "एक द्वि त्रि चतुः पञ्च षट् सप्त अष्ट", "एकोन"),
    # अशीतिः fuses with the vowel before it: the unit forms end in its first vowel.
    ("अशीतिः", "एका द्व त्र्य चतुर पञ्चा षड सप्ता अष्टा", "एकोना"),
    ("नवतिः", "एक द्वि त्रि चतुर् पञ्च षण् सप्त अष्ट", "एकोन"),
    ("शतम्", "", "एकोन"),
]


def _cardinals() -> list[str]:
    words = list(_ONE_TO_EIGHTEEN)
    for decade, units, one_less in _DECADES:
        joined = decade[1:] if decade == "अशीतिः" else decade
        words.append(one_less + joined)
        words.append(decade)
        words += [unit + joined for unit in units.split()]
    # retroflex assimilation: ṇ + n -> ṇṇ (षण् + नवतिः = षण्णवतिः, 96)
    return [word.replace("ण्न", "ण्ण") for word in words]


NUMBER_WORDS: frozenset[str] = frozenset(_cardinals())


def like_num(text: str) -> bool:
    """Digits ("1,000"), fractions ("1/2"), and the number words (matched as written)."""
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    return text in NUMBER_WORDS


LEX_ATTRS = {"LIKE_NUM": like_num}
