# cython: language_level=3
"""Lexeme: a Python view of one vocab entry and its lexical attributes."""
from .core cimport LexemeC, attr_t, flags_t, lex_check_flag, lex_set_flag
from .vocab cimport Vocab

from .attrs import ID, LANG, LOWER, NORM, PREFIX, SHAPE, SUFFIX
from .errors import Errors, VectorsError, VocabError

# The rank of a lexeme that has no row in the vectors table (uint64 max), as in spaCy.
OOV_RANK = 0xFFFFFFFFFFFFFFFF


cdef attr_t _string_id(Vocab vocab, str text) except? 0:
    """A string attribute's value -> its id (added to the StringStore); "" or None: 0."""
    return vocab.strings.add(text) if text else 0


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

    def __richcmp__(self, other, int op):
        """Compared by orth (as spaCy): with a Lexeme, an orth id or a text. None sorts
        before any lexeme; other types are never equal."""
        if other is None:
            return op in (3, 4, 5)
        if isinstance(other, Lexeme):
            a, b = self.orth, (<Lexeme>other).orth
        elif isinstance(other, int):
            a, b = self.orth, other
        elif isinstance(other, str):
            a, b = self.orth_, other
        else:
            return op == 3
        if op == 0:
            return a < b
        if op == 1:
            return a <= b
        if op == 2:
            return a == b
        if op == 3:
            return a != b
        if op == 4:
            return a > b
        return a >= b

    def __hash__(self):
        return hash(self.orth)

    def set_attrs(self, **attrs):
        """Set lexical attributes by name: flags (is_stop=True, ...), string attributes
        (norm="...", lower="...", ...) or their ids; float values (e.g. prob from a
        lexemes.jsonl) are skipped, as spaCy does."""
        from .attrs import intify_attrs
        cdef LexemeC* lex = self._c()
        for attr, value in intify_attrs(attrs).items():
            if isinstance(value, float):
                continue
            if not isinstance(value, int):
                value = self.vocab.strings.add(value)
            if attr < 64:
                lex_set_flag(lex, attr, bool(value))
            elif attr == ID:
                self.vocab._set_rank(self.orth, value)
            elif attr == LOWER:
                lex.lower = value
            elif attr == NORM:
                lex.norm = value
            elif attr == SHAPE:
                lex.shape = value
            elif attr == PREFIX:
                lex.prefix = value
            elif attr == SUFFIX:
                lex.suffix = value
            elif attr == LANG:
                lex.lang = value

    property flags:
        """All boolean flags as one 64-bit integer (bit i = flag id i)."""
        def __get__(self): return self._c().flags
        def __set__(self, flags_t x): self._c().flags = x

    @property
    def is_oov(self) -> bool:
        """Whether the word has no vector in the vocab's vectors table."""
        return self.orth not in self.vocab.vectors

    property rank:
        """The word's row in the vectors table (OOV_RANK when it has none), or a rank set
        here; used to index tables such as vectors."""
        def __get__(self): return self.vocab._rank(self.orth)
        # an unsigned 64-bit id, as spaCy's (OverflowError / TypeError for other values)
        def __set__(self, attr_t value): self.vocab._set_rank(self.orth, value)

    property prob:
        """Smoothed log probability of the word, from the vocab's "lexeme_prob" lookups
        table; the "lexeme_settings" oov_prob (default -20.0) when it isn't listed."""
        def __get__(self):
            lookups = self.vocab.lookups
            settings = lookups.get_table("lexeme_settings", {})
            return lookups.get_table("lexeme_prob", {}).get(self.orth,
                                                             settings.get("oov_prob", -20.0))
        def __set__(self, float x):
            self._table("lexeme_prob")[self.orth] = x

    property cluster:
        """Brown cluster id, from the "lexeme_cluster" lookups table (0 when not listed)."""
        def __get__(self):
            return self.vocab.lookups.get_table("lexeme_cluster", {}).get(self.orth, 0)
        def __set__(self, int x):
            self._table("lexeme_cluster")[self.orth] = x

    property sentiment:
        """A positivity score, from the "lexeme_sentiment" lookups table (0.0 when not
        listed)."""
        def __get__(self):
            return self.vocab.lookups.get_table("lexeme_sentiment", {}).get(self.orth, 0.0)
        def __set__(self, float x):
            self._table("lexeme_sentiment")[self.orth] = x

    def _table(self, name):
        lookups = self.vocab.lookups
        if not lookups.has_table(name):
            lookups.add_table(name)
        return lookups.get_table(name)

    @property
    def vector(self):
        """The vocab's vector of this word (zeros when it has none); an error when the vocab
        has no vectors at all (spaCy's E010)."""
        if self.vocab.vectors_length == 0:
            raise VectorsError(Errors.E010)
        return self.vocab.get_vector(self.orth)

    @vector.setter
    def vector(self, vector):
        """Give the word this vector in the vocab's table (Vocab.set_vector)."""
        width = self.vocab.vectors_length
        if len(vector) != width:
            raise VectorsError(f"[E073] Can't give '{self.orth_}' a vector of length "
                               f"{len(vector)}: the vocab's vectors have length {width}. Use "
                               "vocab.reset_vectors(width=...) to start a table of another "
                               "width.")
        self.vocab.set_vector(self.orth, vector)

    @property
    def has_vector(self) -> bool:
        return self.vocab.has_vector(self.orth)

    @property
    def vector_norm(self) -> float:
        from .tokens.doc import _norm
        return _norm(self.vector)

    def similarity(self, other) -> float:
        """Cosine similarity of the vectors; 1.0 for the same word."""
        from .tokens.doc import _similarity
        return _similarity(self, other, "Lexeme")

    def __len__(self):
        return self._c().length

    @property
    def text(self) -> str: return self.vocab.strings[self._c().orth]
    @property
    def orth_(self) -> str: return self.vocab.strings[self._c().orth]
    # The lexical attributes are settable, as in spaCy: ids (unsigned 64-bit, checked as
    # spaCy's attr_t arguments) or strings (added to the StringStore; "" is the id 0). Tokens
    # point at the lexeme, so they (and the matchers, which read the lexeme) see the change.
    property lower:
        def __get__(self): return self._c().lower
        def __set__(self, attr_t x): self._c().lower = x
    property lower_:
        def __get__(self): return self.vocab.strings[self._c().lower]
        def __set__(self, str x): self._c().lower = _string_id(self.vocab, x)
    property shape:
        def __get__(self): return self._c().shape
        def __set__(self, attr_t x): self._c().shape = x
    property shape_:
        def __get__(self): return self.vocab.strings[self._c().shape]
        def __set__(self, str x): self._c().shape = _string_id(self.vocab, x)
    property prefix:
        def __get__(self): return self._c().prefix
        def __set__(self, attr_t x): self._c().prefix = x
    property prefix_:
        def __get__(self): return self.vocab.strings[self._c().prefix]
        def __set__(self, str x): self._c().prefix = _string_id(self.vocab, x)
    property suffix:
        def __get__(self): return self._c().suffix
        def __set__(self, attr_t x): self._c().suffix = x
    property suffix_:
        def __get__(self): return self.vocab.strings[self._c().suffix]
        def __set__(self, str x): self._c().suffix = _string_id(self.vocab, x)
    property lang:
        def __get__(self): return self._c().lang
        def __set__(self, attr_t x): self._c().lang = x
    property lang_:
        def __get__(self): return self.vocab.strings[self._c().lang]
        def __set__(self, str x): self._c().lang = _string_id(self.vocab, x)

    @property
    def length(self) -> int: return self._c().length
    @property
    def id(self) -> int: return self._c().id

    property norm:
        """The norm's string id. Setting it also records the norm in the vocab's
        "lexeme_norm" lookups table (as spaCy does), so it is saved with the vocab."""
        def __get__(self): return self._c().norm
        def __set__(self, attr_t x):
            text = self.vocab.strings[x]
            self._table("lexeme_norm")[self.orth] = text
            self._c().norm = x

    property norm_:
        def __get__(self): return self.vocab.strings[self._c().norm]
        def __set__(self, str x): self.norm = self.vocab.strings.add(x) if x else 0

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

