# cython: language_level=3, boundscheck=False, wraparound=False
"""The CPU self-attention kernel (csrc/lexloom/attention.hh) for Python.

Shapes and dtypes are checked here, once; the kernel then runs without the GIL. Used by
lexloom.transformers.cpu_encoder.
"""
from libc.stdint cimport int64_t

cimport numpy as np

import numpy

from ..errors import ModelError

np.import_array()


cdef extern from "lexloom/attention.hh" namespace "lexloom" nogil:
    bint self_attention_fast(int64_t head_dim)
    void c_self_attention "lexloom::self_attention"(
        const float* q, const float* k, const float* v, int64_t in_stride, int64_t batch,
        int64_t length, int64_t heads, int64_t head_dim, const int64_t* key_len, float scale,
        float* out, int64_t out_stride, bint vectorized, int threads)


def fast_available(int head_dim) -> bool:
    """Whether the vectorised kernel runs for heads of `head_dim` on this CPU."""
    return bool(self_attention_fast(head_dim))


cdef int64_t _row_stride(np.ndarray a, str name, int64_t rows, int64_t width) except -1:
    if a.dtype != numpy.float32 or a.ndim != 2 or a.shape[0] != rows or a.shape[1] != width:
        raise ModelError(f"self_attention: {name} must be a float32 array of shape "
                         f"({rows}, {width}), got {a.dtype} {(<object>a).shape}.")
    if a.strides[1] != 4 or a.strides[0] % 4 or a.strides[0] < 4 * width:
        raise ModelError(f"self_attention: the rows of {name} must each be contiguous.")
    return a.strides[0] // 4


def self_attention(np.ndarray q, np.ndarray k, np.ndarray v, key_lengths, int heads,
                   float scale, np.ndarray out, bint vectorized=True, int threads=1):
    """out[b * L + i, h] = softmax over j < key_lengths[b] of scale * q[b*L+i, h] . k[b*L+j, h],
    times v[b*L+j, h]: q, k, v and out are (batch * L, heads * head_dim) float32 arrays whose
    rows are contiguous (q, k and v with one row stride); key_lengths holds `batch` counts.
    `threads`: how many threads the vectorised kernel may split the work over."""
    lengths = numpy.ascontiguousarray(key_lengths, dtype=numpy.int64)
    cdef int64_t batch = lengths.shape[0] if lengths.ndim == 1 else -1
    if batch < 1:
        raise ModelError("self_attention: key_lengths must be a non-empty 1-D array.")
    cdef int64_t rows = q.shape[0] if q.ndim == 2 else -1
    cdef int64_t width = q.shape[1] if q.ndim == 2 else -1
    if rows < 0 or rows % batch or heads < 1 or width % heads:
        raise ModelError(f"self_attention: q of shape {(<object>q).shape} doesn't hold {batch} "
                         f"sequences of {heads} heads.")
    cdef int64_t stride = _row_stride(q, "q", rows, width)
    if _row_stride(k, "k", rows, width) != stride or _row_stride(v, "v", rows, width) != stride:
        raise ModelError("self_attention: q, k and v must have the same row stride.")
    cdef int64_t out_stride = _row_stride(out, "out", rows, width)
    if not out.flags.writeable:
        raise ModelError("self_attention: out is read-only; pass a writable array.")
    cdef int64_t length = rows // batch
    if lengths.min() < 1 or lengths.max() > length:
        raise ModelError(f"self_attention: every key length must be in 1..{length}.")
    cdef int64_t head_dim = width // heads
    cdef const float* qp = <const float*>np.PyArray_DATA(q)
    cdef const float* kp = <const float*>np.PyArray_DATA(k)
    cdef const float* vp = <const float*>np.PyArray_DATA(v)
    cdef float* op = <float*>np.PyArray_DATA(out)
    cdef const int64_t* lp = <const int64_t*>np.PyArray_DATA(lengths)
    with nogil:
        c_self_attention(qp, kp, vp, stride, batch, length, heads, head_dim, lp, scale, op,
                         out_stride, vectorized, max(threads, 1))
    return out
