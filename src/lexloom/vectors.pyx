# cython: language_level=3, boundscheck=False, wraparound=False
"""Vectors: the static word vectors table a Vocab owns.

In the default mode, keys (string hashes) map to rows of a float32 (n_rows, width) table;
several keys may share a row and rows may be unset. In floret mode every word has a vector:
the mean of the rows its hashed character n-grams pick. The key -> row map, batched row
lookup, the top-n selection of most_similar and floret hashing are native
(csrc/lexloom/vectors.hh). Saved as spaCy saves it (`vectors` .npy, `key2row` msgpack,
`vectors.cfg` json), never with pickle.
"""
from cython.operator cimport dereference as deref
from libc.stdint cimport int64_t, uint32_t, uint64_t
from libcpp cimport bool as cbool
from libcpp.set cimport set as cppset
from libcpp.string cimport string as string_t
from libcpp.string_view cimport string_view
from libcpp.vector cimport vector

cimport numpy as np

from .core cimport CStringStore, hash_t
from .strings cimport StringStore, encode_text

from enum import Enum
from pathlib import Path
from tokenize import TokenError
from types import MappingProxyType
import warnings

import numpy

from .attrs import IDS, intify_attr
from .errors import (DeserializationError, Errors, LexloomWarning, VectorsError,
                     VectorsKeyError)

np.import_array()

cdef extern from "lexloom/vectors.hh" namespace "lexloom" nogil:
    cdef cppclass KeyRowMap:
        int64_t find(uint64_t key)
        void set(uint64_t key, int64_t row)
        cbool erase(uint64_t key)
        void clear()
        size_t size()
        void reserve(size_t n)
        void find_batch(const uint64_t* keys, int64_t n, int64_t* rows)
        void items(uint64_t* keys, int64_t* rows)
        size_t remove_rows_from(int64_t n_rows, vector[uint64_t]& keys, vector[int64_t]& rows)

    void gather_rows(const float* table, int64_t n_rows, int64_t width, const int64_t* rows,
                     int64_t n, float* out)
    void row_hashes(const float* table, int64_t width, const int64_t* rows, int64_t n,
                    uint64_t* out)

    cdef struct FloretSettings:
        uint32_t minn
        uint32_t maxn
        uint32_t hash_count
        uint32_t hash_seed
        const char* bow
        size_t bow_len
        const char* eow
        size_t eow_len

    cbool floret_hashes(const char* word, size_t length, const FloretSettings& s,
                        vector[uint32_t]& out)
    void floret_string_hashes(const char* data, size_t length, const FloretSettings& s,
                              vector[uint32_t]& out)
    cbool floret_vector(const char* word, size_t length, const FloretSettings& s,
                        const float* table, int64_t n_rows, int64_t width, float* out,
                        vector[uint32_t]& scratch)

cdef extern from "lexloom/vectors_reader.hh" namespace "lexloom" nogil:
    cdef enum class VectorsParseError(int):
        pass

    cdef cppclass VectorsChunkResult:
        size_t consumed
        int64_t rows
        int64_t lines
        VectorsParseError error
        int64_t error_line
        int64_t error_field
        vector[size_t] word_starts
        vector[size_t] word_ends

    VectorsChunkResult parse_text_vectors(const char* data, size_t length, cbool final,
                                          int64_t width, int64_t max_rows, float* out)
    VectorsChunkResult parse_binary_vectors(const char* data, size_t length, cbool final,
                                            int64_t width, int64_t max_rows, float* out)

MODES = ("default", "floret")
_ORTH = IDS["ORTH"]


cdef uint64_t _key_id(key) except? 0:
    """A key as its 64-bit string hash: str -> hash, int -> itself."""
    if isinstance(key, str):
        if not key:
            return 0
        b = encode_text(key)
        return CStringStore.id_of(string_view(<const char*>b, len(b)))
    if isinstance(key, (int, numpy.integer)) and not isinstance(key, bool):
        if key < 0:
            return <uint64_t>(<int64_t>key)
        return <uint64_t>key
    raise VectorsError(f"Vector keys are strings or their int hashes, not "
                       f"{type(key).__name__} ({key!r}).")


cdef np.ndarray _key_array(keys):
    """Keys (strs, ints or an integer array) -> a contiguous uint64 array."""
    if isinstance(keys, numpy.ndarray) and keys.dtype.kind in "iu":
        return numpy.ascontiguousarray(keys.reshape(-1)).view(numpy.uint64) \
            if keys.dtype.itemsize == 8 else numpy.ascontiguousarray(keys.reshape(-1),
                                                                    dtype=numpy.uint64)
    keys = list(keys)
    cdef np.ndarray out = numpy.empty(len(keys), dtype=numpy.uint64)
    cdef uint64_t[::1] view = out
    cdef Py_ssize_t i
    for i, key in enumerate(keys):
        view[i] = _key_id(key)
    return out


