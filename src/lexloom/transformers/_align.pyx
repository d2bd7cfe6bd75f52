# cython: language_level=3, boundscheck=False, wraparound=False
"""Wordpiece <-> token alignment kernels (csrc/lexloom/wp_align.hh) for Python.

Arguments are checked here, once, and turned into lexloom.errors.AlignmentError; the loops
then run without the GIL. The public, documented API is lexloom.transformers.alignment.
"""
from libc.stdint cimport int32_t, int64_t, uint8_t, uint32_t
from libcpp cimport bool as cbool

cimport numpy as np

import numpy

from ..errors import AlignmentError

np.import_array()


cdef extern from "lexloom/wp_align.hh" namespace "lexloom" nogil:
    int c_check_spans "lexloom::check_spans"(
        const int64_t* tok_starts, const int64_t* tok_ends, int64_t n_tokens,
        const int64_t* piece_starts, const int64_t* piece_ends, int64_t n_pieces,
        int64_t* bad, cbool* bad_is_piece)
    bint pieces_sorted_by_start(const int64_t* piece_starts, const int64_t* piece_ends,
                                int64_t n_pieces)
    void order_pieces_by_start(const int64_t* piece_starts, int64_t n_pieces,
                               int64_t* order) except +
    int64_t count_alignment(const int64_t* tok_starts, const int64_t* tok_ends,
                            int64_t n_tokens, const int64_t* piece_starts,
                            const int64_t* piece_ends, int64_t n_pieces,
                            const int64_t* order, int32_t* lengths)
    void fill_alignment(const int64_t* tok_starts, const int64_t* tok_ends, int64_t n_tokens,
                        const int64_t* piece_starts, const int64_t* piece_ends,
                        int64_t n_pieces, const int64_t* order, const int32_t* lengths,
                        int32_t* indices) except +
    int64_t c_expand_by_table "lexloom::expand_by_table"(
        const int64_t* ids, int64_t n, const int64_t* offsets, const uint32_t* values,
        uint32_t* out, int64_t* origin)
    void c_match_pieces "lexloom::match_pieces"(
        const uint32_t* text, const int64_t* origin, const uint8_t* word_starts,
        int64_t n_text, int64_t text_length,
        const uint32_t* piece_units, const int64_t* piece_offsets, const uint8_t* kinds,
        int64_t n_pieces, int64_t window, int64_t* starts, int64_t* ends) except +

_INT32_MAX = 2 ** 31 - 1

_SPAN_PROBLEMS = {
    1: "is negative (offsets count characters from the start of the text)",
    2: "ends before it starts",
    3: ("starts before the previous token ends: tokens must be given in text order and "
        "must not overlap"),
}


cdef np.ndarray _offsets(object values, str name):
    """A 1-D C-contiguous int64 copy/view of integer offsets."""
    arr = numpy.asarray(values)
    if arr.ndim != 1:
        raise AlignmentError(f"{name} must be a 1-D array of character offsets, got shape "
                             f"{arr.shape}.")
    if arr.size and not numpy.issubdtype(arr.dtype, numpy.integer):
        raise AlignmentError(f"{name} must hold integer character offsets, got dtype "
                             f"{arr.dtype}.")
    return numpy.ascontiguousarray(arr, dtype=numpy.int64)


