"""Haitian Creole's tag map, as spaCy's ht module offers it: its tagger uses the universal
part-of-speech tags as fine-grained tags, so each tag maps to the coarse POS of its name."""
from __future__ import annotations

from ...attrs import POS_IDS

# the 17 universal tags (not the empty "" / SPACE / EOL entries of the id table)
_UNIVERSAL = ["NOUN", "VERB", "AUX", "ADJ", "ADV", "PRON", "DET", "ADP", "SCONJ", "CCONJ",
              "PART", "INTJ", "NUM", "PROPN", "PUNCT", "SYM", "X"]

TAG_MAP: dict[str, dict[str, int]] = {tag: {"pos": POS_IDS[tag]} for tag in _UNIVERSAL}
