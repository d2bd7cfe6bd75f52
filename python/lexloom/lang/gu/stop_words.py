"""Gujarati stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
અથવા અને અહીં આ આવી આવ્યું એ એટલો એમ એવી કરી કરે કર્યુ કર્યો કે કેટલા કેમ કોઈ છતાં છે છો જાઓ
જાય જુઓ જે જેથી જેમ જેવા જેવું જ્યારે તથા તે તેઓ તેના તેની તેનું તેને તેમણે તેમના તેમનું
તેમને તેમાં ત્યારબાદ ત્યારે થઈ થતો થાય થી દર દ્વારા નથી ના ની નું ને નો પણ પર પરંતુ પરથી માં
માટે માત્ર રહી રહેલા રીતે લાગે શકે શકો શું સાથે સુધી સૌથી હતા હતી હતું હતો હવે હોય હોવા
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
