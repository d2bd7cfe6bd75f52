"""HaitianCreole stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
a ak an ankò ant ap apre atò avan avanlè byen byenke bò chak de deja depi e eh en epi fò fòk
gen genyen k' ki kilès kisa konbyen konn konnen konsa kote koukou kouman kounye k‘ k’ l l'
la laa le li lye lè lò l‘ l’ m m' men mwen mèsi m‘ m’ n' nan nap non nou n‘ n’ o oh osinon
oswa ou oumenm pa pami pandan paske pito pou pral preske pwiske sa san se selman si sou swa
sòt t' ta tan tankou tap te tou toujou tout toutotan twòp tèl t‘ t’ w w' wi wè w‘ w’ y y' yo
yon yonn y‘ y’ èske
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
