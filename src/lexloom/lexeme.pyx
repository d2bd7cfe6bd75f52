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
        self.c = vocab.lexemes.get_mut(orth)
        if self.c == NULL:
            vocab.get_by_orth(orth)
            self.c = vocab.lexemes.get_mut(orth)

    def check_flag(self, int flag_id) -> bool:
        return lex_check_flag(self.c, flag_id)

    def set_flag(self, int flag_id, bint value):
        if not 0 <= flag_id < 64:
            raise VocabError(f"Flag ids are 0..63, got {flag_id}.")
        lex_set_flag(self.c, flag_id, value)

    def __repr__(self):
        return f"Lexeme({self.orth_!r})"

    def __len__(self):
        return self.c.length

    @property
    def text(self) -> str: return self.vocab.strings[self.c.orth]
    @property
    def orth_(self) -> str: return self.vocab.strings[self.c.orth]
    @property
    def lower(self) -> int: return self.c.lower
    @property
    def lower_(self) -> str: return self.vocab.strings[self.c.lower]
    @property
    def shape(self) -> int: return self.c.shape
    @property
    def shape_(self) -> str: return self.vocab.strings[self.c.shape]
    @property
    def prefix(self) -> int: return self.c.prefix
    @property
    def prefix_(self) -> str: return self.vocab.strings[self.c.prefix]
    @property
    def suffix(self) -> int: return self.c.suffix
    @property
    def suffix_(self) -> str: return self.vocab.strings[self.c.suffix]
    @property
    def lang(self) -> int: return self.c.lang
    @property
    def lang_(self) -> str: return self.vocab.strings[self.c.lang]
    @property
    def length(self) -> int: return self.c.length
    @property
    def id(self) -> int: return self.c.id

    property norm:
        def __get__(self): return self.c.norm
        def __set__(self, attr_t x): self.c.norm = x

    property norm_:
        def __get__(self): return self.vocab.strings[self.c.norm]
        def __set__(self, str x): self.c.norm = self.vocab.strings.add(x)

    property is_alpha:
        def __get__(self): return lex_check_flag(self.c, 1)
        def __set__(self, bint v): lex_set_flag(self.c, 1, v)
    property is_ascii:
        def __get__(self): return lex_check_flag(self.c, 2)
        def __set__(self, bint v): lex_set_flag(self.c, 2, v)
    property is_digit:
        def __get__(self): return lex_check_flag(self.c, 3)
        def __set__(self, bint v): lex_set_flag(self.c, 3, v)
    property is_lower:
        def __get__(self): return lex_check_flag(self.c, 4)
        def __set__(self, bint v): lex_set_flag(self.c, 4, v)
    property is_punct:
        def __get__(self): return lex_check_flag(self.c, 5)
        def __set__(self, bint v): lex_set_flag(self.c, 5, v)
    property is_space:
        def __get__(self): return lex_check_flag(self.c, 6)
        def __set__(self, bint v): lex_set_flag(self.c, 6, v)
    property is_title:
        def __get__(self): return lex_check_flag(self.c, 7)
        def __set__(self, bint v): lex_set_flag(self.c, 7, v)
    property is_upper:
        def __get__(self): return lex_check_flag(self.c, 8)
        def __set__(self, bint v): lex_set_flag(self.c, 8, v)
    property like_url:
        def __get__(self): return lex_check_flag(self.c, 9)
        def __set__(self, bint v): lex_set_flag(self.c, 9, v)
    property like_num:
        def __get__(self): return lex_check_flag(self.c, 10)
        def __set__(self, bint v): lex_set_flag(self.c, 10, v)
    property like_email:
        def __get__(self): return lex_check_flag(self.c, 11)
        def __set__(self, bint v): lex_set_flag(self.c, 11, v)
    property is_stop:
        def __get__(self): return lex_check_flag(self.c, 12)
        def __set__(self, bint v): lex_set_flag(self.c, 12, v)
    property is_bracket:
        def __get__(self): return lex_check_flag(self.c, 14)
        def __set__(self, bint v): lex_set_flag(self.c, 14, v)
    property is_quote:
        def __get__(self): return lex_check_flag(self.c, 15)
        def __set__(self, bint v): lex_set_flag(self.c, 15, v)
    property is_left_punct:
        def __get__(self): return lex_check_flag(self.c, 16)
        def __set__(self, bint v): lex_set_flag(self.c, 16, v)
    property is_right_punct:
        def __get__(self): return lex_check_flag(self.c, 17)
        def __set__(self, bint v): lex_set_flag(self.c, 17, v)
    property is_currency:
        def __get__(self): return lex_check_flag(self.c, 18)
        def __set__(self, bint v): lex_set_flag(self.c, 18, v)
