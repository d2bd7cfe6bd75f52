"""Persian noun chunks: English's (lang/en/syntax_iterators.py) without "oprd" among the
nominal labels, as spaCy's Persian reads them."""
from __future__ import annotations

from ..en.syntax_iterators import NP_LABELS, noun_chunks_with

noun_chunks = noun_chunks_with(tuple(label for label in NP_LABELS if label != "oprd"))

SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
