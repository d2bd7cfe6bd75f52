# cython: language_level=3, boundscheck=False, wraparound=False
"""NumPy in, NumPy out: the embedding kernels of csrc/lexloom/hashembed.hh, and the bag of
n-grams of csrc/lexloom/ngrams.hh.

Every function checks its arguments once (types, dtypes, shapes, row indices in range) and
raises lexloom.errors.ModelError for anything it can't use; the loops then run without the
GIL. Ids are uint64 (int64 is read as its bit pattern), row indices uint32 (or int32), tables
and gradients float32. Hashing gives the values thinc's `ops.hash` gives.
"""
from libc.stdint cimport int32_t, int64_t, uint8_t, uint32_t, uint64_t
from libcpp.string cimport string

cimport numpy as np

from .core cimport LexemeC, TokenC, hash_t, token_array_to_array
from .tokens.doc cimport Doc, Span
from .vocab cimport Vocab

import numpy

from .attrs import readable_attr
from .errors import ModelError

np.import_array()

cdef extern from "lexloom/hashembed.hh" namespace "lexloom" nogil:
    const int HASH_K
    void hash_u64_x4(uint64_t key, uint32_t seed, uint32_t* out)
    void c_hash_rows "lexloom::hash_rows"(const uint64_t* ids, int64_t n, int64_t stride,
                                          uint32_t seed, uint32_t n_rows, uint32_t* rows)
    int64_t find_row_out_of_range(const uint32_t* rows, int64_t count, uint32_t n_rows)
    void c_gather_sum "lexloom::gather_sum"(const float* table, int64_t width,
                                            const uint32_t* rows, int64_t n, int k,
                                            float* out, int64_t ld_out)
    void c_scatter_add "lexloom::scatter_add"(float* d_table, int64_t width,
                                              const uint32_t* rows, int64_t n, int k,
                                              const float* d_out, int64_t ld_d)
    void c_scatter_add_sorted "lexloom::scatter_add_sorted"(
        float* d_table, int64_t width, const int64_t* order, int64_t count, int k,
        const float* d_out, int64_t ld_d, const uint32_t* rows)
    void c_hash_gather_sum "lexloom::hash_gather_sum"(
        const uint64_t* ids, int64_t n, int64_t stride, uint32_t seed, const float* table,
        uint32_t n_rows, int64_t width, uint32_t* rows, float* out, int64_t ld_out)
    void utf8_ends(const char* s, size_t length, int n_chars, uint8_t* out)
    void c_char_gather "lexloom::char_gather"(const float* table, int n_chars, int64_t width,
                                              const uint8_t* ids, int64_t n, float* out)
    void c_char_scatter_add "lexloom::char_scatter_add"(float* d_table, int n_chars,
                                                        int64_t width, const uint8_t* ids,
                                                        int64_t n, const float* d_out)

cdef uint64_t _MAX_ROWS = 0xFFFFFFFF


# ---------------------------------------------------------------- argument checks

cdef tuple _shape(np.ndarray a):
    return tuple(a.shape[i] for i in range(a.ndim))


cdef np.ndarray _array(object arr, str name, int ndim):
    if not isinstance(arr, np.ndarray):
        raise ModelError(f"{name} must be a numpy array, got {type(arr).__name__}. (GPU arrays "
                         "go through the thinc ops path, not lexloom.ml_ops.)")
    if arr.ndim != ndim:
        raise ModelError(f"{name} must be {ndim}-dimensional, got shape {arr.shape}.")
    return <np.ndarray>arr


cdef np.ndarray _table(object arr, str name, int ndim, bint writable):
    """A C-contiguous float32 table (read in place, or updated in place when writable)."""
    cdef np.ndarray a = _array(arr, name, ndim)
    if a.dtype != numpy.float32:
        raise ModelError(f"{name} must be float32, got {a.dtype}; convert it with "
                         ".astype('float32').")
    if not a.flags.c_contiguous:
        raise ModelError(f"{name} must be C-contiguous; pass numpy.ascontiguousarray({name}).")
    if writable and not a.flags.writeable:
        raise ModelError(f"{name} is updated in place but is read-only.")
    return a


