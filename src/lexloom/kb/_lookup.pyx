# cython: language_level=3, boundscheck=False, wraparound=False
"""The in-memory knowledge base's tables: entity hash -> entry (frequency, vector row),
alias hash -> candidate entries with prior probabilities, and the entity vectors as one
float32 block. Lookups are C++ hash maps; the binary `contents` file (spaCy's layout) is read
and written in one native pass each.

Index 0 of the entry and alias tables is a dummy, as in spaCy's file and JSON formats, where
candidate lists name entries by their 1-based position."""
from libc.stdint cimport int32_t, int64_t, uint64_t
from libc.string cimport memcpy
from libcpp.unordered_map cimport unordered_map
from libcpp.vector cimport vector
from cython.operator cimport dereference as deref

import numpy

from ..errors import KnowledgeBaseFileError


cdef struct EntryC:
    uint64_t entity_hash
    float freq
    int32_t vector_index


cdef struct AliasC:
    uint64_t alias_hash
    vector[int64_t] entry_indices
    vector[float] probs


# the sizes of spaCy's fields in the contents file, written one after another (no padding)
cdef enum:
    ENTRY_BYTES = 16        # uint64 hash, float32 freq, int32 vector row
    CANDIDATE_BYTES = 12    # int64 entry index, float32 prior probability


