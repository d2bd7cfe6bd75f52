"""Romanian number likeness: digits, fractions, cardinal number words and ordinal words
("al doilea", "a treia"), matched lowercased (as spaCy 3.8)."""
from __future__ import annotations

from ..lex_attrs import number_like

CARDINALS = frozenset("""
zero unu doi două trei patru cinci șase șapte opt nouă zece unsprezece doisprezece
douăsprezece treisprezece patrusprezece cincisprezece șaisprezece șaptesprezece optsprezece
nouăsprezece douăzeci treizeci patruzeci cincizeci șaizeci șaptezeci optzeci nouăzeci sută
mie milion miliard bilion trilion cvadrilion catralion cvintilion sextilion septilion enșpemii
""".split())

_TEEN_STEMS = "un trei patru cinci șai șapte opt nouă".split()
_TEN_STEMS = "două trei patru cinci șai șapte opt nouă".split()
# Ordinals from one to ten and of the large units, which do not follow the regular endings.
_IRREGULAR_ORDINALS = """
prima primul doua doilea treia treilea patra patrulea cincia cincilea șasea șaselea șaptea
șaptelea opta optulea noua nouălea zecea zecelea suta sutălea mia mielea miilea milioana
milionulea miliarda miliardelea miliardulea enșpemia
""".split()


def _ordinals() -> set[str]:
    """Teens take "-a" and "-lea" ("treisprezecea", "treisprezecelea"; 12 splits by gender:
    "douăsprezecea", "doisprezecelea"); tens take "-zecea" and "-zecilea"."""
    out = set(_IRREGULAR_ORDINALS) | {"douăsprezecea", "doisprezecelea"}
    for stem in _TEEN_STEMS:
        out.update((stem + "sprezecea", stem + "sprezecelea"))
    for stem in _TEN_STEMS:
        out.update((stem + "zecea", stem + "zecilea"))
    return out


ORDINALS = frozenset(_ordinals())

NUMBER_WORDS = CARDINALS | ORDINALS


def like_num(text: str) -> bool:
    return number_like(text, NUMBER_WORDS)


LEX_ATTRS = {"LIKE_NUM": like_num}