def align_offsets(token_starts, token_ends, piece_starts, piece_ends):
    """(lengths int32[n_tokens], indices int32[sum(lengths)]): see alignment.align_by_offsets."""
    cdef np.ndarray ts = _offsets(token_starts, "token_starts")
    cdef np.ndarray te = _offsets(token_ends, "token_ends")
    cdef np.ndarray ps = _offsets(piece_starts, "piece_starts")
    cdef np.ndarray pe = _offsets(piece_ends, "piece_ends")
    if ts.shape[0] != te.shape[0]:
        raise AlignmentError(f"token_starts has {ts.shape[0]} offsets but token_ends has "
                             f"{te.shape[0]}: give one start and one end per token.")
    if ps.shape[0] != pe.shape[0]:
        raise AlignmentError(f"piece_starts has {ps.shape[0]} offsets but piece_ends has "
                             f"{pe.shape[0]}: give one start and one end per piece.")
    if ps.shape[0] > _INT32_MAX:
        raise AlignmentError(f"{ps.shape[0]} pieces is more than int32 indices can hold.")
    cdef int64_t n_tokens = ts.shape[0], n_pieces = ps.shape[0]
    cdef const int64_t* p_ts = <const int64_t*>np.PyArray_DATA(ts)
    cdef const int64_t* p_te = <const int64_t*>np.PyArray_DATA(te)
    cdef const int64_t* p_ps = <const int64_t*>np.PyArray_DATA(ps)
    cdef const int64_t* p_pe = <const int64_t*>np.PyArray_DATA(pe)
    cdef int64_t bad = -1
    cdef cbool bad_is_piece = False
    cdef int status
    with nogil:
        status = c_check_spans(p_ts, p_te, n_tokens, p_ps, p_pe, n_pieces, &bad, &bad_is_piece)
    if status != 0:
        if bad_is_piece:
            raise AlignmentError(f"piece {bad} has the span ({ps[bad]}, {pe[bad]}), which "
                                 f"{_SPAN_PROBLEMS[status]}.")
        raise AlignmentError(f"token {bad} has the span ({ts[bad]}, {te[bad]}), which "
                             f"{_SPAN_PROBLEMS[status]}.")
    cdef np.ndarray order_arr = None
    cdef const int64_t* order = NULL
    cdef bint sorted_
    with nogil:
        sorted_ = pieces_sorted_by_start(p_ps, p_pe, n_pieces)
    if not sorted_:
        order_arr = numpy.empty(n_pieces, dtype=numpy.int64)
        order = <const int64_t*>np.PyArray_DATA(order_arr)
        with nogil:
            order_pieces_by_start(p_ps, n_pieces, <int64_t*>order)
    cdef np.ndarray lengths = numpy.empty(n_tokens, dtype=numpy.int32)
    cdef int32_t* p_lengths = <int32_t*>np.PyArray_DATA(lengths)
    cdef int64_t total
    with nogil:
        total = count_alignment(p_ts, p_te, n_tokens, p_ps, p_pe, n_pieces, order, p_lengths)
    cdef np.ndarray indices = numpy.empty(total, dtype=numpy.int32)
    cdef int32_t* p_indices = <int32_t*>np.PyArray_DATA(indices)
    with nogil:
        fill_alignment(p_ts, p_te, n_tokens, p_ps, p_pe, n_pieces, order, p_lengths, p_indices)
    return lengths, indices


def expand_by_table(ids, offsets, values):
    """(units uint32, origin int64): entry ids[i] of the table replaces position i.

    ids: int64 table entries (each in [0, len(offsets) - 1)); offsets: int64 boundaries of
    the entries in values (uint32 code units).
    """
    cdef np.ndarray ids_a = numpy.ascontiguousarray(ids, dtype=numpy.int64)
    cdef np.ndarray off_a = numpy.ascontiguousarray(offsets, dtype=numpy.int64)
    cdef np.ndarray val_a = numpy.ascontiguousarray(values, dtype=numpy.uint32)
    if ids_a.ndim != 1 or off_a.ndim != 1 or val_a.ndim != 1 or off_a.shape[0] < 1:
        raise AlignmentError("expand_by_table needs 1-D ids, offsets (at least one) and values.")
    if ids_a.shape[0] and (ids_a.min() < 0 or ids_a.max() >= off_a.shape[0] - 1):
        raise AlignmentError("expand_by_table: an id is outside the table.")
    if (off_a[0] != 0 or off_a[off_a.shape[0] - 1] != val_a.shape[0]
            or numpy.any(numpy.diff(off_a) < 0)):
        raise AlignmentError("expand_by_table: offsets must rise from 0 to len(values).")
    cdef const int64_t* p_ids = <const int64_t*>np.PyArray_DATA(ids_a)
    cdef const int64_t* p_off = <const int64_t*>np.PyArray_DATA(off_a)
    cdef const uint32_t* p_val = <const uint32_t*>np.PyArray_DATA(val_a)
    cdef int64_t n = ids_a.shape[0], total
    with nogil:
        total = c_expand_by_table(p_ids, n, p_off, p_val, NULL, NULL)
    cdef np.ndarray out = numpy.empty(total, dtype=numpy.uint32)
    cdef np.ndarray origin = numpy.empty(total, dtype=numpy.int64)
    with nogil:
        c_expand_by_table(p_ids, n, p_off, p_val, <uint32_t*>np.PyArray_DATA(out),
                          <int64_t*>np.PyArray_DATA(origin))
    return out, origin


