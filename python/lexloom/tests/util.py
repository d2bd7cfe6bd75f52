"""Test helpers under spaCy's names (`spacy.tests.util`), which the test suites of spaCy
plugins (spacy-legacy, spacy-transformers, ...) import: small Docs, temporary files and
folders, vector set-up, and equality checks for Docs and msgpack messages."""
from __future__ import annotations

import contextlib
import re
import tempfile

import numpy
import srsly

from ..tokens import Doc
from ..training import split_bilu_label
from ..util import make_tempdir
from ..vocab import Vocab


@contextlib.contextmanager
def make_tempfile(mode: str = "r"):
    """An anonymous temporary file, closed when the block ends."""
    handle = tempfile.TemporaryFile(mode=mode)
    try:
        yield handle
    finally:
        handle.close()


def get_batch(batch_size: int) -> list[Doc]:
    """Docs of 1, 2, ..., batch_size words in one fresh Vocab; the words are the numbers
    0, 1, 2, ... counted on across the batch, so every token is distinct."""
    vocab = Vocab()
    docs, start = [], 0
    for size in range(1, batch_size + 1):
        docs.append(Doc(vocab, words=[str(i) for i in range(start, start + size)]))
        start += size
    return docs


def get_random_doc(n_words: int) -> Doc:
    """A Doc of the words "0" .. str(n_words - 1) in a fresh Vocab."""
    return Doc(Vocab(), words=[str(i) for i in range(n_words)])


def apply_transition_sequence(parser, doc, sequence) -> None:
    """Run the named transitions on `doc` (adding the labels they name to `parser`) to put
    the parser into a chosen state. Needs a parser with `step_through`."""
    for action in sequence:
        if "-" in action:
            parser.add_label(split_bilu_label(action)[1])
    step_through = getattr(parser, "step_through", None)
    if step_through is None:
        raise NotImplementedError(
            f"{type(parser).__name__} has no step_through(): lexloom's parsers don't run "
            "single transitions from Python.")
    with step_through(doc) as stepwise:
        for action in sequence:
            stepwise.transition(action)


def add_vecs_to_vocab(vocab, vectors):
    """Give `vocab` the vectors [(word, [v1, v2, ...]), ...], all of one width (the
    vocab's vectors are reset to that width first); returns the vocab."""
    vocab.reset_vectors(width=len(vectors[0][1]))
    for word, vector in vectors:
        vocab.set_vector(word, vector=vector)
    return vocab


def get_cosine(vec1, vec2) -> float:
    """The cosine similarity of two vectors (numpy, or arrays of the current ops)."""
    from thinc.api import get_current_ops

    ops = get_current_ops()
    a = ops.to_numpy(ops.asarray(vec1))
    b = ops.to_numpy(ops.asarray(vec2))
    return numpy.dot(a, b) / (numpy.linalg.norm(a) * numpy.linalg.norm(b))


def assert_docs_equal(doc1, doc2) -> None:
    """Assert that two Docs have the same words, tags, POS, parse, sentence starts and
    entities (spans, labels, KB ids)."""
    for attr in ("orth", "pos", "tag", "dep", "is_sent_start", "ent_type", "ent_iob"):
        assert [getattr(t, attr) for t in doc1] == [getattr(t, attr) for t in doc2], attr
    assert [t.head.i for t in doc1] == [t.head.i for t in doc2]
    for ent1, ent2 in zip(doc1.ents, doc2.ents):
        assert (ent1.start, ent1.end, ent1.label, ent1.kb_id) == \
            (ent2.start, ent2.end, ent2.label, ent2.kb_id)


def assert_packed_msg_equal(b1: bytes, b2: bytes) -> None:
    """Assert that two msgpack-packed dicts hold the same keys and values."""
    msg1, msg2 = srsly.msgpack_loads(b1), srsly.msgpack_loads(b2)
    assert sorted(msg1) == sorted(msg2)
    for key in msg1:
        assert msg1[key] == msg2[key]


def normalize_whitespace(s: str) -> str:
    """Every run of whitespace as one space."""
    return re.sub(r"\s+", " ", s)


__all__ = ["add_vecs_to_vocab", "apply_transition_sequence", "assert_docs_equal",
           "assert_packed_msg_equal", "get_batch", "get_cosine", "get_random_doc",
           "make_tempdir", "make_tempfile", "normalize_whitespace"]
