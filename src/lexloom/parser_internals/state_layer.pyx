# cython: language_level=3, boundscheck=False, wraparound=False
"""The transition model's lower layer on precomputed token rows (csrc/lexloom/state_layer.hh):
per state, sum its context tokens' rows of P, add the bias, take the maxout. Arguments are
checked once; the loops run without the GIL."""
from libc.stdint cimport int32_t, int64_t, uint8_t

cimport numpy as np

import numpy

from ..errors import ModelError

np.import_array()

cdef extern from "lexloom/state_layer.hh" namespace "lexloom" nogil:
    void c_forward "lexloom::state_maxout_forward"(
        const float* P, int64_t n_feats, int64_t n_out, int64_t n_pieces,
        const int32_t* feats, int64_t n_states, const float* bias, float* hidden,
        uint8_t* which)
    void c_backward "lexloom::state_maxout_backward"(
        const float* d_hidden, const uint8_t* which, const int32_t* feats, int64_t n_states,
        int64_t n_feats, int64_t n_out, int64_t n_pieces, float* dP, float* d_bias)


cdef np.ndarray _f32(obj, str name, int ndim, bint writable):
    if not isinstance(obj, np.ndarray) or obj.dtype != numpy.float32 or obj.ndim != ndim \
            or not obj.flags.c_contiguous:
        raise ModelError(f"{name} must be a C-contiguous {ndim}-d float32 numpy array, got "
                         f"{getattr(obj, 'dtype', type(obj).__name__)} of shape "
                         f"{getattr(obj, 'shape', None)}.")
    if writable and not obj.flags.writeable:
        raise ModelError(f"{name} is updated in place but is read-only.")
    return <np.ndarray>obj


cdef np.ndarray _feats(obj, int64_t n_rows, int64_t n_feats):
    if not isinstance(obj, np.ndarray) or obj.dtype != numpy.int32 or obj.ndim != 2 \
            or not obj.flags.c_contiguous or obj.shape[1] != n_feats:
        raise ModelError(f"feats must be a C-contiguous (n_states, {n_feats}) int32 array, got "
                         f"{getattr(obj, 'dtype', None)} {getattr(obj, 'shape', None)}.")
    if obj.size and (obj.min() < 0 or obj.max() >= n_rows):
        raise ModelError(f"feats has row indices outside [0, {n_rows}).")
    return <np.ndarray>obj


def forward(P, feats, bias):
    """P (n_rows, n_feats, n_out, n_pieces), feats (n_states, n_feats) int32 rows of P,
    bias (n_out, n_pieces) -> (hidden (n_states, n_out) float32, which (n_states, n_out)
    uint8: the winning piece, for backward)."""
    cdef np.ndarray p = _f32(P, "P", 4, False)
    cdef int64_t n_feats = p.shape[1], n_out = p.shape[2], n_pieces = p.shape[3]
    if n_pieces < 1 or n_pieces > 255:
        raise ModelError(f"maxout_pieces must be between 1 and 255, got {n_pieces}.")
    cdef np.ndarray f = _feats(feats, p.shape[0], n_feats)
    cdef np.ndarray b = _f32(bias, "bias", 2, False)
    if b.shape[0] != n_out or b.shape[1] != n_pieces:
        raise ModelError(f"bias must have shape ({n_out}, {n_pieces}), got {bias.shape}.")
    cdef int64_t n = f.shape[0]
    hidden = numpy.empty((n, n_out), dtype=numpy.float32)
    which = numpy.empty((n, n_out), dtype=numpy.uint8)
    if n == 0 or n_out == 0:
        return hidden, which
    cdef float* h = <float*>np.PyArray_DATA(hidden)
    cdef uint8_t* w = <uint8_t*>np.PyArray_DATA(which)
    cdef const float* pp = <const float*>np.PyArray_DATA(p)
    cdef const int32_t* ff = <const int32_t*>np.PyArray_DATA(f)
    cdef const float* bb = <const float*>np.PyArray_DATA(b)
    with nogil:
        c_forward(pp, n_feats, n_out, n_pieces, ff, n, bb, h, w)
    return hidden, which


def backward(d_hidden, which, feats, dP, d_bias) -> None:
    """Add the gradient of forward's hidden output into dP (shaped like P) and d_bias."""
    cdef np.ndarray dp = _f32(dP, "dP", 4, True)
    cdef int64_t n_feats = dp.shape[1], n_out = dp.shape[2], n_pieces = dp.shape[3]
    cdef np.ndarray f = _feats(feats, dp.shape[0], n_feats)
    cdef int64_t n = f.shape[0]
    cdef np.ndarray dh = _f32(d_hidden, "d_hidden", 2, False)
    cdef np.ndarray db = _f32(d_bias, "d_bias", 2, True)
    if dh.shape[0] != n or dh.shape[1] != n_out:
        raise ModelError(f"d_hidden must have shape ({n}, {n_out}), got {d_hidden.shape}.")
    if not isinstance(which, np.ndarray) or which.dtype != numpy.uint8 \
            or which.shape != d_hidden.shape or not which.flags.c_contiguous:
        raise ModelError("which must be the uint8 array forward returned.")
    if which.size and which.max() >= n_pieces:
        raise ModelError(f"which has a piece index >= {n_pieces}.")
    if db.shape[0] != n_out or db.shape[1] != n_pieces:
        raise ModelError(f"d_bias must have shape ({n_out}, {n_pieces}), got {d_bias.shape}.")
    if n == 0 or n_out == 0:
        return
    cdef const float* dhp = <const float*>np.PyArray_DATA(dh)
    cdef const uint8_t* w = <const uint8_t*>np.PyArray_DATA(which)
    cdef const int32_t* ff = <const int32_t*>np.PyArray_DATA(f)
    cdef float* dpp = <float*>np.PyArray_DATA(dp)
    cdef float* dbp = <float*>np.PyArray_DATA(db)
    with nogil:
        c_backward(dhp, w, ff, n, n_feats, n_out, n_pieces, dpp, dbp)
