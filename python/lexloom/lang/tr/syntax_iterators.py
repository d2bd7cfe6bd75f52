"""Turkish noun chunks (UD labels, as Turkish UD-trained pipelines predict them).

Turkish noun phrases are head-final, so chunks are found right to left: a nominal argument
takes its whole left subtree (determiners, adjectives, genitive modifiers, relative
clauses: "Simge'nin okuduğu kitap"), stretched right over flat name parts ("Mustafa Kemal
Atatürk"). A conjunct is a chunk too, starting after its leftmost token's subtree (the
coordinating conjunction). A word inside an already found chunk starts none, and chunks
come out right to left, as spaCy yields them.
"""
from __future__ import annotations

from typing import Iterator

from ..ud_noun_chunks import parsed_doc

LABELS = ("nsubj", "iobj", "obj", "obl", "appos", "orphan", "dislocated", "ROOT")
_NOMINAL = ("NOUN", "PROPN", "PRON")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP", last first."""
    doc = parsed_doc(doclike)
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in LABELS}
    conj, flat = strings.add("conj"), strings.add("flat")
    np_label = strings.add("NP")

    def end_after_flats(word) -> int:
        """One past the run of flat noun/name parts right after the head's own position."""
        end = word.i + 1
        for right in word.rights:
            if right.dep != flat or right.pos_ not in ("NOUN", "PROPN"):
                break
            end = right.i + 1
        return end

    next_start = len(doc) + 1  # start of the chunk found last (to the right)
    for word in reversed(list(doclike)):
        if word.pos_ not in _NOMINAL or word.i >= next_start:
            continue
        if word.dep in np_deps:
            next_start = word.left_edge.i
            yield next_start, end_after_flats(word), np_label
        elif word.dep == conj:
            leftmost = word.left_edge
            next_start = leftmost.i
            yield leftmost.right_edge.i + 1, end_after_flats(word), np_label


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
