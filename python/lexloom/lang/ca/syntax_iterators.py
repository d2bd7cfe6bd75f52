"""Catalan noun chunks (Universal Dependencies labels, as ca_core_news_* predict them): a
noun or proper noun with an argument or nominal-modifier label spans its subtree, minus a
leading preposition or punctuation mark, cut before the first verb of a following clause
(or just after the start of an apposition), minus a final punctuation mark. Chunks never
nest."""
from __future__ import annotations

from collections.abc import Iterator

from ..ud_noun_chunks import parsed_doc

LABELS = ("nsubj", "nsubj:pass", "obj", "obl", "iobj", "ROOT", "appos", "nmod", "nmod:poss")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    doc = parsed_doc(doclike)
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in LABELS}
    np_label = strings.add("NP")
    prev_end = -1
    for word in doclike:
        if word.pos_ not in ("NOUN", "PROPN") or word.left_edge.i <= prev_end:
            continue
        if word.dep not in np_deps:
            continue
        first, last = word.left_edge, word.right_edge
        left = first.i + (first.pos_ in ("ADP", "PUNCT"))
        right = last.i + 1
        prev_end = last.i
        # a relative clause or an apposition inside the subtree ends the chunk
        for inner in doc[word.i + 1:last.i]:
            if inner.pos_ == "VERB":
                right, prev_end = inner.left_edge.i, inner.left_edge.i - 1
            elif inner.dep_ == "appos":
                right, prev_end = inner.left_edge.i + 1, inner.left_edge.i - 1
        if last.pos_ == "PUNCT":
            right -= 1
        yield left, right, np_label


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