def _check_table(data, str where) -> np.ndarray:
    """A 2-D float32 C-contiguous numpy table (converted when it is another float array)."""
    if not hasattr(data, "shape") or not hasattr(data, "dtype"):
        raise VectorsError(f"{where}: vectors data must be a 2-D numpy array, got "
                           f"{type(data).__name__}.")
    if len(data.shape) != 2:
        raise VectorsError(f"{where}: vectors data must be 2-D (rows, width), got shape "
                           f"{tuple(data.shape)}.")
    if not isinstance(data, numpy.ndarray):
        if hasattr(data, "get"):   # a cupy array: the table lives on the CPU here
            data = data.get()
        else:
            data = numpy.asarray(data)
    if data.dtype.kind not in "fiu":
        raise VectorsError(f"{where}: vectors data must be numeric (float32), got {data.dtype}.")
    if data.dtype != numpy.float32 or not data.flags.c_contiguous:
        data = numpy.ascontiguousarray(data, dtype=numpy.float32)
    return data


def _warn_floret_unchanged(method: str) -> None:
    """spaCy skips edits of a floret table with a warning rather than failing, so code that
    fills a vocab's vectors runs unchanged whichever kind of table it has. (Compiled callers
    add no Python frame: stacklevel 1 is the user's line.)"""
    warnings.warn(f"[W115] Skipping {method}: a floret vectors table can't be edited through "
                  "keys or resized (its rows are hash buckets shared by n-grams); change "
                  "vectors.data or load another table instead.", LexloomWarning, stacklevel=1)


class Mode(str, Enum):
    """The two kinds of vectors table: keyed rows ("default") or hashed n-grams ("floret")."""
    default = "default"
    floret = "floret"

    @classmethod
    def values(cls):
        return list(cls.__members__.keys())


def _keys_of_rows(np.ndarray keys, np.ndarray rows, np.ndarray wanted) -> np.ndarray:
    """For each row in `wanted`, the key that stands for it: of the keys mapping to it (keys
    and rows given in the keys' order), the last, as spaCy's `{row: key for key, row in
    key2row.items()}` picks. VectorsKeyError for a row no key maps to."""
    last = rows.shape[0] - 1 - numpy.unique(rows[::-1], return_index=True)[1]
    used = rows[last]                     # sorted, as numpy.unique returns them
    at = numpy.searchsorted(used, wanted)
    found = (at < used.shape[0]) & (used[numpy.minimum(at, used.shape[0] - 1)] == wanted) \
        if used.shape[0] else numpy.zeros(wanted.shape[0], dtype=bool)
    if not found.all():
        raise VectorsKeyError(f"No key maps to row {wanted[~found][0]}.")
    return keys[last[at]].astype(numpy.uint64)


cdef class BaseVectors:
    """The interface a vectors table offers the vocab and the StaticVectors layer; subclass
    it for another kind of table. Abstract: Vectors is lexloom's table."""

    def __init__(self, *, strings=None):
        if type(self) is BaseVectors:
            raise TypeError(Errors.E1046.format(cls_name="BaseVectors"))

    def __getitem__(self, key):
        raise NotImplementedError

    def __contains__(self, key):
        raise NotImplementedError

    def is_full(self):
        raise NotImplementedError

    def get_batch(self, keys):
        raise NotImplementedError

    @property
    def shape(self):
        raise NotImplementedError

    def __len__(self):
        raise NotImplementedError

    @property
    def vectors_length(self):
        raise NotImplementedError

    @property
    def size(self):
        raise NotImplementedError

    def add(self, key, *, vector=None):
        raise NotImplementedError

    def to_ops(self, ops):
        pass

    def to_bytes(self, **kwargs):
        return b""

    def from_bytes(self, data, **kwargs):
        return self

    def to_disk(self, path, **kwargs):
        return None

    def from_disk(self, path, **kwargs):
        return self


def create_mode_vectors():
    """The [nlp.vectors] factory (spacy.Vectors.v1): an empty default-mode table over the
    vocab's strings."""
    def vectors_factory(vocab):
        return Vectors(strings=vocab.strings)

    return vectors_factory


def unpickle_vectors(bytes_data):
    """Rebuild a pickled Vectors table (pickle support for live objects only)."""
    return Vectors().from_bytes(bytes_data)


