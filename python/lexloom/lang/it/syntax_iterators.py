"""Italian noun chunks (UD labels, as it_core_news_* predict them).

The Romance scheme of lang/ud_noun_chunks.py: a nominal head with its left dependents
(without a leading preposition), stretched right over a first adjective (and its subtree)
or a flat/fixed/compound name; conjuncts are chunks too, without the conjunction. Italian
also ends a chunk at a determiner right after the head when it is possessive ("il cane
mio"), which the shared helper's single "det" label doesn't cover.
"""
from __future__ import annotations

from typing import Iterator

from ...errors import DocError

LABELS = ("nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "nmod", "pcomp", "appos", "ROOT")
POST_MODIFIERS = ("flat", "flat:name", "fixed", "compound")
DETERMINERS = ("det", "det:poss")
_NOMINAL = ("NOUN", "PROPN", "PRON")


def _chunk_end(word, strings, np_modifs, dets):
    """The last token of the chunk headed by `word`, decided by its first right child."""
    right = next(iter(word.rights), None)
    if right is None:
        return word
    if right.dep == strings.add("amod"):
        return right.right_edge
    if right.dep in dets and right.pos_ == "DET":
        return right
    if right.dep in np_modifs:
        return word.right_edge
    return word


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    doc = doclike.doc
    if not doc.has_annotation("DEP"):
        raise DocError("noun_chunks needs a dependency parse (token.dep / token.head): add a "
                       "parser to the pipeline or set heads and deps on the Doc.")
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in LABELS}
    np_modifs = {strings.add(label) for label in POST_MODIFIERS}
    dets = {strings.add(label) for label in DETERMINERS}
    conj, np_label = strings.add("conj"), strings.add("NP")
    prev_end = -1
    for word in doclike:
        if word.pos_ not in _NOMINAL:
            continue
        left = word.left_edge
        if left.i <= prev_end:
            continue
        if word.dep in np_deps:
            end = _chunk_end(word, strings, np_modifs, dets)
            prev_end = end.i
            yield left.i + (left.pos_ == "ADP"), end.i + 1, np_label
        elif word.dep == conj:
            head = word.head
            while head.dep == conj and head.head.i < head.i:
                head = head.head
            if head.dep in np_deps:
                prev_end = word.i
                yield left.i + (left.pos_ == "CCONJ"), word.i + 1, np_label


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
