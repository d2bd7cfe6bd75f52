"""HashEmbed: each id hashed four ways into a small table, the four rows summed.

Two different ids rarely collide on all four rows, so a table of a few thousand rows embeds
an open vocabulary in fixed memory. The hashing is thinc's (MurmurHash3 with the layer's
seed), so a table trained by spaCy's HashEmbed gives the same vectors here. On the CPU the
hash, gather and backward scatter each run as one native pass (lexloom.ml_ops).
"""
from __future__ import annotations

from typing import Callable, Optional, Tuple, Union

import numpy
from thinc.api import Model, chain, uniform_init
from thinc.layers.array_getitem import forward as _getitem_forward
from thinc.layers.array_getitem import ints_getitem
from thinc.layers.chain import forward as _chain_forward
from thinc.layers.concatenate import forward as _thinc_concatenate_forward
from thinc.layers.concatenate import init as _concatenate_init
from thinc.types import Floats1d, Floats2d, Ints1d, Ints2d
from thinc.util import partial

from .. import ml_ops
from ..errors import ModelError
from ..registry import register
from . import cuda_kernels
from ._util import add_into_grad, uses_native


@register("layers", "lexloom.HashEmbed.v1")
def HashEmbed(nO: int, nV: int, *, seed: int, column: Optional[int] = None,
              initializer: Optional[Callable] = None,
              dropout: Optional[float] = None) -> Model[Ints2d, Floats2d]:
    """Embed uint64 ids into nO dimensions with a hashed table of nV rows.

    Without `column` the input is (n,) ids. With it, the input is an (n, k) array (as
    FeatureExtractor gives) and the layer is thinc's: chain(ints_getitem((slice(0, None),
    column)), hashembed), so its tree (and saved weights) are those thinc and spaCy build.
    `dropout` zeroes whole output dimensions in training.
    """
    for dim, value in (("nO", nO), ("nV", nV)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ModelError(f"HashEmbed needs a positive int {dim}, got {value!r}.")
    if not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise ModelError(f"HashEmbed needs a seed in [0, 2**32), got {seed!r}.")
    attrs: dict = {"column": column, "seed": seed}
    if dropout is not None:
        attrs["dropout_rate"] = dropout
    model = Model(
        "hashembed",
        _forward,
        init=partial(_init, initializer or uniform_init),
        params={"E": None},
        dims={"nO": nO, "nV": nV, "nI": None},
        attrs=attrs,
    )
    if column is not None:
        model = chain(ints_getitem((slice(0, None), column)), model)
        model.attrs["column"] = column
    return model


def _init(initializer: Callable, model: Model, X=None, Y=None) -> None:
    model.set_param("E", initializer(model.ops, (model.get_dim("nV"), model.get_dim("nO"))))


def _table_and_column(layer: Model) -> Optional[Tuple[Model, Optional[int]]]:
    """(the hashembed node, the input column it embeds, None for all of a 1-D input) when
    `layer` is one of HashEmbed's two forms with lexloom's forward; else None."""
    if layer._func is _forward:
        return layer, None
    if (layer._func is _chain_forward and len(layer.layers) == 2
            and layer.layers[0]._func is _getitem_forward
            and layer.layers[1]._func is _forward):
        index = layer.layers[0].attrs.get("index")
        if (isinstance(index, tuple) and len(index) == 2 and index[0] == slice(0, None)
                and isinstance(index[1], int) and not isinstance(index[1], bool)):
            return layer.layers[1], index[1]
    return None


def _column(ids, column: Optional[int]) -> Ints1d:
    if column is None:
        if ids.ndim != 1:
            raise ModelError(f"HashEmbed without a column got ids of shape {ids.shape}: it "
                             "needs (n,) ids; set column= to embed one column of an (n, k) "
                             "array.")
        return ids
    if ids.ndim != 2 or not -ids.shape[1] <= column < ids.shape[1]:
        raise ModelError(f"HashEmbed (column={column}) got ids of shape {ids.shape}: it needs "
                         "an (n, k) array with that column.")
    return ids[:, column]


def _forward(model: Model, ids: Union[Ints1d, Ints2d],
             is_train: bool) -> Tuple[Floats2d, Callable]:
    E = model.get_param("E")
    in_shape = ids.shape
    if in_shape[0] == 0:  # an empty batch may arrive as any dtype and shape (thinc's flatten
        # of [], or ints-getitem passing an empty (0, k) array through)
        return model.ops.alloc2f(0, E.shape[1]), lambda d: model.ops.alloc(in_shape, dtype="i")
    keys = _column(ids, None)
    if uses_native(model):
        output = numpy.empty((keys.shape[0], E.shape[1]), dtype=numpy.float32)
        backward = _embed_into(model, keys, output, is_train)
    else:
        fused = _embed_cuda(model, keys, is_train) if cuda_kernels.kernels_usable(model.ops) \
            else None
        output, backward = fused if fused is not None else _embed_generic(model, keys, is_train)

    def backprop(d_output: Floats2d) -> Ints2d:
        backward(d_output)
        # Ids have no gradient; callers (concatenate, with_array) expect an array of their shape.
        return model.ops.alloc(in_shape, dtype="i")

    return output, backprop


def _embed_into(model: Model, keys: Ints1d, out: Floats2d,
                is_train: bool) -> Callable[[Floats2d], None]:
    """The native path: write the embeddings of `keys` into `out` (an (n, nO) float32 matrix,
    possibly a column block of a wider one) and return the backward function, which adds
    d_out's rows into E's gradient."""
    _, rows = ml_ops.hash_gather_sum(model.get_param("E"), keys, model.attrs["seed"], out=out)
    mask = _dropout_mask(model, is_train)
    if mask is not None:
        out *= mask

    def backward(d_out: Floats2d) -> None:
        if mask is not None:
            d_out = d_out * mask
        add_into_grad(model, "E", lambda grad: ml_ops.scatter_add(grad, rows, d_out))

    return backward


def _embed_cuda(model: Model, keys, is_train: bool):
    """The GPU path: lexloom's fused hash + gather-sum kernel and its scatter-add backward
    (kernels/hashembed.cu); None when the kernels can't compile (thinc's ops then)."""
    E = model.get_param("E")
    xp = model.ops.xp
    result = cuda_kernels.hash_gather_sum(E, model.ops.as_contig(keys, dtype="uint64"),
                                          model.attrs["seed"])
    if result is None:
        return None
    output, rows = result
    mask = _dropout_mask(model, is_train)
    if mask is not None:
        output *= mask

    def backward(d_out: Floats2d) -> None:
        if mask is not None:
            d_out = d_out * mask
        dE = model.ops.alloc2f(*E.shape)
        if cuda_kernels.scatter_add(dE, rows, xp.ascontiguousarray(d_out, dtype="float32"),
                                    deterministic=bool(model.attrs.get("deterministic"))) is None:
            _scatter_rows(model, dE, rows, d_out)
        model.inc_grad("E", dE)

    return output, backward


def _embed_generic(model: Model, keys: Ints1d,
                   is_train: bool) -> Tuple[Floats2d, Callable[[Floats2d], None]]:
    """The path for ops without lexloom kernels (cupy): thinc's hash, gather and scatter."""
    E = model.get_param("E")
    rows = model.ops.hash(model.ops.as_contig(keys, dtype="uint64"), model.attrs["seed"])
    rows = rows % E.shape[0]
    output = model.ops.gather_add(E, rows)
    mask = _dropout_mask(model, is_train)
    if mask is not None:
        output *= mask

    def backward(d_out: Floats2d) -> None:
        if mask is not None:
            d_out = d_out * mask
        dE = model.ops.alloc2f(*E.shape)
        _scatter_rows(model, dE, rows, d_out)
        model.inc_grad("E", dE)

    return output, backward


def _dropout_mask(model: Model, is_train: bool) -> Optional[Floats1d]:
    """A mask over output dimensions, or None when nothing is dropped (thinc would give a
    mask of ones, and two full passes multiplying by it)."""
    rate = model.attrs.get("dropout_rate")
    if not is_train or not rate or rate <= 0:
        return None
    return model.ops.get_dropout_mask((model.get_dim("nO"),), rate)


@register("layers", "lexloom.concatenate_hashembeds.v1")
def concatenate_hashembeds(*embeds: Model) -> Model[Ints2d, Floats2d]:
    """concatenate(*embeds) for HashEmbed layers over the columns of one id array.

    Each table writes its rows straight into its column block of one output matrix, and the
    backward pass scatters from the blocks of the gradient in place: no per-table outputs, no
    stacking copy, no contiguous copies of gradient slices, no ints-getitem column copies.
    The node is thinc's concatenate (same name, dims and children: each HashEmbed with a
    column is thinc's chain(ints-getitem, hashembed)), so weights load either way; children
    of any other kind (or ops without lexloom kernels) take thinc's generic concatenation.
    """
    if len(embeds) == 1:
        return embeds[0]
    dims: dict = {"nO": None}
    if all(layer.has_dim("nI") in (True, None) for layer in embeds):
        dims["nI"] = None  # thinc's rule: nI only when every child has one
    return Model("|".join(layer.name for layer in embeds), _concatenate_forward,
                 init=_concatenate_init, dims=dims, layers=list(embeds))


def _concatenate_forward(model: Model, ids: Ints2d, is_train: bool) -> Tuple[Floats2d, Callable]:
    tables = [_table_and_column(layer) for layer in model.layers]
    if not uses_native(model) or any(table is None for table in tables):
        return _thinc_concatenate_forward(model, ids, is_train)
    widths = [table.get_dim("nO") for table, _ in tables]
    in_shape = ids.shape
    if ids.shape[0] == 0:
        return model.ops.alloc2f(0, sum(widths)), lambda d: model.ops.alloc(in_shape, dtype="i")
    output = numpy.empty((ids.shape[0], sum(widths)), dtype=numpy.float32)
    backwards, start = [], 0
    for (table, column), width in zip(tables, widths):
        block = output[:, start:start + width]
        backwards.append((_embed_into(table, _column(ids, column), block, is_train),
                          start, width))
        start += width

    def backprop(d_output: Floats2d) -> Ints2d:
        for backward, begin, width in backwards:
            backward(d_output[:, begin:begin + width])
        return model.ops.alloc(in_shape, dtype="i")

    return output, backprop


def _scatter_rows(model: Model, dE, rows, d_out) -> None:
    """thinc's backward of a hashed gather: dE[rows[i, k]] += d_out[i], one key column at a
    time (the fallback where lexloom's kernels don't run)."""
    for k in range(rows.shape[1]):
        model.ops.scatter_add(dE, model.ops.as_contig(rows[:, k], dtype="i"), d_out)
