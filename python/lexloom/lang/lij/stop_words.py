"""Ligurian stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
a a-a a-e a-i a-o aiva aloa an ancheu ancon apreuvo ascì atra atre atri atro avanti avei
bella belle belli bello ben ch' che chi chì ciù co-a co-e co-i co-o comm' comme con coscì
cösa cöse d' da da-a da-e da-i da-o dapeu de delongo derê di do doe donde doî dòppo e ea ean
emmo en fin fiña gh' ghe guæei i in insemme int' inta inte inti into l' lê lì lô m' ma manco
me megio meno mezo mi n' na ne ni ninte nisciun nisciuña no o oua parte pe pe-a pe-e pe-i
pe-o perché pittin primma pròpio pö quand' quande quarche quella quelle quelli quello quæ s'
sce sci sciâ sciô sciù scê se segge seu solo son sott' sta ste sti sto stæta stæte stæti
stæto sò tanta tante tanti tanto te ti torna tra tròppo tutta tutte tutti tutto un unn' unna
uña za zu à â é ê ëse î ò ô
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
