"""German noun chunks (TIGER labels, as de_core_news_* predict them, plus "root").

A chunk is a nominal head with one of the argument/modifier labels, from its left edge to
itself, stretched right over close appositions and measure phrases attached with "nk"
("eine Tasse Tee", "das Thema Familie"). Chunks never nest or overlap.
"""
from __future__ import annotations

from typing import Iterator

from ..ud_noun_chunks import parsed_doc

LABELS = ("sb", "oa", "da", "nk", "mo", "ag", "ROOT", "root", "cj", "pd", "og", "app")
_NOMINAL = ("NOUN", "PROPN", "PRON")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    doc = parsed_doc(doclike)
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in LABELS}
    close_app = strings.add("nk")
    np_label = strings.add("NP")
    skip_to = 0
    prev_end = -1
    for i, word in enumerate(doclike):
        if i < skip_to or word.left_edge.i <= prev_end:
            continue
        if word.pos_ in _NOMINAL and word.dep in np_deps:
            end = word.i + 1
            for right in word.rights:
                if right.pos_ in ("NOUN", "PROPN") and right.dep == close_app:
                    end = right.i + 1
            # spaCy compares the position in `doclike` with this Doc index; kept for parity
            skip_to = end
            prev_end = end - 1
            yield word.left_edge.i, end, np_label


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
