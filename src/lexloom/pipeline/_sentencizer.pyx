# cython: language_level=3
"""The sentencizer's scan (csrc/lexloom/sentencizer.hh): one native pass per Doc."""
from libc.stdint cimport int8_t, int32_t, uint64_t
from libcpp cimport bool as cbool

from ..core cimport TokenC, attr_t
from ..tokens.doc cimport Doc

import numpy

from ..errors import DocError

cdef extern from "lexloom/sentencizer.hh" namespace "lexloom" nogil:
    void sentencizer_starts(const TokenC* tokens, int32_t n, const attr_t* final_orths,
                            int32_t n_final, int8_t* out)
    void write_sent_starts(TokenC* tokens, int32_t n, const int8_t* starts, cbool overwrite)


def sentence_starts(Doc doc not None, const uint64_t[::1] final_orths):
    """Bool array: which tokens of `doc` start a sentence. final_orths: sorted ORTH ids."""
    out = numpy.zeros(doc.length, dtype=numpy.int8)
    cdef int8_t[::1] out_v = out
    if doc.length:
        sentencizer_starts(doc.c, doc.length, <const attr_t*>&final_orths[0] if
                           final_orths.shape[0] else NULL, final_orths.shape[0], &out_v[0])
    return out.view(bool)


def sentencize(Doc doc not None, const uint64_t[::1] final_orths, bint overwrite):
    """Find and write the sentence starts of `doc` (existing ones kept unless overwrite)."""
    cdef int n = doc.length
    if n == 0:
        return
    cdef int8_t[::1] starts = numpy.zeros(n, dtype=numpy.int8)
    # With the GIL: the scan reads the tokens' lexemes, which a memory zone's release on
    # another thread moves (it holds the GIL for the whole move).
    sentencizer_starts(doc.c, n, <const attr_t*>&final_orths[0] if final_orths.shape[0]
                       else NULL, final_orths.shape[0], &starts[0])
    write_sent_starts(doc.c, n, &starts[0], overwrite)


def write_starts(Doc doc not None, const int8_t[::1] starts, bint overwrite):
    """Write given starts (1 / 0 per token) onto `doc`."""
    if starts.shape[0] != doc.length:
        raise DocError(f"{starts.shape[0]} sentence-start values for a Doc of {doc.length} "
                         "tokens; pass one per token (Sentencizer.predict's output).")
    if doc.length:
        write_sent_starts(doc.c, doc.length, &starts[0], overwrite)
