"""Scottish stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
 'ad 'ar 'ga 'gam 'gan 'gar 'gur 'na 'nad 'nam 'nan 'nar 'nuair 'nur 's 'sa 'san 'sann 'se
'sna a a' a-chèile a-seo a-sin a-siud aca aca-san acasan ach ag agad agad-sa agads' agadsa
agaibh agaibhse againn againne agam agam-sa agams' agamsa agus aice aice-se aicese aig aige
aige-san aigesan air air-san airsan am an ann annad annam annam-s' annamsa anns annta aon ar
as asad asda asta b' bho bhon bhuainn bhuaipe bhuaithe bhuapa bhur brì bu c'à carson cha
chan chionn choir chon chun chèile chéile chòir ciamar co-dhiubh cuide cuin cuin' cuine cà
cà' càil càit càit' càite cò có d' da de dh' dha dhaibh dhaibh-san dhaibhsan dhan dhasan dhe
dhen dheth dhi dhiom dhiot dhith dhiubh dhomh dhomh-s' dhomhsa dhuibh dhuibhse dhuinn
dhuinne dhuit dhut dhut-sa dhutsa dhà dhà-san dhàsan dhòmhsa diubh do docha don dà dè dé
dòch' dòcha e eadar eatarra eatorra eile esan fa far feud fhad fhearr fhein fheudar fheàrr
fhèin fhéin fhìn fo fodha fodhainn foipe fon fèin ga gach gam gan ged gu gun gur gus i iad
iadsan innte is ise le leam leam-sa leamsa leat leat-sa leatha leatsa leibh leis leis-san
leoth' leotha leotha-san linn m' m'a ma mac man mar mas mathaid mi mis' mise mo mu mun mur
mura mus na nach nad nam nan nar nas neo no nuair o o'n oir oirbh oirbh-se oirnn oirnne
oirre on orm orm-sa ormsa orra orra-san orrasan ort os r' ri ribh rinn ris rithe rithe-se
rium rium-sa riums' riumsa riut riuth' riutha riuthasan ro ro'n roimh roimhe romhainn romham
romhpa ron ruibh ruinn ruinne sa san sann se seach seo seothach shin sibh sibh-se sibhse sin
sineach sinn sinne siod siodach siud siudach sè t' tarsaing tarsainn tarsuinn thar thoigh
thro thu thuc' thuca thugad thugaibh thugainn thugam thugamsa thuice thuige thus' thusa
timcheall toigh toil tro troimh troimhe tron tu tusa uair ud ugaibh ugam-s' ugam-sa uice
uige uige-san umad ur urrainn à às àsan á ás è ì ò ó
"""

STOP_WORDS: set[str] = StopWords(set(_WORDS.split()) | {  # entries with spaces, kept as listed
    "'d # iad", "'g # ag", "'m # am", "'n # an", "'n seo", 'a chionn', "a chionn 's",
    'a chèile', 'a chéile', "a dh'", 'a h-uile', 'a seo', "a'd # agad", "a'm # agam",
    "ac' # aca", "aig' # aige", 'air neo', 'an seo', 'an sin', 'an siud', 'an uair', 'ann a',
    'ann a shin', "ann a'", 'ann am', 'ann an', 'anns an', 'bhuaidhe # bhuaithe', 'car son',
    'cia mheud', 'cò mheud', "dhu'sa # dhut-sa", 'dè mar', 'dé mar', 'ge brith', 'gu dè',
    'gu ruige', "mu 'n", "na b'", 'na bu', 'na iad', 'sna # ann an', "tro' # troimh",
    'unnta # ann an',
    # spaCy's list splits on newlines, so its set holds the empty string too
    '',
})
