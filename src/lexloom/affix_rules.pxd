from libc.stdint cimport int32_t, int64_t, uint32_t
from libcpp cimport bool as cbool
from libcpp.memory cimport shared_ptr
from libcpp.vector cimport vector


cdef extern from *:
    ctypedef uint32_t char32_t


cdef extern from "<string>" namespace "std" nogil:
    cdef cppclass u32string:
        u32string()
        const char32_t* data()
        size_t size()


cdef extern from "lexloom/affix_rules.hh" namespace "lexloom" nogil:
    ctypedef enum RxStatus:
        kRxNoMatch
        kRxMatch
        kRxAbort
        kRxBadProgram
    ctypedef enum RxMethod:
        kMethodMatch
        kMethodSearch
        kMethodFullmatch
        kMethodFinditer

    cdef cppclass Regex:
        cbool build(const int32_t* program, int64_t n_program, const uint32_t* classes,
                    int64_t n_classes, int32_t word_class, cbool first_start,
                    int32_t end_width, int32_t required_class, const int32_t* tail_classes,
                    int64_t n_tail_classes)
        RxStatus match_at(const char32_t* s, int32_t n, int32_t pos, cbool full, int32_t* end)
        RxStatus search(const char32_t* s, int32_t n, int32_t* start, int32_t* end)
        RxStatus finditer(const char32_t* s, int32_t n, vector[int32_t]* spans)

    cdef struct SplitPiece:
        int32_t start
        int32_t end
        int32_t special
        int32_t sub

    cdef cppclass Rule "lexloom::ChunkSplitter::Rule":
        shared_ptr[Regex] regex
        RxMethod method

    cdef cppclass ChunkSplitter:
        Rule prefix, suffix, infix, token_match, url_match
        void add_special(const char32_t* s, int32_t n, const int32_t* piece_lengths,
                         int32_t n_pieces)
        void clear_specials()
        void add_phrase(const char32_t* s, const int32_t* token_lengths, int32_t n_tokens,
                        int32_t special)
        void clear_phrases()
        void set_guard(const uint32_t* ranges, size_t n_values)
        RxStatus split(const char32_t* s, int32_t n, cbool with_specials, cbool phrase_pass,
                       vector[SplitPiece]* out, cbool* fallback, vector[int32_t]* asks)

    void widen_chars(const void* data, int kind, int64_t start, int64_t end, u32string* out)


cdef class CompiledRule:
    cdef shared_ptr[Regex] regex
    cdef readonly str pattern
    cdef readonly int flags
    cdef readonly int min_width


cdef class NativeSplitter:
    cdef ChunkSplitter* c
    cdef u32string buf
    cdef vector[SplitPiece] pieces
    cdef readonly list special_strings
    cdef dict _special_ids
    # [start0, end0, ...]: the strings of the last `split` that Python's token_match must
    # say no to (see ChunkSplitter::split)
    cdef vector[int32_t] asks

    cdef RxStatus split_chars(self, const void* data, int kind, Py_ssize_t start,
                              Py_ssize_t end, bint with_specials, bint phrase_pass,
                              bint* fallback, vector[int32_t]* asks=*)
