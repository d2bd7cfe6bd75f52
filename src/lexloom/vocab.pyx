# cython: language_level=3
"""Vocab: the lexemes (one per distinct text, with its lexical attributes) and the strings."""
from cpython.pythread cimport PyThread_get_thread_ident
from libc.string cimport memchr, memset
from libcpp.string cimport string
from libcpp.string_view cimport string_view

from .core cimport (LexAttrRules, LexemeC, LexemeTable, attr_t, flags_t, hash_t, ascii_flags,
                    ascii_lower, ascii_norm, ascii_rule_flags, ascii_shape, is_ascii,
                    lex_set_attr, lex_set_flag, kRuleLikeEmail, kRuleLikeNum, kRuleLikeNumWords,
                    kRuleLikeUrl, kRuleNone, kRuleStop, CStringStore)
from .strings cimport StringStore, encode_text, decode_utf8

import functools
import sys
import unicodedata
import weakref
from contextlib import contextmanager

from .attrs import (ATTR_NAMES, IDS, IS_STOP, LANG, LOWER, NORM, ORTH, PREFIX, SHAPE, SUFFIX,
                    intify_attr)
from .errors import Errors, StringKeyError, VectorsError, VocabError, VocabTypeError
from .vectors import Vectors

# Counts forks (in each child): a vocab's in-flight calls and releasing thread were the
# parent's threads', none of which exists in the child (Vocab.begin_call resets them).
cdef unsigned long _fork_generation = 0


def _after_fork_in_child():
    global _fork_generation
    _fork_generation += 1


import os as _os
_os.register_at_fork(after_in_child=_after_fork_in_child)

cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object o)
    void* PyUnicode_DATA(object o)

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


# Attribute id -> name of lexloom.lang.lex_attrs' getter for the attributes lexemes get
# natively (the character-class flags, LOWER, PREFIX, SUFFIX, SHAPE): these entries of
# lex_attr_getters (spaCy lists them too) are not called; another getter for the same id is.
# A vocab whose getters leave one out leaves it unset (0 / False), as spaCy's does.
_NATIVE_GETTERS = {1: "is_alpha", 2: "is_ascii", 3: "is_digit", 4: "is_lower", 5: "is_punct",
                   6: "is_space", 7: "is_title", 8: "is_upper", 14: "is_bracket",
                   15: "is_quote", 16: "is_left_punct", 17: "is_right_punct",
                   18: "is_currency", int(LOWER): "lower", int(PREFIX): "prefix",
                   int(SUFFIX): "suffix", int(SHAPE): "word_shape"}
# The string attributes a custom getter may give (its value is interned)
_STRING_ATTRS = frozenset((int(LOWER), int(PREFIX), int(SUFFIX), int(SHAPE)))
# Bits of Vocab._native_strings_got: which string attributes the vocab has getters for
cdef enum:
    _GOT_LOWER = 1
    _GOT_PREFIX = 2
    _GOT_SUFFIX = 4
    _GOT_SHAPE = 8
_GOT_BITS = {int(LOWER): _GOT_LOWER, int(PREFIX): _GOT_PREFIX, int(SUFFIX): _GOT_SUFFIX,
             int(SHAPE): _GOT_SHAPE}
cdef flags_t _NATIVE_FLAGS = 0
for _flag_id in _NATIVE_GETTERS:
    if _flag_id < 64:
        _NATIVE_FLAGS |= (<flags_t>1) << <int>_flag_id


def _is_native_getter(attr_id, fn) -> bool:
    name = _NATIVE_GETTERS.get(attr_id)
    return name is not None and _shipped(fn, "lexloom.lang.lex_attrs", name)


cdef int _set_string_attr(Vocab vocab, LexemeC* lex, attr_id, value) except -1:
    """A custom getter's value for LOWER / PREFIX / SUFFIX / SHAPE (interned)."""
    lex_set_attr(lex, attr_id, _getter_string_id(vocab, value, attr_id))
    return 0


cdef attr_t _getter_string_id(Vocab vocab, value, attr_id) except? 0:
    """A string attribute getter's result as a string id, as spaCy takes it: a str is
    interned, None / "" mean none (0), an int is an id already."""
    if isinstance(value, str):
        return vocab.strings.intern(value) if value else 0
    if value is None:
        return 0
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2 ** 64:
        return value
    raise VocabError(f"The lex_attr_getters function for {ATTR_NAMES.get(attr_id, attr_id)} "
                     f"returned {type(value).__name__} {value!r}; string attribute getters "
                     "return a str (or None for none).")


def _needed_chars(fn):
    """ASCII characters one of which a text must contain for `fn` to say True, for
    lexloom's own getters where that is known (else None): new lexemes skip the call."""
    from .lang import lex_attrs
    if fn is lex_attrs.like_url:
        return b".:"   # "http://...", "www.x", or a dot before a domain
    if fn is lex_attrs.like_email:
        return b"@"
    return None


cdef inline bint _has_any(const char* data, size_t n, bytes chars):
    """Whether the UTF-8 `data` holds one of the ASCII `chars` (a byte < 128 is never
    part of a longer character, so a byte search is exact)."""
    cdef const char* c = chars
    cdef Py_ssize_t i
    for i in range(len(chars)):
        if memchr(data, c[i], n) != NULL:
            return True
    return False


def _shipped(fn, module: str, name: str) -> bool:
    """Whether `fn` is lexloom's own `module.name` (looked up only if already imported)."""
    mod = sys.modules.get(module)
    return mod is not None and fn is getattr(mod, name, None)


