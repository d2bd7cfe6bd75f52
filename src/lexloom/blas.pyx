# cython: language_level=3
"""The matrix product of lexloom's native inference loops (csrc/lexloom/gemm.hh).

At import this module looks for the CBLAS `sgemm` of the BLAS numpy itself links (OpenBLAS in
numpy's wheels: `scipy_cblas_sgemm64_`, 64-bit ints) and hands its address to the native
code, so the loops multiply as fast as numpy does, with no BLAS of lexloom's own to build or
ship. The library is only looked up, never downloaded or built; a candidate must reproduce
a small product of the portable loop before it is used. Without one (another numpy build,
or LEXLOOM_BLAS=portable), a portable loop does the products.
"""
from libc.stdint cimport int64_t, uintptr_t
from libc.string cimport memcmp

cimport numpy as np

import ctypes
import glob
import os

import numpy

from .errors import ModelError

np.import_array()

# CBLAS sgemm names, most specific first, with the width of their integer arguments.
_SYMBOLS = (("scipy_cblas_sgemm64_", 64), ("cblas_sgemm64_", 64), ("scipy_cblas_sgemm", 32),
            ("cblas_sgemm", 32))

# OpenBLAS's per-thread thread count (`int f(int)`, returns the previous count), by the names
# its builds export it under.
_THREADS_LOCAL_SYMBOLS = ("openblas_set_num_threads_local",
                          "scipy_openblas_set_num_threads_local64_",
                          "scipy_openblas_set_num_threads_local")
# Its process-wide count (`void f(int)`), for worker processes (share_cores).
_THREADS_GLOBAL_SYMBOLS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                           "openblas_set_num_threads64_", "openblas_set_num_threads")
_set_process_threads = None

#: Where the registered sgemm came from ("library:symbol"), or None (the portable loop).
source = None
#: The registered sgemm's address and integer width (0, 0: none). Every extension module
#: links its own copy of the native core, so each one that multiplies hands these to its
#: copy (blas.pxd `use_registered_blas`).
address = 0
int_bits = 0
#: The registered BLAS's per-thread thread-count setter (0: none found), and the threads
#: lexloom's own products may use (0: the BLAS's own count). See set_threads.
threads_local_address = 0
thread_count = 0
_threads_chosen_by_user = False


def _candidate_libraries() -> list:
    """BLAS libraries loaded in the process (Linux: /proc/self/maps) and those numpy's wheels
    ship, numpy's own first: another package's BLAS (scipy's, say) loaded later must not
    change which one a re-registration picks."""
    found = []
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as f:
            for line in f:
                path = line.rsplit(None, 1)[-1] if "/" in line else ""
                if "blas" in os.path.basename(path).lower() and path not in found:
                    found.append(path)
    except OSError:
        pass
    base = os.path.dirname(numpy.__file__)
    for pattern in (base + ".libs/*blas*", os.path.join(base, ".dylibs", "*blas*")):
        found.extend(p for p in sorted(glob.glob(pattern)) if p not in found)
    own = (base + ".libs" + os.sep, os.path.join(base, ".dylibs") + os.sep, base + os.sep)
    return sorted(found, key=lambda p: not p.startswith(own))  # stable: numpy's, then others


