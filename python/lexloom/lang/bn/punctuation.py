"""Bengali affixes: the language-independent ones, plus arithmetic signs and "=" that split
between Bengali digits as they do between ASCII digits ("৩*৩=৬" is five tokens)."""
from __future__ import annotations

from ..punctuation import TOKENIZER_INFIXES as BASE_INFIXES

_DIGITS = "0-9\u09e6-\u09ef"  # ASCII and Bengali digits (০-৯)

TOKENIZER_INFIXES: list[str] = list(BASE_INFIXES) + [
    f"(?<=[{_DIGITS}])[+\\-\\*^=](?=[{_DIGITS}-])",
]