cdef class LookupTables:
    cdef unordered_map[uint64_t, int64_t] _entry_index
    cdef vector[EntryC] _entries
    cdef unordered_map[uint64_t, int64_t] _alias_index
    cdef vector[AliasC] _aliases
    cdef vector[float] _vectors
    cdef int64_t _n_rows
    cdef public int64_t width

    def __init__(self, int64_t width):
        self.width = width
        self.clear()

    def clear(self) -> None:
        """No entities, no aliases, no vectors (just the dummies at index 0)."""
        self.clear_entities()
        self._alias_index.clear()
        self._aliases.clear()
        cdef AliasC dummy
        dummy.alias_hash = 0
        self._aliases.push_back(dummy)

    def clear_entities(self) -> None:
        """Drop the entities and their vectors; aliases are kept (as spaCy's set_entities)."""
        self._entry_index.clear()
        self._entries.clear()
        self._vectors.clear()
        self._n_rows = 0
        cdef EntryC dummy
        dummy.entity_hash = 0
        dummy.freq = 0
        dummy.vector_index = 0
        self._entries.push_back(dummy)

    @property
    def n_entities(self) -> int:
        return self._entry_index.size()

    @property
    def n_aliases(self) -> int:
        return self._alias_index.size()

    def has_entity(self, uint64_t entity_hash) -> bool:
        return self._entry_index.count(entity_hash) > 0

    def has_alias(self, uint64_t alias_hash) -> bool:
        return self._alias_index.count(alias_hash) > 0

    def add_entity(self, uint64_t entity_hash, float freq, const float[::1] vector) -> bool:
        """False (and nothing added) if the entity is there already."""
        if self._entry_index.count(entity_hash):
            return False
        if vector.shape[0] != self.width:
            raise ValueError(f"vector of length {vector.shape[0]}, table width {self.width}")
        cdef EntryC entry
        entry.entity_hash = entity_hash
        entry.freq = freq
        entry.vector_index = self._n_rows
        cdef int64_t i
        for i in range(vector.shape[0]):
            self._vectors.push_back(vector[i])
        self._n_rows += 1
        self._entry_index[entity_hash] = self._entries.size()
        self._entries.push_back(entry)
        return True

    def add_alias(self, uint64_t alias_hash, list entity_hashes, list probs) -> int:
        """Add an alias; -1 when added, else the position of the first unknown entity (and
        nothing added). The caller checks that the alias is new."""
        cdef AliasC alias
        alias.alias_hash = alias_hash
        cdef Py_ssize_t i
        cdef unordered_map[uint64_t, int64_t].iterator it
        for i in range(len(entity_hashes)):
            it = self._entry_index.find(<uint64_t>entity_hashes[i])
            if it == self._entry_index.end():
                return i
            alias.entry_indices.push_back(deref(it).second)
            alias.probs.push_back(<float>probs[i])
        self._alias_index[alias_hash] = self._aliases.size()
        self._aliases.push_back(alias)
        return -1

    def append_candidate(self, uint64_t alias_hash, uint64_t entity_hash, float prob) -> bool:
        """Add one (entity, prob) to a known alias's candidates; False if the entity is one
        of them already. The caller checks that both are known."""
        cdef int64_t entry_i = self._entry_index[entity_hash]
        cdef AliasC* alias = &self._aliases[self._alias_index[alias_hash]]
        cdef size_t j
        for j in range(alias.entry_indices.size()):
            if alias.entry_indices[j] == entry_i:
                return False
        alias.entry_indices.push_back(entry_i)
        alias.probs.push_back(prob)
        return True

    def alias_prob_sum(self, uint64_t alias_hash) -> float:
        cdef AliasC* alias = &self._aliases[self._alias_index[alias_hash]]
        cdef double total = 0
        cdef size_t j
        for j in range(alias.probs.size()):
            total += alias.probs[j]
        return total

    def candidates(self, uint64_t alias_hash) -> list:
        """(entity hash, frequency, vector as a list, prior probability) of each of an
        alias's candidates, in the order they were added; [] for an unknown alias."""
        cdef unordered_map[uint64_t, int64_t].iterator it = self._alias_index.find(alias_hash)
        if it == self._alias_index.end():
            return []
        cdef AliasC* alias = &self._aliases[deref(it).second]
        cdef list out = []
        cdef size_t i
        cdef int64_t e, j
        cdef EntryC* entry
        cdef list vector
        for i in range(alias.entry_indices.size()):
            e = alias.entry_indices[i]
            if e <= 0 or e >= <int64_t>self._entries.size():
                continue  # the dummy (or an index past the table): no candidate
            entry = &self._entries[e]
            if 0 <= entry.vector_index < self._n_rows:
                vector = [self._vectors[entry.vector_index * self.width + j]
                          for j in range(self.width)]
            else:
                vector = [0.0] * self.width
            out.append((entry.entity_hash, entry.freq, vector, alias.probs[i]))
        return out

    def vector(self, uint64_t entity_hash):
        """The entity's vector (float32), or None for an unknown entity."""
        if not self._entry_index.count(entity_hash):
            return None
        cdef EntryC* entry = &self._entries[self._entry_index[entity_hash]]
        out = numpy.zeros(self.width, dtype=numpy.float32)
        cdef float[::1] out_v = out
        if 0 <= entry.vector_index < self._n_rows and self.width:
            memcpy(&out_v[0], &self._vectors[entry.vector_index * self.width],
                   self.width * sizeof(float))
        return out

    def prior_prob(self, uint64_t entity_hash, uint64_t alias_hash) -> float:
        if not self._entry_index.count(entity_hash) or not self._alias_index.count(alias_hash):
            return 0.0
        cdef AliasC* alias = &self._aliases[self._alias_index[alias_hash]]
        cdef size_t j
        for j in range(alias.entry_indices.size()):
            if <size_t>alias.entry_indices[j] < self._entries.size() and \
                    self._entries[alias.entry_indices[j]].entity_hash == entity_hash:
                return alias.probs[j]
        return 0.0

    def entity_hashes(self):
        """The entities' hashes, in the order they were added."""
        out = numpy.zeros(self._entries.size() - 1, dtype=numpy.uint64)
        cdef uint64_t[::1] out_v = out
        cdef size_t i
        for i in range(1, self._entries.size()):
            out_v[i - 1] = self._entries[i].entity_hash
        return out

    def alias_hashes(self):
        """The aliases' hashes, in the order they were added."""
        out = numpy.zeros(self._aliases.size() - 1, dtype=numpy.uint64)
        cdef uint64_t[::1] out_v = out
        cdef size_t i
        for i in range(1, self._aliases.size()):
            out_v[i - 1] = self._aliases[i].alias_hash
        return out

    # ---- bulk access, for the JSON form (to_bytes) and for set_entities ----------------

    def get_entries(self):
        """(hashes uint64, freqs float32, vector rows int32, vectors float32 [rows, width])."""
        n = self._entries.size() - 1
        hashes = numpy.zeros(n, dtype=numpy.uint64)
        freqs = numpy.zeros(n, dtype=numpy.float32)
        rows = numpy.zeros(n, dtype=numpy.int32)
        cdef uint64_t[::1] h_v = hashes
        cdef float[::1] f_v = freqs
        cdef int32_t[::1] r_v = rows
        cdef size_t i
        for i in range(1, n + 1):
            h_v[i - 1] = self._entries[i].entity_hash
            f_v[i - 1] = self._entries[i].freq
            r_v[i - 1] = self._entries[i].vector_index
        # copied here, with the GIL (numpy's copy may release it, and another thread's
        # add_entity then moves the buffer under it)
        n_rows, width = self._n_rows, self.width
        vectors = numpy.zeros(n_rows * width, dtype=numpy.float32)
        cdef float[::1] v_v = vectors
        if n_rows * width and <size_t>(n_rows * width) <= self._vectors.size():
            memcpy(&v_v[0], self._vectors.data(), n_rows * width * sizeof(float))
        return hashes, freqs, rows, vectors.reshape((n_rows, width))

    def set_entries(self, const uint64_t[::1] hashes, const float[::1] freqs,
                    const int32_t[::1] rows, const float[:, ::1] vectors) -> None:
        """Replace the entities (entry i+1 is hashes[i]); aliases are kept."""
        cdef int64_t n = hashes.shape[0]
        if freqs.shape[0] != n or rows.shape[0] != n:
            raise KnowledgeBaseFileError(
                f"The knowledge base's entity tables disagree: {n} hashes, {freqs.shape[0]} "
                f"frequencies, {rows.shape[0]} vector rows.")
        if vectors.shape[0] and vectors.shape[1] != self.width:
            raise KnowledgeBaseFileError(
                f"The knowledge base's vectors have width {vectors.shape[1]}; it holds "
                f"vectors of width {self.width}.")
        self.clear_entities()
        cdef int64_t i, j
        cdef EntryC entry
        for i in range(hashes.shape[0]):
            entry.entity_hash = hashes[i]
            entry.freq = freqs[i]
            entry.vector_index = rows[i]
            self._entry_index[hashes[i]] = i + 1
            self._entries.push_back(entry)
        self._n_rows = vectors.shape[0]
        self._vectors.resize(vectors.shape[0] * self.width)
        for i in range(vectors.shape[0]):
            for j in range(self.width):
                self._vectors[i * self.width + j] = vectors[i, j]

    def get_aliases(self):
        """(alias hashes uint64, candidate counts int64, entry indices int64, probs float32):
        the candidate lists of all aliases, one after another."""
        n_alias = self._aliases.size() - 1
        hashes = numpy.zeros(n_alias, dtype=numpy.uint64)
        counts = numpy.zeros(n_alias, dtype=numpy.int64)
        cdef size_t i, j, total = 0
        for i in range(1, self._aliases.size()):
            total += self._aliases[i].entry_indices.size()
        indices = numpy.zeros(total, dtype=numpy.int64)
        probs = numpy.zeros(total, dtype=numpy.float32)
        cdef uint64_t[::1] h_v = hashes
        cdef int64_t[::1] c_v = counts
        cdef int64_t[::1] i_v = indices
        cdef float[::1] p_v = probs
        cdef size_t k = 0
        for i in range(1, self._aliases.size()):
            h_v[i - 1] = self._aliases[i].alias_hash
            c_v[i - 1] = self._aliases[i].entry_indices.size()
            for j in range(self._aliases[i].entry_indices.size()):
                i_v[k] = self._aliases[i].entry_indices[j]
                p_v[k] = self._aliases[i].probs[j]
                k += 1
        return hashes, counts, indices, probs

    def set_aliases(self, const uint64_t[::1] hashes, const int64_t[::1] counts,
                    const int64_t[::1] indices, const float[::1] probs) -> None:
        """Replace the aliases (the inverse of get_aliases)."""
        cdef int64_t n_entries = self._entries.size() - 1, total = 0, c, m
        if counts.shape[0] != hashes.shape[0]:
            raise KnowledgeBaseFileError(f"The knowledge base has {hashes.shape[0]} aliases but "
                                         f"{counts.shape[0]} candidate counts.")
        for m in range(counts.shape[0]):
            c = counts[m]
            if c < 0:
                raise KnowledgeBaseFileError(f"An alias has {c} candidates.")
            total += c
        if indices.shape[0] != total or probs.shape[0] != total:
            raise KnowledgeBaseFileError(
                f"The knowledge base's aliases list {total} candidates, but there are "
                f"{indices.shape[0]} entry indices and {probs.shape[0]} probabilities.")
        for m in range(indices.shape[0]):
            c = indices[m]
            if c < 0 or c > n_entries:
                raise KnowledgeBaseFileError(f"An alias names entry {c}, but there are "
                                             f"{n_entries} entries.")
        self._alias_index.clear()
        self._aliases.resize(1)
        cdef int64_t i, j, k = 0
        cdef AliasC alias
        for i in range(hashes.shape[0]):
            alias.alias_hash = hashes[i]
            alias.entry_indices.clear()
            alias.probs.clear()
            for j in range(counts[i]):
                alias.entry_indices.push_back(indices[k])
                alias.probs.push_back(probs[k])
                k += 1
            self._alias_index[hashes[i]] = i + 1
            self._aliases.push_back(alias)

    # ---- spaCy's binary `contents` file ------------------------------------------------

    def write_contents(self) -> bytes:
        """The tables in spaCy's InMemoryLookupKB file layout (native byte order): entity
        count and vector width (int64), the vectors (float32), each entry (uint64 hash,
        float32 freq, int32 vector row), the alias count (int64), and per alias its hash
        (uint64), candidate count (int64) and candidates (int64 entry index, float32 prob)."""
        cdef int64_t n_entries = self._entries.size() - 1
        cdef int64_t n_aliases = self._aliases.size() - 1
        cdef size_t size = 16 + self._vectors.size() * 4 + n_entries * ENTRY_BYTES + 8
        cdef size_t i, j
        for i in range(1, self._aliases.size()):
            size += 16 + self._aliases[i].entry_indices.size() * CANDIDATE_BYTES
        out = bytearray(size)
        cdef unsigned char[::1] buf = out
        cdef unsigned char* p = &buf[0]
        cdef int64_t count
        with nogil:
            p = _put(p, &n_entries, 8)
            p = _put(p, &self.width, 8)
            if self._vectors.size():
                p = _put(p, self._vectors.data(), self._vectors.size() * 4)
            for i in range(1, self._entries.size()):
                p = _put(p, &self._entries[i].entity_hash, 8)
                p = _put(p, &self._entries[i].freq, 4)
                p = _put(p, &self._entries[i].vector_index, 4)
            p = _put(p, &n_aliases, 8)
            for i in range(1, self._aliases.size()):
                count = self._aliases[i].entry_indices.size()
                p = _put(p, &self._aliases[i].alias_hash, 8)
                p = _put(p, &count, 8)
                for j in range(<size_t>count):
                    p = _put(p, &self._aliases[i].entry_indices[j], 8)
                    p = _put(p, &self._aliases[i].probs[j], 4)
        return bytes(out)

    def read_contents(self, const unsigned char[::1] data, str where) -> None:
        """Replace the tables with those of a `contents` file (see write_contents). A file
        that ends early or holds impossible counts raises KnowledgeBaseFileError, and the
        tables are left as they were."""
        backup = self.write_contents()
        try:
            self._read_contents(data, where)
        except KnowledgeBaseFileError:
            self._read_contents(backup, where)
            raise

    def _read_contents(self, const unsigned char[::1] data, str where) -> None:
        cdef size_t n = data.shape[0]
        cdef size_t pos = 0
        cdef const unsigned char* base = &data[0] if n else NULL
        cdef int64_t n_entries = 0, width = 0, n_aliases = 0, count = 0, i, j
        cdef EntryC entry
        cdef AliasC alias
        cdef int64_t entry_i
        cdef float prob
        if not _take(base, n, &pos, &n_entries, 8, 1) or not _take(base, n, &pos, &width, 8, 1):
            raise _corrupt(where, "the header (entity count and vector width)")
        if n_entries < 0 or width < 0 or n_entries > <int64_t>(n // ENTRY_BYTES) or \
                width > <int64_t>(n // 4) or (n_entries * width * 4 + n_entries * ENTRY_BYTES
                                          > <int64_t>(n - pos)):
            raise _corrupt(where, f"the entities ({n_entries} entities of vector width "
                                  f"{width} need more bytes than the file has)")
        self.width = width
        self.clear()
        self._vectors.resize(n_entries * width)
        if n_entries * width:
            _take(base, n, &pos, self._vectors.data(), 4, n_entries * width)
        self._n_rows = n_entries
        for i in range(n_entries):
            _take(base, n, &pos, &entry.entity_hash, 8, 1)
            _take(base, n, &pos, &entry.freq, 4, 1)
            _take(base, n, &pos, &entry.vector_index, 4, 1)
            self._entry_index[entry.entity_hash] = self._entries.size()
            self._entries.push_back(entry)
        if not _take(base, n, &pos, &n_aliases, 8, 1) or n_aliases < 0:
            raise _corrupt(where, "the alias count")
        for i in range(n_aliases):
            if not _take(base, n, &pos, &alias.alias_hash, 8, 1) or \
                    not _take(base, n, &pos, &count, 8, 1) or count < 0 or \
                    <size_t>count * CANDIDATE_BYTES > n - pos:
                raise _corrupt(where, f"alias {i + 1} of {n_aliases}")
            alias.entry_indices.clear()
            alias.probs.clear()
            for j in range(count):
                _take(base, n, &pos, &entry_i, 8, 1)
                _take(base, n, &pos, &prob, 4, 1)
                if entry_i < 0 or entry_i > n_entries:
                    raise _corrupt(where, f"alias {i + 1} names entry {entry_i}, but there "
                                          f"are {n_entries} entries")
                alias.entry_indices.push_back(entry_i)
                alias.probs.push_back(prob)
            self._alias_index[alias.alias_hash] = self._aliases.size()
            self._aliases.push_back(alias)
        if pos != n:
            raise _corrupt(where, f"{n - pos} bytes after the last alias")


cdef inline unsigned char* _put(unsigned char* p, const void* value, size_t size) noexcept nogil:
    memcpy(p, value, size)
    return p + size


cdef inline bint _take(const unsigned char* base, size_t n, size_t* pos, void* out,
                       size_t size, size_t count) noexcept nogil:
    """Copy count items of size bytes from base[pos] to out; False if the data ends first."""
    if size * count > n - pos[0]:
        return False
    memcpy(out, base + pos[0], size * count)
    pos[0] += size * count
    return True


def _corrupt(str where, str what):
    return KnowledgeBaseFileError(
        f"{where} is not a knowledge base file written by InMemoryLookupKB.to_disk (or it "
        f"is truncated): can't read {what}. Write it again with kb.to_disk(path).")
