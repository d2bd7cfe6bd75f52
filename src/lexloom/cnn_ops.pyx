# cython: language_level=3, boundscheck=False, wraparound=False
"""The CNN encoder's layers for inference, natively (csrc/lexloom/maxout_layer.hh): one call
runs a layer-normalised maxout layer, or a whole stack of residual window layers, with
thinc's arithmetic (outputs equal thinc's up to the last bits when numpy's BLAS is
registered, lexloom.blas).
Every array is checked first; a bad one raises ModelError."""
from libc.stdint cimport int64_t
from libcpp cimport bool as cbool
from libcpp.vector cimport vector

cimport numpy as np

from .blas cimport use_registered_blas

import numpy

from .blas import checked_packed
from .errors import ModelError

np.import_array()

cdef extern from "lexloom/maxout_layer.hh" namespace "lexloom" nogil:
    cdef struct MaxoutLayer:
        const float* W
        const float* b
        const float* G
        const float* beta
        int64_t nO
        int64_t nP
        int64_t window
        const float* packed
    void maxout_layer_forward(const float* X, int64_t N, int64_t nI, const MaxoutLayer& layer,
                              cbool residual, float* Y, float* scratch)
    void maxout_layer_forward_rows(const float* X, int64_t N, int64_t nI,
                                   const MaxoutLayer& layer, bint residual, float* Y,
                                   float* scratch, int64_t lo, int64_t hi)
    int64_t maxout_layer_scratch(int64_t N, int64_t nI, const MaxoutLayer& layer)


cdef np.ndarray _f32(object arr, str name, tuple shape):
    if not isinstance(arr, np.ndarray) or arr.dtype != numpy.float32 \
            or not arr.flags.c_contiguous or arr.shape != shape:
        raise ModelError(f"{name} must be a C-contiguous float32 array of shape {shape}, got "
                         f"{getattr(arr, 'dtype', type(arr).__name__)} "
                         f"{getattr(arr, 'shape', None)}.")
    return <np.ndarray>arr


cdef MaxoutLayer _layer(tuple weights, int64_t nI, int64_t window, list keep) except *:
    """A MaxoutLayer from (W (nO, nP, nI * (2 * window + 1)), b (nO, nP), G, beta) where G
    and beta are (nO,) or both None; optionally a fifth, W packed (blas.pack of W as
    (nO * nP, nI * (2 * window + 1))) for products of a few rows, or None."""
    cdef MaxoutLayer layer
    if len(weights) not in (4, 5):
        raise ModelError("A maxout layer's weights are (W, b, G, beta) or (W, b, G, beta, "
                         "packed W).")
    W, b, G, beta = weights[:4]
    packed = weights[4] if len(weights) == 5 else None
    if not isinstance(W, np.ndarray) or W.ndim != 3:
        raise ModelError(f"W must be a 3-d (nO, nP, nI) array, got {getattr(W, 'shape', W)}.")
    nO, nP = W.shape[0], W.shape[1]
    cdef np.ndarray w = _f32(W, "W", (nO, nP, nI * (2 * window + 1)))
    cdef np.ndarray bb = _f32(b, "b", (nO, nP))
    keep.extend([w, bb])
    layer.W = <const float*>np.PyArray_DATA(w)
    layer.b = <const float*>np.PyArray_DATA(bb)
    layer.G = NULL
    layer.beta = NULL
    cdef np.ndarray g, be
    if G is not None or beta is not None:
        g = _f32(G, "G", (nO,))
        be = _f32(beta, "beta (the layer norm's b)", (nO,))
        keep.extend([g, be])
        layer.G = <const float*>np.PyArray_DATA(g)
        layer.beta = <const float*>np.PyArray_DATA(be)
    layer.nO = nO
    layer.nP = nP
    layer.window = window
    layer.packed = NULL
    if checked_packed(packed, nO * nP, nI * (2 * window + 1)) is not None:
        keep.append(packed)
        layer.packed = <const float*>np.PyArray_DATA(<np.ndarray>packed)
    if nO < 1 or nP < 1:
        raise ModelError(f"A maxout layer needs nO, nP >= 1, got W of shape {W.shape}.")
    return layer



