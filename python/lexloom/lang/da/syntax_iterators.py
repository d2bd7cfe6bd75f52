"""Danish noun chunks (Universal Dependencies labels, as da_core_news_* predict them).

A chunk is a nominal head stretched left to its farthest determiner/modifier child and
right over modifier children (recursively) as long as no verb or punctuation lies between
the head and them. Chunks never overlap.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..ud_noun_chunks import parsed_doc

LEFT_LABELS = ("det", "fixed", "nmod:poss", "amod", "flat", "goeswith", "nummod", "appos")
RIGHT_LABELS = ("fixed", "nmod:poss", "amod", "flat", "goeswith", "nummod", "appos")
_NOMINAL = ("NOUN", "PROPN", "PRON")
_VERBAL = ("VERB", "AUX")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    return stretched_noun_chunks(doclike, LEFT_LABELS, RIGHT_LABELS)


def stretched_noun_chunks(doclike, left_labels, right_labels) -> Iterator[tuple[int, int, int]]:
    """The chunks of this scheme with the given left / right dependent labels (Latin uses
    it with more right labels)."""
    doc = parsed_doc(doclike)
    if not len(doc):
        return
    strings = doc.vocab.strings
    left_deps = {strings.add(label) for label in left_labels}
    right_deps = {strings.add(label) for label in right_labels}
    punct = strings.add("punct")
    np_label = strings.add("NP")

    def right_bound(root):
        bound = root
        for child in root.rights:
            if child.dep not in right_deps:
                continue
            end = right_bound(child)
            # a verb or punctuation from the head up to (not including) that end stops it
            if any(t.pos_ in _VERBAL or t.dep == punct for t in doc[root.i:end.i]):
                break
            bound = end
        return bound

    prev_right = -1
    for token in doclike:
        if token.pos_ not in _NOMINAL:
            continue
        left = next((t for t in token.lefts if t.dep in left_deps), token)
        right = right_bound(token)
        if left.i <= prev_right:
            continue
        yield left.i, right.i + 1, np_label
        prev_right = right.i


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
