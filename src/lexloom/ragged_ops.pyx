# cython: language_level=3, boundscheck=False, wraparound=False
"""NumPy in, NumPy out: the ragged reductions of csrc/lexloom/ragged_reduce.hh.

Same signatures, results and edge cases as thinc 8.3's NumpyOps/Ops methods of the same
names (LexloomOps forwards to these), except that bad arguments raise
lexloom.errors.RaggedLengthsError / ModelError with a message instead of a bare
ValueError/IndexError or a wrong answer (thinc silently ignores rows past sum(lengths) in
sum and mean; here lengths must add up to the rows). float32 and float64 rows; lengths,
`which` and row indices are int32 (int64 is accepted and converted).
"""
from libc.stdint cimport int32_t, int64_t, uint16_t

cimport numpy as np

import numpy

from .errors import ModelError, RaggedLengthsError

np.import_array()

cdef extern from "lexloom/ragged_reduce.hh" namespace "lexloom" nogil:
    void ragged_sum[F](const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y)
    void ragged_mean[F](const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y)
    void ragged_max[F](const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y,
                       int32_t* which)
    void ragged_first[F](const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y,
                         int32_t* starts_ends)
    void ragged_last[F](const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y,
                        int32_t* lasts)
    void backprop_ragged_sum[F](const F* dY, const int32_t* lengths, int64_t B, int64_t O,
                                F* dX)
    void backprop_ragged_mean[F](const F* dY, const int32_t* lengths, int64_t B, int64_t O,
                                 F* dX)
    int64_t backprop_ragged_max[F](const F* dY, const int32_t* which, const int32_t* lengths,
                                   int64_t B, int64_t O, F* dX)
    int64_t scatter_rows[F](const F* dY, const int32_t* rows, int64_t B, int64_t O,
                            int64_t n_rows, F* dX)

    void c_load_f32_bits "lexloom::load_f32_bits"(const uint16_t* bits, int64_t n, int kind,
                                                  float* out)
    void c_ragged_reduce_f32 "lexloom::ragged_reduce_f32"(
        const void* X, int kind, const int32_t* lengths, int64_t B, int64_t O, int op,
        float* Y, int32_t* which)
    int64_t c_align_mean "lexloom::align_mean"(
        const float* X, int64_t n_pieces, int64_t O, const int32_t* idx,
        const int32_t* lengths, int64_t n_tokens, float* Y)
    int64_t c_align_scatter "lexloom::align_scatter"(
        const float* dY, int64_t n_pieces, int64_t O, const int32_t* idx,
        const int32_t* lengths, int64_t n_tokens, float* dX)
    void c_seq2col "lexloom::seq2col"(const float* X, int64_t I, int nW,
                                      const int32_t* lengths, int64_t B, float* Y)
    void c_backprop_seq2col "lexloom::backprop_seq2col"(const float* dY, int64_t I, int nW,
                                                        const int32_t* lengths, int64_t B,
                                                        float* dX)

cdef int SUM = 0, MEAN = 1, MAX = 2, FIRST = 3, LAST = 4


# ---------------------------------------------------------------- argument checks

cdef np.ndarray _floats2d(object arr, str name):
    """A C-contiguous 2-D float32/float64 array (copied only when not contiguous)."""
    if not isinstance(arr, np.ndarray):
        raise ModelError(f"{name} must be a numpy array, got {type(arr).__name__}.")
    if arr.ndim != 2:
        raise ModelError(f"{name} must be 2-dimensional (rows, width), got shape {arr.shape}.")
    if arr.dtype != numpy.float32 and arr.dtype != numpy.float64:
        raise ModelError(f"{name} must be float32 or float64, got {arr.dtype}; convert it with "
                         ".astype('float32').")
    return numpy.ascontiguousarray(arr)


cdef np.ndarray _ints(object arr, str name, int ndim):
    """A C-contiguous int32 array of `ndim` dimensions (int64 converted when in range)."""
    a = numpy.asarray(arr)
    if a.ndim != ndim:
        raise ModelError(f"{name} must be {ndim}-dimensional, got shape {a.shape}.")
    if a.size == 0:
        return numpy.zeros(a.shape, dtype=numpy.int32)
    if not numpy.issubdtype(a.dtype, numpy.integer):
        raise ModelError(f"{name} must hold integers, got dtype {a.dtype}.")
    if a.dtype != numpy.int32:
        if a.min() < -2 ** 31 or a.max() >= 2 ** 31:
            raise ModelError(f"{name} has values outside the int32 range.")
        a = a.astype(numpy.int32)
    return numpy.ascontiguousarray(a)


