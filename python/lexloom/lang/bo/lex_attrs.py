"""Tibetan number likeness: digits (Tibetan digits "༡༠" included, as str.isdigit sees them),
fractions, and the number words, each written with its closing tsheg ("གཅིག་")."""
from __future__ import annotations

from ..lex_attrs import number_like

_T = "\u0f0b"  # tsheg, the syllable mark that ends each written number word
# 1..9
_UNITS = "གཅིག གཉིས གསུམ བཞི ལྔ དྲུག བདུན བརྒྱད དགུ".split()
# 20, 30, ... 90
_TENS = "ཉི་ཤུ སུམ་ཅུ བཞི་བཅུ ལྔ་བཅུ དྲུག་ཅུ བདུན་ཅུ བརྒྱད་ཅུ དགུ་བཅུ".split()
# 0, 10, 100, 1000, 10^4, 10^5, 10^6, 10^7, 10^8; and the contracted 15 and 18
_OTHERS = "ཀླད་ཀོར བཅུ བརྒྱ སྟོང ཁྲི འབུམ ས་ཡ བྱེ་བ དུང་ཕྱུར བཅོ་ལྔ བཅོ་བརྒྱད".split()

# 11..19 are "བཅུ" (ten) followed by the unit
_WORDS = _UNITS + _TENS + _OTHERS + [f"བཅུ{_T}{unit}" for unit in _UNITS]
NUMBER_WORDS = frozenset(word + _T for word in _WORDS)


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS, lowercase=False)


LEX_ATTRS = {"LIKE_NUM": like_num}
