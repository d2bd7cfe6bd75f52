"""Noun chunks for the Universal Dependencies style parses of spaCy's Romance pipelines
(French, Spanish): a nominal head with its left dependents, stretched right over a first
adjective (and its subtree) or a flat/fixed/compound name, without a leading preposition;
conjuncts of such a chunk are chunks too, without the conjunction."""
from __future__ import annotations

from typing import Iterator, Sequence

from ..errors import DocError

_NOMINAL = ("NOUN", "PROPN", "PRON")


def parsed_doc(doclike):
    """The Doc of a Doc or Span whose noun chunks are asked for: a DocError naming the fix when
    it has no dependency parse (every language's noun_chunks starts here)."""
    doc = doclike.doc
    if not doc.has_annotation("DEP"):
        raise DocError("[E029] noun_chunks needs a dependency parse (token.dep / token.head): add a "
                       "parser to the pipeline or set heads and deps on the Doc.")
    return doc


def conjunct_head(word, conj: int):
    """The head a conjunct's coordination hangs from: up the chain of leftward `conj` arcs
    to the first conjunct's own head."""
    head = word.head
    while head.dep == conj and head.head.i < head.i:
        head = head.head
    return head


def ud_noun_chunks(doclike, *, labels: Sequence[str], post_modifiers: Sequence[str],
                   cut_at: Sequence[str] = ()) -> Iterator[tuple[int, int, int]]:
    """(start, end, label "NP") of each chunk of a Doc or Span. `cut_at`: determiner labels
    whose DET right after the head ends the chunk there (French relative "dont"/"lequel":
    "det"; Italian possessives "il cane mio": also "det:poss")."""
    doc = parsed_doc(doclike)
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in labels}
    np_modifs = {strings.add(label) for label in post_modifiers}
    np_label = strings.add("NP")
    cut_deps = {strings.add(label) for label in cut_at}
    amod, conj = strings.add("amod"), strings.add("conj")
    prev_end = -1
    for word in doclike:
        if word.pos_ not in _NOMINAL:
            continue
        left = word.left_edge
        if left.i <= prev_end:
            continue
        if word.dep in np_deps:
            right_child = next(iter(word.rights), None)
            right_end = word
            if right_child is not None:
                if right_child.dep == amod:
                    right_end = right_child.right_edge
                elif right_child.dep in cut_deps and right_child.pos_ == "DET":
                    right_end = right_child
                elif right_child.dep in np_modifs:
                    right_end = word.right_edge
            prev_end = right_end.i
            yield left.i + (left.pos_ == "ADP"), right_end.i + 1, np_label
        elif word.dep == conj:
            head = conjunct_head(word, conj)
            if head.dep in np_deps:
                prev_end = word.i
                yield left.i + (left.pos_ == "CCONJ"), word.i + 1, np_label