cdef np.ndarray _lengths(object lengths, int64_t n_rows, bint positive, str what):
    """int32 lengths, each >= 0 (> 0 when `positive`), summing to n_rows (when n_rows >= 0)."""
    cdef np.ndarray L = _ints(lengths, "lengths", 1)
    if L.shape[0] == 0:
        if n_rows > 0:
            raise RaggedLengthsError(f"{what}: no lengths given for {n_rows} rows; lengths "
                                     "must sum up to the number of rows.")
        return L
    low = int(L.min())
    if positive and low <= 0:
        b = int(numpy.argmax(L <= 0))
        raise RaggedLengthsError(f"{what}: all sequence lengths must be > 0, but sequence {b} "
                                 f"has length {int(L[b])} (this reduction has no value for an "
                                 "empty sequence; use reduce_mean or reduce_sum, which give 0).")
    if low < 0:
        b = int(numpy.argmax(L < 0))
        raise RaggedLengthsError(f"{what}: all sequence lengths must be >= 0, but sequence {b} "
                                 f"has length {int(L[b])}.")
    total = int(L.sum(dtype=numpy.int64))
    if n_rows >= 0 and total != n_rows:
        raise RaggedLengthsError(f"{what}: lengths must sum up to the number of rows: they sum "
                                 f"to {total} but the array has {n_rows} rows.")
    if total > 2 ** 31 - 1:
        raise RaggedLengthsError(f"{what}: {total} rows is more than int32 indices can hold.")
    return L


cdef void _check_rows(np.ndarray d, int64_t B, str name, str what) except *:
    if d.shape[0] != B:
        raise ModelError(f"{what}: {name} has {d.shape[0]} rows but there are {B} sequences; "
                         "pass the gradient of the reduction's output.")


# ---------------------------------------------------------------- forward

cdef tuple _reduce(object X_in, object lengths, int op, str what):
    cdef np.ndarray X = _floats2d(X_in, "X")
    cdef np.ndarray L = _lengths(lengths, X.shape[0], op >= MAX, what)
    cdef int64_t B = L.shape[0], O = X.shape[1]
    # the kernels write every output element, so nothing is zeroed first
    cdef np.ndarray Y = numpy.empty((B, O), dtype=X.dtype)
    cdef np.ndarray idx = None
    if op == MAX:
        idx = numpy.empty((B, O), dtype=numpy.int32)
    elif op == FIRST:
        idx = numpy.zeros(B + 1 if B else 0, dtype=numpy.int32)
    elif op == LAST:
        idx = numpy.zeros(B, dtype=numpy.int32)
    if B == 0 or (O == 0 and op <= MAX):
        return numpy.zeros((B, O), dtype=X.dtype), (idx if op != MAX else
                                                     numpy.zeros((B, O), dtype=numpy.int32))
    cdef const int32_t* pL = <const int32_t*>np.PyArray_DATA(L)
    cdef void* pX = np.PyArray_DATA(X)
    cdef void* pY = np.PyArray_DATA(Y)
    cdef int32_t* pI = <int32_t*>np.PyArray_DATA(idx) if idx is not None else NULL
    cdef bint single = X.dtype == numpy.float32
    with nogil:
        if single:
            if op == SUM: ragged_sum[float](<const float*>pX, pL, B, O, <float*>pY)
            elif op == MEAN: ragged_mean[float](<const float*>pX, pL, B, O, <float*>pY)
            elif op == MAX: ragged_max[float](<const float*>pX, pL, B, O, <float*>pY, pI)
            elif op == FIRST: ragged_first[float](<const float*>pX, pL, B, O, <float*>pY, pI)
            else: ragged_last[float](<const float*>pX, pL, B, O, <float*>pY, pI)
        else:
            if op == SUM: ragged_sum[double](<const double*>pX, pL, B, O, <double*>pY)
            elif op == MEAN: ragged_mean[double](<const double*>pX, pL, B, O, <double*>pY)
            elif op == MAX: ragged_max[double](<const double*>pX, pL, B, O, <double*>pY, pI)
            elif op == FIRST: ragged_first[double](<const double*>pX, pL, B, O, <double*>pY, pI)
            else: ragged_last[double](<const double*>pX, pL, B, O, <double*>pY, pI)
    return Y, idx


