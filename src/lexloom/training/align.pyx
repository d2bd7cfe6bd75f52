# cython: language_level=3, boundscheck=False, wraparound=False
"""Character-based token alignment (csrc/lexloom/align.hh) for Python.

Two tokenizations of one text are aligned by walking both texts character by character,
case-insensitively, skipping whitespace that only one side has. The result is a list of
(a token, b token) pairs in text order, from which Example builds its x2y / y2x alignment.
"""
from libc.stdint cimport int32_t, int64_t, uint32_t

cimport numpy as np

import numpy

from ..errors import ExampleError

np.import_array()


cdef extern from "lexloom/align.hh" namespace "lexloom" nogil:
    cdef struct AlignStatus:
        int64_t n_pairs
        int64_t pos_a
        int64_t pos_b
    bint char_tokens(const int64_t* starts, const int64_t* lengths, int64_t n_tokens,
                     int32_t* out, int64_t n_chars)
    AlignStatus align_chars(const uint32_t* a, const int32_t* tok_a, int64_t n_a,
                            const uint32_t* b, const int32_t* tok_b, int64_t n_b,
                            int32_t* out_a, int32_t* out_b)


def _fold(str text) -> str:
    """Lower-case `text` without changing its length (so character offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. 'İ') lower-case to two code points: keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _code_points(str text):
    return numpy.frombuffer(_fold(text).encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)


def _char_tokens(str text, starts, lengths, what):
    cdef np.ndarray[int64_t, ndim=1] s = numpy.ascontiguousarray(starts, dtype=numpy.int64)
    cdef np.ndarray[int64_t, ndim=1] n = numpy.ascontiguousarray(lengths, dtype=numpy.int64)
    if s.shape[0] != n.shape[0]:
        raise ExampleError(f"align: {what} has {s.shape[0]} token starts but {n.shape[0]} "
                           "lengths.")
    cdef np.ndarray[int32_t, ndim=1] out = numpy.empty(len(text), dtype=numpy.int32)
    cdef bint ok
    with nogil:
        ok = char_tokens(<const int64_t*>s.data, <const int64_t*>n.data, s.shape[0],
                         <int32_t*>out.data, out.shape[0])
    if not ok:
        raise ExampleError(f"align: a token of {what} lies outside its text of "
                           f"{len(text)} characters.")
    return out


def align_texts(str text_a, starts_a, lengths_a, str text_b, starts_b, lengths_b):
    """(pairs_a, pairs_b): int32 arrays of aligned token indices of a and b, in text order.

    starts_* / lengths_* are each token's character offset and length in its text.
    Raises ExampleError when the texts differ in anything but whitespace and case.
    """
    cdef np.ndarray[uint32_t, ndim=1] a = _code_points(text_a)
    cdef np.ndarray[uint32_t, ndim=1] b = _code_points(text_b)
    cdef np.ndarray[int32_t, ndim=1] tok_a = _char_tokens(text_a, starts_a, lengths_a, "the first text")
    cdef np.ndarray[int32_t, ndim=1] tok_b = _char_tokens(text_b, starts_b, lengths_b, "the second text")
    cdef int64_t cap = min(a.shape[0], b.shape[0])
    cdef np.ndarray[int32_t, ndim=1] out_a = numpy.empty(cap, dtype=numpy.int32)
    cdef np.ndarray[int32_t, ndim=1] out_b = numpy.empty(cap, dtype=numpy.int32)
    cdef AlignStatus status
    with nogil:
        status = align_chars(<const uint32_t*>a.data, <const int32_t*>tok_a.data, a.shape[0],
                             <const uint32_t*>b.data, <const int32_t*>tok_b.data, b.shape[0],
                             <int32_t*>out_a.data, <int32_t*>out_b.data)
    if status.n_pairs < 0:
        raise ExampleError(
            "[E949] Can't align the predicted and reference tokens: their texts differ in more "
            f"than whitespace and case, near {_context(text_a, status.pos_a)} in the predicted "
            f"text and {_context(text_b, status.pos_b)} in the reference. Make the reference "
            "words from the same text (Example.from_dict(nlp.make_doc(text), {'words': ...})).")
    return out_a[:status.n_pairs], out_b[:status.n_pairs]


def _context(str text, int64_t pos) -> str:
    if pos >= len(text):
        return "the end"
    return repr(text[max(0, pos - 15):pos + 15]) + f" (character {pos})"


def get_alignments(A, B):
    """(a2b, b2a): for each word of A the indices of the words of B it overlaps, and back;
    the two lists' concatenations may differ only in whitespace and case (spaCy's API)."""
    from .alignment import Alignment

    alignment = Alignment.from_strings(A, B)
    return alignment.x2y.to_lists(), alignment.y2x.to_lists()