class TableNorm:
    """The NORM getter a "lexeme_norm" lookups table makes: the table's value, else the getter
    it wraps, else the lowercase text. A module-level class rather than a closure so that a
    vocab with such a table (and every Doc and pipeline holding it) can be pickled."""

    __slots__ = ("table", "fallback")

    def __init__(self, table, fallback=None):
        self.table = table
        self.fallback = fallback

    def __call__(self, text):
        value = self.table.get(text)
        if value is not None:
            return value
        return self.fallback(text) if self.fallback is not None else text.lower()

    def __reduce__(self):
        return (TableNorm, (self.table, self.fallback))


cdef int _native_rule(fn, LexAttrRules* rules) except -1:
    """The native rule (lexattrs.hh) that gives the same values as the getter `fn` for ASCII
    texts, with its data loaded into `rules`; kRuleNone for a getter of the language's own."""
    cdef bytes b
    if _shipped(fn, "lexloom.lang.lex_attrs", "like_num"):
        return kRuleLikeNum
    if _shipped(fn, "lexloom.lang.en.lex_attrs", "like_num"):
        mod = sys.modules["lexloom.lang.en.lex_attrs"]
        for word in mod.NUMBER_WORDS | mod.ORDINAL_WORDS:
            b = encode_text(word)
            rules.add_number_word(b, len(b))
        return kRuleLikeNumWords
    if _shipped(fn, "lexloom.lang.lex_attrs", "like_url"):
        for tld in sys.modules["lexloom.lang.lex_attrs"].TLDS:
            b = encode_text(tld)
            rules.add_tld(b, len(b))
        return kRuleLikeUrl
    if _shipped(fn, "lexloom.lang.lex_attrs", "like_email"):
        return kRuleLikeEmail
    if (isinstance(fn, functools.partial) and not fn.args and set(fn.keywords) == {"stops"}
            and _shipped(fn.func, "lexloom.lang.lex_attrs", "is_stop")
            and isinstance(fn.keywords["stops"], (frozenset, _stop_words_type()))):
        for word in fn.keywords["stops"]:
            if isinstance(word, str):   # (anything else never equals a lowercased text)
                b = encode_text(word)
                rules.add_stop_word(b, len(b))
        return kRuleStop
    return kRuleNone


def _stop_words_type():
    """lexloom.lang.lex_attrs.StopWords: a stop-word set that counts its edits, so a native
    table built from it can be built again when it changes (a plain set can't be followed:
    its getter runs in Python)."""
    return sys.modules["lexloom.lang.lex_attrs"].StopWords


# spaCy v2 Vocab arguments that v3 accepts and ignores.
_V2_VOCAB_ARGS = frozenset(("tag_map", "lemmatizer", "morph_rules", "lookups_extra"))



class _LexAttrGetters(dict):
    """vocab.lex_attr_getters: the getters by attribute id; changing an entry (or clearing,
    updating...) re-sets the vocab's getters, so new lexemes use them (spaCy's dict is read
    on every new lexeme; lexloom compiles the built-in ones into native code)."""

    def __init__(self, getters, on_change):
        super().__init__(getters)
        self._on_change = on_change

    def _changed(self):
        self._on_change(self)

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self._changed()

    def __delitem__(self, key):
        super().__delitem__(key)
        self._changed()

    def update(self, *args, **kwargs):
        super().update(*args, **kwargs)
        self._changed()

    def pop(self, *args):
        value = super().pop(*args)
        self._changed()
        return value

    def popitem(self):
        item = super().popitem()
        self._changed()
        return item

    def setdefault(self, key, default=None):
        value = super().setdefault(key, default)
        self._changed()
        return value

    def clear(self):
        super().clear()
        self._changed()

