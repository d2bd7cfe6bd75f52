# cython: language_level=3
"""Levenshtein distance and the FUZZY comparison of spaCy's matcher (spacy.matcher.levenshtein)."""
from libc.math cimport nearbyint
from libc.stdint cimport int64_t, uint32_t


cdef extern from "lexloom/levenshtein.hh" namespace "lexloom" nogil:
    int64_t levenshtein_bounded(const uint32_t* a, int64_t na, const uint32_t* b, int64_t nb,
                                int64_t max_edits)


cpdef int64_t levenshtein(str a, str b, k=None) except -2:
    """Edit distance of a and b. With 0 <= k < 4 (or a length gap above k) a distance above k
    is reported as k + 1, as spaCy's polyleven does; otherwise the exact distance."""
    cdef int64_t bound = -1 if k is None else k
    if len(a) < len(b):
        a, b = b, a
    if bound == 0:
        return 0 if a == b else 1
    if 0 < bound < len(a) - len(b):
        return bound + 1
    if len(b) == 0:
        return len(a)
    if not 0 < bound < 4:
        bound = -1
    cdef bytes ab = a.encode("utf-32-le", "surrogatepass")  # lone surrogates are valid str
    cdef bytes bb = b.encode("utf-32-le", "surrogatepass")
    cdef const char* ap = ab
    cdef const char* bp = bb
    cdef int64_t na = len(ab) // 4
    cdef int64_t nb = len(bb) // 4
    cdef int64_t d
    with nogil:
        d = levenshtein_bounded(<const uint32_t*>ap, na, <const uint32_t*>bp, nb, bound)
    return d


cpdef bint levenshtein_compare(str input_text, str pattern_text, int64_t fuzzy=-1) except -1:
    """Whether input_text is within `fuzzy` edits of pattern_text; fuzzy=-1 allows
    max(2, round(0.3 * len(pattern_text))) edits (so one transposition always passes)."""
    cdef int64_t max_edits
    if fuzzy >= 0:
        max_edits = fuzzy
    else:
        # nearbyint rounds half to even, as Python's round() does
        max_edits = max(2, <int64_t>nearbyint(0.3 * len(pattern_text)))
    return levenshtein(input_text, pattern_text, max_edits) <= max_edits
