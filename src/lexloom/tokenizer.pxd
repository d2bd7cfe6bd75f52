from libcpp.vector cimport vector

from .core cimport CachedToken, ChunkCache, KeySet, attr_t, hash_t
from .tokens.doc cimport Doc
from .vocab cimport Vocab


cdef class Tokenizer:
    cdef readonly Vocab vocab
    cdef ChunkCache* cache
    cdef object _splitter
    cdef KeySet _bigrams
    cdef bint _bigrams_ready
    cdef unsigned long _generation  # counts rule changes (_clear)
    cdef KeySet _special_keys
    cdef dict _phrase_starts  # first orth id -> orth ids of phrase special cases
    cdef bint _letters_atomic
    cdef bint _simple_affixes
    cdef bint _affix_specials
    cdef bint _plain_words
    cdef bint _lexemes_pending  # special-case lexemes left for after a load
    cdef object _native
    cdef object __weakref__  # the vocab tracks its tokenizers' caches weakly

    cdef object _tokenize(self, str s)
    cdef int _add_chunk(self, Doc doc, str text, int kind, const void* data,
                        Py_ssize_t start, Py_ssize_t end) except -1

    cdef bint _crosses_phrase_at(self, Doc doc, int boundary)
    cdef int _unset_respecialled_start(self, Doc doc, str text,
                                       bint first_chunk_only=*) except -1
    cdef bint _shortcut(self, str text, const unsigned char* data,
                        Py_ssize_t start, Py_ssize_t end,
                        vector[CachedToken]* pieces) except -1
    cdef bint _split_native(self, str text, int kind, const void* data,
                            Py_ssize_t start, Py_ssize_t end,
                            vector[CachedToken]* pieces) except -1
    cdef bint _plain_word(self, str text, const unsigned char* data,
                          Py_ssize_t start, Py_ssize_t end,
                          vector[CachedToken]* pieces) except -1
    cdef int _split_python(self, str chunk, vector[CachedToken]* pieces) except -1
