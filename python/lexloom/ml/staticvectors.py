"""StaticVectors: each token's row of the vocab's static vectors table, projected by a
learned matrix W (no bias). The table itself is never trained and is not stored in the model:
it is read from the Docs' vocab at each call, so a pipeline carries it once, in vocab/vectors.
"""
from __future__ import annotations

import warnings
from typing import Callable, List, Optional, Tuple

from thinc.api import Model
from thinc.initializers import glorot_uniform_init
from thinc.types import Ragged
from thinc.util import partial

from .. import ml_ops
from ..attrs import ORTH, intify_attr  # noqa: F401  (ORTH: spaCy exports it here)
from ..errors import ModelError
from ..registry import register

MISSING_VECTORS = (
    "{where} needs static word vectors, but the pipeline's vocab has no vectors table "
    "(vocab.vectors is empty). Set [initialize] vectors = \"path\" (or --paths.vectors) to a "
    "folder made with `lexloom init vectors LANG VECTORS_FILE OUTPUT_DIR`, or turn static "
    "vectors off (include_static_vectors = false).")


@register("layers", "lexloom.StaticVectors.v2", "spacy.StaticVectors.v2")
def StaticVectors(nO: Optional[int] = None, nM: Optional[int] = None, *,
                  dropout: Optional[float] = None, init_W: Callable = glorot_uniform_init,
                  key_attr: str = "ORTH") -> Model[List, Ragged]:
    """Docs -> Ragged (n_tokens, nO): vocab vectors (width nM) times W.T. A token without a
    vector gets zeros. With `dropout`, one mask over the nO output columns is shared by the
    whole batch. `key_attr` is kept for old configs: the table's own attr (ORTH or NORM)
    picks the keys."""
    if key_attr != "ORTH":
        warnings.warn("[lexloom] StaticVectors key_attr is no longer used: the vectors "
                      "table's attr (set by `lexloom init vectors --attr`) picks the keys.",
                      DeprecationWarning)
    return Model("static_vectors", forward, init=partial(init, init_W), params={"W": None},
                 attrs={"key_attr": key_attr, "dropout_rate": dropout},
                 dims={"nO": nO, "nM": nM})


def _table(model: Model, docs):
    vectors = docs[0].vocab.vectors
    if vectors is None or vectors.size == 0:
        # spaCy's code for static vectors it can't use
        raise ModelError("[E896] " + MISSING_VECTORS.format(where=f"The {model.name} layer"))
    return vectors


@register("layers", "lexloom.StaticVectors.v1", "spacy.StaticVectors.v1",
          "spacy-legacy.StaticVectors.v1")
def StaticVectors_v1(nO: Optional[int] = None, nM: Optional[int] = None, *,
                     dropout: Optional[float] = None, init_W: Callable = glorot_uniform_init,
                     key_attr: str = "ORTH") -> Model[List, Ragged]:
    """The v1 form, for pipelines trained with it: the keys are the tokens' `key_attr`, and
    a token without a vector gets the table's last row (v1 indexed the table with the -1 of
    a missing key), so such pipelines see what they were trained on."""
    return Model("static_vectors", _forward_v1, init=partial(init, init_W),
                 params={"W": None}, attrs={"key_attr": key_attr, "dropout_rate": dropout},
                 dims={"nO": nO, "nM": nM})


def forward(model: Model, docs, is_train: bool) -> Tuple[Ragged, Callable]:
    if not sum(len(doc) for doc in docs):
        return _empty(model, docs)
    vectors = _table(model, docs)
    keys = ml_ops.docs_to_array(docs, [int(vectors.attr)])[:, 0]  # one native pass
    V = model.ops.asarray2f(vectors.get_batch(keys))   # zeros for words without a vector
    return _project(model, docs, V, vectors.shape[1], is_train)


def _forward_v1(model: Model, docs, is_train: bool) -> Tuple[Ragged, Callable]:
    if not sum(len(doc) for doc in docs):
        return _empty(model, docs)
    vectors = _table(model, docs)
    keys = ml_ops.docs_to_array(docs, [intify_attr(model.attrs["key_attr"])])[:, 0]
    rows = vectors.find(keys=keys)
    V = model.ops.asarray2f(vectors.data[rows])  # row -1 (no vector): the last row
    return _project(model, docs, V, vectors.shape[1], is_train)


def _empty(model: Model, docs) -> Tuple[Ragged, Callable]:
    lengths = model.ops.asarray1i([len(doc) for doc in docs])
    return Ragged(model.ops.alloc2f(0, model.get_dim("nO")), lengths), lambda d_ragged: []


def _project(model: Model, docs, V, width: int, is_train: bool) -> Tuple[Ragged, Callable]:
    """V (n_tokens, nM) times W.T, with the batch-wide dropout mask over output columns."""
    nO = model.get_dim("nO")
    W = model.ops.as_contig(model.get_param("W"))
    if width != W.shape[1]:
        raise ModelError(f"The static vectors are {width} wide but the "
                         f"{model.name} layer was initialized for width {W.shape[1]}; "
                         "initialize the pipeline again with these vectors.")
    lengths = model.ops.asarray1i([len(doc) for doc in docs])
    output = Ragged(model.ops.gemm(V, W, trans2=True), lengths)
    mask = None
    rate = model.attrs.get("dropout_rate")
    if is_train and rate is not None:
        mask = model.ops.get_dropout_mask((nO,), rate)
        output.data *= mask

    def backprop(d_output: Ragged) -> List:
        dY = d_output.data
        if mask is not None:
            dY = dY * mask
        model.inc_grad("W", model.ops.gemm(model.ops.as_contig(dY), V, trans1=True))
        return []

    return output, backprop


def init(init_W: Callable, model: Model, X=None, Y=None) -> Model:
    nM = model.get_dim("nM") if model.has_dim("nM") else None
    nO = model.get_dim("nO") if model.has_dim("nO") else None
    if X is not None and len(X):
        nM = _table(model, X).shape[1]
    if Y is not None:
        nO = Y.data.shape[1]
    if nM is None:
        raise ModelError("[E905] " + MISSING_VECTORS.format(where=f"The {model.name} layer")
                         + " (Its input width nM is unset: initialize it with Docs whose "
                         "vocab has the vectors.)")
    if nO is None:
        raise ModelError(f"[E904] The {model.name} layer has no output width nO; pass nO= or "
                         "initialize it with an example output.")
    model.set_dim("nM", nM)
    model.set_dim("nO", nO)
    model.set_param("W", init_W(model.ops, (nO, nM)))
    return model


__all__ = ["StaticVectors", "StaticVectors_v1"]
