"""Icelandic stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
afhverju aftan aftur afþví aldrei allir allt alveg annars annað bara dag eftir eiga einhver
einhverjir einhvers eins einu eitthvað ekkert ekki ennþá eru eða fara fer finna fjöldi
framan frekar frá fyrir fólk gegnum geta getur gmg gott hafa hann hef hefur heyra hjá hvar
hvað hver hverjir hverjum hvernig hvor hvort hægt hér hérna hún img inn kannski koma lol
líka maður mega meira með mig mikið minna minni missa mjög mátt mér nei niður núna oft okkar
okkur póst póstur rofl saman sem sig sinni sjá smá smátt spurja spyrja staðar stórt svo
svona sælir sæll sér síðan taka takk til tilvitnun titlar upp var vel velkomin velkominn
vera verið verður vil vilja vill vita við væri yfir ykkar ætti þakka þakkir þannig þar þarf
þau það þegar þeim þeir þeirra þess þessa þessi þessu þessum þetta þinn þitt þið þráð þráður
því þær þér þín
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
