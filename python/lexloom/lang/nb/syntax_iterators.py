"""Norwegian noun chunks (Universal Dependencies labels, as nb_core_news_* predict them): a
nominal head with an argument or nominal-modifier label, or a conjunct of one, spans its
whole subtree. Chunks never nest. Nynorsk uses these too."""
from __future__ import annotations

from collections.abc import Iterator

from ..ud_noun_chunks import conjunct_head, parsed_doc

LABELS = ("nsubj", "nsubj:pass", "obj", "iobj", "ROOT", "appos", "nmod", "nmod:poss")
_NOMINAL = ("NOUN", "PROPN", "PRON")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    doc = parsed_doc(doclike)
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in LABELS}
    conj = strings.add("conj")
    np_label = strings.add("NP")
    prev_end = -1
    for word in doclike:
        if word.pos_ not in _NOMINAL or word.left_edge.i <= prev_end:
            continue
        if word.dep == conj:
            head = conjunct_head(word, conj)
            if head.dep not in np_deps:
                continue
        elif word.dep not in np_deps:
            continue
        prev_end = word.right_edge.i
        yield word.left_edge.i, word.right_edge.i + 1, np_label


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
