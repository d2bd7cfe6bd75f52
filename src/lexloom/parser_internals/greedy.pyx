# cython: language_level=3, boundscheck=False, wraparound=False
"""The check of the weights the native greedy decoder reads (greedy.pxd): every array's
type, layout and shape, so a bad model raises ModelError instead of reading out of bounds."""
cimport numpy as np

import numpy

from .. import blas  # noqa: F401  (registers numpy's BLAS for the decoder's products)
from ..errors import ModelError

np.import_array()


cdef np.ndarray _f32(object arr, str name, int ndim):
    if not isinstance(arr, np.ndarray) or arr.dtype != numpy.float32 or arr.ndim != ndim \
            or not arr.flags.c_contiguous:
        raise ModelError(f"The parser's {name} must be a C-contiguous {ndim}-d float32 numpy "
                         f"array, got {getattr(arr, 'dtype', type(arr).__name__)} of shape "
                         f"{getattr(arr, 'shape', None)}.")
    return <np.ndarray>arr


cdef int step_weights(StepWeights* w, object P, object bias, object W_upper, object b_upper,
                      object seen, int64_t n_feats, int64_t n_moves) except -1:
    """Fill w from the step model's arrays (kept alive by the caller): P (n_rows, n_feats,
    n_hidden, n_pieces), bias (n_hidden, n_pieces), W_upper (n_moves, n_hidden) and b_upper
    (n_moves,) or both None, seen (n_moves,) bool or None (all seen)."""
    cdef np.ndarray p = _f32(P, "precomputed rows P", 4)
    cdef np.ndarray b = _f32(bias, "hidden bias", 2)
    if p.shape[1] != n_feats:
        raise ModelError(f"The parser's P has {p.shape[1]} feature slots; the system gives "
                         f"{n_feats}.")
    if p.shape[0] < 1 or p.shape[3] < 1 or p.shape[3] > 255:
        raise ModelError(f"The parser's P has shape {P.shape}: it needs a pad row and 1 to "
                         "255 maxout pieces.")
    if b.shape[0] != p.shape[2] or b.shape[1] != p.shape[3]:
        raise ModelError(f"The hidden bias has shape {bias.shape}; P needs "
                         f"({p.shape[2]}, {p.shape[3]}).")
    w.P = <const float*>np.PyArray_DATA(p)
    w.n_rows = p.shape[0]
    w.n_feats = n_feats
    w.n_hidden = p.shape[2]
    w.n_pieces = p.shape[3]
    w.bias = <const float*>np.PyArray_DATA(b)
    w.n_classes = n_moves
    w.W_upper = NULL
    w.b_upper = NULL
    w.seen = NULL
    cdef np.ndarray wu, bu, s
    if W_upper is None:
        if w.n_hidden != n_moves:
            raise ModelError(f"Without an output layer the hidden width ({w.n_hidden}) must "
                             f"equal the number of moves ({n_moves}).")
    else:
        wu = _f32(W_upper, "output weights", 2)
        bu = _f32(b_upper, "output bias", 1)
        if wu.shape[0] != n_moves or wu.shape[1] != w.n_hidden or bu.shape[0] != n_moves:
            raise ModelError(f"The output layer has shapes {W_upper.shape} / {b_upper.shape}; "
                             f"the parser needs ({n_moves}, {w.n_hidden}) / ({n_moves},).")
        w.W_upper = <const float*>np.PyArray_DATA(wu)
        w.b_upper = <const float*>np.PyArray_DATA(bu)
    if seen is not None:
        if not isinstance(seen, np.ndarray) or seen.dtype != numpy.bool_ or seen.ndim != 1 \
                or seen.shape[0] != n_moves or not seen.flags.c_contiguous:
            raise ModelError(f"seen must be a contiguous ({n_moves},) bool array.")
        s = <np.ndarray>seen
        w.seen = <const uint8_t*>np.PyArray_DATA(s)
    return 0


cdef object state_offsets(object offsets, int64_t n_states):
    """The states' first rows in P as a contiguous int32 array, one per state."""
    off = numpy.ascontiguousarray(offsets, dtype=numpy.int32)
    if off.ndim != 1 or off.shape[0] != n_states:
        raise ModelError(f"greedy_parse: {n_states} states but offsets of shape {off.shape}.")
    return off


cdef int check_state_rows(int64_t i, int32_t offset, int64_t length,
                          const StepWeights* w) except -1:
    """State i's tokens must be rows of P after the pad row."""
    if offset < 1 or offset + length > w.n_rows:
        raise ModelError(f"State {i}'s tokens (rows {offset}..{offset + length}) are outside "
                         f"the model's {w.n_rows} rows.")
    return 0
