"""Luxembourgish stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
't a all alleguer allem alles als also am an anerefalls ass aus awer bei beim bis d' da dach
dann dat datt de dee deel deem deen deene dem den deng denger der di dir do domat dozou drop
du duerch duerno däin där déi dësem e ech ee een eent eis eise eisen eiser eisereen eises em
en eng engem enger entweder eréischt esou et falls fir geet gi ginn gouf gouff goung géif
géint gët gëtt hat haten hatt hei hien hier hin hir hiren hu huet hun hunn hätt iech ins
iwwer jiddereen jidderen jiddereng jiddwereen jiddwerengen jo kann kee keen koum kuckt kéng
kéngem kéngen kënne kënnt ma mam mat mech meng menger mer mir muss mä mécht méi nach nawell
nee nees net no nom nu näischt nämmelech nämmlech nëmme nëmmen och oder om ons onsen onser
onsereen onst op ouni schonn schonns se sech selwecht selwer seng senge sengem senger si sid
sie sinn sollten soss sot sou souguer säi säin tëscht u um un virdrun vu vum vun wann war
waren was wat weider wi wollt wou wouhin wéi wéini wéinst wëllt zanter ze zu zum zwar à äert
äis är ären ärt ë ëm ënner
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
