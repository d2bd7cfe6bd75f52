"""Czech number likeness: digits, fractions and the cardinal words, from "nula" up to the
"-lion"/"-liarda" names of the large numbers."""
from __future__ import annotations

from ..lex_attrs import number_like

_SMALL = """
nula jeden jedna jedno dva dvě tři čtyři pět šest sedm osm devět deset jedenáct dvanáct
třináct čtrnáct patnáct šestnáct sedmnáct osmnáct devatenáct dvacet třicet čtyřicet padesát
šedesát sedmdesát osmdesát devadesát sto tisíc
""".split()
# milion, miliarda, bilion, biliarda ... kvintilion, kvintiliarda
_LARGE = [prefix + ending for prefix in ("mi", "bi", "tri", "kvadri", "kvinti")
          for ending in ("lion", "liarda")]

NUMBER_WORDS = frozenset(_SMALL + _LARGE)


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
