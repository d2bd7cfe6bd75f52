"""Finnish noun chunks (UD labels of the Turku treebank, as fi_core_news_* predict them).

A chunk head is a noun or proper noun that is an argument (subject, object, oblique,
apposition, root) or hangs off a pronoun, or a conjunct of such a head ("Terveyden ja
hyvinvoinnin laitos"). It stretches left over the subtree of its first modifier child
(adjective, numeral, genitive, compound part), and right up to its last such modifier
child itself. Chunks never overlap, and a later head inside a chunk starts none.
"""
from __future__ import annotations

from typing import Iterator

from ..ud_noun_chunks import parsed_doc

LABELS = ("appos", "nsubj", "nsubj:cop", "obj", "obl", "ROOT")
EXTEND_LABELS = ("amod", "compound", "compound:nn", "flat:name", "nmod", "nmod:gobj",
                 "nmod:gsubj", "nmod:poss", "nummod")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    doc = parsed_doc(doclike)
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in LABELS}
    extend_deps = {strings.add(label) for label in EXTEND_LABELS}
    conj, np_label = strings.add("conj"), strings.add("NP")

    def is_head(word) -> bool:
        return word.pos_ in ("NOUN", "PROPN") and (
            word.dep in np_deps or word.head.pos_ == "PRON")

    skip_to = 0
    prev_end = -1
    for i, word in enumerate(doclike):
        # spaCy compares the position in `doclike` with this Doc index; kept for parity
        if i < skip_to:
            continue
        if not (is_head(word) or (word.dep == conj and is_head(word.head))):
            continue
        start = next((left.left_edge.i for left in word.lefts if left.dep in extend_deps),
                     word.i)
        if start <= prev_end:
            continue
        last = word.i
        for right in word.rights:
            if right.dep in extend_deps:
                last = right.i
        skip_to = prev_end = last
        yield start, last + 1, np_label


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
