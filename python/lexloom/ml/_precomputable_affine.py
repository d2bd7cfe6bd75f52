"""The transition model's lower layer, spaCy's `precomputable_affine`: token vectors times
one weight block per feature slot, computed once per batch.

A state's hidden vector is maxout(sum_f W[f] x_{t_f} + b) over its nF context tokens t_f.
As the sum is linear, every token's product with every slot's weights is computed up front
(one matrix product); the output P (n_tokens + 1, nF, nO, nP) has the learned `pad`, one row
per slot, first: the stand-in for absent context tokens. Params are spaCy's: W (nF, nO, nP,
nI), b (nO, nP) (added per state by the step model, see tb_framework), pad (1, nF, nO, nP).

Training follows spaCy exactly, quirks included, so that runs match it step for step: the
initial weights come from the same random draws and the same estimate of the hidden units,
and W's gradient counts an absent context token as the batch's last token.
"""
from __future__ import annotations

import sys
import threading
from collections import OrderedDict

import numpy
from thinc.api import Model, normal_init  # noqa: F401  (normal_init: spaCy's module has it)

from .. import blas
from ..registry import register


@register("layers", "lexloom.PrecomputableAffine.v1", "spacy.PrecomputableAffine.v1")
def PrecomputableAffine(nO, nI, nF, nP, dropout: float = 0.1) -> Model:
    return Model("precomputable_affine", _forward, init=_init,
                 dims={"nO": nO, "nI": nI, "nF": nF, "nP": nP},
                 params={"W": None, "b": None, "pad": None}, attrs={"dropout_rate": dropout})


def _forward(model: Model, X, is_train: bool):
    """X (n, nI) -> P (n + 1, nF, nO, nP); backprop takes dP of the same shape (b's
    gradient is the step model's) and returns dX."""
    nF, nO, nP, nI = (model.get_dim(d) for d in ("nF", "nO", "nP", "nI"))
    W = model.get_param("W")
    P = lower_products(model, X)

    def backprop(dP):
        dP = dP.reshape((dP.shape[0], nF * nO * nP))
        model.inc_grad("pad", dP[:1].reshape((1, nF, nO, nP)))
        # spaCy's W gradient also counts each absent context token as the batch's last
        # token (its backprop indexes X with -1 for them); kept so training matches spaCy's
        # step for step. The pad's gradient and dX are exact.
        X_rows = model.ops.xp.concatenate([X[-1:], X]) if X.shape[0] else X
        dW = model.ops.gemm(dP if X.shape[0] else dP[1:], X_rows, trans1=True)
        model.inc_grad("W", dW.reshape((nF, nO, nP, nI)))
        return model.ops.gemm(dP[1:], W.reshape((nF * nO * nP, nI)))

    return P, backprop


def lower_products(model: Model, X, packed=None):
    """The forward's P (n + 1, nF, nO, nP), the pad row first, for X (n, nI); the product
    reads `packed` (blas.pack of W, float32 numpy arrays) where given (the single-Doc
    runner's, for a lower layer that is not folded: FoldedInput), or packs W itself for a
    batch where that pays (`_packing_pays`)."""
    nF, nO, nP, nI = (model.get_dim(d) for d in ("nF", "nO", "nP", "nI"))
    W = model.get_param("W").reshape((nF * nO * nP, nI))
    P = model.ops.alloc2f(X.shape[0] + 1, nF * nO * nP, zeros=False)
    if packed is None and _packing_pays(X, W):
        packed = blas.pack(W)
    if packed is None:
        model.ops.gemm(X, W, trans2=True, out=P[1:])
    else:
        blas.linear(numpy.ascontiguousarray(X, dtype=numpy.float32), W, None, out=P[1:],
                    packed=packed)
    P = P.reshape((X.shape[0] + 1, nF, nO, nP))
    P[0] = model.get_param("pad")[0]
    return P


def _packing_pays(X, W) -> bool:
    """Whether to pack W for this one product: a batch's rows (many more than W's), numpy
    float32, and the CPU has the packed kernel (blas.linear: faster than the BLAS there)."""
    return (X.shape[0] > blas.PACKED_ROWS and isinstance(X, numpy.ndarray)
            and X.dtype == numpy.float32 and isinstance(W, numpy.ndarray)
            and W.dtype == numpy.float32 and W.flags.c_contiguous and blas.has_packed_kernel())


