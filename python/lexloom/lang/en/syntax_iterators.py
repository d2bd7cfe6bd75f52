"""English noun chunks: flat base noun phrases read off a dependency parse.

A chunk is a noun, proper noun or pronoun whose arc is one of the nominal argument labels
of the ClearNLP scheme that spaCy's English pipelines predict, or a conjunct of such a word,
together with everything to its left in its subtree. Chunks never overlap: a word whose left
edge reaches into the previous chunk is skipped. The label set is exactly spaCy's, so a
pipeline trained by spaCy gives the same chunks here.
"""
from __future__ import annotations

from typing import Iterator

from ..ud_noun_chunks import conjunct_head, parsed_doc

NP_LABELS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr",
             "ROOT")
NOMINAL_POS = ("NOUN", "PROPN", "PRON")


def labelled_noun_chunks(doclike, np_labels: tuple[str, ...]) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk whose head has one of `np_labels` (Persian
    reads English's labels without "oprd")."""
    doc = parsed_doc(doclike)
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in np_labels}
    conj = strings.add("conj")
    np_label = strings.add("NP")
    prev_end = -1
    for word in doclike:
        if word.pos_ not in NOMINAL_POS:
            continue
        left = word.left_edge.i
        if left <= prev_end:
            continue
        dep = word.dep
        if dep not in np_deps and dep == conj:
            head = conjunct_head(word, conj)
            dep = head.dep
        if dep in np_deps:
            prev_end = word.i
            yield left, word.i + 1, np_label


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    return labelled_noun_chunks(doclike, NP_LABELS)


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