cdef int64_t _row_stride(np.ndarray a, str name, bint writable) except? -1:
    """The row stride (in floats) of a 2-D float32 matrix whose rows are contiguous."""
    if a.dtype != numpy.float32:
        raise ModelError(f"{name} must be float32, got {a.dtype}; convert it with "
                         ".astype('float32').")
    if writable and not a.flags.writeable:
        raise ModelError(f"{name} is written in place but is read-only.")
    if a.shape[0] == 0 or a.shape[1] == 0:
        return a.shape[1]
    if a.shape[1] > 1 and a.strides[1] != 4:
        raise ModelError(f"{name} must have contiguous rows (strides {(<object>a).strides}); pass "
                         f"numpy.ascontiguousarray({name}).")
    if a.strides[0] % 4 != 0:
        raise ModelError(f"{name} has a row stride of {a.strides[0]} bytes, not a whole "
                         "number of floats; pass a contiguous copy.")
    return a.strides[0] // 4


cdef np.ndarray _ids(object arr, str name="ids"):
    """A 1-D uint64 id array, any stride (a column of an (n, k) array is read in place)."""
    cdef np.ndarray a = _array(arr, name, 1)
    if a.dtype == numpy.int64:
        a = a.view(numpy.uint64)
    elif a.dtype != numpy.uint64:
        raise ModelError(f"{name} must be uint64 ids (as Doc.to_array gives), got {a.dtype}.")
    if a.strides[0] % 8 != 0:
        raise ModelError(f"{name} has a stride of {a.strides[0]} bytes, not a whole number of "
                         "ids; pass numpy.ascontiguousarray(ids).")
    return a


cdef uint32_t _seed(object seed) except? 0:
    if not isinstance(seed, (int, numpy.integer)) or isinstance(seed, bool):
        raise ModelError(f"seed must be an int, got {type(seed).__name__}.")
    if not 0 <= seed <= _MAX_ROWS:
        raise ModelError(f"seed must be in [0, 2**32), got {seed}.")
    return <uint32_t>seed


cdef uint32_t _n_rows(object n_rows, str what) except? 0:
    if not isinstance(n_rows, (int, numpy.integer)) or isinstance(n_rows, bool):
        raise ModelError(f"{what} must be an int, got {type(n_rows).__name__}.")
    if not 1 <= n_rows <= _MAX_ROWS:
        raise ModelError(f"{what} must be in [1, 2**32), got {n_rows}: a hashed table needs at "
                         "least one row.")
    return <uint32_t>n_rows


cdef np.ndarray _rows(object arr, int64_t n_rows, str name="rows"):
    """A C-contiguous (n, k) uint32 (or int32) array of row indices, all < n_rows."""
    cdef np.ndarray a = _array(arr, name, 2)
    if a.dtype == numpy.int32:
        a = a.view(numpy.uint32)  # negatives become >= 2**31 and fail the range check
    elif a.dtype != numpy.uint32:
        raise ModelError(f"{name} must be uint32 row indices, got {a.dtype}; convert them with "
                         ".astype('uint32').")
    if not a.flags.c_contiguous:
        raise ModelError(f"{name} must be C-contiguous; pass numpy.ascontiguousarray({name}).")
    if a.shape[1] < 1 and a.shape[0] > 0:
        raise ModelError(f"{name} must have at least one row index per id, got shape {_shape(a)}.")
    cdef int64_t count = a.size
    cdef const uint32_t* p = <const uint32_t*>np.PyArray_DATA(a)
    cdef uint32_t limit = <uint32_t>min(n_rows, _MAX_ROWS)
    cdef int64_t bad
    with nogil:
        bad = find_row_out_of_range(p, count, limit)
    if bad >= 0:
        raise ModelError(f"{name}[{bad // a.shape[1]}, {bad % a.shape[1]}] = "
                         f"{a.reshape(-1)[bad]} is out of range for a table of {n_rows} rows.")
    return a


cdef np.ndarray _out_matrix(object out, int64_t n, int64_t width, str name="out"):
    if out is None:
        return numpy.empty((n, width), dtype=numpy.float32)
    cdef np.ndarray a = _array(out, name, 2)
    if a.shape[0] != n or a.shape[1] != width:
        raise ModelError(f"{name} must have shape ({n}, {width}), got {_shape(a)}.")
    return a


# ---------------------------------------------------------------- hashed embeddings

