# cython: language_level=3, boundscheck=False, wraparound=False
"""The rule components' per-token loops (csrc/lexloom/token_rules.hh) for Python: one call
per Doc fills cached lemmas or writes matched rules' attributes."""
from libc.stdint cimport int32_t, int64_t, uint64_t
from libcpp cimport bool as cbool

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
            with nogil:
                n_missing = self.c.apply(doc.c, doc.length, overwrite, <int32_t*>missing.data)
        return missing[:n_missing]

    def insert(self, attr_t orth, int pos, attr_t morph, attr_t lemma):
        self.c.insert(orth, pos, morph, lemma)


def apply_rule_attrs(Doc doc, matches, index, attr_offsets, attr_ids, attr_values) -> int:
    """Write each matched rule's attributes (see token_rules.hh). matches: (m, 3) int64 rows
    (rule, start, end) in writing order. Returns -1, or the row whose target token is outside
    its span."""
    cdef np.ndarray[int64_t, ndim=2] m_arr = numpy.ascontiguousarray(matches, dtype=numpy.int64).reshape((-1, 3))
    cdef np.ndarray[int64_t, ndim=1] idx = numpy.ascontiguousarray(index, dtype=numpy.int64)
    cdef np.ndarray[int64_t, ndim=1] offs = numpy.ascontiguousarray(attr_offsets, dtype=numpy.int64)
    cdef np.ndarray[uint64_t, ndim=1] ids = numpy.ascontiguousarray(attr_ids, dtype=numpy.uint64)
    cdef np.ndarray[uint64_t, ndim=1] vals = numpy.ascontiguousarray(attr_values, dtype=numpy.uint64)
    cdef int64_t n_rules = idx.shape[0]
    if offs.shape[0] != n_rules + 1 or ids.shape[0] != vals.shape[0] or (
            n_rules and offs[n_rules] > ids.shape[0]):
        raise DocError("apply_rule_attrs: rule tables of inconsistent lengths.")
    cdef int64_t m = m_arr.shape[0]
    cdef int64_t failed = -1
    if m == 0:
        return -1
    with nogil:
        failed = c_apply_rule_attrs(doc.c, doc.length, <const int64_t*>m_arr.data, m,
                                    <const int64_t*>idx.data, <const int64_t*>offs.data,
                                    <const uint64_t*>ids.data, <const attr_t*>vals.data,
                                    n_rules)
    return failed