cdef class Vocab:
    """Lexemes keyed by orth id. Lexical attributes are computed once, when a text is first seen.

    lex_attr_getters maps attribute ids (or names) to functions of the text for the
    language-specific attributes (LIKE_NUM, IS_STOP, LIKE_URL, LIKE_EMAIL, NORM, ...).
    """

    def __cinit__(self, *args, **kwargs):
        self.lexemes = new LexemeTable()
        self._rules = new LexAttrRules()
        self._flag_getters = []
        self._flag_needs = []
        self._py_flag_getters = []
        self._ranks = {}
        self._lexeme_caches = weakref.WeakSet()

    def __dealloc__(self):
        del self.lexemes
        del self._rules

    def __init__(self, lex_attr_getters=None, strings=(), lookups=None, oov_prob=-20.0,
                 vectors_name=None, writing_system=None, get_noun_chunks=None, *,
                 lang: str = "", vectors=None, **deprecated_kwargs):
        """spaCy's arguments, in spaCy's order. `strings` is a StringStore to share, or
        strings to intern; `lang` and `vectors` are lexloom's (spaCy reads the language
        from the LANG getter). spaCy v2's tag_map, lemmatizer, morph_rules and
        lookups_extra are accepted and ignored, as spaCy v3 does."""
        unknown = set(deprecated_kwargs) - _V2_VOCAB_ARGS
        if unknown:
            raise TypeError(f"[lexloom] Vocab() got unexpected keyword argument(s) "
                            f"{', '.join(sorted(unknown))}.")
        if deprecated_kwargs:
            import warnings
            warnings.warn(f"[lexloom] Vocab ignores {', '.join(sorted(deprecated_kwargs))}: "
                          "spaCy v2 arguments, unused since v3 (tags and lemmas come from "
                          "pipeline components now).", DeprecationWarning, stacklevel=2)
        shared = isinstance(strings, StringStore)
        self.strings = strings if shared else StringStore()
        self.lang = lang
        self.cfg = {"oov_prob": oov_prob}
        self.get_noun_chunks = get_noun_chunks
        self.vectors = vectors if vectors is not None else Vectors(strings=self.strings,
                                                                   name=vectors_name)
        getters = dict(lex_attr_getters or {})
        if self.lang and getters and not any(k == LANG or k == "LANG" for k in getters):
            # spaCy's vocabs list LANG among their getters
            from .lang.lex_attrs import get_lang
            getters[LANG] = functools.partial(get_lang, lang=self.lang)
        if not shared and strings:
            # As spaCy: a lexeme for each string, made before the getters are set, so it
            # has no attributes and its lower/shape/affix strings never reach the store (a
            # saved vocab holds exactly these strings)
            self.lex_attr_getters = {}
            for string in strings:
                self.strings.add(string)
                if isinstance(string, str) and string:
                    self.get(string)
        self.lex_attr_getters = getters
        self.writing_system = dict(writing_system or {})
        if lookups is not None and lookups is not True and lookups is not False:
            self.lookups = lookups

    property vectors:
        """The static word vectors table. Assigning one adopts its strings and makes it
        share this vocab's StringStore."""
        def __get__(self):
            return self._vectors

        def __set__(self, vectors):
            if vectors is None:
                vectors = Vectors(strings=self.strings)
            if not isinstance(vectors, Vectors):
                raise VocabError(f"vocab.vectors must be a lexloom.vectors.Vectors table, "
                                 f"not {type(vectors).__name__}.")
            if vectors.strings is not self.strings and vectors.strings is not None:
                for s in vectors.strings:
                    self.strings.add(s)
            vectors.strings = self.strings
            self._vectors = vectors

    property lookups:
        """Lookup tables (lexloom.lookups.Lookups) shared by the pipeline; made on first use.
        A "lexeme_norm" table gives the NORM of the texts it lists, as in spaCy."""
        def __get__(self):
            if self._lookups is None:
                from .lookups import Lookups
                self._lookups = Lookups()
            return self._lookups

        def __set__(self, lookups):
            from .lookups import Lookups
            if lookups is None:
                lookups = Lookups()
            if not isinstance(lookups, Lookups):
                raise VocabError(f"vocab.lookups must be a lexloom.lookups.Lookups, not "
                                 f"{type(lookups).__name__}.")
            self._lookups = lookups
            self._use_norm_table()

    def _use_norm_table(self):
        """Route NORM through the "lexeme_norm" table (then the language's getter), as spaCy
        does when its lookups have one."""
        if self._lookups is None or not self._lookups.has_table("lexeme_norm"):
            return
        fallback = self._lex_attr_getters.get(NORM)
        if isinstance(fallback, TableNorm):  # a new table replaces the old, never stacks
            fallback = fallback.fallback
        norm = TableNorm(self._lookups.get_table("lexeme_norm"), fallback)
        self._lex_attr_getters[NORM] = norm
        self._norm_getter = norm
        self._update_native_rules()

    def _apply_norm_table(self):
        """Give the lexemes already made the norms a loaded "lexeme_norm" table lists:
        spaCy drops its lexemes on load and remakes them through the table, but lexloom
        keeps them (Docs point at them)."""
        if self._lookups is None or not self._lookups.has_table("lexeme_norm"):
            return
        cdef LexemeC* lex
        for orth, value in self._lookups.get_table("lexeme_norm").items():
            lex = self.lexemes.get_mut(<attr_t>orth)
            if lex != NULL and isinstance(value, str):
                lex.norm = self.strings.add(value)

    @property
    def _python_flag_ids(self) -> list:
        """The flag attributes whose getters run in Python for ASCII text (the others run
        natively, lexattrs.hh): what tests check the native path by."""
        return [flag_id for flag_id, _fn, _needs in self._py_flag_getters]

    def _update_native_rules(self):
        """Recognise the getters that lexattrs.hh computes natively for ASCII texts."""
        cdef LexAttrRules* rules = self._rules
        cdef bytes b, nb
        cdef int kind
        rules.clear_flags()
        py_getters = []
        self._native_stops = None
        for (flag_id, fn), needs in zip(self._flag_getters, self._flag_needs):
            kind = _native_rule(fn, rules)
            if kind == kRuleNone:
                py_getters.append((flag_id, fn, needs))
            else:
                rules.add_flag(flag_id, kind)
                if kind == kRuleStop and not isinstance(fn.keywords["stops"], frozenset):
                    self._native_stops = fn.keywords["stops"]
                    self._native_stops_edits = self._native_stops.edits
        self._py_flag_getters = py_getters
        rules.clear_norms()
        if self._norm_getter is not None and _shipped(self._norm_getter,
                                                      "lexloom.lang.lex_attrs", "norm"):
            for text, value in sys.modules["lexloom.lang.lex_attrs"].NORM_EXCEPTIONS.items():
                if value:  # norm() is `NORM_EXCEPTIONS.get(text) or text.lower()`
                    b = encode_text(text)
                    nb = encode_text(value)
                    rules.add_norm_exception(b, len(b), nb, len(nb))
            rules.norm_native = True

    @property
    def vectors_length(self) -> int:
        """The width of the vectors table (0 when there is none)."""
        return self._vectors.shape[1]

    def _vector_key(self, orth, bint make=False):
        """The key a word (text or hash) has in the vectors table: its orth id, or for a
        table keyed by another lexical attribute (LOWER, NORM, ...) that attribute of its
        lexeme (made when new, as spaCy does). `make`: make the lexeme for ORTH tables too."""
        cdef const LexemeC* lex
        vectors = self._vectors
        attr = vectors.attr
        if attr == ORTH and (not make or vectors.mode == "floret"):
            return orth
        if isinstance(orth, str):
            lex = self.get(orth)
        else:
            try:
                lex = self.lexemes.get(<attr_t>orth)
                known = lex != NULL or self.strings.decode(orth) is not None
            except (OverflowError, TypeError):
                return orth  # not a string id: the vectors table says what is wrong
            if not known:
                return orth  # no text to make a lexeme from: key by the id itself
            if lex == NULL:
                lex = self.get_by_orth(orth)
        if attr == LOWER:
            return lex.lower
        if attr == NORM:
            return lex.norm
        if attr == SHAPE:
            return lex.shape
        if attr == PREFIX:
            return lex.prefix
        if attr == SUFFIX:
            return lex.suffix
        return lex.orth

    def has_vector(self, orth) -> bool:
        """Whether a word (text or hash) has a vector: floret tables give every word one."""
        if self._vectors.size == 0:
            return False
        key = self._vector_key(orth)
        return (self.strings.add(key) if isinstance(key, str) else key) in self._vectors

    def get_vector(self, orth):
        """The vector of a word (text or hash): zeros of the table's width when it has
        none."""
        if isinstance(orth, str):
            self.strings.add(orth)
        return self._vectors.get_batch([self._vector_key(orth)])[0]

    def set_vector(self, orth, vector) -> None:
        """Give a word (text or hash) a vector: its row is overwritten, or it takes a free
        row; when the table is full it grows as spaCy's does (to 100 rows, then by 30%; a
        table without a width takes this one). A
        floret table is left as it is, with a warning (as in spaCy)."""
        import numpy
        if isinstance(orth, str):
            self.strings.add(orth)
        vector = numpy.asarray(vector, dtype=numpy.float32)
        if vector.ndim > 1 and vector.size == vector.shape[vector.ndim - 1]:
            vector = vector.reshape((vector.size,))   # one row, e.g. (1, width), as spaCy takes
        if self._vectors.mode != "floret":
            orth = self._vector_key(orth, make=True)  # the word joins the vocab (as spaCy)
        if vector.ndim != 1:
            raise VectorsError(f"set_vector takes a 1-D vector, got shape {vector.shape}.")
        vectors = self._vectors
        if vectors.mode == "floret":
            vectors.add(orth, vector=vector)  # warns and changes nothing, as in spaCy
            return
        if vectors.shape[1] == 0:
            vectors.resize((vectors.shape[0], vector.shape[0]))
        if orth not in vectors and vectors.is_full:
            # spaCy's growth: to at least 100 rows, else by 30% (the shape shows in
            # nlp.meta["vectors"] and in what is saved)
            vectors.resize((max(100, int(vectors.shape[0] * 1.3)), vectors.shape[1]))
        vectors.add(orth, vector=vector)

    def reset_vectors(self, *, width=None, shape=None) -> None:
        """Drop the current vectors; start an empty table of `shape`, or of the current row
        count and `width` (default: the current width), as spaCy does."""
        if width is not None and shape is not None:
            raise VectorsError("[E065] reset_vectors takes width= or shape=, not both.")
        if shape is None:
            rows, current_width = self._vectors.shape
            shape = (rows, current_width if width is None else width)
        self.vectors = Vectors(strings=self.strings, shape=tuple(shape))

    def deduplicate_vectors(self) -> None:
        """Let keys with identical vectors share one row; rows keep their first-seen order
        (so a frequency-sorted table stays frequency-sorted for prune_vectors)."""
        import numpy
        vectors = self._vectors
        if vectors.mode != "default":
            raise VectorsError("deduplicate_vectors needs default-mode vectors, not floret.")
        if vectors.shape[0] == 0 or vectors.n_keys == 0:
            return
        filled, kept, new_row_of_filled = vectors.unique_rows()
        if kept.shape[0] == filled.shape[0] == vectors.shape[0]:
            return
        table = Vectors(strings=self.strings, data=vectors.data[kept], name=vectors.name,
                        attr=vectors.attr)
        keys, rows = vectors._items_arrays()
        table._set_key_rows(keys, new_row_of_filled[numpy.searchsorted(filled, rows)])
        self.vectors = table

    def prune_vectors(self, nr_row: int, batch_size: int = 1024) -> dict:
        """Shrink the table to `nr_row` rows as spaCy does: rank every key by (-prob, row,
        key), give each of the first `nr_row` keys a row of its own (a copy of its old row;
        keys that shared a row share its vector), and map every later key to the closest of
        those rows by cosine. Returns {word: (word of that row, score)} for the mapped keys."""
        import numpy
        vectors = self._vectors
        if vectors.mode != "default":
            raise VectorsError("prune_vectors needs default-mode vectors; floret tables have "
                               "a fixed number of hash buckets.")
        if nr_row < 1:
            raise VectorsError(Errors.E198.format(n=1, n_rows=nr_row) +
                               f" prune_vectors needs nr_row >= 1, got {nr_row}.")
        keys, rows = vectors._items_arrays()
        probs_table = self.lookups.get_table("lexeme_prob", {})
        oov_prob = self.lookups.get_table("lexeme_settings", {}).get("oov_prob", -20.0)
        probs = numpy.asarray([probs_table.get(key, oov_prob) for key in keys.tolist()],
                              dtype=numpy.float64)
        ranked = numpy.lexsort((keys, rows, -probs))
        keys, rows = keys[ranked], rows[ranked]
        table = Vectors(strings=self.strings, data=vectors.data[rows[:nr_row]],
                        keys=keys[:nr_row], name=vectors.name, attr=vectors.attr)
        remap = {}
        if keys.shape[0] > nr_row:
            syn_keys, syn_rows, scores = table.most_similar(vectors.data[rows[nr_row:]],
                                                            batch_size=batch_size)
            table._set_key_rows(keys[nr_row:], syn_rows[:, 0])
            for key, syn, score in zip(keys[nr_row:].tolist(), syn_keys[:, 0].tolist(),
                                       scores[:, 0]):
                remap[self._word(key)] = (self._word(syn), score)
        self.vectors = table
        return remap

    def _word(self, key: int):
        """The string of a hash, or the hash itself when the StringStore doesn't know it."""
        return self.strings[key] if key in self.strings else key

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """strings.json and the vectors table (spaCy's vocab folder layout)."""
        from pathlib import Path
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if "strings" not in exclude:
            self.strings.to_disk(path / "strings.json")
        if "vectors" not in exclude:
            self._vectors.to_disk(path, exclude=["strings"])
        if "lookups" not in exclude:
            self.lookups.to_disk(path)

    def from_disk(self, path, *, exclude=tuple()):
        from pathlib import Path
        path = Path(path)
        if "strings" not in exclude:
            # a missing strings.json is an error, as in spaCy
            self.strings.from_disk(path / "strings.json")
        if "vectors" not in exclude and (path / "vectors").exists():
            table = Vectors(strings=self.strings)
            table.from_disk(path, exclude=["strings"])
            self.vectors = table
        if "lookups" not in exclude and (path / "lookups.bin").exists():
            self.lookups.from_disk(path)
            self._use_norm_table()
            self._apply_norm_table()
        return self

    property lex_attr_getters:
        def __get__(self):
            # A dict that hands every change back to the setter below, so that spaCy's
            # `vocab.lex_attr_getters[LIKE_NUM] = fn` takes effect for new lexemes.
            return _LexAttrGetters(self._lex_attr_getters, self._replace_lex_attr_getters)

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
            self._flag_getters = [(k, fn) for k, fn in resolved.items()
                                  if (k < 64 or k in _STRING_ATTRS)
                                  and not _is_native_getter(k, fn)]
            if LANG in resolved and not self.lang:
                # spaCy reads the language from its LANG getter
                lang = resolved[LANG]("_")
                self.lang = lang if isinstance(lang, str) else ""
            self._flag_needs = [_needed_chars(fn) for _, fn in self._flag_getters]
            self._norm_getter = resolved.get(NORM)
            self._native_flags_got = 0
            self._native_strings_got = 0
            for attr_id in resolved:
                if attr_id in _GOT_BITS:
                    self._native_strings_got |= _GOT_BITS[attr_id]
                elif attr_id in _NATIVE_GETTERS:
                    self._native_flags_got |= (<flags_t>1) << <int>attr_id
            self._update_native_rules()

    def _replace_lex_attr_getters(self, getters):
        self.lex_attr_getters = dict(getters)

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
                             "vocab.strings first or pass the text itself."
                             + self.strings._released_hint())
        return self._make_lexeme(text, encode_text(text))

    cdef const LexemeC* get_slice(self, str text, Py_ssize_t start, Py_ssize_t end) except NULL:
        """The lexeme of text[start:end]; for an ASCII `text` no object is made unless the
        lexeme is new (its UTF-8 bytes are the str's own)."""
        cdef const char* data
        cdef hash_t orth
        cdef const LexemeC* lex
        if not PyUnicode_IS_ASCII(text):
            return self.get(text[start:end])
        data = <const char*>PyUnicode_DATA(text) + start
        orth = CStringStore.id_of(string_view(data, end - start))
        lex = self.lexemes.get(orth)
        if lex != NULL:
            return lex
        return self._make_ascii_lexeme(data, end - start, None)

    cdef const LexemeC* _make_lexeme(self, str text, bytes utf8) except NULL:
        """A new lexeme for `text`, whose UTF-8 bytes the caller already made. Making one
        counts as a call (begin_call) whatever asked for it (the tokenizer, Doc(vocab,
        words), vocab["word"], a Lexeme): it waits while another thread releases a memory
        zone, and a zone another thread has open keeps it (in flight, or a caller change)."""
        self._begin_call()
        try:
            return self._new_lexeme(text, utf8)
        finally:
            self.in_flight -= 1

    cdef const LexemeC* _make_ascii_lexeme(self, const char* data, size_t n,
                                           str text) except NULL:
        """_make_lexeme for the ASCII bytes `data` (`text`: their str, or None)."""
        self._begin_call()
        try:
            return self._new_ascii_lexeme(data, n, text)
        finally:
            self.in_flight -= 1

    cdef const LexemeC* _new_lexeme(self, str text, bytes utf8) except NULL:
        cdef const char* data = utf8
        cdef size_t n = len(utf8)
        if is_ascii(data, n):
            return self._new_ascii_lexeme(data, n, text)
        cdef LexemeC lex
        memset(&lex, 0, sizeof(lex))
        lex.orth = self.strings.c.add(string_view(data, n), self.strings.transient)
        lex.length = len(text)
        cdef int got = self._native_strings_got
        lex.flags = _unicode_flags(text) & (~_NATIVE_FLAGS | self._native_flags_got)
        if got & _GOT_LOWER:
            lex.lower = self.strings.intern(text.lower())
        if got & _GOT_SHAPE:
            lex.shape = self.strings.intern(word_shape(text))
        if got & _GOT_PREFIX:
            lex.prefix = self.strings.intern(text[:1])
        if got & _GOT_SUFFIX:
            lex.suffix = self.strings.intern(text[-3:])
        if self._norm_getter is not None:
            lex.norm = _getter_string_id(self, self._norm_getter(text), NORM)
        cdef Py_ssize_t g
        cdef bytes needs
        for g in range(len(self._flag_getters)):
            flag_id, getter = self._flag_getters[g]
            if flag_id >= 64:  # a custom LOWER / PREFIX / SUFFIX / SHAPE getter
                _set_string_attr(self, &lex, flag_id, getter(text))
                continue
            needs = self._flag_needs[g]
            if needs is not None and not _has_any(data, n, needs):
                continue  # the getter is False without one of these characters
            lex_set_flag(&lex, flag_id, bool(getter(text)))
        if self.lang:
            lex.lang = self.strings.intern(self.lang)
        return self.lexemes.add(lex)

    cdef const LexemeC* _new_ascii_lexeme(self, const char* data, size_t n, str text) except NULL:
        """A new lexeme for the ASCII bytes `data`: the attributes lexattrs.hh knows are
        computed there; `text` (made here when None) only goes to the language's own
        Python getters."""
        cdef LexemeC lex
        memset(&lex, 0, sizeof(lex))
        if n == 0:  # spaCy's empty lexeme: every id 0, every flag False (no getter runs)
            return self.lexemes.add(lex)
        cdef bint transient = self.strings.transient
        lex.orth = self.strings.c.add(string_view(data, n), transient)
        lex.length = n
        lex.flags = ascii_flags(data, n) & (~_NATIVE_FLAGS | self._native_flags_got)
        cdef int got = self._native_strings_got
        cdef string lower = ascii_lower(data, n)
        if got & _GOT_LOWER:
            lex.lower = self.strings.c.add(string_view(lower.data(), lower.size()), transient)
        cdef string s
        if got & _GOT_SHAPE:
            s = ascii_shape(data, n)
            lex.shape = self.strings.c.add(string_view(s.data(), s.size()), transient)
        if got & _GOT_PREFIX:
            lex.prefix = self.strings.c.add(string_view(data, 1 if n >= 1 else 0), transient)
        if got & _GOT_SUFFIX:
            lex.suffix = self.strings.c.add(string_view(data + n - (3 if n >= 3 else n),
                                                        3 if n >= 3 else n), transient)
        cdef const string* norm
        if self._rules.norm_native:
            norm = &ascii_norm(self._rules[0], data, n, lower)
            lex.norm = self.strings.c.add(string_view(norm.data(), norm.size()), transient)
        elif self._norm_getter is not None:
            if text is None:
                text = decode_utf8(data, n)
            lex.norm = _getter_string_id(self, self._norm_getter(text), NORM)
        cdef flags_t undecided = 0
        if self._native_stops is not None \
                and self._native_stops.edits != self._native_stops_edits:
            self._update_native_rules()  # the stop words changed since the table was built
        lex.flags |= ascii_rule_flags(self._rules[0], data, n, lower, &undecided)
        cdef bytes needs
        for flag_id, getter, needs in self._py_flag_getters:
            if needs is not None and not _has_any(data, n, needs):
                continue  # the getter is False without one of these characters
            if text is None:
                text = decode_utf8(data, n)
            if flag_id >= 64:  # a custom LOWER / PREFIX / SUFFIX / SHAPE getter
                _set_string_attr(self, &lex, flag_id, getter(text))
            else:
                lex_set_flag(&lex, flag_id, bool(getter(text)))
        if undecided:  # a native rule left these to the getter (like_url's regex)
            if text is None:
                text = decode_utf8(data, n)
            for flag_id, getter in self._flag_getters:
                if flag_id < 64 and undecided & ((<flags_t>1) << <int>flag_id):
                    lex_set_flag(&lex, flag_id, bool(getter(text)))
        if self.lang:
            lex.lang = self.strings.intern(self.lang)
        return self.lexemes.add(lex)

    def __len__(self) -> int:
        return self._n_lexemes()

    @property
    def length(self) -> int:
        """The number of lexemes stored (len(vocab))."""
        return self._n_lexemes()

    cdef size_t _n_lexemes(self):
        # the empty text's lexeme (orth 0) is kept for Tokens that point at it, but it is
        # not one of the vocab's lexemes: spaCy never stores it
        return self.lexemes.size() - (self.lexemes.get(0) != NULL)

    property morphology:
        """The morphological analyses (lexloom.morphology.Morphology) over this vocab's
        strings."""
        def __get__(self):
            if self._morphology is None:
                from .morphology import Morphology
                self._morphology = Morphology(self.strings)
            return self._morphology

        def __set__(self, morphology):
            self._morphology = morphology

    @property
    def in_memory_zone(self) -> bool:
        """Whether a memory zone is open: new strings and lexemes are released at its end."""
        return bool(self.strings.transient)

    @contextmanager
    def memory_zone(self, mem=None):
        """A block whose new strings and lexemes are released at its end (a stream of new
        words then keeps memory flat). Docs made inside that are still alive are moved onto
        permanent entries first; tokenizers over this vocab drop their cache entries of the
        block. Yields `mem` (a cymem Pool, made when not given), as spaCy does."""
        from .memory_zone import MemoryZone
        if mem is None:
            from cymem.cymem import Pool
            mem = Pool()
        zone = MemoryZone(vocab=self)
        try:
            yield mem
        finally:
            zone.release()
            zone.close()

    def _add_lexeme_cache(self, cache) -> None:
        """Register an object holding lexeme pointers (with _cache_size / _truncate_cache):
        memory zones over this vocab truncate its entries with the lexemes."""
        self._lexeme_caches.add(cache)

    def _lexeme_cache_list(self) -> list:
        return list(self._lexeme_caches)

    def add_flag(self, flag_getter, int flag_id=-1) -> int:
        """A new boolean flag, flag_getter(text), set on every lexeme now and on new ones
        later; flag_id -1 takes the lowest free bit. Returns the flag id for check_flag."""
        if flag_id == -1:
            # the lowest bit without a getter, as in spaCy (a language's vocab has getters
            # for the named flags 1..18 but 13, the deprecated IS_OOV)
            used = set(self._lex_attr_getters)
            for bit in range(1, 64):
                if bit not in used:
                    flag_id = bit
                    break
            else:
                raise VocabError(Errors.E062)
        elif not 1 <= flag_id < 64:
            raise VocabError(Errors.E063.format(value=flag_id))
        for lex in self:
            lex.set_flag(flag_id, bool(flag_getter(lex.orth_)))
        getters = dict(self._lex_attr_getters)
        getters[flag_id] = flag_getter
        self.lex_attr_getters = getters
        return flag_id

    def _rank(self, attr_t orth):
        """Lexeme.rank: a rank set by hand, else the word's row in the vectors table, else
        OOV_RANK (spaCy's rank is the vectors row when the lexeme is made)."""
        if self._ranks and orth in self._ranks:
            return self._ranks[orth]
        row = self._vectors._rank_row(orth)
        return 0xFFFFFFFFFFFFFFFF if row < 0 else row

    def _set_rank(self, attr_t orth, value) -> None:
        self._ranks[orth] = int(value)

    def __reduce__(self):
        return pickle_vocab(self)

    def __contains__(self, key) -> bool:
        if isinstance(key, bytes):
            key = key.decode("utf8")
        if isinstance(key, str):
            key = self.strings[key]
        if key == 0:  # the empty text's lexeme is never stored, as in spaCy
            return False
        return self.lexemes.get(<attr_t>key) != NULL

    def __getitem__(self, key):
        """vocab["word"] or vocab[orth_id] -> Lexeme (created when new)."""
        from .lexeme import Lexeme
        if isinstance(key, str):
            orth = self.get(key).orth
        elif isinstance(key, int):
            if (key != 0 and self.lexemes.get(<attr_t>key) == NULL
                    and self.strings.decode(key) is None):
                raise StringKeyError(Errors.E018.format(hash_value=key)
                                     + self.strings._released_hint())
            orth = self.get_by_orth(key).orth
        else:
            raise VocabTypeError(f"Vocab keys are str or int, not {type(key).__name__}.")
        return Lexeme(self, orth)

    def __iter__(self):
        """The lexemes in spaCy's order: that of its hash table (preshed's PreshMap keyed by
        orth) after the same insertions, which code such as pretraining's random words
        depends on; lexloom's table keeps the order they were made in."""
        from preshed.maps import PreshMap
        from .lexeme import Lexeme
        cdef size_t i
        table = PreshMap()
        for i in range(self.lexemes.size()):
            if self.lexemes.at(i).orth != 0:   # the empty lexeme is not listed (__len__)
                table[self.lexemes.at(i).orth] = i + 1
        for orth in table.keys():
            yield Lexeme(self, orth)

    def begin_call(self) -> None:
        """Count a call that makes lexemes or strings not yet held by a Doc (tokenizing,
        nlp(), a batch of nlp.pipe) as in flight, first waiting while another thread
        releases a memory zone over this vocab, and note a call from another thread than
        the last (a zone releases only if no other thread called meanwhile). Pair with
        end_call."""
        self._begin_call()

    cdef int _begin_call(self) except -1:
        cdef unsigned long me = PyThread_get_thread_ident()
        self._forget_other_processes()
        self.in_flight += 1
        if self.releasing and self.releasing != me:
            self._wait_for_release(me)
        if me != self.last_caller:
            self.last_caller = me
            self.caller_changes += 1
        return 0

    def _begin_zone_call(self) -> tuple:
        """begin_call for a memory zone's opening, returning (caller_changes, in_flight) as
        they stand the moment this call began, read with no Python in between: a call
        another thread had in flight then is counted (the zone is shared), and one it begins
        later changes the caller, as this thread is now the last caller. (Read after Python
        code, a call another thread had in flight could make lexemes past the zone's start
        and end unseen: it began before the zone, so it changed no caller either.)"""
        self._begin_call()
        return self.caller_changes, self.in_flight

    cdef void _forget_other_processes(self):
        if self._calls_generation != _fork_generation:
            self.in_flight = 0
            self.releasing = 0
            self._calls_generation = _fork_generation

    def end_call(self) -> None:
        self.in_flight -= 1

    def _claim_release(self) -> bool:
        """Become the one thread releasing a memory zone over this vocab; False while
        another thread is (one check-and-set, with no Python in between)."""
        cdef unsigned long me = PyThread_get_thread_ident()
        self._forget_other_processes()
        if self.releasing and self.releasing != me:
            return False
        self.releasing = me
        return True

    def _wait_for_release(self, unsigned long me) -> None:
        import time

        while self.releasing and self.releasing != me:
            self.in_flight -= 1   # the releasing thread goes on only with none in flight
            time.sleep(0.0002)
            self.in_flight += 1

    def _zone_sizes(self):
        """(transient strings, lexemes): what a memory zone snapshots and restores."""
        return (self.strings.c.transient_size(), self.lexemes.size())

    def _lex_flags(self, attr_t orth):
        cdef const LexemeC* lex = self.lexemes.get(orth)
        return None if lex == NULL else lex.flags

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        import srsly
        msg = {}
        if "strings" not in exclude:
            msg["strings"] = self.strings.to_bytes()
        if "vectors" not in exclude:
            msg["vectors"] = self._vectors.to_bytes(exclude=["strings"])
        if "lookups" not in exclude:
            msg["lookups"] = self.lookups.to_bytes()
        return srsly.msgpack_dumps(msg)

    def from_bytes(self, bytes_data, *, exclude=tuple()):
        import srsly
        try:
            msg = srsly.msgpack_loads(bytes_data)
            if not isinstance(msg, dict):
                raise ValueError(f"expected a map, got {type(msg).__name__}")
            if "strings" not in exclude and "strings" in msg:
                self.strings.from_bytes(msg["strings"])
            if msg.get("lang"):  # written by older lexloom versions
                self.lang = msg["lang"]
            if "vectors" not in exclude and "vectors" in msg:
                table = Vectors(strings=self.strings)
                table.from_bytes(msg["vectors"], exclude=["strings"])
                self.vectors = table
            if "lookups" not in exclude and "lookups" in msg:
                self.lookups.from_bytes(msg["lookups"])
                self._use_norm_table()
                self._apply_norm_table()
        except (ValueError, KeyError, TypeError) as e:
            raise VocabError(f"Vocab data is corrupt or of another format: {e}") from None
        return self


