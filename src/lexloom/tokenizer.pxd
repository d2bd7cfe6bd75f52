from libcpp.unordered_set cimport unordered_set

from .core cimport ChunkCache, attr_t, hash_t
from .tokens.doc cimport Doc
from .vocab cimport Vocab


cdef class Tokenizer:
    cdef readonly Vocab vocab
    cdef ChunkCache* cache
    cdef object _splitter
    cdef unordered_set[hash_t] _bigrams
    cdef bint _bigrams_ready
    cdef unordered_set[hash_t] _special_keys
    cdef bint _letters_atomic
    cdef bint _simple_affixes
    cdef bint _affix_specials
    cdef bint _plain_words
    cdef object _native
    cdef object __weakref__  # the vocab tracks its tokenizers' caches weakly
    cdef public size_t max_cache_size

    cdef int _add_chunk(self, Doc doc, str text, int kind, const void* data,
                        Py_ssize_t start, Py_ssize_t end) except -1

    cdef bint _crosses_phrase_at(self, Doc doc, int boundary)
    cdef bint _shortcut(self, hash_t key, str text, const unsigned char* data,
                        Py_ssize_t start, Py_ssize_t end) except -1
    cdef bint _split_native(self, hash_t key, str text, int kind, const void* data,
                            Py_ssize_t start, Py_ssize_t end) except -1
    cdef bint _plain_word(self, hash_t key, str text, const unsigned char* data,
                          Py_ssize_t start, Py_ssize_t end) except -1
