from ..core cimport LexemeC, TokenArray, TokenC, attr_t
from ..vocab cimport Vocab


cdef class Doc:
    cdef TokenArray arr
    cdef TokenC* c
    cdef readonly int length
    cdef readonly Vocab vocab
    cdef public dict user_data
    cdef public dict cats
    cdef object _spans
    cdef public bint has_unknown_spaces
    cdef public object tensor
    cdef public dict user_hooks
    cdef public dict user_token_hooks
    cdef public dict user_span_hooks
    cdef public float sentiment
    cdef public object noun_chunks_iterator
    cdef object _mem
    cdef object _vector
    cdef object _vector_norm
    cdef object __weakref__

    cdef int push_back(self, const LexemeC* lex, bint has_space) except -1
    cdef int reserve(self, int n) except -1


cdef class MemoryZoneDocs:
    cdef public object docs
    cdef public long created


cdef class Token:
    cdef readonly Doc doc
    cdef readonly int i

    @staticmethod
    cdef Token cinit(Doc doc, int i)

    cdef TokenC* _c(self)


cdef class Span:
    cdef readonly Doc doc
    cdef readonly int start
    cdef readonly int end
    cdef public attr_t label
    cdef public attr_t kb_id
    cdef public attr_t id
    cdef object _vector
