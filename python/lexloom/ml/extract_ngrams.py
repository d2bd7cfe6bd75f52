"""extract_ngrams: Docs -> the distinct hashed n-grams of one attribute per doc, with their
counts, in the (keys, counts, lengths) form SparseLinear takes (the bag-of-words textcat)."""
from __future__ import annotations

from typing import Callable, List, Tuple, Union

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
    """The whole batch at once: the attribute column of every token (one native pass), each
    n-gram hashed over it and kept where it lies inside one doc, then one sort by (doc, key)
    whose runs are each doc's distinct keys and counts (spaCy: numpy.unique per doc)."""
    ops, xp = model.ops, model.ops.xp
    size = model.attrs["ngram_size"]
    attr = attr_ids([model.attrs["attr"]], "extract_ngrams attr")[0]
    docs = list(docs)
    unigrams = ops.asarray(ml_ops.docs_to_array(docs, [attr]).reshape(-1), dtype="uint64")
    doc_of = xp.repeat(xp.arange(len(docs), dtype="int64"),
                       xp.asarray([len(doc) for doc in docs], dtype="int64"))
    grams, gram_docs = [unigrams], [doc_of]
    for n in range(2, size + 1):
        if unigrams.shape[0] >= n:
            hashed = ops.ngrams(n, unigrams)   # the n-gram starting at each position
            first, last = doc_of[:hashed.shape[0]], doc_of[n - 1:]
            inside = first == last
            grams.append(hashed[inside])
            gram_docs.append(first[inside])
    keys, owners = xp.concatenate(grams), xp.concatenate(gram_docs)
    order = xp.lexsort(xp.stack([keys, owners.astype("uint64")]))
    keys, owners = keys[order], owners[order]
    starts = xp.ones((keys.shape[0],), dtype=bool)
    starts[1:] = (keys[1:] != keys[:-1]) | (owners[1:] != owners[:-1])
    starts = xp.flatnonzero(starts)
    all_keys = keys[starts]
    all_counts = ops.asarray(xp.diff(xp.append(starts, keys.shape[0])), dtype="f")
    lengths = ops.asarray(xp.bincount(owners[starts], minlength=len(docs)), dtype="int32")

    def backprop(d_output) -> List:
        return []

    return (all_keys, all_counts, lengths), backprop


forward = _forward  # spaCy's name for the layer's forward function
