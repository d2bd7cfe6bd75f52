# cython: language_level=3, boundscheck=False, wraparound=False
"""The rule components' per-token loops (csrc/lexloom/token_rules.hh) for Python: one call
per Doc fills cached lemmas or writes matched rules' attributes."""
from libc.stdint cimport int32_t, int64_t, uint64_t
from libcpp cimport bool as cbool
from libcpp.vector cimport vector

cimport numpy as np

from ..core cimport TokenC, attr_t
from ..tokens.doc cimport Doc

import numpy

from ..errors import DocError


cdef extern from "lexloom/token_rules.hh" namespace "lexloom" nogil:
    cdef cppclass CLemmaCache "lexloom::LemmaCache":
        CLemmaCache(cbool by_pos_morph)
        int32_t apply(TokenC* tokens, int32_t n, cbool overwrite, int32_t* missing)
        void insert(attr_t orth, int32_t pos, attr_t morph, attr_t lemma)
        void clear()
        size_t size()
    int64_t c_apply_rule_attrs "lexloom::apply_rule_attrs"(
        TokenC* tokens, int32_t n, const int64_t* matches, int64_t m, const int64_t* index,
        const int64_t* attr_offsets, const uint64_t* attr_ids, const attr_t* attr_values,
        int64_t n_rules)


cdef class LemmaCache:
    """Lemma ids by (orth, pos, morph) key, or by orth alone (by_pos_morph=False)."""
    cdef CLemmaCache* c
    cdef readonly bint by_pos_morph

    def __cinit__(self, bint by_pos_morph=True):
        self.c = new CLemmaCache(by_pos_morph)
        self.by_pos_morph = by_pos_morph

    def __dealloc__(self):
        del self.c

    def __len__(self):
        return self.c.size()

    def clear(self):
        self.c.clear()

    def apply(self, Doc doc, bint overwrite=False):
        """Fill the cached lemmas of the tokens that want one; returns the indices (int32)
        of those whose key isn't cached yet."""
        cdef np.ndarray[int32_t, ndim=1] missing = numpy.empty(doc.length, dtype=numpy.int32)
        cdef int32_t n_missing = 0
        if doc.length:
            # with the GIL held: another thread's lemmatizer may insert into the cache
            n_missing = self.c.apply(doc.c, doc.length, overwrite, <int32_t*>missing.data)
        return missing[:n_missing]

    def insert(self, attr_t orth, int pos, attr_t morph, attr_t lemma):
        self.c.insert(orth, pos, morph, lemma)


cdef class RuleAttrs:
    """The attribute ruler's rules as flat arrays (see apply_rule_attrs in token_rules.hh):
    rule r writes ids/values [offsets[r], offsets[r+1]) to its span's token index[r]."""
    cdef vector[int64_t] index
    cdef vector[int64_t] offsets
    cdef vector[uint64_t] ids
    cdef vector[attr_t] values

    def __init__(self, index, offsets, ids, values):
        if len(offsets) != len(index) + 1 or len(ids) != len(values) or (
                len(index) and offsets[len(index)] > len(ids)):
            raise DocError("RuleAttrs: rule tables of inconsistent lengths.")
        self.index = [int(i) for i in index]
        self.offsets = [int(o) for o in offsets]
        self.ids = [int(a) for a in ids]
        self.values = [int(v) & 0xFFFFFFFFFFFFFFFF for v in values]

    def apply(self, Doc doc, rows) -> int:
        """Write the rules of `rows` ((rule, start, end) tuples, in writing order) to the
        Doc. Returns -1, or the position of the first row whose target token is outside its
        span (rows before it are written)."""
        cdef vector[int64_t] flat
        flat.reserve(3 * len(rows))
        for rule, start, end in rows:
            flat.push_back(rule)
            flat.push_back(start)
            flat.push_back(end)
        cdef int64_t m = len(rows)
        cdef int64_t failed = -1
        if m == 0:
            return -1
        # With the GIL: rules write to the tokens' lexemes, which a memory zone's release on
        # another thread copies and moves (it holds the GIL for the whole move).
        failed = c_apply_rule_attrs(doc.c, doc.length, flat.data(), m, self.index.data(),
                                    self.offsets.data(), self.ids.data(),
                                    self.values.data(), <int64_t>self.index.size())
        return failed
