"""Yoruba stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
a an b bá bí bẹ̀rẹ̀ d e f fún fẹ́ g gbogbo i inú j jù jẹ jẹ́ k kan kì kí kò l láti lè lọ m
mi mo máa mọ̀ n ni náà ní nígbà nítorí nǹkan o p padà pé púpọ̀ pẹ̀lú r rẹ̀ s sì sí sínú t ti
tí u w wà wá wọn wọ́n y yìí à àti àwọn á è é ì í ò òun ó ù ú ń ńlá ǹ ̀ ́ ̣ ṣ ṣe ṣé ṣùgbọ́n ẹ
ẹmọ́ ọ ọjọ́ ọ̀pọ̀lọpọ̀
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