def reduce_sum(X, lengths):
    """Each sequence's rows summed: (B, O); an empty sequence gives zeros."""
    return _reduce(X, lengths, SUM, "reduce_sum")[0]


def reduce_mean(X, lengths):
    """Each sequence's rows averaged: (B, O); an empty sequence gives zeros."""
    return _reduce(X, lengths, MEAN, "reduce_mean")[0]


def reduce_max(X, lengths):
    """(maxes (B, O), which (B, O) int32: the row of each maximum within its sequence)."""
    return _reduce(X, lengths, MAX, "reduce_max")


def reduce_first(X, lengths):
    """(first rows (B, O), starts_ends int32 (B + 1,): 0 and the cumulative lengths)."""
    return _reduce(X, lengths, FIRST, "reduce_first")


def reduce_last(X, lengths):
    """(last rows (B, O), lasts int32 (B,): the row index of each last row)."""
    return _reduce(X, lengths, LAST, "reduce_last")


# ---------------------------------------------------------------- backward

cdef np.ndarray _spread(object d_in, object lengths, int op, str what):
    cdef np.ndarray d = _floats2d(d_in, "d_sums" if op == SUM else "d_means")
    cdef np.ndarray L = _lengths(lengths, -1, False, what)
    cdef int64_t B = L.shape[0], O = d.shape[1]
    _check_rows(d, B, "the gradient", what)
    cdef int64_t T = int(L.sum(dtype=numpy.int64)) if B else 0
    if T == 0 or O == 0:
        return numpy.zeros((T, O), dtype=d.dtype)
    cdef np.ndarray dX = numpy.empty((T, O), dtype=d.dtype)  # every row is written
    cdef const int32_t* pL = <const int32_t*>np.PyArray_DATA(L)
    cdef void* pd = np.PyArray_DATA(d)
    cdef void* pdX = np.PyArray_DATA(dX)
    cdef bint single = d.dtype == numpy.float32
    with nogil:
        if single:
            if op == SUM: backprop_ragged_sum[float](<const float*>pd, pL, B, O, <float*>pdX)
            else: backprop_ragged_mean[float](<const float*>pd, pL, B, O, <float*>pdX)
        else:
            if op == SUM: backprop_ragged_sum[double](<const double*>pd, pL, B, O, <double*>pdX)
            else: backprop_ragged_mean[double](<const double*>pd, pL, B, O, <double*>pdX)
    return dX


def backprop_reduce_sum(d_sums, lengths):
    """Gradient of reduce_sum: each sequence's rows get its output row's gradient."""
    return _spread(d_sums, lengths, SUM, "backprop_reduce_sum")


def backprop_reduce_mean(d_means, lengths):
    """Gradient of reduce_mean: each row gets its sequence's gradient / length."""
    return _spread(d_means, lengths, MEAN, "backprop_reduce_mean")


def backprop_reduce_max(d_maxes, which, lengths):
    """Gradient of reduce_max: each maximum's row gets the gradient, the others zero."""
    what = "backprop_reduce_max"
    cdef np.ndarray d = _floats2d(d_maxes, "d_maxes")
    cdef np.ndarray W = _ints(which, "which", 2)
    cdef np.ndarray L = _lengths(lengths, -1, True, what)
    cdef int64_t B = L.shape[0], O = d.shape[1]
    _check_rows(d, B, "d_maxes", what)
    if W.shape[0] != B or W.shape[1] != O:
        raise ModelError(f"{what}: which has shape {(<object>W).shape} but d_maxes has "
                         f"{(<object>d).shape}; pass the `which` that reduce_max returned.")
    cdef int64_t T = int(L.sum(dtype=numpy.int64)) if B else 0
    cdef np.ndarray dX = numpy.zeros((T, O), dtype=d.dtype)
    if T == 0 or O == 0:
        return dX
    cdef const int32_t* pL = <const int32_t*>np.PyArray_DATA(L)
    cdef const int32_t* pW = <const int32_t*>np.PyArray_DATA(W)
    cdef void* pd = np.PyArray_DATA(d)
    cdef void* pdX = np.PyArray_DATA(dX)
    cdef int64_t bad
    cdef bint single = d.dtype == numpy.float32
    with nogil:
        if single:
            bad = backprop_ragged_max[float](<const float*>pd, pW, pL, B, O, <float*>pdX)
        else:
            bad = backprop_ragged_max[double](<const double*>pd, pW, pL, B, O, <double*>pdX)
    if bad >= 0:
        b, o = divmod(bad, O)
        raise ModelError(f"{what}: which[{b}, {o}] = {int(W[b, o])} is not a row of sequence "
                         f"{b}, which has {int(L[b])} rows.")
    return dX


