"""Serbian number likeness: digits and fractions (a leading sign is stripped), and the
Cyrillic number words in any case: 0-20, the tens, the hundreds ("двеста", "петсто"),
"хиљаду" (a thousand, the counting accusative), million, "милијарду" (a billion) and
the larger scales."""
from __future__ import annotations

from ..lex_attrs import number_like

_UNITS = "нула један два три четири пет шест седам осам девет".split()
# 11..19: the unit + "-наест" ("on ten"), with 14 and 16 contracted.
_TEENS = ("десет једанаест дванаест тринаест четрнаест петнаест шеснаест седамнаест "
          "осамнаест деветнаест").split()
# Tens: the unit + "-десет", with 40, 50 and 60 contracted.
_TENS = ("двадесет тридесет четрдесет педесет шездесет седамдесет осамдесет "
         "деведесет").split()
# Hundreds: "сто", then "-ста" after 2 and 3, "-сто" after the rest.
_HUNDREDS = ["сто", "двеста", "триста"] + [unit + "сто" for unit in _UNITS[4:]]
_SCALES = "хиљаду милион милијарду трилион квадрилион квинтилион".split()

NUMBER_WORDS: frozenset[str] = frozenset(_UNITS + _TEENS + _TENS + _HUNDREDS + _SCALES)


def like_num(text: str) -> bool:
    """Digits ("-1.000,5"), fractions, and number words in any case ("ДВЕСТА")."""
    return number_like(text, NUMBER_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
