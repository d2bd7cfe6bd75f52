"""Dutch noun chunks (Universal Dependencies labels, as nl_core_news_* predict them).

A noun spans itself and its adjective/determiner/possessive children (nouns that have an
"nsubj" child are skipped: the tagger's verbs mistaken for nouns); a pronoun is a chunk only
as a subject. Chunks never overlap.
"""
from __future__ import annotations

from collections.abc import Iterator

from ...errors import DocError
from ..ud_noun_chunks import parsed_doc

NOUN_CHILD_LABELS = ("amod", "nmod:poss", "det", "det:poss")
PRONOUN_LABELS = ("nsubj", "nsubj:pass")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label) of each noun chunk of a Doc or Span, label "NP"."""
    doc = doclike.doc
    if not doc.has_annotation("POS"):
        raise DocError("[E1019] noun_chunks for Dutch needs part-of-speech tags (token.pos): add a "
                       "tagger/morphologizer to the pipeline or set pos on the Doc.")
    parsed_doc(doclike)
    strings = doc.vocab.strings
    child_deps = {strings.add(label) for label in NOUN_CHILD_LABELS}
    pronoun_deps = {strings.add(label) for label in PRONOUN_LABELS}
    nsubj = strings.add("nsubj")
    np_label = strings.add("NP")
    end = -1
    for word in doclike:
        if word.pos_ == "NOUN":
            if any(child.dep == nsubj for child in word.children):
                continue
            indices = [c.i for c in word.children if c.dep in child_deps] + [word.i]
            if min(indices) >= end:
                end = max(indices) + 1
                yield min(indices), end, np_label
        elif word.pos_ == "PRON" and word.dep in pronoun_deps and word.i >= end:
            end = word.i + 1
            yield word.i, end, np_label


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