def match_pieces(text_units, origin, word_starts, int64_t text_length, piece_units,
                 piece_offsets, kinds, int64_t window):
    """(starts int64, ends int64) of each piece in the original text; see wp_align.hh.
    word_starts: uint8 per text unit, or None."""
    cdef np.ndarray t = numpy.ascontiguousarray(text_units, dtype=numpy.uint32)
    cdef np.ndarray o = numpy.ascontiguousarray(origin, dtype=numpy.int64)
    cdef np.ndarray w = None
    cdef const uint8_t* p_w = NULL
    if word_starts is not None:
        w = numpy.ascontiguousarray(word_starts, dtype=numpy.uint8)
        if w.ndim != 1 or w.shape[0] != t.shape[0]:
            raise AlignmentError("match_pieces needs one word-start flag per text unit.")
        p_w = <const uint8_t*>np.PyArray_DATA(w)
    cdef np.ndarray u = numpy.ascontiguousarray(piece_units, dtype=numpy.uint32)
    cdef np.ndarray off = numpy.ascontiguousarray(piece_offsets, dtype=numpy.int64)
    cdef np.ndarray k = numpy.ascontiguousarray(kinds, dtype=numpy.uint8)
    if t.ndim != 1 or o.ndim != 1 or t.shape[0] != o.shape[0]:
        raise AlignmentError("match_pieces needs one origin per text unit.")
    if o.shape[0] and (o.min() < 0 or o.max() >= text_length
                       or numpy.any(numpy.diff(o) < 0)):
        raise AlignmentError("match_pieces: origins must be non-decreasing character "
                             "positions inside the text.")
    if off.ndim != 1 or k.ndim != 1 or off.shape[0] != k.shape[0] + 1:
        raise AlignmentError("match_pieces needs len(kinds) + 1 piece offsets.")
    if off[0] != 0 or off[off.shape[0] - 1] != u.shape[0] or numpy.any(numpy.diff(off) < 0):
        raise AlignmentError("match_pieces: piece offsets must rise from 0 to len(piece_units).")
    if k.shape[0] and k.max() > 2:
        raise AlignmentError("match_pieces: piece kinds are 0 (text), 1 (special), 2 (unknown).")
    cdef int64_t n_pieces = k.shape[0]
    cdef np.ndarray starts = numpy.empty(n_pieces, dtype=numpy.int64)
    cdef np.ndarray ends = numpy.empty(n_pieces, dtype=numpy.int64)
    with nogil:
        c_match_pieces(<const uint32_t*>np.PyArray_DATA(t), <const int64_t*>np.PyArray_DATA(o),
                       p_w, t.shape[0], text_length, <const uint32_t*>np.PyArray_DATA(u),
                       <const int64_t*>np.PyArray_DATA(off), <const uint8_t*>np.PyArray_DATA(k),
                       n_pieces, window, <int64_t*>np.PyArray_DATA(starts),
                       <int64_t*>np.PyArray_DATA(ends))
    return starts, ends
