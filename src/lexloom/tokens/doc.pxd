from ..core cimport LexemeC, TokenArray, TokenC, attr_t
from ..vocab cimport Vocab


cdef class Doc:
    cdef TokenArray arr
    cdef TokenC* c
    cdef readonly int length
    cdef readonly Vocab vocab
    # object, as spaCy's: code may store a defaultdict or another mapping
    cdef public object user_data
    cdef public object cats
    cdef object _spans
    cdef public bint has_unknown_spaces
    cdef public object tensor
    cdef public dict user_hooks
    cdef public dict user_token_hooks
    cdef public dict user_span_hooks
    cdef public float sentiment
    cdef public object noun_chunks_iterator
    # the context of nlp.pipe(as_tuples=True) while the Doc is in the pipeline (spaCy's)
    cdef public object _context
    cdef object _mem
    cdef public object _vector       # (public, as spaCy's)
    cdef public object _vector_norm
    cdef object __weakref__
    # Bumped whenever tokens are merged, split or replaced: a Span made before then finds
    # its tokens again from its character offsets (one int compare when nothing changed).
    cdef unsigned int _layout

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

    cdef TokenC* _c(self) except NULL


cdef class Span:
    cdef readonly Doc doc
    # Token bounds as of doc._layout == _layout; read them through _lo() / _hi() (or the
    # start / end properties), which re-find them from the character offsets when stale.
    cdef int _start
    cdef int _end
    cdef int _start_char
    cdef int _end_char
    cdef unsigned int _layout
    cdef bint _moved      # made before a retokenize: its token bounds were re-found
    cdef public attr_t label
    cdef public attr_t kb_id
    cdef public attr_t id
    cdef public object _vector       # (public, as spaCy's)
    cdef public object _vector_norm

    cdef void _realign(self) noexcept
    cdef int _check_in_doc(self) except -1
    cdef Span _moved_to(self, int start, int end)

    # The span's token bounds, inside the Doc: start and end can be set to anything >= 0 (as
    # in spaCy), so these clamp them to [0, doc.length] with _lo() <= _hi(); code that
    # indexes doc.c with them can't run past the tokens.
    cdef inline int _lo(self) noexcept:
        if self._layout != self.doc._layout:
            self._realign()
        return self._start if self._start < self.doc.length else self.doc.length

    cdef inline int _hi(self) noexcept:
        if self._layout != self.doc._layout:
            self._realign()
        cdef int lo = self._start if self._start < self.doc.length else self.doc.length
        cdef int hi = self._end if self._end < self.doc.length else self.doc.length
        return hi if hi > lo else lo
