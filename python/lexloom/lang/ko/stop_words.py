"""Korean stop words (IS_STOP looks up the lowercase text).

The common public stop-word list for the language, as spaCy 3.8 uses it.
"""
from __future__ import annotations

from ..lex_attrs import StopWords

_WORDS = """
가 같 것 그 그것 그러 그러나 그런 그렇 그리고 나 년 놓 다른 더 데 되 두 들 등 때 때문 또 많 말 말하 못하 받 번 보 살 수 시키 싶 아니 안 않 알 어떤
어떻 없 오 원 위하 이 이렇 일 있 잘 점 좀 좋 주 지 크 하 하나 한
"""

STOP_WORDS: set[str] = StopWords(_WORDS.split())
