"""Lower Sorbian number likeness: digits, fractions, cardinal words ("jadno", "dwanassćo",
"milion") and the first ordinals ("prědny", "drugi")."""
from __future__ import annotations

from ..lex_attrs import number_like

_UNITS = "jaden jadna jadno dwa dwě tśi styri pěś šesć sedym wósym źewjeś".split()
# the teens are unit stems + "nassćo": jadnassćo, dwanassćo ... źewjeśnassćo
_TEEN_STEMS = "jad dwa tśi styri pěś šes sedym wósym źewjeś".split()
_CARDINALS = """
nul źaseś dwanaźasća tśiźasća styrizasća pěśźaset šesćźaset sedymźaset wósymźaset
źewjeśźaset sto tysac milion miliarda bilion biliarda trilion triliarda
""".split()
_ORDINALS = """
nulty prědny drugi tśeśi stwórty pěty šesty sedymy wósymy źewjety źasety
""".split()

NUMBER_WORDS = frozenset(_UNITS + [stem + "nassćo" for stem in _TEEN_STEMS]
                         + _CARDINALS + _ORDINALS)


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