class FoldedInput:
    """The lower layer with the Linear before it (the transition model's tok2vec ends in
    one) folded in, for inference: X = T·Lᵀ + c and P = X·Wᵀ give P = T·(W·L)ᵀ + W·c, one
    product over the tok2vec's width instead of two. Made only where that is fewer
    multiplications (`pays`): a hidden width above the tok2vec's, as in spaCy's efficiency
    parser (128 over 96: about a quarter fewer), not en_core_web_sm's (64 under 96).

    The constant W·c is kept out of P's token rows (writing it under every row, then adding
    the product onto it, cost a third of the product): slot f's part B_f is taken from
    that slot's pad row instead and all slots' parts are added to the state bias, so a
    state's sum of rows plus bias is unchanged (a present token's row lacks B_f, an absent
    one's pad lacks it too, and the bias adds it back).

    The folded weights are a copy: `matches` tells whether they are still those of the
    given params (an optimizer step updates params in place; besides their identity, a
    sample of each is compared: blas.Snapshot). `for_params` keeps the last few folds, so
    a pipeline folds once, not once per batch; a fold refers to its params weakly, so a
    pipeline let go of takes its fold (and the fold's block) with it at the next call."""

    _recent: "OrderedDict[int, FoldedInput]" = OrderedDict()
    _max_recent = 8
    _recent_lock = threading.Lock()   # threads sharing pipelines fold at once

    def __init__(self, W, L, c):
        W2 = W.reshape((-1, W.shape[-1])).astype(numpy.float64)
        self.snapshots = tuple(blas.Snapshot(a) for a in (W, L, c))
        self.weights = numpy.ascontiguousarray(W2 @ L.astype(numpy.float64),
                                               dtype=numpy.float32)
        slot_bias = (W2 @ c.astype(numpy.float64)).reshape(W.shape[:-1])
        self.slot_bias = slot_bias.astype(numpy.float32)   # B_f, (nF, nO, nP)
        self.bias_shift = slot_bias.sum(axis=0)            # sum of B_f, float64
        self._output = _ReusedBlock()
        self._packed = None   # the weights packed (blas.pack), made on first use

    @classmethod
    def for_params(cls, key: int, W, L, c) -> "FoldedInput":
        """The fold of W, L, c: the one made last for `key` (a model's id) if it still
        matches them, else a new one."""
        with cls._recent_lock:
            for gone in [k for k, f in cls._recent.items() if not f.snapshots[0].alive()]:
                del cls._recent[gone]   # its model's params were let go of
            fold = cls._recent.get(key)
            if fold is None or not fold.matches(W, L, c):
                fold = cls(W, L, c)
                cls._recent[key] = fold
                while len(cls._recent) > cls._max_recent:
                    cls._recent.popitem(last=False)
            return fold

    @staticmethod
    def pays(W, L, rows: int | None = None) -> bool:
        """Whether folding takes fewer multiplications: per token row, and (for `rows` rows
        folded once) counting the fold itself (in float64: twice a float32 product's
        cost); at least a tenth fewer."""
        n_out, n_hidden, n_in = W.size // W.shape[-1], L.shape[0], L.shape[1]
        if W.shape[-1] != n_hidden:
            return False
        unfolded = n_hidden * (n_in + n_out)
        folded = n_in * n_out
        if rows is None:
            return folded * 10 <= unfolded * 9
        return (folded * rows + 2 * n_out * n_hidden * n_in) * 10 <= unfolded * rows * 9

    @classmethod
    def fits(cls, linear: Model, lower: Model, rows: int | None = None) -> bool:
        """Whether the Linear `linear` before the lower layer `lower` folds in: a bias and
        float32 numpy params, and folding pays (`pays`, for `rows` rows folded once)."""
        if not linear.has_param("b"):
            return False
        W, L, c = lower.get_param("W"), linear.get_param("W"), linear.get_param("b")
        if not all(isinstance(a, numpy.ndarray) and a.dtype == numpy.float32
                   for a in (W, L, c)):
            return False
        return cls.pays(W, L, rows)

    def matches(self, W, L, c) -> bool:
        return all(snapshot.same(a) for snapshot, a in zip(self.snapshots, (W, L, c)))

    def forward(self, T, pad, b) -> tuple[numpy.ndarray, numpy.ndarray]:
        """T (n, n_in) token vectors before the Linear, the lower layer's pad and b ->
        (P (n + 1, nF, nO, nP), pad row first, and the state bias (nO, nP)) whose sums
        equal those of the lower layer's forward and b."""
        P = self._output.take((T.shape[0] + 1, self.weights.shape[0]))
        if T.shape[0]:
            packed = None
            if blas.has_packed_kernel():
                if self._packed is None:
                    self._packed = blas.pack(self.weights)
                packed = self._packed
            blas.linear(numpy.ascontiguousarray(T, dtype=numpy.float32), self.weights,
                        None, out=P[1:], packed=packed)
        P = P.reshape((T.shape[0] + 1,) + pad.shape[1:])
        P[0] = pad[0] - self.slot_bias
        bias = (b.astype(numpy.float64) + self.bias_shift).astype(numpy.float32)
        return P, bias