def hash_ids(ids, seed) -> np.ndarray:
    """(n,) uint64 ids -> (n, 4) uint32: four 32-bit MurmurHash3 values per id, with `seed`."""
    cdef np.ndarray a = _ids(ids)
    cdef uint32_t s = _seed(seed)
    cdef int64_t n = a.shape[0], stride = a.strides[0] // 8, i
    cdef np.ndarray out = numpy.empty((n, HASH_K), dtype=numpy.uint32)
    cdef const uint64_t* src = <const uint64_t*>np.PyArray_DATA(a)
    cdef uint32_t* dst = <uint32_t*>np.PyArray_DATA(out)
    with nogil:
        for i in range(n):
            hash_u64_x4(src[i * stride], s, dst + i * HASH_K)
    return out


def hash_rows(ids, seed, n_rows) -> np.ndarray:
    """(n,) uint64 ids -> (n, 4) uint32 row indices in [0, n_rows): hash_ids(ids, seed) % n_rows."""
    cdef np.ndarray a = _ids(ids)
    cdef uint32_t s = _seed(seed)
    cdef uint32_t nV = _n_rows(n_rows, "n_rows")
    cdef int64_t n = a.shape[0], stride = a.strides[0] // 8
    cdef np.ndarray out = numpy.empty((n, HASH_K), dtype=numpy.uint32)
    cdef const uint64_t* src = <const uint64_t*>np.PyArray_DATA(a)
    cdef uint32_t* dst = <uint32_t*>np.PyArray_DATA(out)
    with nogil:
        c_hash_rows(src, n, stride, s, nV, dst)
    return out


def gather_sum(table, rows, out=None) -> np.ndarray:
    """out[i] = sum of table[rows[i, k]] over k: table (nV, width) float32, rows (n, K) uint32.
    `out`, when given, is an (n, width) float32 matrix with contiguous rows (it may be a
    column block of a wider matrix); it is overwritten and returned."""
    cdef np.ndarray T = _table(table, "table", 2, False)
    cdef np.ndarray R = _rows(rows, T.shape[0])
    cdef int64_t n = R.shape[0], width = T.shape[1]
    cdef int k = R.shape[1]
    cdef np.ndarray O = _out_matrix(out, n, width)
    cdef int64_t ld = _row_stride(O, "out", True)
    if n == 0 or width == 0:
        return O
    cdef const float* t = <const float*>np.PyArray_DATA(T)
    cdef const uint32_t* r = <const uint32_t*>np.PyArray_DATA(R)
    cdef float* o = <float*>np.PyArray_DATA(O)
    with nogil:
        c_gather_sum(t, width, r, n, k, o, ld)
    return O


cdef tuple _scatter_args(d_table, rows, d_out):
    """scatter_add's and scatter_add_sorted's checked arguments: (d_table, rows, d_out,
    d_out's row stride)."""
    cdef np.ndarray T = _table(d_table, "d_table", 2, True)
    cdef np.ndarray R = _rows(rows, T.shape[0])
    cdef np.ndarray D = _array(d_out, "d_out", 2)
    if D.shape[0] != R.shape[0] or D.shape[1] != T.shape[1]:
        raise ModelError(f"d_out must have shape ({R.shape[0]}, {T.shape[1]}) (one row per id, "
                         f"the table's width), got {_shape(D)}.")
    return T, R, D, _row_stride(D, "d_out", False)


def scatter_add(d_table, rows, d_out) -> np.ndarray:
    """The backward pass of gather_sum, in place: d_table[rows[i, k]] += d_out[i] for every
    i, k. d_table (nV, width) float32 C-contiguous; d_out (n, width) float32 with contiguous
    rows (a column block of a wider gradient is fine). Returns d_table."""
    cdef np.ndarray T, R, D
    cdef int64_t ld
    T, R, D, ld = _scatter_args(d_table, rows, d_out)
    cdef int64_t n = R.shape[0], width = T.shape[1]
    cdef int k = R.shape[1]
    if n == 0 or width == 0:
        return T
    cdef float* t = <float*>np.PyArray_DATA(T)
    cdef const uint32_t* r = <const uint32_t*>np.PyArray_DATA(R)
    cdef const float* d = <const float*>np.PyArray_DATA(D)
    with nogil:
        c_scatter_add(t, width, r, n, k, d, ld)
    return T


