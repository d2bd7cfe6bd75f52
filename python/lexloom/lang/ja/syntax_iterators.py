"""Japanese noun chunks: a noun, proper noun or pronoun that is a subject, an oblique or
nominal modifier, an apposition or the root, from the first word of its subtree not yet in a
chunk up to the noun itself (modifiers come before a Japanese noun; its particles, after it,
stay out). Once a chunk is found, its whole subtree and everything before it are taken, and
so are a verbal head and that verb's right dependents, so embedded clauses are not chunked
twice."""
from __future__ import annotations

from typing import Iterator

# spaCy's Japanese list also holds the labels "ddoclike", "pdoclike" and "doclike" (and not
# "dobj", "pobj" or "obj"): a parse that uses them is chunked as spaCy chunks it.
NP_LABELS = ("nsubj", "nsubjpass", "nmod", "obl", "appos", "attr", "dative", "pcomp", "ROOT",
             "ddoclike", "pdoclike", "doclike")
NOMINAL_POS = ("NOUN", "PROPN", "PRON")


def noun_chunks(doclike) -> Iterator[tuple[int, int, int]]:
    """(start, end, label "NP") of each noun chunk of a Doc or Span. Unlike the other
    languages', a Doc without a parse is not an error here (spaCy's Japanese iterator does
    not check): it has no chunks, as no word has a chunk label."""
    doc = doclike.doc
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in NP_LABELS}
    np_label = strings.add("NP")
    taken: set[int] = set()
    for word in doclike:
        if word.pos_ not in NOMINAL_POS or word.i in taken or word.dep not in np_deps:
            continue
        subtree = [w.i for w in word.subtree]
        free = [i for i in subtree if i not in taken]
        if not free:
            continue
        taken.update(subtree)
        taken.update(range(word.i + 1))
        if word.head.pos_ == "VERB":
            taken.add(word.head.i)
            taken.update(w.i for w in word.head.rights)
        yield free[0], word.i + 1, np_label


SYNTAX_ITERATORS = {"noun_chunks": noun_chunks}
