"""Setswana stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
ba bobedi bobona bogolo bokana bona bonala boraro botlalo botlhe di dinako dira dirwa e eng
eo esi fa fela feta fitlha ga gago gaisa gangwe gape gareng go godimo golo gongwe gonne gore
goreng jaaka jaanong jalo ka karolo ke kgabaganya kgatlhanong kgolo kwa le lekgolo lesome
lesomenngwe lesomepedi lesometlhano magareng mang masisi masomamabedi masomethataro mmalwa
mmatota mmogo mo mongwe moo morago mororo na nako ne nna nngwe nnye ntle ntse o pedi pele re
robedi robongwe rona sa sale se selekanyo sengwe sentle sepe setseng supa teng tharo thata
thataro thoko tikologong tla tlase tlhalosa tlhano tlhwatlhwa tota tsa tsamaiso tsaya tseno
tsenya tseo tseraganyo tshwanang tshwanetse tsona tsotlhe tsweetswee wena yo yona yone
yotlhe
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
