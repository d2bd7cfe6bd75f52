"""CharEmbed: each token as the embeddings of nC of its UTF-8 bytes, taken from both ends of
the word (first, last, second, second-to-last, ...), one 256-row table per position.

Byte extraction and the table lookups are native (lexloom.ml_ops), one call per batch.
"""
from __future__ import annotations

from typing import Callable, List, Tuple

import numpy
from thinc.api import Model
from thinc.types import Floats2d

from .. import ml_ops
from ..errors import ModelError
from ..registry import register
from ._util import add_into_grad, uses_native


@register("layers", "lexloom.CharEmbed.v1", "spacy.CharEmbed.v1")
def CharEmbed(nM: int, nC: int) -> Model:
    """Docs -> one (len(doc), nC * nM) float32 array per doc."""
    for dim, value in (("nM", nM), ("nC", nC)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ModelError(f"CharEmbed needs a positive int {dim}, got {value!r}.")
    return Model("charembed", forward, init=init,
                 dims={"nM": nM, "nC": nC, "nO": nM * nC, "nV": 256}, params={"E": None})


def init(model: Model, X=None, Y=None) -> None:
    # Zeros, as spaCy starts this table: the Maxout above it gets the gradient going.
    model.set_param("E", model.ops.alloc3f(model.get_dim("nC"), model.get_dim("nV"),
                                           model.get_dim("nM")))


def forward(model: Model, docs, is_train: bool) -> Tuple[List[Floats2d], Callable]:
    E = model.get_param("E")
    nC = model.get_dim("nC")
    lengths = [len(doc) for doc in docs]
    ids = ml_ops.docs_char_ids(docs, nC)
    native = uses_native(model)
    if native:
        flat = ml_ops.char_gather(E, ids)
    else:
        positions = model.ops.xp.arange(nC)
        ids = model.ops.asarray(ids)
        flat = E[positions, ids[:, positions]].reshape((ids.shape[0], -1))
    output = _split(flat, lengths)

    def backprop(d_output: List[Floats2d]) -> List:
        if not d_output:
            return []
        d_flat = model.ops.xp.concatenate(d_output, axis=0) if len(d_output) > 1 else d_output[0]
        d_flat = _as_spacy_adds(model.ops.xp, d_flat, ids, lengths, nC)
        if native:
            d_flat = numpy.ascontiguousarray(d_flat, dtype=numpy.float32)
            add_into_grad(model, "E", lambda grad: ml_ops.char_scatter_add(grad, ids, d_flat))
        else:
            dE = model.ops.alloc(E.shape, dtype=E.dtype)
            positions = model.ops.xp.arange(nC)
            model.ops.xp.add.at(dE, (positions, ids[:, positions]),
                                d_flat.reshape((ids.shape[0], nC, -1)))
            model.inc_grad("E", dE)
        return []

    return output, backprop


def _as_spacy_adds(xp, d_flat, ids, lengths: List[int], nC: int):
    """d_flat with only the rows spaCy's gradient counts. spaCy adds a Doc's gradient into E
    with one fancy-indexed `dE[j, ids[i, j]] += d[i, j]`, and numpy then keeps one write per
    repeated index: where several tokens of a Doc have the same byte at position j, only
    the last token's gradient reaches E. The exact gradient would sum them all; this is
    spaCy's, so that training follows spaCy's step for step. The others are zeroed here, so
    summing (natively or with add.at) gives what spaCy's write gives."""
    n = ids.shape[0]
    if n == 0:
        return d_flat
    ids_np = numpy.asarray(ids if xp is numpy else xp.asnumpy(ids), dtype=numpy.int64)
    doc_of = numpy.repeat(numpy.arange(len(lengths)), lengths)
    keys = ((doc_of[:, None] * nC + numpy.arange(nC)[None, :]) * 256 + ids_np).ravel()
    # the last (token, position) of each key in token order: first in reverse
    _, first_in_reverse = numpy.unique(keys[::-1], return_index=True)
    keep = numpy.zeros(keys.shape[0], dtype=numpy.float32)
    keep[keys.shape[0] - 1 - first_in_reverse] = 1.0
    if keep.all():
        return d_flat
    keep = xp.asarray(keep.reshape((n, nC, 1)))
    return (d_flat.reshape((n, nC, -1)) * keep).reshape(d_flat.shape).astype(d_flat.dtype)


def _split(flat: Floats2d, lengths: List[int]) -> List[Floats2d]:
    out, start = [], 0
    for n in lengths:
        out.append(flat[start:start + n])
        start += n
    return out
