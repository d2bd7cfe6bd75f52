"""Italian noun chunks (UD labels, as it_core_news_* predict them): the Romance scheme of
lang/ud_noun_chunks.py, where a possessive determiner right after the head also ends a chunk
("il cane mio")."""
from __future__ import annotations

from typing import Iterator

from ..ud_noun_chunks import ud_noun_chunks

LABELS = ("nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "nmod", "pcomp", "appos", "ROOT")
POST_MODIFIERS = ("flat", "flat:name", "fixed", "compound")
DETERMINERS = ("det", "det:poss")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    return ud_noun_chunks(doclike, labels=LABELS, post_modifiers=POST_MODIFIERS,
                          cut_at=DETERMINERS)


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
