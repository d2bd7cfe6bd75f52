# cython: language_level=3, boundscheck=False, wraparound=False
"""Tokenizer: whitespace splitting and the chunk cache run here, natively; a chunk seen for
the first time is split once by the rule-driven AffixSplitter (Python regexes) and cached.
"""
from libc.stdint cimport uint32_t
from libcpp.vector cimport vector

from .core cimport CachedToken, ChunkCache, LexemeC, attr_t, hash_t, murmurhash64a
from .strings cimport StringStore
from .tokens.doc cimport Doc
from .vocab cimport Vocab

from .errors import TextError

cdef extern from "Python.h":
    int PyUnicode_KIND(object o)
    void* PyUnicode_DATA(object o)
    Py_UCS4 PyUnicode_READ(int kind, const void* data, Py_ssize_t index) nogil
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch) nogil


cdef class Tokenizer:
    """Splits text into a Doc, matching spaCy's tokenizer for the same rules.

    The rules (special cases, prefix/suffix/infix patterns, token_match, url_match) have
    spaCy's meaning; changing any of them clears the cache.
    """

    def __cinit__(self, *args, **kwargs):
        self.cache = new ChunkCache()

    def __dealloc__(self):
        del self.cache

    def __init__(self, Vocab vocab not None, rules=None, prefix_search=None, suffix_search=None,
                 infix_finditer=None, token_match=None, url_match=None,
                 faster_heuristics=True, *, splitter=None):
        self.vocab = vocab
        if splitter is None:
            from .tokenizer_split import AffixSplitter
            splitter = AffixSplitter(rules, prefix_search, suffix_search, infix_finditer,
                                     token_match, url_match, faster_heuristics)
        self._splitter = splitter

    def __call__(self, text):
        """Tokenize `text` (a str) into a Doc; doc.text == text always."""
        if not isinstance(text, str):
            if isinstance(text, (bytes, bytearray)):
                raise TextError("The tokenizer takes str, not bytes; decode the bytes first, "
                                "e.g. data.decode('utf-8', errors='replace').")
            raise TextError(f"The tokenizer takes str, not {type(text).__name__}.")
        cdef Doc doc = Doc(self.vocab)
        cdef str s = <str>text
        cdef Py_ssize_t n = len(s)
        if n == 0:
            return doc
        doc.reserve(<int>min(n // 4 + 8, 1 << 30))
        cdef int kind = PyUnicode_KIND(s)
        cdef const void* data = PyUnicode_DATA(s)
        cdef bint in_ws = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, 0))
        cdef Py_ssize_t i, start = 0
        cdef Py_UCS4 uc
        for i in range(n):
            uc = PyUnicode_READ(kind, data, i)
            if Py_UNICODE_ISSPACE(uc) != in_ws:
                if start < i:
                    self._add_chunk(doc, s, kind, data, start, i)
                if uc == u' ' and doc.length > 0:
                    doc.c[doc.length - 1].spacy = 1
                    start = i + 1
                else:
                    start = i
                in_ws = not in_ws
        if start < n:
            self._add_chunk(doc, s, kind, data, start, n)
            doc.c[doc.length - 1].spacy = 0
        return doc

    cdef int _add_chunk(self, Doc doc, str text, int kind, const void* data,
                        Py_ssize_t start, Py_ssize_t end) except -1:
        cdef hash_t key = murmurhash64a(<const char*>data + start * kind, (end - start) * kind,
                                        <hash_t>kind)
        cdef uint32_t count = 0
        cdef const CachedToken* cached = self.cache.find(key, &count)
        cdef uint32_t j
        if cached == NULL:
            self._split_into_cache(key, text[start:end])
            cached = self.cache.find(key, &count)
        for j in range(count):
            doc.push_back(cached[j].lex, False)
            if cached[j].norm:
                doc.c[doc.length - 1].norm = cached[j].norm
        return 0

    def _split_into_cache(self, hash_t key, str chunk):
        cdef vector[CachedToken] pieces
        cdef CachedToken piece
        cdef StringStore strings = self.vocab.strings
        for orth, norm in self._splitter.split(chunk):
            piece.lex = self.vocab.get(orth)
            piece.norm = strings.intern(norm) if norm else 0
            pieces.push_back(piece)
        self.cache.add(key, pieces.data(), pieces.size())

    def pipe(self, texts, batch_size: int = 1000):
        """Tokenize a stream of texts, yielding Docs in order."""
        for text in texts:
            yield self(text)

    def explain(self, str text):
        """[(rule, substring)] for every token: which rule produced it (spaCy's labels)."""
        return self._splitter.explain(text)

    def add_special_case(self, str string, substrings):
        """Always split `string` into `substrings` ([{"ORTH": ...}, ...])."""
        self._splitter.add_special_case(string, substrings)
        self.cache.clear()

    def _reset_cache(self):
        self.cache.clear()

    @property
    def splitter(self):
        return self._splitter

    property rules:
        def __get__(self):
            return self._splitter.rules
        def __set__(self, rules):
            self._splitter.rules = rules
            self.cache.clear()

    property prefix_search:
        def __get__(self): return self._splitter.prefix_search
        def __set__(self, fn):
            self._splitter.prefix_search = fn
            self.cache.clear()

    property suffix_search:
        def __get__(self): return self._splitter.suffix_search
        def __set__(self, fn):
            self._splitter.suffix_search = fn
            self.cache.clear()

    property infix_finditer:
        def __get__(self): return self._splitter.infix_finditer
        def __set__(self, fn):
            self._splitter.infix_finditer = fn
            self.cache.clear()

    property token_match:
        def __get__(self): return self._splitter.token_match
        def __set__(self, fn):
            self._splitter.token_match = fn
            self.cache.clear()

    property url_match:
        def __get__(self): return self._splitter.url_match
        def __set__(self, fn):
            self._splitter.url_match = fn
            self.cache.clear()
