"""Portuguese noun chunks (UD labels, as pt_core_news_* predict them)."""
from __future__ import annotations

from typing import Iterator

from ..ud_noun_chunks import ud_noun_chunks

LABELS = ("nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "nmod", "pcomp", "appos", "ROOT")
POST_MODIFIERS = ("flat", "flat:name", "fixed", "compound")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"; a determiner
    right after the head (relative "cujo", "qual") ends the chunk there."""
    return ud_noun_chunks(doclike, labels=LABELS, post_modifiers=POST_MODIFIERS,
                          cut_at=("det",))


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
