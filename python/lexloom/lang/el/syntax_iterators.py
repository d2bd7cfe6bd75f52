"""Greek noun chunks (Universal Dependencies labels, as el_core_news_* predict them): a
nominal head with an argument label, from its left edge to itself, or for a noun to its
first "nmod" child ("γραμμή παραγωγής"); a conjunct of such a head is a chunk too.
Chunks never nest."""
from __future__ import annotations

from collections.abc import Iterator

from ..ud_noun_chunks import conjunct_head, parsed_doc

# "obj" and "obl" make up for the parser's labelling mistakes, as in spaCy.
LABELS = ("nsubj", "obj", "iobj", "appos", "ROOT", "obl")
_NOMINAL = ("NOUN", "PROPN", "PRON")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    doc = parsed_doc(doclike)
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in LABELS}
    conj, nmod = strings.add("conj"), strings.add("nmod")
    np_label = strings.add("NP")
    prev_end = -1
    for word in doclike:
        if word.pos_ not in _NOMINAL or word.left_edge.i <= prev_end:
            continue
        if word.dep in np_deps:
            end = word
            if word.pos_ == "NOUN":
                end = next((t for t in word.rights if t.dep == nmod), word)
            prev_end = end.i
            yield word.left_edge.i, end.i + 1, np_label
        elif word.dep == conj:
            head = conjunct_head(word, conj)
            if head.dep in np_deps:
                prev_end = word.i
                yield word.left_edge.i, word.i + 1, np_label


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