class _ReusedBlock:
    """A float32 block handed out again once no array made from it is alive. A batch's P
    is tens of megabytes, and fresh pages cost a page fault and the kernel's zeroing each:
    as much again as the product writing them. Blocks over `max_bytes` are not kept."""

    max_bytes = 128 << 20

    def __init__(self):
        self._block: numpy.ndarray | None = None
        self._lock = threading.Lock()

    def take(self, shape: tuple) -> numpy.ndarray:
        size = shape[0] * shape[1]
        with self._lock:
            block = self._block
            # references: self._block, `block` and getrefcount's argument; any more are
            # arrays made from it, still in use (a view's base is the block itself)
            if block is None or block.size < size or sys.getrefcount(block) > 3:
                block = numpy.empty((size,), dtype=numpy.float32)
                self._block = block if block.nbytes <= self.max_bytes else None
            return block[:size].reshape(shape)


def _backprop_precomputable_affine_padding(model: Model, dY, ids):
    """The pad's gradient from per-state gradients: slot f's pad row collects dY of every
    state whose context token f is absent (id < 0). dY (nB, nO, nP), ids (nB, nF) ->
    (1, nF, nO, nP). The state-level view of what the step model feeds back as P's row 0."""
    nF, nO, nP = (model.get_dim(d) for d in ("nF", "nO", "nP"))
    absent = model.ops.asarray(ids < 0, dtype="f")
    d_pad = model.ops.gemm(absent, dY.reshape((dY.shape[0], nO * nP)), trans1=True)
    return d_pad.reshape((1, nF, nO, nP))


def _init(model: Model, X=None, Y=None) -> Model:
    """Weights that give roughly zero-mean, unit-variance hidden units on whitened input:
    draw, then rescale W and shift b on random token vectors and random states. This is
    spaCy's scheme draw for draw (same random numbers, same estimate of the hidden units),
    so a seed gives spaCy's initial weights."""
    if model.has_param("W") and model.get_param("W").any():
        return model
    nF, nO, nP, nI = (model.get_dim(d) for d in ("nF", "nO", "nP", "nI"))
    ops = model.ops
    rng = numpy.random
    W = rng.normal(scale=float(numpy.sqrt(1.0 / nF * nI)), size=nF * nO * nP * nI)
    W = W.astype("float32").reshape((nF, nO, nP, nI))
    pad = rng.normal(scale=1.0, size=nF * nO * nP).astype("float32").reshape((1, nF, nO, nP))
    b = numpy.zeros((nO, nP), dtype="float32")
    model.set_param("W", ops.asarray(W))
    model.set_param("b", ops.asarray(b))
    model.set_param("pad", ops.asarray(pad))
    ids = _sample_ids(rng, nF)
    tokvecs = numpy.zeros((5000, nI), dtype="float32")
    tokvecs += rng.normal(loc=0.0, scale=1.0, size=tokvecs.size).reshape(tokvecs.shape)
    for _ in range(10):
        hidden = _sample_hidden(model, ids, tokvecs[:-1], b)
        var, mean = hidden.var(), hidden.mean()
        if abs(var - 1.0) >= 0.01:
            W /= numpy.sqrt(var)
            model.set_param("W", ops.asarray(W))
        elif abs(mean) >= 0.01:
            b -= mean
            model.set_param("b", ops.asarray(b))
        else:
            break
    return model


def _sample_ids(rng, nF: int) -> numpy.ndarray:
    """5,000 random states of nF token ids in [0, 1000), drawn as spaCy draws them: added
    into a float32 array, then truncated. (A float64 draw just below an integer, 999.99997,
    rounds up in float32: truncating the float64 would give another id, and other initial
    weights, for about one seed in four.)"""
    ids = numpy.zeros((5000, nF), dtype="float32")
    ids += rng.uniform(0, 1000, ids.shape)
    return ids.astype("int32")


def _sample_hidden(model: Model, ids, tokvecs, b) -> numpy.ndarray:
    """spaCy's estimate of the hidden units: the products of the tokens (pad row first),
    flattened to one row per (token, slot), scattered into the rows that `ids` name (every
    other row stays at b), then the maxout (one piece: ReLU)."""
    nF, nO, nP = (model.get_dim(d) for d in ("nF", "nO", "nP"))
    P = model.ops.to_numpy(model.predict(model.ops.asarray(tokvecs)))
    vectors = numpy.zeros((ids.shape[0], nO * nP), dtype="float32")
    numpy.add.at(vectors, ids.ravel()[:P.shape[0] * nF], P.reshape((-1, nO * nP)))
    vectors = vectors.reshape((-1, nO, nP)) + b
    return vectors.max(axis=-1) if nP >= 2 else vectors * (vectors >= 0)


# spaCy's names for the layer's functions
forward = _forward
init = _init

__all__ = ["FoldedInput", "PrecomputableAffine"]
