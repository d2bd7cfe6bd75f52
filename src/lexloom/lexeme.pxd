from .core cimport LexemeC, attr_t
from .vocab cimport Vocab


cdef class Lexeme:
    cdef readonly Vocab vocab
    cdef readonly attr_t orth

    cdef LexemeC* _c(self) except NULL
