"""Slovak number likeness: digits, fractions and the cardinal words, from "nula" up to the
"-lión"/"-liarda" names of the large numbers."""
from __future__ import annotations

from ..lex_attrs import number_like

_SMALL = """
nula jeden jedna jedno dva dve tri štyri päť šesť sedem osem deväť desať jedenásť dvanásť
trinásť štrnásť pätnásť šestnásť sedemnásť osemnásť devätnásť dvadsať tridsať štyridsať
päťdesiat šesťdesiat sedemdesiat osemdesiat deväťdesiat sto tisíc
""".split()
# milión, miliarda, bilión, biliarda ... kvintilión, kvintiliarda
_LARGE = [prefix + ending for prefix in ("mi", "bi", "tri", "kvadri", "kvinti")
          for ending in ("lión", "liarda")]

NUMBER_WORDS = frozenset(_SMALL + _LARGE)


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
