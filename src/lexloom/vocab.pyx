# cython: language_level=3
"""Vocab: the lexemes (one per distinct text, with its lexical attributes) and the strings."""
from libc.string cimport memset
from libcpp.string cimport string
from libcpp.string_view cimport string_view

from .core cimport (LexemeC, LexemeTable, attr_t, flags_t, hash_t, ascii_flags, ascii_lower,
                    ascii_shape, is_ascii, lex_set_flag, CStringStore)
from .strings cimport StringStore, encode_text, decode_utf8

import unicodedata

from .attrs import IDS, NORM, intify_attr
from .errors import VocabError

_BRACKETS = frozenset(("(", ")", "[", "]", "{", "}", "<", ">"))
_QUOTES = frozenset(('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›",
                     "❮", "❯", "''", "``"))
_LEFT_PUNCT = frozenset(("(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹", "❮",
                         "``"))
_RIGHT_PUNCT = frozenset((")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''"))


cdef flags_t _unicode_flags(str text):
    """The generic flags of a non-ASCII string, with Python's (= spaCy's) Unicode semantics."""
    cdef flags_t f = 0
    values = (
        (1, text.isalpha()),
        (2, all(ord(c) < 128 for c in text)),
        (3, text.isdigit()),
        (4, text.islower()),
        (5, all(unicodedata.category(c).startswith("P") for c in text)),
        (6, text.isspace()),
        (7, text.istitle()),
        (8, text.isupper()),
        (14, text in _BRACKETS),
        (15, text in _QUOTES),
        (16, text in _LEFT_PUNCT),
        (17, text in _RIGHT_PUNCT),
        (18, all(unicodedata.category(c) == "Sc" for c in text)),
    )
    for flag_id, value in values:
        if value:
            f |= (<flags_t>1) << flag_id
    return f


def word_shape(str text) -> str:
    """Letters -> X/x, digits -> d, other characters kept; runs cut at 4; "LONG" past 99."""
    if len(text) >= 100:
        return "LONG"
    shape = []
    last = ""
    seq = 0
    for char in text:
        if char.isalpha():
            shape_char = "X" if char.isupper() else "x"
        elif char.isdigit():
            shape_char = "d"
        else:
            shape_char = char
        if shape_char == last:
            seq += 1
        else:
            seq = 0
            last = shape_char
        if seq < 4:
            shape.append(shape_char)
    return "".join(shape)


