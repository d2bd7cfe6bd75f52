"""extract_ngrams: Docs -> the distinct hashed n-grams of one attribute per doc, with their
counts, in the (keys, counts, lengths) form SparseLinear takes (the bag-of-words textcat)."""
from __future__ import annotations

from typing import Callable, List, Tuple, Union

from thinc.api import Model

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
    ops, xp = model.ops, model.ops.xp
    size = model.attrs["ngram_size"]
    attr = attr_ids([model.attrs["attr"]], "extract_ngrams attr")[0]
    keys, counts = [], []
    for doc in docs:  # one native to_array and one ngrams call per doc and n
        unigrams = ops.asarray(doc.to_array(attr), dtype="uint64").reshape(-1)
        grams = [unigrams] + [ops.ngrams(n, unigrams) for n in range(2, size + 1)
                              if unigrams.shape[0] >= n]
        doc_keys, doc_counts = xp.unique(xp.concatenate(grams), return_counts=True)
        keys.append(doc_keys)
        counts.append(doc_counts)
    lengths = ops.asarray([k.shape[0] for k in keys], dtype="int32")
    all_keys = xp.concatenate(keys) if keys else xp.zeros((0,), dtype="uint64")
    all_counts = ops.asarray(xp.concatenate(counts) if counts else xp.zeros((0,)), dtype="f")

    def backprop(d_output) -> List:
        return []

    return (all_keys, all_counts, lengths), backprop


forward = _forward  # spaCy's name for the layer's forward function
