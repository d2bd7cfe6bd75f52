from .core cimport LexemeC, attr_t
from .vocab cimport Vocab


cdef class Lexeme:
    cdef LexemeC* c
    cdef readonly Vocab vocab
    cdef readonly attr_t orth
