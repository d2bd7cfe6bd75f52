"""extract_ngrams (the bag-of-words textcat's features) over a whole batch at once gives
what spaCy's layer gives doc by doc: each doc's distinct n-gram keys (thinc's ops.ngrams
hashes, never spanning two docs), sorted, with their counts and the number per doc
(natively: lexloom.ml_ops.bag_of_ngrams)."""
import random

import numpy
import pytest
from thinc.api import NumpyOps

import lexloom
from lexloom.errors import ModelError
from lexloom.ml.extract_ngrams import extract_ngrams
from lexloom.ml_ops import bag_of_ngrams
from lexloom.tokens import Doc


def _per_doc(docs, size, attr):
    """spaCy's computation: numpy.unique of the doc's unigrams and n-grams, per doc."""
    ops = NumpyOps()
    keys, counts = [], []
    for doc in docs:
        unigrams = ops.asarray(doc.to_array(attr), dtype="uint64").reshape(-1)
        grams = [unigrams] + [ops.ngrams(n, unigrams) for n in range(2, size + 1)
                              if unigrams.shape[0] >= n]
        doc_keys, doc_counts = numpy.unique(numpy.concatenate(grams), return_counts=True)
        keys.append(doc_keys)
        counts.append(doc_counts)
    return (numpy.concatenate(keys) if keys else numpy.zeros((0,), dtype="uint64"),
            numpy.concatenate(counts).astype("f") if counts else numpy.zeros((0,), "f"),
            numpy.asarray([len(k) for k in keys], dtype="int32"))


@pytest.mark.parametrize("size", [1, 2, 3, 5])
@pytest.mark.parametrize("attr", ["LOWER", "ORTH"])
def test_batch_ngrams_are_the_per_doc_ones(size, attr):
    nlp = lexloom.blank("en")
    rng = random.Random(size)
    words = "a b c A B the of and".split()
    model = extract_ngrams(size, attr=attr)
    for _ in range(40):
        docs = [Doc(nlp.vocab, words=[rng.choice(words)
                                      for _ in range(rng.choice([0, 1, 2, 3, 5, 20]))])
                for _ in range(rng.randint(0, 6))]
        (keys, counts, lengths), _backprop = model(docs, False)
        want = _per_doc(docs, size, attr)
        assert (keys.dtype, counts.dtype, lengths.dtype) == tuple(w.dtype for w in want)
        for got, expected in zip((keys, counts, lengths), want):
            numpy.testing.assert_array_equal(got, expected)


def test_bag_of_ngrams_refuses_lengths_that_do_not_cover_the_unigrams():
    unigrams = numpy.arange(5, dtype="uint64")
    with pytest.raises(ModelError, match="add up"):
        bag_of_ngrams(unigrams, numpy.asarray([2, 2]), 2)
    with pytest.raises(ModelError, match="add up"):
        bag_of_ngrams(unigrams, numpy.asarray([7, -2]), 2)
    with pytest.raises(ModelError, match="at least 1"):
        bag_of_ngrams(unigrams, numpy.asarray([5]), 0)
    keys, counts, n_keys = bag_of_ngrams(numpy.zeros((0,), "uint64"), numpy.zeros((0,)), 3)
    assert keys.shape == counts.shape == n_keys.shape == (0,)


@pytest.mark.parametrize("size", [0, -3, 2**31 - 1])
def test_ngram_sizes_below_one_or_past_every_doc(size):
    """spaCy's range(2, size + 1): a size below 1 gives the unigrams alone; a size past the
    longest doc adds nothing (and doesn't loop over sizes no doc has)."""
    nlp = lexloom.blank("en")
    docs = [nlp("a b c a"), nlp("b"), nlp("")]
    (keys, counts, lengths), _ = extract_ngrams(size)(docs, False)
    want = _per_doc(docs, max(min(size, 4), 1), "LOWER")
    for got, expected in zip((keys, counts, lengths), want):
        numpy.testing.assert_array_equal(got, expected)