def sgemm_nt(A, B, *, portable: bool = False, kernel: str = "auto"):
    """A (m, k) · B (n, k)ᵀ as the native loops compute it (float32, C-contiguous).
    kernel: "auto" (what the loops use: the small-row kernel up to `small_rows_threshold`
    rows where the CPU has it, else the registered BLAS), "blas" (never the small-row
    kernel), "small" (always it: the one `small_kernel()` names, the portable loop where
    the CPU has neither AVX2 nor AVX-512) or "portable" (portable=True is the same)."""
    if portable:
        kernel = "portable"
    if kernel not in ("auto", "blas", "small", "portable"):
        raise ModelError(f"kernel is 'auto', 'blas', 'small' or 'portable', not {kernel!r}.")
    for name, arr in (("A", A), ("B", B)):
        if not isinstance(arr, np.ndarray) or arr.dtype != numpy.float32 or arr.ndim != 2 \
                or not arr.flags.c_contiguous:
            raise ModelError(f"{name} must be a C-contiguous 2-d float32 array.")
    if A.shape[1] != B.shape[1]:
        raise ModelError(f"A {A.shape} and B {B.shape} differ in their inner dimension.")
    out = numpy.zeros((A.shape[0], B.shape[0]), dtype=numpy.float32)
    cdef np.ndarray a = A, b = B, c = out
    cdef int64_t m = A.shape[0], n = B.shape[0], k = A.shape[1]
    cdef const float* ap = <const float*>np.PyArray_DATA(a)
    cdef const float* bp = <const float*>np.PyArray_DATA(b)
    cdef float* cp = <float*>np.PyArray_DATA(c)
    cdef int which = ("auto", "blas", "small", "portable").index(kernel)
    cdef int64_t threshold = small_rows_threshold
    with nogil:
        if which == 3:
            c_sgemm_nt_portable(m, n, k, ap, k, bp, k, 0.0, cp, n)
        elif which == 2:
            c_sgemm_nt_small(m, n, k, ap, k, bp, k, 0.0, cp, n)
        elif which == 1:
            c_set_small_rows(0)
            c_sgemm_nt(m, n, k, ap, k, bp, k, 0.0, cp, n)
            c_set_small_rows(threshold)
        else:
            c_sgemm_nt(m, n, k, ap, k, bp, k, 0.0, cp, n)
    return out


def _matrix(x, name: str, bint written=False) -> np.ndarray:
    """x as a view whose strides the native products read (rows of 4-byte steps, a row
    stride of at least a row). The stride of a length-1 axis is never used to reach an
    element, so numpy and torch call such arrays contiguous whatever it is (a (m, 1) column
    of a transposed tensor has a row-length inner stride): that stride alone is given the
    canonical value; the other axis's stride is checked as it is."""
    if isinstance(x, np.ndarray) and x.ndim == 2 and x.size \
            and (x.shape[0] == 1 or x.shape[1] == 1):
        inner = 4 if x.shape[1] == 1 else x.strides[1]
        outer = inner * x.shape[1] if x.shape[0] == 1 else x.strides[0]
        x = numpy.lib.stride_tricks.as_strided(x, strides=(outer, inner),
                                               writeable=x.flags.writeable)
    if not isinstance(x, np.ndarray) or x.dtype != numpy.float32 or x.ndim != 2 \
            or x.size and (x.strides[1] != 4 or x.strides[0] < 4 * x.shape[1]
                           or x.strides[0] % 4):  # (an empty array's strides are 0)
        raise ModelError(f"{name} must be a 2-d float32 array with contiguous rows, got "
                         f"{getattr(x, 'dtype', type(x).__name__)} of shape "
                         f"{getattr(x, 'shape', None)}.")
    if written and not x.flags.writeable:
        # the product is written through a raw pointer: into bytes or a read-only mapping
        # that would change immutable data or crash
        raise ModelError(f"{name} is written in place but is read-only; pass a writable "
                         "array (or none, to get a new one).")
    return x


cdef void _byte_extent(np.ndarray a, uintptr_t* low, uintptr_t* high):
    """The first and one-past-the-last byte address of a non-empty array's elements."""
    low[0] = <uintptr_t>np.PyArray_DATA(a)
    high[0] = low[0] + <uintptr_t>a.itemsize
    cdef int d
    cdef Py_ssize_t step
    for d in range(a.ndim):
        step = a.strides[d] * (a.shape[d] - 1)
        if step < 0:
            low[0] -= <uintptr_t>(-step)
        else:
            high[0] += <uintptr_t>step