def scatter_add_sorted(d_table, rows, d_out) -> np.ndarray:
    """scatter_add's deterministic variant, the CPU run of the GPU's sort-and-reduce kernel
    (device_math.hh): the flat row indices are sorted once (stably), each row's gradient is
    summed in that order and added to d_table. Same arguments and result as scatter_add
    (up to float rounding); returns d_table."""
    cdef np.ndarray T, R, D
    cdef int64_t ld
    T, R, D, ld = _scatter_args(d_table, rows, d_out)
    cdef int64_t n = R.shape[0], width = T.shape[1]
    cdef int k = R.shape[1]
    if n == 0 or width == 0:
        return T
    cdef np.ndarray order = numpy.ascontiguousarray(
        numpy.argsort(R.reshape(-1), kind="stable").astype(numpy.int64))
    cdef int64_t count = order.shape[0]
    cdef float* t = <float*>np.PyArray_DATA(T)
    cdef const uint32_t* r = <const uint32_t*>np.PyArray_DATA(R)
    cdef const int64_t* po = <const int64_t*>np.PyArray_DATA(order)
    cdef const float* d = <const float*>np.PyArray_DATA(D)
    with nogil:
        c_scatter_add_sorted(t, width, po, count, k, d, ld, r)
    return T


def hash_gather_sum(table, ids, seed, out=None):
    """hash_rows then gather_sum in one pass: returns (out (n, width) float32, rows (n, 4)
    uint32), the rows being what scatter_add needs in the backward pass. ids may be a
    strided column view (ids2d[:, j]); `out` as in gather_sum."""
    cdef np.ndarray T = _table(table, "table", 2, False)
    cdef np.ndarray a = _ids(ids)
    cdef uint32_t s = _seed(seed)
    cdef uint32_t nV = _n_rows(T.shape[0], "the table's row count")
    cdef int64_t n = a.shape[0], width = T.shape[1], stride = a.strides[0] // 8
    cdef np.ndarray O = _out_matrix(out, n, width)
    cdef int64_t ld = _row_stride(O, "out", True)
    cdef np.ndarray R = numpy.empty((n, HASH_K), dtype=numpy.uint32)
    if n == 0:
        return O, R
    cdef const uint64_t* src = <const uint64_t*>np.PyArray_DATA(a)
    cdef const float* t = <const float*>np.PyArray_DATA(T)
    cdef uint32_t* r = <uint32_t*>np.PyArray_DATA(R)
    cdef float* o = <float*>np.PyArray_DATA(O)
    with nogil:
        if width > 0:
            c_hash_gather_sum(src, n, stride, s, t, nV, width, r, o, ld)
        else:
            c_hash_rows(src, n, stride, s, nV, r)
    return O, R


# ---------------------------------------------------------------- features

def docs_to_array(docs, attrs) -> np.ndarray:
    """Attribute values of every token of `docs` (Docs or Spans), one after another: a
    (total tokens, len(attrs)) uint64 array, as Doc.to_array gives per doc, in one call."""
    cdef list ids
    try:
        ids = [readable_attr(attr) for attr in attrs]
    except KeyError as e:
        raise ModelError(str(e.args[0])) from None
    cdef np.ndarray attr_arr = numpy.asarray(ids, dtype=numpy.uint64)
    cdef int k = len(ids)
    cdef list parts = []
    cdef int64_t total = 0
    cdef Doc doc
    cdef Span span
    for obj in docs:
        if isinstance(obj, Doc):
            doc = <Doc>obj
            parts.append((doc, 0, doc.length))
            total += doc.length
        elif isinstance(obj, Span):
            span = <Span>obj
            if span._hi() > span.doc.length:
                raise ModelError(f"Span [{span._lo()}:{span._hi()}] reaches past the end of its "
                                 f"Doc ({span.doc.length} tokens).")
            parts.append((span.doc, span._lo(), span._hi()))
            total += span._hi() - span._lo()
        else:
            raise ModelError(f"features need Doc or Span objects, got {type(obj).__name__}.")
    cdef np.ndarray out = numpy.empty((total, k), dtype=numpy.uint64)
    cdef uint64_t* dst = <uint64_t*>np.PyArray_DATA(out)
    cdef const uint64_t* attr_ptr = <const uint64_t*>np.PyArray_DATA(attr_arr)
    cdef int start, end
    if k == 0:
        return out
    for doc, start, end in parts:
        if end > start:
            token_array_to_array(doc.c + start, end - start, attr_ptr, k, dst)
            dst += <int64_t>(end - start) * k
    return out


# ---------------------------------------------------------------- character embeddings

