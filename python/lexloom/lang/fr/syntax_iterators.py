"""French noun chunks (UD labels, as fr_core_news_* predict them)."""
from __future__ import annotations

from typing import Iterator

from ..ud_noun_chunks import ud_noun_chunks

LABELS = ("nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "obl:arg", "obl:mod", "nmod",
          "pcomp", "appos", "ROOT")
POST_MODIFIERS = ("flat", "flat:name", "flat:foreign", "fixed", "compound")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    return ud_noun_chunks(doclike, labels=LABELS, post_modifiers=POST_MODIFIERS,
                          cut_at=("det",))


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
