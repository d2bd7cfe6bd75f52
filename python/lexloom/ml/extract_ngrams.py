"""extract_ngrams: Docs -> the distinct hashed n-grams of one attribute per doc, with their
counts, in the (keys, counts, lengths) form SparseLinear takes (the bag-of-words textcat)."""
from __future__ import annotations

from typing import Callable, List, Tuple, Union

import numpy
from thinc.api import Model

from .. import ml_ops
from ..attrs import LOWER
from ..registry import register
from .featureextractor import attr_ids


@register("layers", "lexloom.extract_ngrams.v1", "spacy.extract_ngrams.v1")
def extract_ngrams(ngram_size: int, attr: Union[int, str] = LOWER) -> Model:
    """n-grams for n = 1..ngram_size; a doc shorter than n has none of that size. The keys
    are thinc's ops.ngrams hashes of the attribute values, as spaCy's layer computes them."""
    attr_ids([attr], "extract_ngrams attr")  # a misspelt name fails here, not at the first call
    # attrs["attr"] is the value given, as spaCy keeps it (a name stays a name)
    return Model("extract_ngrams", _forward, attrs={"ngram_size": ngram_size, "attr": attr})


def _forward(model: Model, docs: List, is_train: bool) -> Tuple[tuple, Callable]:
    """The whole batch in two native calls: the attribute column of every token, then each
    doc's n-grams hashed, sorted and counted (spaCy: numpy.unique per doc)."""
    ops = model.ops
    attr = attr_ids([model.attrs["attr"]], "extract_ngrams attr")[0]
    docs = list(docs)
    unigrams = ml_ops.docs_to_array(docs, [attr]).reshape(-1)
    lengths = numpy.asarray([len(doc) for doc in docs], dtype="int64")
    # spaCy's range(2, ngram_size + 1): a size below 1 still gives the unigrams
    size = max(int(model.attrs["ngram_size"]), 1)
    keys, counts, n_keys = ml_ops.bag_of_ngrams(unigrams, lengths, size)

    def backprop(d_output) -> List:
        return []

    return (ops.asarray(keys), ops.asarray(counts), ops.asarray(n_keys)), backprop


forward = _forward  # spaCy's name for the layer's forward function