def docs_char_ids(docs, int n_chars) -> np.ndarray:
    """The UTF-8 bytes of every token of `docs`, n_chars per token, taken from both ends of the
    word (first, last, second, second-to-last, ...) and padded with 255: a (total tokens,
    n_chars) uint8 array, the docs one after another. Doc.to_utf8_array's layout in spaCy."""
    if n_chars < 0:
        raise ModelError(f"n_chars must be >= 0, got {n_chars}.")
    cdef Doc doc
    cdef int64_t total = 0
    for obj in docs:
        if not isinstance(obj, Doc):
            raise ModelError(f"character ids need Doc objects, got {type(obj).__name__}.")
        total += (<Doc>obj).length
    cdef np.ndarray out = numpy.empty((total, n_chars), dtype=numpy.uint8)
    cdef uint8_t* dst = <uint8_t*>np.PyArray_DATA(out)
    cdef const string* text
    cdef int i
    # The GIL stays held: the loop reads the StringStore, which other threads may grow.
    for obj in docs:
        doc = <Doc>obj
        for i in range(doc.length):
            text = doc.vocab.strings.c.get(doc.c[i].lex.orth)
            if text == NULL:
                utf8_ends(NULL, 0, n_chars, dst)
            else:
                utf8_ends(text.data(), text.size(), n_chars, dst)
            dst += n_chars
    return out


def char_gather(table, ids) -> np.ndarray:
    """Character embeddings: table (nC, 256, nM) float32, ids (n, nC) uint8 ->
    (n, nC * nM) float32 whose block c is table[c, ids[i, c]]."""
    cdef np.ndarray T = _table(table, "table", 3, False)
    cdef np.ndarray I = _array(ids, "ids", 2)
    if I.dtype != numpy.uint8 or not I.flags.c_contiguous:
        raise ModelError(f"ids must be a C-contiguous uint8 array, got {I.dtype}.")
    if T.shape[1] != 256 or I.shape[1] != T.shape[0]:
        raise ModelError(f"table must have shape (nC, 256, nM) with nC = ids.shape[1]; got "
                         f"table {_shape(T)}, ids {_shape(I)}.")
    cdef int nC = T.shape[0]
    cdef int64_t nM = T.shape[2], n = I.shape[0]
    cdef np.ndarray O = numpy.empty((n, nC * nM), dtype=numpy.float32)
    cdef const float* t = <const float*>np.PyArray_DATA(T)
    cdef const uint8_t* c = <const uint8_t*>np.PyArray_DATA(I)
    cdef float* o = <float*>np.PyArray_DATA(O)
    with nogil:
        c_char_gather(t, nC, nM, c, n, o)
    return O


def char_scatter_add(d_table, ids, d_out) -> np.ndarray:
    """The backward pass of char_gather, in place: d_table[c, ids[i, c]] += block c of
    d_out[i]. Returns d_table."""
    cdef np.ndarray T = _table(d_table, "d_table", 3, True)
    cdef np.ndarray I = _array(ids, "ids", 2)
    if I.dtype != numpy.uint8 or not I.flags.c_contiguous:
        raise ModelError(f"ids must be a C-contiguous uint8 array, got {I.dtype}.")
    if T.shape[1] != 256 or I.shape[1] != T.shape[0]:
        raise ModelError(f"d_table must have shape (nC, 256, nM) with nC = ids.shape[1]; got "
                         f"d_table {_shape(T)}, ids {_shape(I)}.")
    cdef int nC = T.shape[0]
    cdef int64_t nM = T.shape[2], n = I.shape[0]
    cdef np.ndarray D = _table(d_out, "d_out", 2, False)
    if D.shape[0] != n or D.shape[1] != nC * nM:
        raise ModelError(f"d_out must have shape ({n}, {nC * nM}), got {_shape(D)}.")
    cdef float* t = <float*>np.PyArray_DATA(T)
    cdef const uint8_t* c = <const uint8_t*>np.PyArray_DATA(I)
    cdef const float* d = <const float*>np.PyArray_DATA(D)
    with nogil:
        c_char_scatter_add(t, nC, nM, c, n, d)
    return T


# ---------------------------------------------------------------- bags of n-grams (textcat BOW)

