"""Basque stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
al anitz arabera asko baina bat batean batek bati batzuei batzuek batzuetan batzuk bera
beraiek berau berauek bere berori beroriek beste bezala da dago dira ditu du dute edo egin
ere eta eurak ez gainera gu gutxi guzti haiei haiek haietan hainbeste hala han handik hango
hara hari hark hartan hau hauei hauek hauetan hemen hemendik hemengo hi hona honek honela
honetan honi hor hori horiei horiek horietan horko horra horrek horrela horretan horri
hortik hura izan ni noiz nola non nondik nongo nor nora ze zein zen zenbait zenbat zer
zergatik ziren zituen zu zuek zuen zuten
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
