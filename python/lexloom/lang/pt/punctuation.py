"""Portuguese affixes: a currency sign after up to three word characters comes off the front
whole ("R$", "US$"), and a hyphenated word ("guarda-chuva", "2005-2006") is matched as one
infix first. The tokenizer ignores an infix that starts its chunk, so such a word stays
whole; inside a longer chunk the matched run splits off ("0.5-0.7" -> "0.", "5-0", ".7"),
as in spaCy."""
from __future__ import annotations

from ..punctuation import TOKENIZER_INFIXES as BASE_INFIXES
from ..punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES

TOKENIZER_PREFIXES: list[str] = [r"\w{1,3}\$"] + BASE_PREFIXES
TOKENIZER_INFIXES: list[str] = [r"(\w+-\w+(-\w+)*)"] + BASE_INFIXES