cdef extern from "lexloom/ngrams.hh" namespace "lexloom" nogil:
    int64_t bag_of_ngrams_capacity(const int64_t* lengths, int64_t n_docs, int ngram_size)
    int64_t c_bag_of_ngrams "lexloom::bag_of_ngrams"(
        const uint64_t* unigrams, const int64_t* lengths, int64_t n_docs, int ngram_size,
        uint64_t* keys, float* counts, int32_t* n_keys)


def bag_of_ngrams(unigrams, lengths, int ngram_size) -> tuple:
    """(keys uint64, counts float32, keys per doc int32): each doc's distinct n-gram keys,
    n = 1..ngram_size, sorted, with their counts, one doc after another (spaCy's
    extract_ngrams). unigrams: every doc's attribute values one after another (uint64);
    lengths: how many belong to each doc."""
    if ngram_size < 1:
        raise ModelError(f"ngram_size must be at least 1, got {ngram_size}.")
    cdef np.ndarray U = numpy.ascontiguousarray(_array(unigrams, "unigrams", 1),
                                                dtype=numpy.uint64)
    cdef np.ndarray L = numpy.ascontiguousarray(_array(lengths, "lengths", 1),
                                                dtype=numpy.int64)
    if L.shape[0] and (L.min() < 0 or L.sum() != U.shape[0]):
        raise ModelError(f"lengths must be counts that add up to the {U.shape[0]} unigrams, "
                         f"got {L.sum()} in all (smallest {L.min()}).")
    if not L.shape[0] and U.shape[0]:
        raise ModelError(f"{U.shape[0]} unigrams but no lengths.")
    cdef int64_t n_docs = L.shape[0]
    # no n-gram is longer than the longest doc: a larger size adds nothing
    ngram_size = min(ngram_size, max(int(L.max()) if n_docs else 1, 1))
    cdef const int64_t* lens = <const int64_t*>np.PyArray_DATA(L)
    cdef int64_t capacity = bag_of_ngrams_capacity(lens, n_docs, ngram_size)
    cdef np.ndarray keys = numpy.empty((capacity,), dtype=numpy.uint64)
    cdef np.ndarray counts = numpy.empty((capacity,), dtype=numpy.float32)
    cdef np.ndarray n_keys = numpy.empty((n_docs,), dtype=numpy.int32)
    cdef int64_t written
    with nogil:
        written = c_bag_of_ngrams(<const uint64_t*>np.PyArray_DATA(U), lens, n_docs,
                                  ngram_size, <uint64_t*>np.PyArray_DATA(keys),
                                  <float*>np.PyArray_DATA(counts),
                                  <int32_t*>np.PyArray_DATA(n_keys))
    return keys[:written], counts[:written], n_keys


# ---------------------------------------------------------------- masked copies (pretraining)

def mask_docs(docs, replacements) -> list:
    """Copies of `docs` (the tokens one after another) where token k reads the word whose
    orth id is replacements[k], or keeps its own word where that is 0: the corrupted input
    of a cloze (masked language model) objective. The copies carry words and spacing only,
    no annotation and no token-level NORM, so a replaced token leaks nothing of the original.
    replacements: (total tokens,) uint64; an id must be known to the vocab's StringStore."""
    cdef list doc_list = list(docs)
    cdef int64_t total = 0
    for obj in doc_list:
        if not isinstance(obj, Doc):
            raise ModelError(f"mask_docs needs Doc objects, got {type(obj).__name__}.")
        total += (<Doc>obj).length
    cdef np.ndarray R = _array(replacements, "replacements", 1)
    if R.dtype != numpy.uint64:
        R = R.astype(numpy.uint64)
    R = numpy.ascontiguousarray(R)
    if R.shape[0] != total:
        raise ModelError(f"replacements must hold one id per token ({total}), got "
                         f"{R.shape[0]}.")
    cdef const uint64_t* r = <const uint64_t*>np.PyArray_DATA(R)
    cdef list out = []
    cdef Doc doc, copy
    cdef Vocab vocab
    cdef const LexemeC* lex
    cdef int i
    cdef int64_t k = 0
    for obj in doc_list:
        doc = <Doc>obj
        vocab = doc.vocab
        copy = Doc(vocab)
        copy.reserve(doc.length)
        for i in range(doc.length):
            lex = doc.c[i].lex if r[k] == 0 else vocab.get_by_orth(r[k])
            copy.push_back(lex, doc.c[i].spacy)
            k += 1
        out.append(copy)
    return out