cdef bint _overlap(np.ndarray a, np.ndarray b):
    """Whether two arrays' byte extents overlap (numpy.may_share_memory's test, without its
    Python call on the product's hot path)."""
    if a.size == 0 or b.size == 0:
        return False
    cdef uintptr_t a_low, a_high, b_low, b_high
    _byte_extent(a, &a_low, &a_high)
    _byte_extent(b, &b_low, &b_high)
    return a_low < b_high and b_low < a_high


def pack(W):
    """W (n, k) float32, C-contiguous -> the same weights packed for products of a few rows
    (`linear(..., packed=)`): a 1-d float32 array, 64-byte aligned. More dimensions are
    taken as (n = all but the last, k = the last): a maxout W (nO, nP, nI). Pack once per set
    of weights and keep it (PackedWeights): a packed copy does not follow changes to W."""
    if not isinstance(W, np.ndarray) or W.dtype != numpy.float32 or W.ndim < 2 \
            or not W.flags.c_contiguous:
        raise ModelError("W must be a C-contiguous float32 array of 2 or more dimensions "
                         "(outputs..., inputs).")
    cdef np.ndarray w = W
    cdef int64_t k = w.shape[w.ndim - 1]
    cdef int64_t n = w.size // k if k else 0
    cdef int64_t size = c_packed_nt_floats(n, k)
    block = numpy.empty((size + 16,), dtype=numpy.float32)
    cdef int64_t skip = (-(<int64_t><uintptr_t>np.PyArray_DATA(block) // 4)) % 16
    packed = block[skip:skip + size]
    cdef np.ndarray p = packed
    if size:
        with nogil:
            c_pack_nt(n, k, <const float*>np.PyArray_DATA(w), k, <float*>np.PyArray_DATA(p))
    return packed


cdef class Snapshot:
    """A sample of a float32 array's values, to tell cheaply whether the array was changed
    in place since (an optimizer step updates params in place, and so may a user who prunes
    or edits weights by hand; a runner that keeps something derived from them must follow).
    Rows are blocks of the trailing axes (the last axis, or a unit's pieces and inputs where
    the rows would be many: 64 to 256 blocks where the shape allows; runs of 16 floats for a
    1-d array); from each row (at most 1,024, spread evenly) one run of 16 floats, one cache
    line, is kept, its place in the row moving on from one sampled row to the next. So a
    change to the whole array, to a row or unit, or to a column across the rows is seen;
    a change to a few single values may not be (reading every weight per Doc would double
    what a short Doc's call reads). Holds the array weakly."""
    cdef object source
    cdef np.ndarray starts    # int64: where each sampled run begins in the flat array
    cdef np.ndarray lengths   # int32: its length (16, or less at a row's end)
    cdef np.ndarray sample    # the runs' values, one after another
    cdef int64_t size         # the array's size then (ndarray.resize can change it in place)

    def __init__(self, a):
        if not isinstance(a, np.ndarray) or a.dtype != numpy.float32 \
                or not a.flags.c_contiguous:
            raise ModelError("Snapshot takes a C-contiguous float32 array.")
        import weakref

        flat = a.reshape(-1)
        size = flat.shape[0]
        row, n_rows = 16, -(-size // 16)
        if a.ndim >= 2 and a.shape[-1] >= 16:
            row, n_rows = a.shape[-1], size // a.shape[-1]
            axis = a.ndim - 2
            while n_rows > 256 and axis >= 1 and n_rows // a.shape[axis] >= 64:
                row *= a.shape[axis]
                n_rows //= a.shape[axis]
                axis -= 1
        runs_per_row = -(-row // 16)
        n_sampled = min(n_rows, 1024)
        starts, lengths = [], []
        for i in range(n_sampled):
            r = i * n_rows // n_sampled
            offset = (i % runs_per_row) * 16
            begin = r * row + offset
            length = min(16, row - offset, size - begin)
            if length > 0:
                starts.append(begin)
                lengths.append(length)
        self.starts = numpy.asarray(starts, dtype=numpy.int64)
        self.lengths = numpy.asarray(lengths, dtype=numpy.int32)
        self.sample = numpy.concatenate(
            [flat[b:b + n] for b, n in zip(starts, lengths)] or
            [numpy.empty((0,), dtype=numpy.float32)])
        self.size = size
        self.source = weakref.ref(a)

    def alive(self) -> bool:
        """Whether the array sampled still exists."""
        return self.source() is not None

    def same(self, a) -> bool:
        """Whether `a` is the array sampled and the sample still holds (bitwise: a NaN
        written in place counts as a change, and equals itself)."""
        if self.source() is not a or a.size != self.size or not a.flags.c_contiguous:
            return False
        cdef np.ndarray arr = a
        cdef const float* w = <const float*>np.PyArray_DATA(arr)
        cdef const float* s = <const float*>np.PyArray_DATA(self.sample)
        cdef const int64_t* begin = <const int64_t*>np.PyArray_DATA(self.starts)
        cdef const int* length = <const int*>np.PyArray_DATA(self.lengths)
        cdef int64_t n_runs = self.starts.shape[0], r
        # (with the GIL held: a few us, and threads sharing a pipeline see a whole check)
        for r in range(n_runs):
            if memcmp(w + begin[r], s, <size_t>length[r] * sizeof(float)) != 0:
                return False
            s += length[r]
        return True


cdef class PackedWeights:
    """W packed (pack) and kept in step with it: `of(W)` packs again when W is another
    array or was changed in place (Snapshot)."""
    cdef Snapshot snapshot
    cdef object packed

    def of(self, W):
        """The packed copy of W (as `pack` takes it), packed again if W changed."""
        if self.snapshot is not None and self.snapshot.same(W):
            return self.packed
        self.packed = pack(W)
        self.snapshot = Snapshot(W)
        return self.packed

    def __reduce__(self):
        # a cache: a copy (pickle, deepcopy of a pipeline after use) starts empty
        return (PackedWeights, ())


#: One Doc's products up to this many rows read packed weights that the caller keeps
#: (gemm.hh kPackedRows); a batch's products pack their weights per call where the CPU has
#: the packed kernel (it reads packed weights for any number of rows).
PACKED_ROWS = kPackedRows


def checked_packed(packed, int64_t n, int64_t k):
    """`packed` if it is pack() of (n, k) weights (a 1-d float32 array of their packed size),
    else ModelError; None passes (no packed weights)."""
    if packed is not None and (
            not isinstance(packed, np.ndarray) or packed.dtype != numpy.float32
            or packed.ndim != 1 or not packed.flags.c_contiguous
            or packed.shape[0] != c_packed_nt_floats(n, k)):
        raise ModelError(f"packed must be blas.pack(W) of the ({n}, {k}) weights, got "
                         f"{getattr(packed, 'dtype', type(packed).__name__)} of shape "
                         f"{getattr(packed, 'shape', None)}.")
    return packed


def has_packed_kernel() -> bool:
    """Whether `linear(..., packed=)` reads the packed weights on this CPU (the AVX-512
    small-row kernel in use): else it multiplies W as usual."""
    return bool(c_has_packed_kernel())


_ACTIVATIONS = {None: kActivationNone, "gelu": kActivationGelu}


def linear(X, W, bias=None, out=None, packed=None, activation=None):
    """torch's nn.Linear on float32 arrays: X (m, k) · W (n, k)ᵀ + bias (n,), through the
    BLAS the native loops use, the bias folded into the product (written first, then the
    product added onto it; the packed kernel adds it as it stores each tile instead, saving
    that pass; a few rows go to the small-row kernel like the native loops' products). X
    and out may be column blocks of wider arrays (contiguous rows); W C-contiguous. `out`
    (m, n) is overwritten and returned. The GIL is released during the product. `packed`
    (pack(W), made from these weights): read instead of W where the CPU has the packed
    kernel (has_packed_kernel), for any number of rows (faster than the BLAS for one Doc's
    tokens and for a batch). `activation`: None, or "gelu" (x·Φ(x) with the erf, torch's
    gelu(approximate="none")), applied to each output; with `packed` weights it is applied
    as each tile is stored."""
    if activation not in _ACTIVATIONS:
        raise ModelError(f"activation must be None or 'gelu', got {activation!r}.")
    cdef int act = _ACTIVATIONS[activation]
    cdef np.ndarray x = _matrix(X, "X")
    if not isinstance(W, np.ndarray) or W.dtype != numpy.float32 or W.ndim != 2 \
            or not W.flags.c_contiguous:
        raise ModelError("W must be a C-contiguous 2-d float32 array (n outputs, k inputs).")
    if W.shape[1] != x.shape[1]:
        raise ModelError(f"X {X.shape} and W {W.shape} differ in their inner dimension.")
    cdef np.ndarray w = W
    cdef int64_t m = x.shape[0], n = w.shape[0], k = x.shape[1]
    if out is None:
        out = numpy.empty((m, n), dtype=numpy.float32)
    cdef np.ndarray o = _matrix(out, "out", written=True)
    if o.shape[0] != m or o.shape[1] != n:
        raise ModelError(f"out must have shape ({m}, {n}), got {out.shape}.")
    if bias is not None and (not isinstance(bias, np.ndarray) or bias.dtype != numpy.float32
                             or bias.shape != (n,)):
        raise ModelError(f"bias must be a float32 array of shape ({n},), got "
                         f"{getattr(bias, 'shape', type(bias).__name__)}.")
    # `out` is written while the inputs are read: an input sharing its memory (out=X, as
    # numpy's matmul allows) is read from a copy, so the product is the one asked for.
    if _overlap(o, x):
        x = X = numpy.array(x, order="C")  # a copy
    if _overlap(o, w):
        w = W = W.copy()
    if bias is not None and _overlap(o, bias):
        bias = bias.copy()
    if isinstance(packed, np.ndarray) and _overlap(o, packed):
        packed = packed.copy()
    if m == 0 or n == 0:
        return out
    if k == 0:
        out[...] = 0 if bias is None else bias
        if act == kActivationGelu:
            out[...] = _gelu(out)
        return out
    cdef const float* pp = NULL
    if checked_packed(packed, n, k) is not None:
        pp = <const float*>np.PyArray_DATA(<np.ndarray>packed)
    cdef np.ndarray b
    cdef const float* bp = NULL
    if bias is not None:
        # added as the packed kernel stores each tile, else written under the product first
        b = numpy.ascontiguousarray(bias)
        bp = <const float*>np.PyArray_DATA(b)
    cdef const float* xp = <const float*>np.PyArray_DATA(x)
    cdef const float* wp = <const float*>np.PyArray_DATA(w)
    cdef float* op = <float*>np.PyArray_DATA(o)
    cdef int64_t lda = x.strides[0] // 4, ldc = o.strides[0] // 4
    with nogil:
        # (P = NULL, or no packed kernel on this CPU: the product reads W)
        c_sgemm_nt_packed(m, n, k, xp, lda, wp, k, pp, 0.0, op, ldc, bp, act)
    return out


def _gelu(a):
    """x·Φ(x) in float32, for the degenerate products (no inputs) that never reach the
    native loop."""
    from math import erf, sqrt

    flat = numpy.asarray(a, dtype=numpy.float64)
    return (0.5 * flat * (1.0 + numpy.vectorize(erf)(flat / sqrt(2.0)))).astype(numpy.float32)


#: Products of at most this many rows use the small-row kernel (CPUs with AVX-512 or
#: AVX2 + FMA; see csrc/lexloom/gemm.hh): for one short Doc, the BLAS's repacking of the
#: weights costs more than the product. 0: always the BLAS. Set it with set_small_rows
#: (LEXLOOM_SMALL_ROWS).
small_rows_threshold = 64
#: Which small-row kernel the modules use: -1 the widest the CPU has (set_small_kernel).
small_kernel_choice = -1
_KERNEL_ISAS = {"auto": -1, "none": 0, "avx2": 1, "avx512": 2}


def set_small_rows(int rows) -> None:
    """Products of at most `rows` rows (one short Doc's layers) use the small-row kernel
    where the CPU has one; 0 sends every product to the BLAS. Every module that
    multiplies picks the value up before its next product."""
    global small_rows_threshold
    if rows < 0:
        raise ModelError(f"set_small_rows takes a row count >= 0, not {rows}.")
    small_rows_threshold = rows
    c_set_small_rows(rows)


def has_small_kernel() -> bool:
    """Whether this CPU runs a small-row kernel (AVX-512, or AVX2 with FMA)."""
    return bool(c_has_small_kernel())


def small_kernel() -> str:
    """The small-row kernel in use: "avx512", "avx2" or "none"."""
    return ("none", "avx2", "avx512")[c_small_kernel_isa()]


def set_small_kernel(name: str) -> str:
    """Use the "avx2" kernel, "none" (products of few rows go to the BLAS too), or "auto"
    (the widest the CPU has: the default); a kernel wider than the CPU has falls back to the
    widest it has. Returns the kernel now in use. For tests and comparisons: on an AVX-512
    CPU, "avx2" runs the kernel AVX2-only CPUs use."""
    global small_kernel_choice
    if name not in _KERNEL_ISAS:
        raise ModelError(f"set_small_kernel takes 'auto', 'avx512', 'avx2' or 'none', not "
                         f"{name!r}.")
    small_kernel_choice = _KERNEL_ISAS[name]
    c_set_small_kernel_isa(small_kernel_choice)
    return small_kernel()


def register(fn_address: int, bits: int, name: str = "custom") -> bool:
    """Use the CBLAS sgemm at `fn_address` if it reproduces the portable loop on a test
    product; returns whether it was taken."""
    if bits not in (32, 64):
        raise ModelError(f"bits must be 32 or 64, got {bits}.")
    _set(0, 0, None)
    rng = numpy.random.default_rng(0)
    A = rng.standard_normal((7, 13)).astype(numpy.float32)
    B = rng.standard_normal((5, 13)).astype(numpy.float32)
    expected = sgemm_nt(A, B, portable=True)
    _set(fn_address, bits, name)
    if numpy.allclose(sgemm_nt(A, B, kernel="blas"), expected, rtol=1e-5, atol=1e-5):
        return True
    _set(0, 0, None)
    return False


def unregister() -> None:
    """Back to the portable loop."""
    _set(0, 0, None)


def _set(fn_address, bits, name) -> None:
    global source, address, int_bits
    set_cblas_sgemm(<void*><uintptr_t>fn_address, bits)
    source, address, int_bits = name, fn_address, bits


def _find_thread_setters(lib) -> None:
    global threads_local_address, _set_process_threads
    threads_local_address = 0
    _set_process_threads = None
    for symbol in _THREADS_GLOBAL_SYMBOLS:
        fn = getattr(lib, symbol, None)
        if fn is not None:
            fn.argtypes, fn.restype = [ctypes.c_int], None
            _set_process_threads = fn
            break
    for symbol in _THREADS_LOCAL_SYMBOLS:
        fn = getattr(lib, symbol, None)
        if fn is not None:
            threads_local_address = ctypes.cast(fn, ctypes.c_void_p).value
            break
    c_set_blas_threads(<void*><uintptr_t>threads_local_address, thread_count)


def set_threads(int n) -> bool:
    """Let the BLAS use n threads for lexloom's own products (the CNN layers, the parser's
    precomputed layer, a transformer's Linear layers on the BLAS); 0, the default: the BLAS's
    own count (OPENBLAS_NUM_THREADS / OMP_NUM_THREADS, else every core). numpy's own calls are
    not affected. LEXLOOM_BLAS_THREADS sets it at import. Returns whether the BLAS lets its
    count be set per call (OpenBLAS >= 0.3.27); where it does not, nothing changes."""
    global _threads_chosen_by_user
    if n < 0:
        raise ModelError(f"set_threads takes a thread count >= 0 (0: the BLAS's own count), "
                         f"not {n}.")
    _threads_chosen_by_user = True
    return _set_thread_count(n)


def _set_thread_count(int n) -> bool:
    global thread_count
    thread_count = n if threads_local_address else 0
    c_set_blas_threads(<void*><uintptr_t>threads_local_address, thread_count)
    return bool(threads_local_address)


def threads() -> int:
    """The thread count lexloom's products give the BLAS (0: its own count)."""
    return thread_count


def share_cores(int n) -> None:
    """Called in each of several worker processes (nlp.pipe(n_process=...)) that lexloom
    started, with its share of the cores: the BLAS takes at most n threads in this process,
    for lexloom's products and numpy's alike. OpenBLAS starts a thread per core in every
    process, and its idle threads spin: two workers on two cores ran four and n_process=2 was
    slower than one process (30k vs 41k words/s with en_core_web_sm). Nothing changes where
    OPENBLAS_NUM_THREADS / OMP_NUM_THREADS / GOTO_NUM_THREADS or LEXLOOM_BLAS_THREADS chose
    the count."""
    if _threads_chosen_by_user or n < 1 or any(
            os.environ.get(name, "").strip()
            for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "GOTO_NUM_THREADS")):
        return
    if _set_process_threads is not None:
        _set_process_threads(n)
    if thread_count == 0 or thread_count > n:
        _set_thread_count(n)


def share_cores_with_torch() -> None:
    """Called before torch computes on the CPU in a lexloom pipeline (a transformer): where
    torch's intra-op pool has several threads, lexloom's own products take one BLAS thread.
    OpenBLAS's pool and torch's OpenMP pool each keep spinning on every core for a while
    after their work; used in turns (a transformer layer on torch, the next component's
    products on OpenBLAS) they took the cores from each other and a MiniLM + NER pipeline ran
    2-3x slower on 2 threads than on one. Nothing changes after set_threads or
    LEXLOOM_BLAS_THREADS, or with torch on one thread."""
    if _threads_chosen_by_user or thread_count == 1:
        return
    import torch

    if torch.get_num_threads() > 1:
        _set_thread_count(1)


def _register_numpy_blas() -> None:
    if os.environ.get("LEXLOOM_BLAS", "").lower() == "portable":
        return
    for path in _candidate_libraries():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol, bits in _SYMBOLS:
            fn = getattr(lib, symbol, None)
            if fn is not None and register(ctypes.cast(fn, ctypes.c_void_p).value, bits,
                                           f"{os.path.basename(path)}:{symbol}"):
                _find_thread_setters(lib)
                return


def uses_blas() -> bool:
    return bool(has_cblas_sgemm())


_register_numpy_blas()
if os.environ.get("LEXLOOM_BLAS_THREADS", "").strip():
    try:
        set_threads(int(os.environ["LEXLOOM_BLAS_THREADS"]))
    except (ValueError, ModelError):
        raise ModelError(f"LEXLOOM_BLAS_THREADS must be a thread count >= 0 (0: the BLAS's "
                         f"own count), not {os.environ['LEXLOOM_BLAS_THREADS']!r}.") from None
if os.environ.get("LEXLOOM_SMALL_ROWS", "").strip():
    try:
        set_small_rows(int(os.environ["LEXLOOM_SMALL_ROWS"]))
    except ValueError:
        raise ModelError(f"LEXLOOM_SMALL_ROWS must be a row count >= 0 (0: always the BLAS), "
                         f"not {os.environ['LEXLOOM_SMALL_ROWS']!r}.") from None
else:
    set_small_rows(small_rows_threshold)
