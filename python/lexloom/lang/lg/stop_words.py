"""Luganda stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
abadde abalala abamu abangi abava ajja ali alina ani anti ateekeddwa atewamu atya awamu
aweebwa ayinza ba baali babadde babalina bajja bajjanewankubade bali balina bandi bangi bano
bateekeddwa baweebwa bayina bebombi beera bibye bimu bingi bino bo bokka bonna buli bulijjo
bulungi bwabwe bwaffe bwayo bwe bwonna bya byabwe byaffe byebimu byonna ddaa ddala ddi e
ebimu ebiri ebweruobulungi ebyo edda ejja ekirala ekyo endala engeri ennyo era erimu erina
ffe ffenna ga gujja gumu gunno guno gwa gwe kaseera kati kennyini ki kiki kikino kikye kikyo
kino kirungi kki ku kubangabyombi kubangaolwokuba kudda kuva kuwa kwegamba kyaffe kye
kyekimuoyo kyekyo kyonna leero liryo lwa lwaki lyabwezaabwe lyaffe lyange mbadde mingi
mpozzi mu mulinaoyina munda mwegyabwe nabadde nabo nandiyagadde nandiye nanti naye ne nedda
neera nga nnyingi nnyini nnyinza nnyo nolwekyo nti nyinza nze oba ojja okudda okugenda
okuggyako okutuusa okuva okuwa oli olina oluvannyuma olwekyobuva omuli ono osobola otya
oyina oyo seetaaga si sinakindi singa talina tayina tebaali tebaalina tebayina terina
tetulina tetuteekeddwa tewali teyalina teyayina tolina tu tulina tuyina twafuna twetaaga wa
wabula wabweru wadde waggulunnina wakati waliwobangi waliyo wandi wange wano wansi weebwa
yabadde yaffe ye yenna yennyini yina yonna ziba zijja zonna
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