cdef class Vectors(BaseVectors):
    """Store, look up, compare, save and load static word vectors.

    Default mode: `key2row` maps string hashes to rows of `data`; keys may share rows and
    rows may be unset (so len(keys()) and shape[0] differ). Floret mode: a word's vector is
    the mean of the rows its character n-grams hash to, so every word has one.
    """
    cdef KeyRowMap* c
    cdef cppset[int64_t] _unset
    cdef object _data
    cdef object _key2row_cache
    cdef public object strings
    cdef public object name
    cdef readonly str mode
    cdef readonly uint32_t minn
    cdef readonly uint32_t maxn
    cdef readonly uint32_t hash_count
    cdef readonly uint32_t hash_seed
    cdef readonly str bow
    cdef readonly str eow
    cdef bytes _bow_utf8
    cdef bytes _eow_utf8
    cdef readonly uint64_t attr

    def __cinit__(self, *args, **kwargs):
        self.c = new KeyRowMap()

    def __dealloc__(self):
        del self.c

    def __init__(self, *, strings=None, shape=None, data=None, keys=None, name=None,
                 mode="default", minn=0, maxn=0, hash_count=1, hash_seed=0, bow="<",
                 eow=">", attr="ORTH"):
        self.strings = strings if strings is not None else StringStore()
        self.name = name
        if mode not in MODES:
            raise VectorsError(f"[E202] Unknown vectors mode {mode!r}; use one of {', '.join(MODES)}.")
        self.mode = str(mode)
        self._set_floret(minn, maxn, hash_count, hash_seed, bow, eow)
        self.attr = _attr_id(attr)
        if self.mode == "default":
            if data is None:
                shape = (0, 0) if shape is None else shape
                if (isinstance(shape, str) or not hasattr(shape, "__len__") or len(shape) != 2
                        or not all(isinstance(n, (int, numpy.integer))
                                   and not isinstance(n, bool) for n in shape)
                        or min(shape) < 0):
                    raise VectorsError(f"Vectors shape must be (rows, width): two whole "
                                       f"numbers >= 0, got {shape!r}.")
                shape = (int(shape[0]), int(shape[1]))
                self._data = numpy.zeros(shape, dtype=numpy.float32)
                self._sync_unset()
            else:
                self._data = _check_table(data, "Vectors")
                self._unset.clear()
            if keys is not None:
                self._set_keys(_key_array(keys))
        else:
            if self.maxn < self.minn:
                raise VectorsError(f"floret vectors need minn <= maxn, got minn={minn}, "
                                   f"maxn={maxn}.")
            if not 1 <= self.hash_count <= 4:
                raise VectorsError(f"floret hash_count must be 1 to 4, got {hash_count}.")
            if data is None:
                raise VectorsError("[E864] floret vectors need their data table: pass data=array.")
            if keys is not None:
                raise VectorsError("floret vectors have no keys (every word gets a vector "
                                   "from its n-grams); don't pass keys=.")
            self._data = _check_table(data, "Vectors")
            self._unset.clear()

    def _set_floret(self, minn, maxn, hash_count, hash_seed, bow, eow):
        for label, value in (("minn", minn), ("maxn", maxn), ("hash_count", hash_count),
                             ("hash_seed", hash_seed)):
            if isinstance(value, bool) or not isinstance(value, (int, numpy.integer)) \
                    or value < 0 or value > 0xFFFFFFFF:
                raise VectorsError(f"Vectors {label} must be a non-negative int, got {value!r}.")
        self.minn, self.maxn = minn, maxn
        self.hash_count, self.hash_seed = hash_count, hash_seed
        self.bow, self.eow = str(bow), str(eow)
        self._bow_utf8, self._eow_utf8 = self.bow.encode("utf8"), self.eow.encode("utf8")

    # ---- the table ------------------------------------------------------------------

    property data:
        """The float32 (rows, width) table."""
        def __get__(self):
            return self._data

        def __set__(self, value):
            self._data = _check_table(value, "Vectors.data")
            self._drop_rows_past_end()
            self._sync_unset()

    property key2row:
        """{key: row}, read-only: change the table with add(), or assign a whole dict."""
        def __get__(self):
            return MappingProxyType(self._key2row_dict())

        def __set__(self, mapping):
            self.c.clear()
            self._key2row_cache = None
            n_rows = self._data.shape[0]
            for key, row in dict(mapping).items():
                row = int(row)
                if not 0 <= row < n_rows:
                    raise VectorsError(f"key2row maps {key!r} to row {row}, outside the table "
                                       f"of {n_rows} rows.")
                self.c.set(_key_id(key), row)
            self._sync_unset()

    @property
    def shape(self) -> tuple:
        return tuple(self._data.shape)

    @property
    def vectors_length(self) -> int:
        """The width of the vectors."""
        return int(self._data.shape[1])

    def __reduce__(self):
        return (unpickle_vectors, (self.to_bytes(),))

    @property
    def size(self) -> int:
        return int(self._data.size)

    @property
    def is_full(self) -> bool:
        """No row is free for a new key (floret tables are always full)."""
        return self.mode == "floret" or self._unset.size() == 0

    @property
    def n_keys(self) -> int:
        """How many keys are mapped (-1 in floret mode)."""
        return -1 if self.mode == "floret" else <int64_t>self.c.size()

    def __len__(self) -> int:
        return int(self._data.shape[0])

    def __iter__(self):
        yield from self.key2row

    def __contains__(self, key) -> bool:
        """Whether a key (int, as in spaCy: a string is never a key) has a row; floret
        tables have a vector for everything."""
        if self.mode == "floret":
            return True
        if isinstance(key, str):
            return False
        try:
            return self.c.find(_key_id(key)) >= 0
        except VectorsError:
            return False

    def __getitem__(self, key):
        """The vector of a key; VectorsKeyError when it has none (default mode)."""
        if self.mode == "floret":
            return self.get_batch([key])[0]
        cdef int64_t row = self.c.find(_key_id(key))
        if row < 0:
            raise VectorsKeyError(f"[E058] No vector for key {key!r}; check `key in vectors` first, "
                                  "or use vocab.get_vector, which gives zeros.")
        return self._data[row]

    def __setitem__(self, key, vector):
        if self.mode == "floret":
            _warn_floret_unchanged("Vectors.__setitem__")
            return
        cdef int64_t row = self.c.find(_key_id(key))
        if row < 0:
            raise VectorsKeyError(f"No row for key {key!r}; use vectors.add(key, vector=...).")
        self._data[row] = self._check_vector(vector)
        self._mark_set(row)

    def __eq__(self, other):
        if not isinstance(other, Vectors):
            return NotImplemented
        return (self.shape == other.shape and self.mode == other.mode
                and self._key2row_dict() == other._key2row_dict()
                and self._get_cfg() == other._get_cfg()
                and numpy.array_equal(self._data, other.data))

    __hash__ = None

    def keys(self):
        return self.key2row.keys()

    def values(self):
        """The rows that at least one key uses (all rows in floret mode)."""
        cdef int64_t row
        for row in range(self._data.shape[0]):
            if not self._unset.count(row):
                yield self._data[row]

    def items(self):
        for key, row in self.key2row.items():
            yield key, self._data[row]

    # ---- changing it ----------------------------------------------------------------

    def add(self, key, *, vector=None, row=None) -> int:
        """Map a key to `row` (an existing row), or to its current row, or to the first free
        row; set that row to `vector` when given. Returns the row (floret: -1, nothing
        changes)."""
        if self.mode == "floret":
            _warn_floret_unchanged("Vectors.add")
            return -1
        cdef uint64_t k = _key_id(key)
        cdef int64_t r
        if row is not None:
            r = int(row)
        else:
            r = self.c.find(k)
            if r < 0:
                if self._unset.size() == 0:
                    raise VectorsError(
                        f"[E060] The vectors table is full ({self._data.shape[0]} rows of width "
                        f"{self._data.shape[1]}); make room with vectors.resize((rows, "
                        "width)) or map the key to an existing row with add(key, row=i).")
                r = deref(self._unset.begin())
        if not 0 <= r < self._data.shape[0]:
            raise VectorsError(f"[E197] Row {r} for key {key!r} is outside the table of "
                               f"{self._data.shape[0]} rows.")
        if vector is not None:
            self._data[r] = self._check_vector(vector)
        self.c.set(k, r)
        self._key2row_cache = None
        self._mark_set(r)
        return r

    def resize(self, shape, inplace=False):
        """Change the table's shape, keeping what fits. Keys whose rows are gone are removed
        and returned as (key, row) pairs. (floret: nothing changes; -1, as spaCy returns.)"""
        if self.mode == "floret":
            _warn_floret_unchanged("Vectors.resize")
            return -1
        shape = tuple(int(x) for x in shape)
        if len(shape) != 2 or min(shape) < 0:
            raise VectorsError(f"resize takes (rows, width), got {shape!r}.")
        old = self._data
        if inplace and shape[1] != old.shape[1]:
            raise VectorsError(f"resize(inplace=True) can't change the width ({old.shape[1]} "
                               f"-> {shape[1]}); resize without inplace instead.")
        resized = numpy.zeros(shape, dtype=numpy.float32)
        n, w = min(shape[0], old.shape[0]), min(shape[1], old.shape[1])
        resized[:n, :w] = old[:n, :w]
        self._data = resized
        removed = self._drop_rows_past_end()
        self._sync_unset()
        return removed

    def clear(self) -> None:
        """Unmap every key (the table keeps its shape)."""
        if self.mode == "floret":
            raise VectorsError("[E859] floret vectors have no keys to clear.")
        self.c.clear()
        self._key2row_cache = None
        self._sync_unset()

    # ---- looking things up ----------------------------------------------------------

    def find(self, *, key=None, keys=None, row=None, rows=None):
        """Exactly one of: key -> its row (-1 when missing); keys -> int32 array of rows;
        row -> the key that stands for it (of the keys that map to it, the one added last,
        as in spaCy); rows -> uint64 array of those keys."""
        if self.mode == "floret":
            raise VectorsError("[E858] find() needs default-mode vectors; floret vectors have no "
                               "key -> row map. Use vectors[key] instead.")
        given = [name for name, v in (("key", key), ("keys", keys), ("row", row),
                                      ("rows", rows)) if v is not None]
        if len(given) != 1:
            raise VectorsError(f"[E059] find() takes exactly one of key=, keys=, row=, rows=; got "
                               f"{', '.join(given) or 'none'}.")
        if key is not None:
            return int(self.c.find(_key_id(key)))
        if keys is not None:
            return self.find_rows(_key_array(keys)).astype(numpy.int32)
        keys_arr, rows_arr = self._items_arrays()
        wanted = numpy.asarray([row] if row is not None else list(rows), dtype=numpy.int64)
        result = _keys_of_rows(keys_arr, rows_arr, wanted)
        return int(result[0]) if row is not None else result

    def unique_rows(self):
        """(first, inverse) over the rows that have keys, as numpy.unique(return_index,
        return_inverse) on the sorted used rows would give, but in first-seen order and
        exact to the bit: rows are hashed natively and only hash-equal rows compared."""
        keys, rows = self._items_arrays()
        cdef np.ndarray filled = numpy.ascontiguousarray(numpy.unique(rows), dtype=numpy.int64)
        cdef np.ndarray table = self._data
        cdef np.ndarray hashes = numpy.empty(filled.shape[0], dtype=numpy.uint64)
        cdef int64_t n = filled.shape[0], width = table.shape[1]
        # (the table, the key map and the rows below are read and written with the GIL, as
        # spaCy: another thread's add would resize them under a released loop)
        row_hashes(<const float*>table.data, width, <const int64_t*>filled.data, n,
                   <uint64_t*>hashes.data)
        _, first, inverse = numpy.unique(hashes, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        # Rows that share a hash but differ (a collision) each keep their own group.
        group_rows = filled[first]
        for i in numpy.flatnonzero(filled != group_rows[inverse]).tolist():
            if not numpy.array_equal(table[filled[i]].view(numpy.uint32),
                                     table[group_rows[inverse[i]]].view(numpy.uint32)):
                first = numpy.append(first, i)
                inverse[i] = first.shape[0] - 1
        order = numpy.argsort(first, kind="stable")
        rank = numpy.empty_like(order)
        rank[order] = numpy.arange(order.shape[0])
        return filled, filled[first[order]], rank[inverse]

    def _rank_row(self, uint64_t key) -> int:
        """A lexeme's rank from the table: the key's row, -1 when missing or in floret mode
        (Vocab._rank, per token.lex_id: without find()'s argument handling)."""
        if self.mode != "default":
            return -1
        return self.c.find(key)

    def find_rows(self, keys) -> np.ndarray:
        """uint64 keys -> int64 rows (-1 where missing), in one native pass."""
        cdef np.ndarray k = _key_array(keys)
        cdef np.ndarray out = numpy.empty(k.shape[0], dtype=numpy.int64)
        cdef int64_t n = k.shape[0]
        self.c.find_batch(<const uint64_t*>k.data, n, <int64_t*>out.data)
        return out

    def get_batch(self, keys) -> np.ndarray:
        """The vectors of many keys as one (n, width) float32 array: zeros for keys without
        a vector (default mode); n-gram means (floret mode)."""
        if self.mode == "floret" and not isinstance(keys, numpy.ndarray):
            keys = list(keys)
            for key in keys:    # words given as text need no entry in the StringStore yet
                if isinstance(key, str):
                    self.strings.add(key)
        cdef np.ndarray k = _key_array(keys)
        cdef np.ndarray rows
        cdef int64_t n = k.shape[0]
        cdef np.ndarray out = numpy.empty((n, self._data.shape[1]), dtype=numpy.float32)
        cdef np.ndarray table = self._data
        cdef int64_t n_rows = table.shape[0], width = table.shape[1]
        if self.mode == "default":
            rows = self.find_rows(k)
            gather_rows(<const float*>table.data, n_rows, width,
                        <const int64_t*>rows.data, n, <float*>out.data)
            return out
        return self._floret_batch(k, out)

    cdef np.ndarray _floret_batch(self, np.ndarray keys, np.ndarray out):
        cdef np.ndarray unique, inverse
        unique, inverse = numpy.unique(keys, return_inverse=True)
        cdef np.ndarray table = self._data
        cdef int64_t width = table.shape[1], n_rows = table.shape[0]
        cdef np.ndarray vecs = numpy.zeros((unique.shape[0], width), dtype=numpy.float32)
        cdef FloretSettings s = self._floret_settings()
        cdef vector[uint32_t] scratch
        cdef StringStore strings = self._string_store()
        cdef const uint64_t* ukeys = <const uint64_t*>unique.data
        cdef Py_ssize_t i
        cdef bytes word
        for i in range(unique.shape[0]):
            word = self._utf8_of(strings, ukeys[i])
            if not floret_vector(word, len(word), s, <const float*>table.data, n_rows,
                                 width, <float*>vecs.data + i * width, scratch):
                raise VectorsError(f"Key {ukeys[i]} names a string that is not valid UTF-8.")
        out[...] = vecs[inverse.reshape(-1)]
        return out

    def get_ngram_hashes(self, str word) -> list:
        """floret: the hashes of `word`'s padded n-grams, in floret's order (rows are these
        modulo the table's row count)."""
        cdef FloretSettings s = self._floret_settings()
        cdef vector[uint32_t] out
        cdef bytes b = word.encode("utf8")
        floret_hashes(b, len(b), s, out)
        return [h for h in out]

    def _get_ngrams(self, str word) -> list:
        """floret: the padded n-grams get_ngram_hashes hashes, in the same order (the padded
        word, then by length minn..maxn and start), so each hash can be traced to its
        string; none for an empty word, which has no vector."""
        if not word:
            return []
        padded = self.bow + word + self.eow
        return [padded] + [padded[start:start + size]
                           for size in range(max(self.minn, 1), self.maxn + 1)
                           for start in range(len(padded) - size + 1)]

    def _get_ngram_hashes(self, str ngram) -> list:
        """floret: the hash_count hashes of one n-gram string (its rows are these modulo
        the table's row count)."""
        cdef FloretSettings s = self._floret_settings()
        cdef vector[uint32_t] out
        cdef bytes b = ngram.encode("utf8")
        floret_string_hashes(b, len(b), s, out)
        return [h for h in out]

    def most_similar(self, queries, *, batch_size=1024, n=1, sort=True):
        """For each query vector, the n keyed rows closest by cosine: (keys, rows, scores),
        each (n_queries, n), best first with `sort`. Computed in batches of `batch_size`
        queries; the queries are not changed."""
        if self.mode == "floret":
            raise VectorsError("[E858] most_similar needs default-mode vectors; floret vectors "
                               "have no keys to return.")
        queries = numpy.asarray(queries, dtype=numpy.float32)
        if queries.ndim == 1:
            queries = queries.reshape(1, -1)
        if queries.ndim != 2 or queries.shape[1] != self._data.shape[1]:
            raise VectorsError(f"most_similar queries must be (n, {self._data.shape[1]}), got "
                               f"shape {queries.shape}.")
        if n < 1 or batch_size < 1:
            raise VectorsError(f"most_similar needs n >= 1 and batch_size >= 1, got n={n}, "
                               f"batch_size={batch_size}.")
        keys_arr, rows_arr = self._items_arrays()
        filled = numpy.unique(rows_arr)
        if filled.shape[0] < n:
            raise VectorsError(f"[E198] most_similar asked for n={n} but only {filled.shape[0]} rows "
                               "have keys.")
        # The same numpy steps as spaCy's (norms, division, BLAS dot, argpartition), so that
        # the scores are bit-identical and ties between equal rows go the same way.
        table = self._data[filled]
        norms = numpy.linalg.norm(table, axis=1, keepdims=True)
        norms[norms == 0] = 1
        table = table / norms
        cdef int64_t nq = queries.shape[0]
        best = numpy.zeros((nq, n), dtype=numpy.int64)
        scores = numpy.zeros((nq, n), dtype=numpy.float32)
        for start in range(0, nq, batch_size):
            batch = numpy.array(queries[start:start + batch_size], dtype=numpy.float32)
            batch_norms = numpy.linalg.norm(batch, axis=1, keepdims=True)
            batch_norms[batch_norms == 0] = 1
            batch /= batch_norms
            sims = numpy.dot(batch, table.T)
            best[start:start + batch_size] = numpy.argpartition(sims, -n, axis=1)[:, -n:]
            scores[start:start + batch_size] = numpy.partition(sims, -n, axis=1)[:, -n:]
            if sort and n >= 2:
                order = numpy.argsort(scores[start:start + batch_size], axis=1)[:, ::-1]
                scores[start:start + batch_size] = numpy.take_along_axis(
                    scores[start:start + batch_size], order, axis=1)
                best[start:start + batch_size] = numpy.take_along_axis(
                    best[start:start + batch_size], order, axis=1)
        best_rows = filled[best]
        scores = numpy.clip(numpy.around(scores, decimals=4), -1, 1)
        keys_out = _keys_of_rows(keys_arr, rows_arr, best_rows.reshape(-1))
        return keys_out.reshape(nq, n), best_rows.astype(numpy.int32), scores

    # ---- saving ---------------------------------------------------------------------

    def _get_cfg(self) -> dict:
        if self.mode == "default":
            # spaCy writes only the mode here (and reads attr when present): keep a NORM
            # table's attr, which it would lose.
            return {"mode": "default"} if self.attr == _ORTH else \
                {"mode": "default", "attr": self.attr}
        return {"mode": "floret", "minn": self.minn, "maxn": self.maxn,
                "hash_count": self.hash_count, "hash_seed": self.hash_seed, "bow": self.bow,
                "eow": self.eow, "attr": self.attr}

    def _set_cfg(self, cfg, where="vectors.cfg") -> None:
        if not isinstance(cfg, dict):
            raise DeserializationError(f"{where} must hold a JSON object, got "
                                       f"{type(cfg).__name__}.")
        mode = cfg.get("mode", "default")
        if mode not in MODES:
            raise DeserializationError(f"{where} names vectors mode {mode!r}; known: "
                                       f"{', '.join(MODES)}.")
        try:
            self._set_floret(cfg.get("minn", 0), cfg.get("maxn", 0), cfg.get("hash_count", 0),
                             cfg.get("hash_seed", 0), cfg.get("bow", "<"), cfg.get("eow", ">"))
            self.attr = _attr_id(cfg.get("attr", _ORTH))
        except VectorsError as e:
            raise DeserializationError(f"{where}: {e}") from None
        if mode == "floret" and not 1 <= self.hash_count <= 4:
            raise DeserializationError(f"{where}: floret hash_count must be 1 to 4, got "
                                       f"{self.hash_count}.")
        self.mode = mode

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Write `vectors` (.npy, no pickle), `key2row` (msgpack), `vectors.cfg` (json) and,
        unless excluded, `strings.json` into the folder `path` (spaCy's layout)."""
        import srsly

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if "strings" not in exclude:
            self.strings.to_disk(path / "strings.json")
        if "vectors" not in exclude:
            with (path / "vectors").open("wb") as f:
                numpy.save(f, self._data.astype("<f4", copy=False), allow_pickle=False)
        if "key2row" not in exclude:
            srsly.write_msgpack(path / "key2row", self._key2row_dict())
        if "vectors.cfg" not in exclude:
            srsly.write_json(path / "vectors.cfg", self._get_cfg())

    def from_disk(self, path, *, exclude=tuple()):
        """Load what to_disk (lexloom's or spaCy's) wrote into the folder `path`. Missing
        files leave that part as it is; corrupt ones raise DeserializationError."""
        import srsly

        path = Path(path)
        if not path.is_dir():
            raise DeserializationError(f"{path} is not a vectors folder (expected a folder "
                                       "with `vectors`, `key2row` and `vectors.cfg`).")
        if "strings" not in exclude and (path / "strings.json").exists():
            self.strings.from_disk(path / "strings.json")
        if "vectors.cfg" not in exclude and (path / "vectors.cfg").exists():
            from .line_reader import read_json

            cfg = read_json(path / "vectors.cfg", what="vectors.cfg")
            self._set_cfg(cfg, str(path / "vectors.cfg"))
        if "vectors" not in exclude and (path / "vectors").exists():
            try:
                with (path / "vectors").open("rb") as f:
                    data = numpy.load(f, allow_pickle=False)
                    extra = len(f.read(1 << 16))
                if extra:
                    raise ValueError("bytes follow the end of the array (two files joined?)")
            except (ValueError, OSError, EOFError, SyntaxError, TokenError, MemoryError) as e:
                # numpy parses the .npy header as a Python literal: a damaged header raises
                # SyntaxError / tokenize.TokenError; a huge announced shape, MemoryError.
                raise DeserializationError(f"{path / 'vectors'} is not a .npy float array "
                                           f"(truncated or corrupt?): {e}") from None
            try:
                self._data = _check_table(data, str(path / "vectors"))
            except VectorsError as e:
                raise DeserializationError(str(e)) from None
        if "key2row" not in exclude and (path / "key2row").exists():
            try:
                mapping = srsly.read_msgpack(path / "key2row")
            except Exception as e:
                raise DeserializationError(f"{path / 'key2row'} is not a msgpack map "
                                           f"(truncated or corrupt?): {e}") from None
            self._load_key2row(mapping, str(path / "key2row"))
        self._sync_unset()
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        """The table as msgpack bytes (spaCy's to_bytes layout)."""
        import srsly

        msg = {}
        if "strings" not in exclude:
            msg["strings"] = self.strings.to_bytes()
        if "key2row" not in exclude:
            msg["key2row"] = srsly.msgpack_dumps(self._key2row_dict())
        if "vectors" not in exclude:
            msg["vectors"] = srsly.msgpack_dumps(self._data.astype("<f4", copy=False))
        if "vectors.cfg" not in exclude:
            msg["vectors.cfg"] = srsly.json_dumps(self._get_cfg())
        return srsly.msgpack_dumps(msg)

    def from_bytes(self, data, *, exclude=tuple()):
        import srsly

        try:
            msg = srsly.msgpack_loads(data)
            if not isinstance(msg, dict):
                raise ValueError("not a map")
            if "strings" not in exclude and "strings" in msg:
                self.strings.from_bytes(msg["strings"])
            if "vectors.cfg" not in exclude and "vectors.cfg" in msg:
                self._set_cfg(srsly.json_loads(msg["vectors.cfg"]), "vectors.cfg")
            if "vectors" not in exclude and "vectors" in msg:
                self._data = _check_table(srsly.msgpack_loads(msg["vectors"]), "vectors")
            if "key2row" not in exclude and "key2row" in msg:
                self._load_key2row(srsly.msgpack_loads(msg["key2row"]), "key2row")
        except DeserializationError:
            raise
        except Exception as e:
            raise DeserializationError(f"Vectors.from_bytes: the data is truncated, corrupt "
                                       f"or not a vectors table ({e}).") from None
        self._sync_unset()
        return self

    def to_ops(self, ops) -> None:
        """Kept for spaCy's API: the table stays a numpy array (StaticVectors copies the rows
        a batch needs to the model's device)."""

    # ---- internals ------------------------------------------------------------------

    def _set_keys(self, np.ndarray keys) -> None:
        """Map keys[i] to row i (a later duplicate key wins), in one native loop. As spaCy's
        constructor adds them: rows 0..n-1 are taken, and the rest stay as they were (free in
        a new zero table, taken in a table of given data, so that one is full)."""
        cdef int64_t n = keys.shape[0], i
        if n > self._data.shape[0]:
            raise VectorsError(f"[E197] Vectors got {n} keys for a table of {self._data.shape[0]} "
                               "rows; pass one key per row.")
        cdef const uint64_t* k = <const uint64_t*>keys.data
        self.c.reserve(n)
        for i in range(n):
            self.c.set(k[i], i)
            self._mark_set(i)
        self._key2row_cache = None

    def _key2row_dict(self) -> dict:
        if self._key2row_cache is None:
            keys, rows = self._items_arrays()
            self._key2row_cache = dict(zip(keys.tolist(), rows.tolist()))
        return self._key2row_cache

    def _set_key_rows(self, keys, rows) -> None:
        """Map keys[i] to rows[i] for all i, in one native loop (rows must be in range)."""
        cdef np.ndarray k = numpy.ascontiguousarray(keys, dtype=numpy.uint64)
        cdef np.ndarray r = numpy.ascontiguousarray(rows, dtype=numpy.int64)
        if k.shape[0] != r.shape[0]:
            raise VectorsError(f"{k.shape[0]} keys but {r.shape[0]} rows.")
        if r.shape[0] and (r.min() < 0 or r.max() >= self._data.shape[0]):
            raise VectorsError(f"Rows must be in 0..{self._data.shape[0] - 1}.")
        cdef int64_t n = k.shape[0], i
        cdef const uint64_t* kp = <const uint64_t*>k.data
        cdef const int64_t* rp = <const int64_t*>r.data
        self.c.reserve(self.c.size() + n)
        for i in range(n):
            self.c.set(kp[i], rp[i])
        self._key2row_cache = None
        self._sync_unset()

    def _load_key2row(self, mapping, str where) -> None:
        if not isinstance(mapping, dict):
            raise DeserializationError(f"{where} must hold a map of key -> row, got "
                                       f"{type(mapping).__name__}.")
        n_rows = self._data.shape[0]
        self.c.clear()
        self._key2row_cache = None
        self.c.reserve(len(mapping))
        for key, row in mapping.items():
            if not isinstance(key, int) or not isinstance(row, int) or not 0 <= row < n_rows:
                raise DeserializationError(
                    f"{where} maps {key!r} to {row!r}; keys must be ints and rows ints below "
                    f"the table's {n_rows} rows. The folder's files don't belong together.")
            self.c.set(<uint64_t>key, <int64_t>row)

    def _items_arrays(self):
        cdef int64_t n = self.c.size()
        cdef np.ndarray keys = numpy.empty(n, dtype=numpy.uint64)
        cdef np.ndarray rows = numpy.empty(n, dtype=numpy.int64)
        self.c.items(<uint64_t*>keys.data, <int64_t*>rows.data)
        return keys, rows

    def _drop_rows_past_end(self) -> list:
        cdef vector[uint64_t] keys
        cdef vector[int64_t] rows
        self.c.remove_rows_from(self._data.shape[0], keys, rows)
        if keys.size():
            self._key2row_cache = None
        return [(keys[i], rows[i]) for i in range(keys.size())]

    def _sync_unset(self) -> None:
        self._unset.clear()
        if self.mode == "floret":
            return
        cdef np.ndarray used = numpy.zeros(self._data.shape[0], dtype=numpy.bool_)
        keys, rows = self._items_arrays()
        used[rows] = True
        cdef int64_t r
        for r in numpy.flatnonzero(~used).tolist():
            self._unset.insert(r)

    cdef void _mark_set(self, int64_t row):
        if self._unset.count(row):
            self._unset.erase(row)

    def _check_vector(self, vector):
        arr = numpy.asarray(vector, dtype=numpy.float32)
        width = self._data.shape[1]
        if arr.ndim > 1 and arr.size == width and arr.shape[arr.ndim - 1] == width:
            arr = arr.reshape((width,))   # one row, e.g. (1, width): spaCy broadcasts it
        if arr.shape != (self._data.shape[1],):
            raise VectorsError(f"A vector for this table must have shape "
                               f"({self._data.shape[1]},), got {arr.shape}.")
        return arr

    cdef FloretSettings _floret_settings(self):
        cdef FloretSettings s
        s.minn, s.maxn = self.minn, self.maxn
        s.hash_count, s.hash_seed = self.hash_count, self.hash_seed
        s.bow, s.bow_len = self._bow_utf8, len(self._bow_utf8)
        s.eow, s.eow_len = self._eow_utf8, len(self._eow_utf8)
        return s

    cdef StringStore _string_store(self):
        if not isinstance(self.strings, StringStore):
            raise VectorsError("floret vectors need a lexloom StringStore to turn keys into "
                               "words; set vectors.strings = vocab.strings.")
        return <StringStore>self.strings

    cdef bytes _utf8_of(self, StringStore strings, uint64_t key):
        if key == 0:
            return b""
        cdef const string_t* s = strings.c.get(key)
        if s == NULL:
            raise VectorsKeyError(f"floret vectors can't make a vector for key {key}: no "
                                  "string is known for it. Pass the word itself, or add it to "
                                  "vocab.strings.")
        return s.data()[:s.size()]


def parse_vectors_chunk(bytes chunk, bint final, bint binary, np.ndarray table, int64_t row0,
                        StringStore strings, np.ndarray keys):
    """Parse one chunk of a vectors file body into table[row0:] (float32, C-contiguous),
    interning each row's word in `strings` and writing its hash to keys[row0:] (uint64).
    Returns (bytes consumed, rows, lines, error code, error line, error field); error codes
    are those of csrc/lexloom/vectors_reader.hh (0: none)."""
    if table.dtype != numpy.float32 or not table.flags.c_contiguous or table.ndim != 2:
        raise VectorsError("parse_vectors_chunk needs a C-contiguous float32 (rows, width) table.")
    if keys.dtype != numpy.uint64 or keys.shape[0] != table.shape[0]:
        raise VectorsError("parse_vectors_chunk needs a uint64 keys array with one entry per row.")
    if not 0 <= row0 <= table.shape[0]:
        raise VectorsError(f"row0 = {row0} is outside the table of {table.shape[0]} rows.")
    cdef int64_t width = table.shape[1]
    cdef int64_t max_rows = table.shape[0] - row0
    cdef float* out = <float*>table.data + row0 * width
    cdef const char* data = chunk
    cdef size_t length = len(chunk)
    cdef VectorsChunkResult r
    with nogil:
        if binary:
            r = parse_binary_vectors(data, length, final, width, max_rows, out)
        else:
            r = parse_text_vectors(data, length, final, width, max_rows, out)
    cdef uint64_t* key_out = <uint64_t*>keys.data + row0
    cdef int64_t i
    cdef size_t b, e
    for i in range(r.rows):
        b, e = r.word_starts[i], r.word_ends[i]
        key_out[i] = strings.c.add(string_view(data + b, e - b))
    return (r.consumed, r.rows, r.lines, <int>r.error, r.error_line, r.error_field)


def _attr_id(attr) -> int:
    if isinstance(attr, (int, numpy.integer)) and not isinstance(attr, bool):
        return int(attr)
    if isinstance(attr, str):
        name = attr.upper()
        if name == "TEXT":
            name = "ORTH"
        try:
            return intify_attr(name)
        except (KeyError, ValueError):
            pass
    raise VectorsError(f"Vectors attr must be an attribute name such as 'ORTH' or 'NORM', "
                       f"got {attr!r}.")


__all__ = ["Vectors", "MODES"]
