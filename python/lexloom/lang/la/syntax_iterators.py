"""Latin noun chunks (Universal Dependencies labels, as the LatinCy pipelines predict them).

As Danish: a nominal head stretched left to its farthest determiner/modifier child and right
over modifier children (recursively) while no verb or punctuation lies between; Latin also
reaches right over a genitive "nmod" and a postposed "det" ("sinu matris", "dies ille").
Chunks never overlap.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..da.syntax_iterators import LEFT_LABELS, stretched_noun_chunks

RIGHT_LABELS = ("fixed", "nmod:poss", "amod", "flat", "goeswith", "nummod", "appos", "nmod",
                "det")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    return stretched_noun_chunks(doclike, LEFT_LABELS, RIGHT_LABELS)


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
