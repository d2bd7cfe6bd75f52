from .core cimport ChunkCache, hash_t
from .tokens.doc cimport Doc
from .vocab cimport Vocab


cdef class Tokenizer:
    cdef readonly Vocab vocab
    cdef ChunkCache* cache
    cdef object _splitter

    cdef int _add_chunk(self, Doc doc, str text, int kind, const void* data,
                        Py_ssize_t start, Py_ssize_t end) except -1