cdef np.ndarray _scatter(np.ndarray d, np.ndarray rows, int64_t n_rows, str what):
    cdef int64_t B = rows.shape[0], O = d.shape[1]
    _check_rows(d, B, "the gradient", what)
    cdef np.ndarray dX = numpy.zeros((n_rows, O), dtype=d.dtype)
    if B == 0 or O == 0:
        if B and (rows.min() < 0 or rows.max() >= n_rows):
            raise ModelError(f"{what}: row indices must be in [0, {n_rows}).")
        return dX
    cdef const int32_t* pR = <const int32_t*>np.PyArray_DATA(rows)
    cdef void* pd = np.PyArray_DATA(d)
    cdef void* pdX = np.PyArray_DATA(dX)
    cdef int64_t bad
    cdef bint single = d.dtype == numpy.float32
    with nogil:
        if single:
            bad = scatter_rows[float](<const float*>pd, pR, B, O, n_rows, <float*>pdX)
        else:
            bad = scatter_rows[double](<const double*>pd, pR, B, O, n_rows, <double*>pdX)
    if bad >= 0:
        raise ModelError(f"{what}: row index {int(rows[bad])} (sequence {bad}) is outside the "
                         f"{n_rows} rows; pass the indices the forward reduction returned.")
    return dX


def backprop_reduce_first(d_firsts, starts_ends):
    """Gradient of reduce_first: rows starts_ends[:-1] get the gradient, the others zero."""
    what = "backprop_reduce_first"
    cdef np.ndarray d = _floats2d(d_firsts, "d_firsts")
    cdef np.ndarray se = _ints(starts_ends, "starts_ends", 1)
    if se.shape[0] == 0:
        return numpy.zeros((0, d.shape[1]), dtype=d.dtype)
    if se.shape[0] == 1:
        raise RaggedLengthsError(f"{what}: starts_ends must not have size 1; pass the "
                                 "starts_ends that reduce_first returned.")
    n_rows = int(se[se.shape[0] - 1])
    if n_rows < 0:
        raise RaggedLengthsError(f"{what}: starts_ends ends in {n_rows}, a negative row count.")
    return _scatter(d, se[:se.shape[0] - 1].copy(), n_rows, what)


def backprop_reduce_last(d_lasts, lasts):
    """Gradient of reduce_last: rows `lasts` get the gradient, the others zero."""
    what = "backprop_reduce_last"
    cdef np.ndarray d = _floats2d(d_lasts, "d_lasts")
    cdef np.ndarray la = _ints(lasts, "lasts", 1)
    if la.shape[0] == 0:
        return numpy.zeros((0, d.shape[1]), dtype=d.dtype)
    n_rows = int(la[la.shape[0] - 1]) + 1
    if n_rows <= 0:
        raise RaggedLengthsError(f"{what}: lasts ends in {n_rows - 1}, which is not a row.")
    return _scatter(d, la, n_rows, what)


# ---------------------------------------------------------------- device-function twins
# CPU runs of the per-element functions the CUDA kernels use (csrc/lexloom/device_math.hh),
# float32 accumulation; lexloom.ml.cuda_kernels launches the same functions on a GPU.

_SOURCE_KINDS = {"float32": 0, "float16": 1, "bfloat16": 2}
_REDUCE_OPS = {"sum": SUM, "mean": MEAN, "max": MAX, "first": FIRST, "last": LAST}


cdef int _kind(str source) except -1:
    if source not in _SOURCE_KINDS:
        raise ModelError(f"source must be one of {sorted(_SOURCE_KINDS)}, got {source!r}.")
    return _SOURCE_KINDS[source]


