"""Persian noun chunks: English's (lang/en/syntax_iterators.py) without "oprd" among the
nominal labels, as spaCy's Persian reads them."""
from __future__ import annotations

from typing import Iterator

from ..en.syntax_iterators import NP_LABELS, labelled_noun_chunks

PERSIAN_NP_LABELS = tuple(label for label in NP_LABELS if label != "oprd")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    return labelled_noun_chunks(doclike, PERSIAN_NP_LABELS)


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
