"""HashEmbed: each id hashed four ways into a small table, the four rows summed.

Two different ids rarely collide on all four rows, so a table of a few thousand rows embeds
an open vocabulary in fixed memory. The hashing is thinc's (MurmurHash3 with the layer's
seed), so a table trained by spaCy's HashEmbed gives the same vectors here. On the CPU the
hash, gather and backward scatter each run as one native pass (lexloom.ml_ops).
"""
from __future__ import annotations

from typing import Callable, Optional, Tuple

import numpy
from thinc.api import Model, uniform_init
from thinc.types import Floats1d, Floats2d, Ints1d, Ints2d
from thinc.util import partial

from .. import ml_ops
from ..errors import ModelError
from ..registry import register
from ._util import add_into_grad, uses_native


@register("layers", "lexloom.HashEmbed.v1")
def HashEmbed(nO: int, nV: int, *, seed: int, column: Optional[int] = 0,
              initializer: Optional[Callable] = None,
              dropout: Optional[float] = None) -> Model[Ints2d, Floats2d]:
    """Embed uint64 ids into nO dimensions with a hashed table of nV rows.

    Input: (n,) ids, or an (n, k) array of which `column` is embedded (as FeatureExtractor
    gives). Output: (n, nO) float32. `dropout` zeroes whole output dimensions in training.
    """
    for dim, value in (("nO", nO), ("nV", nV)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ModelError(f"HashEmbed needs a positive int {dim}, got {value!r}.")
    if not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise ModelError(f"HashEmbed needs a seed in [0, 2**32), got {seed!r}.")
    return Model(
        "hashembed",
        _forward,
        init=partial(_init, initializer or uniform_init),
        params={"E": None},
        dims={"nO": nO, "nV": nV, "nI": None},
        attrs={"seed": seed, "column": column, "dropout_rate": dropout},
    )


def _init(initializer: Callable, model: Model, X=None, Y=None) -> None:
    model.set_param("E", initializer(model.ops, (model.get_dim("nV"), model.get_dim("nO"))))


def _column(model: Model, ids) -> Ints1d:
    if ids.ndim == 1:
        return ids
    column = model.attrs["column"]
    if ids.ndim != 2 or column is None or not -ids.shape[1] <= column < ids.shape[1]:
        raise ModelError(f"HashEmbed (column={column}) got ids of shape {ids.shape}: it needs "
                         "(n,) ids or an (n, k) array with that column.")
    return ids[:, column]


def _forward(model: Model, ids: Ints2d, is_train: bool) -> Tuple[Floats2d, Callable]:
    E = model.get_param("E")
    seed = model.attrs["seed"]
    keys = _column(model, ids)
    native = uses_native(model)
    if keys.shape[0] == 0:  # an empty batch may arrive as any dtype (thinc's flatten of [])
        in_shape = ids.shape
        return model.ops.alloc2f(0, E.shape[1]), lambda d: model.ops.alloc(in_shape, dtype="i")
    if native:
        output, rows = ml_ops.hash_gather_sum(E, keys, seed)
    else:
        rows = model.ops.hash(model.ops.as_contig(keys, dtype="uint64"), seed) % E.shape[0]
        output = model.ops.gather_add(E, rows)
    mask: Optional[Floats1d] = None
    if is_train:
        mask = model.ops.get_dropout_mask((E.shape[1],), model.attrs.get("dropout_rate"))
        if mask is not None:
            output *= mask
    in_shape = ids.shape

    def backprop(d_output: Floats2d) -> Ints2d:
        if mask is not None:
            d_output = d_output * mask
        if native:
            add_into_grad(model, "E", lambda grad: ml_ops.scatter_add(grad, rows, d_output))
        else:
            dE = model.ops.alloc2f(*E.shape)
            for k in range(rows.shape[1]):
                model.ops.scatter_add(dE, model.ops.as_contig(rows[:, k], dtype="i"), d_output)
            model.inc_grad("E", dE)
        # Ids have no gradient; callers (concatenate, with_array) expect an array of their shape.
        return model.ops.alloc(in_shape, dtype="i")

    return output, backprop
