# cython: language_level=3
"""Lexeme: a Python view of one vocab entry and its lexical attributes."""
from .core cimport LexemeC, attr_t, lex_check_flag, lex_set_flag
from .vocab cimport Vocab

from .errors import VocabError


cdef class Lexeme:
    """The entry for one text in the vocab; flags can be changed (e.g. is_stop)."""

    def __init__(self, Vocab vocab, attr_t orth):
        self.vocab = vocab
        self.orth = orth
        self._c()

    cdef LexemeC* _c(self) except NULL:
        # Looked up on each use, never cached: a memory zone may have released the entry
        # since this view was made (it is then made again).
        cdef LexemeC* lex = self.vocab.lexemes.get_mut(self.orth)
        if lex == NULL:
            self.vocab.get_by_orth(self.orth)
            lex = self.vocab.lexemes.get_mut(self.orth)
        return lex

    def check_flag(self, int flag_id) -> bool:
        return lex_check_flag(self._c(), flag_id)

    def set_flag(self, int flag_id, bint value):
        if not 0 <= flag_id < 64:
            raise VocabError(f"Flag ids are 0..63, got {flag_id}.")
        lex_set_flag(self._c(), flag_id, value)

    def __repr__(self):
        return f"Lexeme({self.orth_!r})"

    @property
    def vector(self):
        """The vocab's vector of this word (zeros when it has none)."""
        return self.vocab.get_vector(self.orth)

    @property
    def has_vector(self) -> bool:
        return self.vocab.has_vector(self.orth)

    @property
    def vector_norm(self) -> float:
        from .tokens.doc import _norm
        return _norm(self.vector)

    def similarity(self, other) -> float:
        """Cosine similarity of the vectors; 1.0 for the same word."""
        from .tokens.doc import _cosine, _same_words
        if _same_words(self, other):
            return 1.0
        return _cosine(self, other)

    def __len__(self):
        return self._c().length

    @property
    def text(self) -> str: return self.vocab.strings[self._c().orth]
    @property
    def orth_(self) -> str: return self.vocab.strings[self._c().orth]
    @property
    def lower(self) -> int: return self._c().lower
    @property
    def lower_(self) -> str: return self.vocab.strings[self._c().lower]
    @property
    def shape(self) -> int: return self._c().shape
    @property
    def shape_(self) -> str: return self.vocab.strings[self._c().shape]
    @property
    def prefix(self) -> int: return self._c().prefix
    @property
    def prefix_(self) -> str: return self.vocab.strings[self._c().prefix]
    @property
    def suffix(self) -> int: return self._c().suffix
    @property
    def suffix_(self) -> str: return self.vocab.strings[self._c().suffix]
    @property
    def lang(self) -> int: return self._c().lang
    @property
    def lang_(self) -> str: return self.vocab.strings[self._c().lang]
    @property
    def length(self) -> int: return self._c().length
    @property
    def id(self) -> int: return self._c().id

    property norm:
        def __get__(self): return self._c().norm
        def __set__(self, attr_t x): self._c().norm = x

    property norm_:
        def __get__(self): return self.vocab.strings[self._c().norm]
        def __set__(self, str x): self._c().norm = self.vocab.strings.add(x)

    property is_alpha:
        def __get__(self): return lex_check_flag(self._c(), 1)
        def __set__(self, bint v): lex_set_flag(self._c(), 1, v)
    property is_ascii:
        def __get__(self): return lex_check_flag(self._c(), 2)
        def __set__(self, bint v): lex_set_flag(self._c(), 2, v)
    property is_digit:
        def __get__(self): return lex_check_flag(self._c(), 3)
        def __set__(self, bint v): lex_set_flag(self._c(), 3, v)
    property is_lower:
        def __get__(self): return lex_check_flag(self._c(), 4)
        def __set__(self, bint v): lex_set_flag(self._c(), 4, v)
    property is_punct:
        def __get__(self): return lex_check_flag(self._c(), 5)
        def __set__(self, bint v): lex_set_flag(self._c(), 5, v)
    property is_space:
        def __get__(self): return lex_check_flag(self._c(), 6)
        def __set__(self, bint v): lex_set_flag(self._c(), 6, v)
    property is_title:
        def __get__(self): return lex_check_flag(self._c(), 7)
        def __set__(self, bint v): lex_set_flag(self._c(), 7, v)
    property is_upper:
        def __get__(self): return lex_check_flag(self._c(), 8)
        def __set__(self, bint v): lex_set_flag(self._c(), 8, v)
    property like_url:
        def __get__(self): return lex_check_flag(self._c(), 9)
        def __set__(self, bint v): lex_set_flag(self._c(), 9, v)
    property like_num:
        def __get__(self): return lex_check_flag(self._c(), 10)
        def __set__(self, bint v): lex_set_flag(self._c(), 10, v)
    property like_email:
        def __get__(self): return lex_check_flag(self._c(), 11)
        def __set__(self, bint v): lex_set_flag(self._c(), 11, v)
    property is_stop:
        def __get__(self): return lex_check_flag(self._c(), 12)
        def __set__(self, bint v): lex_set_flag(self._c(), 12, v)
    property is_bracket:
        def __get__(self): return lex_check_flag(self._c(), 14)
        def __set__(self, bint v): lex_set_flag(self._c(), 14, v)
    property is_quote:
        def __get__(self): return lex_check_flag(self._c(), 15)
        def __set__(self, bint v): lex_set_flag(self._c(), 15, v)
    property is_left_punct:
        def __get__(self): return lex_check_flag(self._c(), 16)
        def __set__(self, bint v): lex_set_flag(self._c(), 16, v)
    property is_right_punct:
        def __get__(self): return lex_check_flag(self._c(), 17)
        def __set__(self, bint v): lex_set_flag(self._c(), 17, v)
    property is_currency:
        def __get__(self): return lex_check_flag(self._c(), 18)
        def __set__(self, bint v): lex_set_flag(self._c(), 18, v)