cdef class Vocab:
    """Lexemes keyed by orth id. Lexical attributes are computed once, when a text is first seen.

    lex_attr_getters maps attribute ids (or names) to functions of the text for the
    language-specific attributes (LIKE_NUM, IS_STOP, LIKE_URL, LIKE_EMAIL, NORM, ...).
    """

    def __cinit__(self, *args, **kwargs):
        self.lexemes = new LexemeTable()

    def __dealloc__(self):
        del self.lexemes

    def __init__(self, lex_attr_getters=None, strings=None, lang: str = "", vectors=None):
        self.strings = strings if isinstance(strings, StringStore) else StringStore(strings)
        self.lang = lang
        self.vectors = vectors
        self.lex_attr_getters = lex_attr_getters or {}

    property lex_attr_getters:
        def __get__(self):
            return self._lex_attr_getters

        def __set__(self, getters):
            resolved = {}
            for key, fn in dict(getters).items():
                try:
                    attr_id = intify_attr(key)
                except (KeyError, ValueError):
                    raise VocabError(f"lex_attr_getters names unknown attribute {key!r}; "
                                     f"use an attribute name such as 'LIKE_NUM' or 'IS_STOP'.")
                if not callable(fn):
                    raise VocabError(f"lex_attr_getters[{key!r}] is not callable.")
                resolved[attr_id] = fn
            self._lex_attr_getters = resolved
            self._flag_getters = [(k, fn) for k, fn in resolved.items() if k < 64]
            self._norm_getter = resolved.get(NORM)

    cdef const LexemeC* get(self, str text) except NULL:
        cdef bytes b = encode_text(text)
        cdef hash_t orth = CStringStore.id_of(string_view(<const char*>b, len(b)))
        cdef const LexemeC* lex = self.lexemes.get(orth)
        if lex != NULL:
            return lex
        return self._make_lexeme(text, b)

    cdef const LexemeC* get_by_orth(self, attr_t orth) except NULL:
        cdef const LexemeC* lex = self.lexemes.get(orth)
        if lex != NULL:
            return lex
        text = self.strings.decode(orth)
        if text is None:
            raise VocabError(f"No string is known for orth id {orth}; add the text to "
                             "vocab.strings first or pass the text itself.")
        return self._make_lexeme(text, encode_text(text))

    cdef const LexemeC* _make_lexeme(self, str text, bytes utf8) except NULL:
        """A new lexeme for `text`, whose UTF-8 bytes the caller already made."""
        cdef LexemeC lex
        memset(&lex, 0, sizeof(lex))
        cdef const char* data = utf8
        cdef size_t n = len(utf8)
        cdef string s
        lex.orth = self.strings.c.add(string_view(data, n), self.strings.transient)
        lex.length = len(text)
        if is_ascii(data, n):
            lex.flags = ascii_flags(data, n)
            s = ascii_lower(data, n)
            lex.lower = self.strings.c.add(string_view(s.data(), s.size()), self.strings.transient)
            s = ascii_shape(data, n)
            lex.shape = self.strings.c.add(string_view(s.data(), s.size()), self.strings.transient)
        else:
            lex.flags = _unicode_flags(text)
            lex.lower = self.strings.intern(text.lower())
            lex.shape = self.strings.intern(word_shape(text))
        lex.prefix = self.strings.intern(text[:1])
        lex.suffix = self.strings.intern(text[-3:])
        if self._norm_getter is not None:
            lex.norm = self.strings.intern(self._norm_getter(text))
        else:
            lex.norm = lex.lower
        for flag_id, getter in self._flag_getters:
            lex_set_flag(&lex, flag_id, bool(getter(text)))
        if self.lang:
            lex.lang = self.strings.intern(self.lang)
        return self.lexemes.add(lex)

    def __len__(self) -> int:
        return self.lexemes.size()

    def __contains__(self, key) -> bool:
        if isinstance(key, str):
            key = self.strings[key]
        return self.lexemes.get(<attr_t>key) != NULL

    def __getitem__(self, key):
        """vocab["word"] or vocab[orth_id] -> Lexeme (created when new)."""
        from .lexeme import Lexeme
        if isinstance(key, str):
            orth = self.get(key).orth
        elif isinstance(key, int):
            orth = self.get_by_orth(key).orth
        else:
            raise VocabError(f"Vocab keys are str or int, not {type(key).__name__}.")
        return Lexeme(self, orth)

    def __iter__(self):
        from .lexeme import Lexeme
        cdef size_t i
        for i in range(self.lexemes.size()):
            yield Lexeme(self, self.lexemes.at(i).orth)

    def _zone_sizes(self):
        """(transient strings, lexemes): what a memory zone snapshots and restores."""
        return (self.strings.c.transient_size(), self.lexemes.size())

    def _zone_truncate(self, sizes):
        """Release the transient strings and lexemes added after `sizes` was taken. Only for
        Language's memory zones, once no Doc can point at them."""
        cdef size_t n_strings = sizes[0], n_lexemes = sizes[1]
        self.lexemes.truncate(n_lexemes)
        self.strings.c.truncate_transient(n_strings)

    def _lex_flags(self, attr_t orth):
        cdef const LexemeC* lex = self.lexemes.get(orth)
        return None if lex == NULL else lex.flags

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        import srsly
        return srsly.msgpack_dumps({"strings": self.strings.to_bytes(), "lang": self.lang})

    def from_bytes(self, bytes_data, *, exclude=tuple()):
        import srsly
        try:
            msg = srsly.msgpack_loads(bytes_data)
            self.strings.from_bytes(msg["strings"])
            self.lang = msg.get("lang", self.lang)
        except (ValueError, KeyError, TypeError) as e:
            raise VocabError(f"Vocab data is corrupt or of another format: {e}") from None
        return self