cdef np.ndarray _source_array(object X, str source, int ndim):
    """float32 values, or the uint16 bits of float16 / bfloat16 values (numpy float16
    arrays are taken as their bits)."""
    cdef int kind = _kind(source)
    if not isinstance(X, np.ndarray):
        raise ModelError(f"X must be a numpy array, got {type(X).__name__}.")
    if X.ndim != ndim:
        raise ModelError(f"X must be {ndim}-dimensional, got shape {X.shape}.")
    if kind == 0:
        if X.dtype != numpy.float32:
            raise ModelError(f"X must be float32 for source 'float32', got {X.dtype}.")
    elif kind == 1 and X.dtype == numpy.float16:
        X = X.view(numpy.uint16)
    elif X.dtype != numpy.uint16:
        raise ModelError(f"X must hold the uint16 bits of {source} values, got {X.dtype}.")
    return numpy.ascontiguousarray(X)


def load_f32_bits(bits, source):
    """float32 values of float16 / bfloat16 numbers given as their uint16 bits (any shape)."""
    cdef np.ndarray a = _source_array(bits, source, numpy.asarray(bits).ndim)
    if source == "float32":
        return a.copy()
    out = numpy.empty((<object>a).shape, dtype=numpy.float32)
    cdef int kind = _kind(source)
    cdef int64_t n = a.size
    with nogil:
        c_load_f32_bits(<const uint16_t*>np.PyArray_DATA(a), n, kind,
                        <float*>np.PyArray_DATA(<np.ndarray>out))
    return out


def reduce_f32(X, lengths, op, source="float32"):
    """Ragged reduction `op` ("sum", "mean", "max", "first", "last") of float32, float16 or
    bfloat16 rows (see load_f32_bits), float32 accumulation and output, column by column
    with the GPU kernels' functions. Returns (Y (B, O) float32, which (B, O) int32 for max,
    else None); empty sequences give zero rows."""
    if op not in _REDUCE_OPS:
        raise ModelError(f"op must be one of {sorted(_REDUCE_OPS)}, got {op!r}.")
    cdef int code = _REDUCE_OPS[op]
    cdef np.ndarray A = _source_array(X, source, 2)
    cdef np.ndarray L = _lengths(lengths, A.shape[0], False, f"reduce_f32({op!r})")
    cdef int64_t B = L.shape[0], O = A.shape[1]
    cdef np.ndarray Y = numpy.zeros((B, O), dtype=numpy.float32)
    cdef np.ndarray W = numpy.zeros((B, O), dtype=numpy.int32) if code == MAX else None
    if B == 0 or O == 0:
        return Y, W
    cdef int kind = _kind(source)
    cdef int32_t* pW = <int32_t*>np.PyArray_DATA(W) if W is not None else NULL
    with nogil:
        c_ragged_reduce_f32(np.PyArray_DATA(A), kind, <const int32_t*>np.PyArray_DATA(L), B, O,
                            code, <float*>np.PyArray_DATA(Y), pW)
    return Y, W


cdef tuple _align_args(object X, object idx, object lengths, str what):
    cdef np.ndarray A = numpy.asarray(X)
    if A.ndim != 2 or A.dtype != numpy.float32:
        raise ModelError(f"{what}: expected a 2-d float32 array, got {A.dtype} {(<object>A).shape}.")
    A = numpy.ascontiguousarray(A)
    cdef np.ndarray I = _ints(idx, "indices", 1)
    cdef np.ndarray L = _lengths(lengths, I.shape[0], False, what)
    return A, I, L


def align_mean(X, indices, lengths):
    """Wordpiece -> token pooling: token t's row is the mean of X[indices[s:s + lengths[t]]]
    (s = sum of the earlier lengths), zeros without pieces. X (n_pieces, O) float32."""
    what = "align_mean"
    A, I, L = _align_args(X, indices, lengths, what)
    cdef np.ndarray Ac = A, Ic = I, Lc = L
    cdef int64_t n_pieces = Ac.shape[0], O = Ac.shape[1], T = Lc.shape[0], bad
    cdef np.ndarray Y = numpy.zeros((T, O), dtype=numpy.float32)
    if T == 0 or O == 0:
        return Y
    with nogil:
        bad = c_align_mean(<const float*>np.PyArray_DATA(Ac), n_pieces, O,
                           <const int32_t*>np.PyArray_DATA(Ic),
                           <const int32_t*>np.PyArray_DATA(Lc), T, <float*>np.PyArray_DATA(Y))
    if bad >= 0:
        raise ModelError(f"{what}: piece index {int(Ic[bad])} (position {bad}) is outside the "
                         f"{n_pieces} wordpiece rows.")
    return Y