def create_vocab(lang, defaults, vectors_name=None):
    """The vocab a Language of code `lang` with these Defaults makes: the shared lexical
    attributes overridden by the language's, IS_STOP from its stop words, NORM through the
    shared norm exceptions, its writing system and noun chunk iterator.

    IS_STOP reads the Defaults' stop-word set itself, as spaCy's does: words added to (or
    discarded from) `nlp.Defaults.stop_words` change the lexemes made afterwards. The
    languages' sets (StopWords, which count their edits) and frozensets are compiled into
    native code, built again after an edit; any other set is read by the Python getter."""
    from .lang.lex_attrs import LEX_ATTRS as NAMED_LEX_ATTRS, is_stop
    getters = {intify_attr(name): fn for name, fn in NAMED_LEX_ATTRS.items()}
    getters.update({intify_attr(k): fn for k, fn in defaults.lex_attr_getters.items()})
    getters[IS_STOP] = functools.partial(is_stop, stops=defaults.stop_words)
    vocab = Vocab(lex_attr_getters=getters, lang=lang,
                  writing_system=getattr(defaults, "writing_system", None),
                  get_noun_chunks=getattr(defaults, "syntax_iterators", {}).get("noun_chunks"))
    if vectors_name is not None:
        vocab.vectors.name = vectors_name
    return vocab