cdef np.ndarray _input(object X):
    if not isinstance(X, np.ndarray) or X.dtype != numpy.float32 or X.ndim != 2:
        raise ModelError(f"X must be a 2-d float32 array, got {getattr(X, 'dtype', type(X))} "
                         f"{getattr(X, 'shape', None)}.")
    return numpy.ascontiguousarray(X)


def maxout_layer(X, weights, int window=0):
    """LN(maxout(window(X) · Wᵀ + b)) for X (N, nI): thinc's Maxout(normalize=True) after
    expand_window(window) (window 0: none); weights (W, b, G, beta) as in thinc (G, beta None:
    no layer norm). Returns a new (N, nO) array."""
    cdef np.ndarray x = _input(X)
    cdef list keep = []
    cdef MaxoutLayer layer = _layer(tuple(weights), x.shape[1], window, keep)
    cdef int64_t N = x.shape[0], nI = x.shape[1]
    out = numpy.empty((N, layer.nO), dtype=numpy.float32)
    if N == 0:
        return out
    cdef vector[float] scratch
    scratch.resize(maxout_layer_scratch(N, nI, layer))
    cdef const float* xp = <const float*>np.PyArray_DATA(x)
    cdef float* yp = <float*>np.PyArray_DATA(<np.ndarray>out)
    use_registered_blas()
    with nogil:
        maxout_layer_forward(xp, N, nI, layer, False, yp, scratch.data())
    return out


def residual_window_stack(X, layers, int window, rows=None):
    """X + f_1(X), then + f_2(...), ... for layers [(W, b, G, beta), ...], each f a
    maxout_layer over windows of `window` tokens either side: thinc's
    clone(residual(expand_window >> Maxout(normalize=True)), depth) on one sequence.
    Returns a new (N, width) array.

    rows=(start, end): only those rows of the result are wanted (a Doc between padding
    rows): layer i then computes only the rows that the later layers' windows still reach,
    `window * (depth - 1 - i)` either side; the other rows of the result are not final."""
    cdef np.ndarray x = _input(X)
    cdef int64_t N = x.shape[0], nI = x.shape[1], i
    cdef list keep = []
    cdef vector[MaxoutLayer] stack
    for weights in layers:
        stack.push_back(_layer(tuple(weights), nI, window, keep))
        if stack.back().nO != nI:
            raise ModelError(f"A residual layer must keep the width {nI}, not {stack.back().nO}.")
    out = numpy.array(x, dtype=numpy.float32, order="C", copy=True)
    if N == 0 or stack.size() == 0:
        return out
    cdef int64_t need = 0
    for i in range(<int64_t>stack.size()):
        need = max(need, maxout_layer_scratch(N, nI, stack[i]))
    cdef vector[float] scratch
    scratch.resize(need)
    cdef float* yp = <float*>np.PyArray_DATA(<np.ndarray>out)
    cdef int64_t start = 0, end = N, depth = stack.size(), margin
    if rows is not None:
        try:
            start, end = rows
        except (TypeError, ValueError, OverflowError):
            raise ModelError(f"rows must be a pair of ints (start, end), not {rows!r}.") from None
        if not 0 <= start <= end <= N:
            raise ModelError(f"rows must be (start, end) with 0 <= start <= end <= {N}, "
                             f"not {rows!r}.")
    use_registered_blas()
    with nogil:
        for i in range(depth):
            if rows is None:
                maxout_layer_forward(yp, N, nI, stack[i], True, yp, scratch.data())
            else:
                margin = window * (depth - 1 - i)
                maxout_layer_forward_rows(yp, N, nI, stack[i], True, yp, scratch.data(),
                                          start - margin, end + margin)
    return out