def align_scatter(dY, indices, lengths, n_pieces):
    """The adjoint of align_mean: a (n_pieces, O) float32 gradient."""
    what = "align_scatter"
    A, I, L = _align_args(dY, indices, lengths, what)
    cdef np.ndarray Ac = A, Ic = I, Lc = L
    cdef int64_t n = int(n_pieces), O = Ac.shape[1], T = Lc.shape[0], bad
    if Ac.shape[0] != T:
        raise ModelError(f"{what}: the gradient has {Ac.shape[0]} rows for {T} tokens.")
    if n < 0:
        raise ModelError(f"{what}: n_pieces must be >= 0, got {n}.")
    cdef np.ndarray dX = numpy.zeros((n, O), dtype=numpy.float32)
    if T == 0 or O == 0:
        return dX
    with nogil:
        bad = c_align_scatter(<const float*>np.PyArray_DATA(Ac), n, O,
                              <const int32_t*>np.PyArray_DATA(Ic),
                              <const int32_t*>np.PyArray_DATA(Lc), T, <float*>np.PyArray_DATA(dX))
    if bad >= 0:
        raise ModelError(f"{what}: piece index {int(Ic[bad])} (position {bad}) is outside the "
                         f"{n} wordpiece rows.")
    return dX


# The native window loops count the window's 2 nW + 1 rows in a C int.
MAX_WINDOW = 2**30 - 1


cdef int _window(object nW, str what) except -1:
    """nW as a C int, checked: a clear error for a negative, non-integer or huge window."""
    if isinstance(nW, bool) or not isinstance(nW, (int, numpy.integer)):
        raise ModelError(f"{what}: nW must be an int, got {type(nW).__name__}.")
    if nW < 0 or nW > MAX_WINDOW:
        raise ModelError(f"{what}: nW must be between 0 and {MAX_WINDOW}, got {nW}.")
    return int(nW)


cdef tuple _seq2col_args(object X, int nW, object lengths, str what):
    cdef np.ndarray A = numpy.asarray(X)
    if A.ndim != 2 or A.dtype != numpy.float32:
        raise ModelError(f"{what}: expected a 2-d float32 array, got {A.dtype} {(<object>A).shape}.")
    A = numpy.ascontiguousarray(A)
    if lengths is None:
        lengths = numpy.array([A.shape[0]], dtype=numpy.int32)
    return A, _lengths(lengths, A.shape[0], False, what)


def seq2col(X, nW, lengths=None):
    """thinc's seq2col: (N, I) -> (N, (2 nW + 1) I) window features, per sequence."""
    cdef int window = _window(nW, "seq2col")
    A, L = _seq2col_args(X, window, lengths, "seq2col")
    cdef np.ndarray Ac = A, Lc = L
    cdef int64_t I = Ac.shape[1], B = Lc.shape[0]
    cdef np.ndarray Y = numpy.zeros((Ac.shape[0], (2 * window + 1) * I), dtype=numpy.float32)
    if Y.size == 0:
        return Y
    with nogil:
        c_seq2col(<const float*>np.PyArray_DATA(Ac), I, window,
                  <const int32_t*>np.PyArray_DATA(Lc),
                  B, <float*>np.PyArray_DATA(Y))
    return Y


def backprop_seq2col(dY, nW, lengths=None):
    """The adjoint of seq2col: (N, (2 nW + 1) I) -> (N, I)."""
    what = "backprop_seq2col"
    cdef int window = _window(nW, what)
    A, L = _seq2col_args(dY, window, lengths, what)
    cdef np.ndarray Ac = A, Lc = L
    if Ac.shape[1] % (2 * window + 1) != 0:
        raise ModelError(f"{what}: {Ac.shape[1]} columns is not a multiple of 2 * nW + 1 = "
                         f"{2 * window + 1}.")
    cdef int64_t I = Ac.shape[1] // (2 * window + 1), B = Lc.shape[0]
    cdef np.ndarray dX = numpy.zeros((Ac.shape[0], I), dtype=numpy.float32)
    if dX.size == 0:
        return dX
    with nogil:
        c_backprop_seq2col(<const float*>np.PyArray_DATA(Ac), I, window,
                           <const int32_t*>np.PyArray_DATA(Lc), B, <float*>np.PyArray_DATA(dX))
    return dX
