"""Korean infixes, for the rule-based tokenizer (spacy.Tokenizer.v1 in a Korean pipeline):
the middle dots that list items ("사과·배"), brackets and quotes between characters
("부(富)는"), and a tilde between numbers for ranges ("1982~1983"), before the shared
infixes. A tilde at a word's end ("그렇구나~") stays."""
from __future__ import annotations

from ..char_classes import LIST_QUOTES
from ..punctuation import TOKENIZER_INFIXES as BASE_INFIXES
from ..punctuation import between

TOKENIZER_INFIXES: list[str] = (
    ["\u00b7", "\u318d", r"\(", r"\)", between("0-9", "~", "0-9-")]
    + LIST_QUOTES
    + BASE_INFIXES
)