def pickle_vocab(Vocab vocab):
    """copyreg reducer: a live vocab for pickle (e.g. multiprocessing), its getters
    pickled with cloudpickle. Saved pipelines never use pickle."""
    import srsly
    return (unpickle_vocab, (vocab.strings, vocab.vectors, vocab.morphology, None,
                             srsly.pickle_dumps(dict(vocab._lex_attr_getters)), vocab.lookups,
                             vocab.get_noun_chunks, vocab.lang, dict(vocab.writing_system),
                             dict(vocab.cfg)))


def unpickle_vocab(sstore, vectors, morphology, _unused_object, lex_attr_getters, lookups,
                   get_noun_chunks, lang="", writing_system=None, cfg=None):
    """The inverse of pickle_vocab."""
    import srsly
    vocab = Vocab(strings=sstore, lang=lang, writing_system=writing_system,
                  get_noun_chunks=get_noun_chunks)
    vocab.vectors = vectors
    vocab.lex_attr_getters = srsly.pickle_loads(lex_attr_getters)
    vocab.lookups = lookups
    vocab.morphology = morphology
    if cfg:
        vocab.cfg.update(cfg)
    return vocab


def _lex_attrs_by_id():
    from .lang.lex_attrs import LEX_ATTRS as NAMED_LEX_ATTRS
    return {intify_attr(name): fn for name, fn in NAMED_LEX_ATTRS.items()}


def _base_norms():
    from .lang.lex_attrs import NORM_EXCEPTIONS
    return dict(NORM_EXCEPTIONS)


# spaCy's module-level tables, made on first use (the language data imports this module):
# LEX_ATTRS, the shared lexical attribute getters by attribute id, and BASE_NORMS, the
# language-independent norm exceptions.
_LAZY_TABLES = {"LEX_ATTRS": _lex_attrs_by_id, "BASE_NORMS": _base_norms}


def __getattr__(name):
    if name in _LAZY_TABLES:
        value = _LAZY_TABLES[name]()
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lexloom.vocab' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY_TABLES))
