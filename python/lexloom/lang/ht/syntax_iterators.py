"""Haitian Creole noun chunks: a nominal head in a core role (subject, object, oblique,
nominal modifier, apposition, root) with its left dependents, less a leading preposition,
stretched right over its rightmost compound/flat/fixed dependent or noun dependent; and the
conjuncts of such a head, less their conjunction. Haitian determiners follow the noun
("machin nan"), so the right side matters more than in English."""
from __future__ import annotations

from collections.abc import Iterator

from ..ud_noun_chunks import conjunct_head, parsed_doc

LABELS = ("nsubj", "obj", "obl", "nmod", "appos", "ROOT")
POST_MODIFIERS = ("compound", "flat", "flat:name", "fixed")
_NOMINAL = ("NOUN", "PROPN", "PRON")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label "NP") of each noun chunk of a Doc or Span."""
    doc = parsed_doc(doclike)
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in LABELS}
    np_modifs = {strings.add(label) for label in POST_MODIFIERS}
    conj, np_label = strings.add("conj"), strings.add("NP")
    prev_end = -1
    for word in doclike:
        if word.pos_ not in _NOMINAL or word.left_edge.i <= prev_end:
            continue
        left = word.left_edge
        if word.dep in np_deps:
            right_end = word
            for child in word.rights:
                if child.dep in np_modifs or child.pos_ == "NOUN":
                    right_end = child.right_edge
            prev_end = right_end.i
            yield left.i + (left.pos_ == "ADP"), right_end.i + 1, np_label
        elif word.dep == conj:
            head = conjunct_head(word, conj)
            if head.dep in np_deps:
                prev_end = word.i
                yield left.i + (left.pos_ == "CCONJ"), word.i + 1, np_label


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
