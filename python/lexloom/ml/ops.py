"""CPU ops for lexloom's models: thinc's NumpyOps with matrix products sent to numpy's BLAS
(OpenBLAS in numpy's wheels), which is about 3x faster than thinc's default gemm here.

The ragged reductions (reduce_sum / mean / max / first / last and their backward passes, what
thinc's `reduce_*.v1` layers and transformer pooling call) run on lexloom's native kernels
(lexloom.ragged_ops): same values as NumpyOps, clearer errors for bad lengths.

The ops are attached to lexloom's own models only (see `use_lexloom_ops`), never installed
as thinc's global current ops, so other libraries in the same process are unaffected.
"""
from __future__ import annotations

import numpy
from thinc.api import NumpyOps

from .. import blas, ragged_ops


class LexloomOps(NumpyOps):
    name = "lexloom"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        if trans2 and not trans1 and _small_nt(x, y):
            # x · yᵀ of a few rows (one short Doc): the small-row kernel reads y in place,
            # where the BLAS would first repack it (lexloom.blas.set_small_rows)
            if out is None:
                return blas.sgemm_nt(x, y)
            out[...] = blas.sgemm_nt(x, y)
            return out
        if trans1:
            x = x.T
        if trans2:
            y = y.T
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out

    def get_dropout_mask(self, shape, drop):
        """thinc's mask from the same draws of numpy's global random state (so training
        makes spaCy's masks), written as float32 directly: each value is 0 or
        float32(1 / (1 - drop)), as thinc's float64 quotient cast to float32 is."""
        if drop is None or drop <= 0 or drop >= 1.0:
            return super().get_dropout_mask(shape, drop)
        coinflips = numpy.random.uniform(0.0, 1.0, shape)
        return numpy.asarray(numpy.multiply(coinflips >= drop, numpy.float32(1.0 / (1.0 - drop)),
                                            dtype=numpy.float32))  # shape (): a 0-d array

    # Ragged reductions: numpy arrays go to the native kernels, anything else to thinc.

    def reduce_sum(self, X, lengths):
        if isinstance(X, numpy.ndarray):
            return ragged_ops.reduce_sum(X, lengths)
        return super().reduce_sum(X, lengths)

    def reduce_mean(self, X, lengths):
        if isinstance(X, numpy.ndarray):
            return ragged_ops.reduce_mean(X, lengths)
        return super().reduce_mean(X, lengths)

    def reduce_max(self, X, lengths):
        if isinstance(X, numpy.ndarray):
            return ragged_ops.reduce_max(X, lengths)
        return super().reduce_max(X, lengths)

    def reduce_first(self, X, lengths):
        if isinstance(X, numpy.ndarray):
            return ragged_ops.reduce_first(X, lengths)
        return super().reduce_first(X, lengths)

    def reduce_last(self, X, lengths):
        if isinstance(X, numpy.ndarray):
            return ragged_ops.reduce_last(X, lengths)
        return super().reduce_last(X, lengths)

    def backprop_reduce_sum(self, d_sums, lengths):
        if isinstance(d_sums, numpy.ndarray):
            return ragged_ops.backprop_reduce_sum(d_sums, lengths)
        return super().backprop_reduce_sum(d_sums, lengths)

    def backprop_reduce_mean(self, d_means, lengths):
        if isinstance(d_means, numpy.ndarray):
            return ragged_ops.backprop_reduce_mean(d_means, lengths)
        return super().backprop_reduce_mean(d_means, lengths)

    def backprop_reduce_max(self, d_maxes, which, lengths):
        if isinstance(d_maxes, numpy.ndarray):
            return ragged_ops.backprop_reduce_max(d_maxes, which, lengths)
        return super().backprop_reduce_max(d_maxes, which, lengths)

    def backprop_reduce_first(self, d_firsts, starts_ends):
        if isinstance(d_firsts, numpy.ndarray):
            return ragged_ops.backprop_reduce_first(d_firsts, starts_ends)
        return super().backprop_reduce_first(d_firsts, starts_ends)

    def backprop_reduce_last(self, d_lasts, lasts):
        if isinstance(d_lasts, numpy.ndarray):
            return ragged_ops.backprop_reduce_last(d_lasts, lasts)
        return super().backprop_reduce_last(d_lasts, lasts)


def _small_nt(x, y) -> bool:
    return (type(x) is numpy.ndarray and type(y) is numpy.ndarray and x.ndim == 2
            and y.ndim == 2 and 0 < x.shape[0] <= blas.small_rows_threshold
            and x.shape[1] == y.shape[1] and x.dtype == numpy.float32
            and y.dtype == numpy.float32 and x.flags.c_contiguous and y.flags.c_contiguous
            and _HAS_SMALL_KERNEL)


_HAS_SMALL_KERNEL = blas.has_small_kernel()
_OPS: LexloomOps | None = None


def lexloom_ops() -> LexloomOps:
    global _OPS
    if _OPS is None:
        _OPS = LexloomOps()
    return _OPS


def use_lexloom_ops(model) -> None:
    """Give every CPU (NumpyOps) layer of `model` lexloom's ops; GPU layers keep theirs."""
    ops = lexloom_ops()
    for node in model.walk():
        if type(node.ops) is NumpyOps:
            node.ops = ops
