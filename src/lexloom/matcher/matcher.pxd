# C-level declarations of csrc/lexloom/matcher.hh: the compiled patterns and their matching loop.
from libc.stdint cimport int8_t, int32_t, int64_t, uint64_t
from libcpp cimport bool as cbool
from libcpp.vector cimport vector

from ..core cimport TokenC, attr_t


cdef extern from "lexloom/matcher.hh" namespace "lexloom::matcher" nogil:
    cdef struct Check:
        int32_t kind
        int32_t op
        uint64_t attr
        uint64_t value
        int64_t ival
        double fval
        int32_t is_float
        int32_t set_start
        int32_t set_len

    cdef struct Node:
        int32_t quantifier
        int32_t check_start
        int32_t n_checks
        int32_t token_idx

    cdef struct FindError:
        int32_t token
        int32_t column

    cdef struct MatchC:
        attr_t key
        int32_t start
        int32_t length
        int32_t pattern

    int32_t greedy_order(const MatchC* matches, int64_t n, const int32_t* greedy_of_pattern,
                         int32_t n_patterns, int32_t n_tokens, vector[int64_t]& order) except +

    attr_t matcher_token_attr(const TokenC* t, uint64_t attr)

    cdef cppclass PatternSet:
        int32_t add(attr_t key, const Node* nodes, int32_t n_nodes, const Check* checks,
                    int32_t n_checks, const uint64_t* set_values, int32_t n_set_values) except +
        void clear()
        void prepare() except +
        int32_t size()
        int32_t find(const TokenC* tokens, int32_t n, const int8_t* pred, int32_t n_pred,
                     const attr_t* ext, int32_t n_ext, cbool with_alignments,
                     vector[MatchC]& out, vector[int32_t]& aligns,
                     vector[int64_t]& align_offsets, FindError* error) except +


cdef class Matcher:
    cdef PatternSet* c
    cdef readonly object vocab
    cdef public object validate
    cdef public object _patterns
    cdef public object _callbacks
    cdef public object _filter
    cdef public object _extensions
    cdef public object _extra_predicates
    cdef public object _seen_attrs
    cdef public object _fuzzy_compare
    cdef object _compiled
    cdef object _live_predicates
    cdef object _value_verdicts
    cdef public object _predicate_keys
    cdef object _pattern_keys
    cdef object _key_patterns
    cdef object _live_set
    cdef vector[int32_t] _pattern_greedy
