# cython: language_level=3, boundscheck=False, wraparound=False
"""StringStore: every string the library sees, interned once and named by its 64-bit id."""
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libcpp.string cimport string
from libcpp.string_view cimport string_view

from .core cimport CStringStore, hash_t, murmurhash64a, n_symbols

from contextlib import contextmanager

from .errors import Errors, FolderNotFileError, StringIdRangeError, StringStoreError


def _symbols():
    cdef size_t i
    cdef size_t n = n_symbols()
    store = StringStore()
    return [store[i] for i in range(n)]


# The symbol strings (ids below n_symbols()) in id order, and name -> id.
SYMBOLS_BY_INT = _symbols()
SYMBOLS_BY_STR = {name: i for i, name in enumerate(SYMBOLS_BY_INT)}


cdef bytes encode_text(str text):
    """UTF-8 bytes of `text`; lone surrogates pass through so any str round-trips."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


cdef str decode_utf8(const char* data, size_t length):
    return PyUnicode_DecodeUTF8(data, length, "surrogatepass")


def hash_string(str string) -> int:
    """The id of a string as spaCy computes it (hash64 of UTF-8, seed 1), without symbols."""
    cdef bytes b = encode_text(string)
    return murmurhash64a(<const char*>b, len(b), 1)


cdef hash_t _hash_bytes(bytes data):
    """spaCy's hash of bytes as they are (hash64 of the bytes, seed 1)."""
    return murmurhash64a(<const char*>data, len(data), 1)


cdef str _utf8_text(bytes data, str where):
    """spaCy takes UTF-8 bytes wherever it takes a string; other bytes are an error."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise StringStoreError(f"{where} got bytes that aren't valid UTF-8 ({err.reason} at "
                               f"byte {err.start}); decode them to str first.") from None


def get_string_id(key) -> int:
    """The id of a string (symbols keep their small ids, "" is 0); an int id is returned as
    is. spaCy keys tables and attributes this way."""
    cdef bytes b
    if isinstance(key, str):
        b = encode_text(key)
        return CStringStore.id_of(string_view(<const char*>b, len(b)))
    if isinstance(key, bytes):
        return get_string_id(_utf8_text(key, "get_string_id"))
    try:
        k = int(key)
    except (TypeError, ValueError):
        raise StringStoreError(f"get_string_id takes a str or an int id, not "
                               f"{type(key).__name__}.") from None
    if k < 0 or k >= 2 ** 64:
        raise StringStoreError(f"{k} is not a valid string id (ids are unsigned 64-bit).")
    return k


cdef class StringStore:
    """Maps strings to 64-bit ids and back. Symbol strings keep spaCy's small ids."""

    def __cinit__(self, strings=None):
        self.c = new CStringStore()

    def __init__(self, strings=None):
        if strings is not None:
            for s in strings:
                self.add(s)

    def __dealloc__(self):
        del self.c

    cdef hash_t intern(self, str text) except? 0:
        cdef bytes b = encode_text(text)
        return self.c.add(string_view(<const char*>b, len(b)), self.transient)

    cdef str decode(self, hash_t key):
        cdef const string* s = self.c.get(key)
        if s == NULL:
            return None
        return decode_utf8(s.data(), s.size())

    def add(self, string, allow_transient=None) -> int:
        """Intern a string and return its id. It is permanent, even inside a memory zone,
        unless allow_transient=True there (then it is released with the zone). (spaCy makes
        strings added in a zone transient by default; lexloom keeps user strings.)"""
        cdef bytes b
        if isinstance(string, str):
            b = encode_text(string)
            return self.c.add(string_view(<const char*>b, len(b)),
                              bool(allow_transient) and self.transient)
        if isinstance(string, bytes):
            if not string:   # spaCy: b"" is "no string", as "" is
                return 0
            text = _utf8_text(string, "StringStore.add")
            if text in SYMBOLS_BY_STR:
                # spaCy hashes bytes as they are: a symbol's name gets the hash of its
                # UTF-8, not its symbol id (the string itself is known already)
                return _hash_bytes(string)
            return self.add(text, allow_transient)
        if not string:   # spaCy: None, 0, False (any empty value) stand for "no string"
            return 0
        raise StringStoreError(Errors.E017.format(value_type=type(string)))

    def _add_all(self, list strings) -> None:
        """Intern every str of a list, permanently: what add() does for each (a pipeline's
        strings.json holds ~85,000), checked whole first, so a bad entry adds nothing."""
        cdef object s
        cdef bytes b
        for s in strings:
            if type(s) is not str and not isinstance(s, str):
                raise StringStoreError(Errors.E017.format(value_type=type(s)))
        for s in strings:
            b = encode_text(s)
            self.c.add(string_view(<const char*>b, len(b)), False)

    def as_int(self, key) -> int:
        """The id of a str; anything else is returned as it is (spaCy)."""
        return self[key] if isinstance(key, str) else key

    def as_string(self, key) -> str:
        return key if isinstance(key, str) else self[key]

    def __getitem__(self, key):
        """str -> id (computed, even when not stored); int id -> str (KeyError if unknown)."""
        if isinstance(key, str):
            b = encode_text(key)
            return CStringStore.id_of(string_view(<const char*>b, len(b)))
        if isinstance(key, bytes):
            # spaCy hashes bytes as they are (no symbol ids; b"" has a hash too)
            return _hash_bytes(key)
        try:
            k = int(key)
        except (TypeError, ValueError):
            raise StringStoreError(f"StringStore keys are str or int, not {type(key).__name__}.")
        if k < 0 or k >= 2 ** 64:
            raise StringIdRangeError(f"{k} is not a valid string id (ids are unsigned 64-bit).")
        s = self.decode(k)
        if s is None:
            raise KeyError(
                f"[lexloom] [E018] Can't find the string for id {k} in the StringStore. The string "
                "was never added to this vocab; add it with vocab.strings.add(text)."
                + self._released_hint())
        return s

    def _released_hint(self) -> str:
        """For "no string for this id" errors, once a memory zone released strings here."""
        if not self.released:
            return ""
        return (" Or it was a new word's string, released with a memory zone: nlp.pipe "
                "releases new words' strings every ~100,000 of them on a long stream (memory "
                "zones, to keep memory flat) unless you keep their Docs. Keep the Docs, add "
                "the strings you need with vocab.strings.add() while they live, or pass "
                "nlp.pipe(..., memory_zones=False).")

    def __contains__(self, key) -> bool:
        if key is None:   # as spaCy's (an argument that must not be None)
            raise TypeError("[lexloom] `None in strings`: a StringStore holds strings and "
                            "their hashes; test a str or an int.")
        if isinstance(key, bytes):
            try:
                key = key.decode("utf-8")
            except UnicodeDecodeError:
                return False
        if isinstance(key, str):
            b = encode_text(key)
            return self.c.contains(CStringStore.id_of(string_view(<const char*>b, len(b))))
        try:
            k = int(key)
        except (TypeError, ValueError):
            return False
        return 0 <= k < 2 ** 64 and self.c.contains(k)

    def __len__(self) -> int:
        # As spaCy's: inside a memory zone the transient strings count too.
        return self.c.size_with_transient()

    def __iter__(self):
        """The permanent strings in insertion order, then (inside a memory zone) the
        transient ones, as spaCy iterates."""
        cdef size_t i = 0
        # Index the live vectors each step: strings may be added while iterating.
        while i < self.c.size():
            yield self.decode(self.c.keys()[i])
            i += 1
        i = 0
        while i < self.c.transient_size():
            if not self.c.is_permanent(self.c.transient_keys()[i]):
                yield self.decode(self.c.transient_keys()[i])
            i += 1

    def keys(self):
        """The ids of the stored strings, in insertion order (transient ones last)."""
        cdef size_t i
        return ([self.c.keys()[i] for i in range(self.c.size())]
                + [self.c.transient_keys()[i] for i in range(self.c.transient_size())
                   if not self.c.is_permanent(self.c.transient_keys()[i])])

    def values(self):
        """The ids of the stored strings, in insertion order (what spaCy's values() is
        documented to return: the permanent ids, then the transient ones)."""
        return self.keys()

    @contextmanager
    def memory_zone(self, mem=None):
        """A block whose transient strings (those the vocab makes for new words, or added
        with allow_transient=True) are released at its end; yields `mem` (a cymem Pool,
        made when not given), as spaCy does. Docs made inside must not be used afterwards;
        Vocab.memory_zone / nlp.memory_zone also keep surviving Docs valid."""
        if mem is None:
            from cymem.cymem import Pool
            mem = Pool()
        was_transient = self.transient
        size = self.c.transient_size()
        self.transient = True
        try:
            yield mem
        finally:
            self.transient = was_transient
            self.c.truncate_transient(size)

    def __reduce__(self):
        # Inside a memory zone the transient strings travel too (list(self) has them, as
        # spaCy's pickle does): a copy made in the zone keeps them for good.
        return (StringStore, (list(self),))

    def _transient_size(self) -> int:
        return self.c.transient_size()

    def _truncate_transient(self, size_t n):
        """Release transient strings added after the first n (the end of a memory zone)."""
        self.c.truncate_transient(n)

    def to_bytes(self, *, exclude=tuple()):
        """The sorted strings as a JSON list. A str, as spaCy's is (srsly.json_dumps); every
        from_bytes takes str or bytes."""
        import json

        # json escapes lone surrogates (which add() accepts) instead of failing on them.
        return json.dumps(sorted(self), ensure_ascii=True, separators=(",", ":"))

    def from_bytes(self, bytes_data, *, exclude=tuple()):
        import json

        if not isinstance(bytes_data, (bytes, bytearray, str)):
            raise StringStoreError(f"StringStore.from_bytes takes bytes, not "
                                   f"{type(bytes_data).__name__}.")
        try:
            strings = json.loads(bytes_data)
        except (ValueError, UnicodeDecodeError) as e:
            raise StringStoreError(f"StringStore data is not valid JSON: {e}") from None
        if isinstance(strings, dict):
            strings = list(strings)  # spaCy adds a JSON object's keys
        if not isinstance(strings, list):
            raise StringStoreError("StringStore data must be a JSON list of strings.")
        self._add_all(strings)
        return self

    def to_disk(self, path):
        """strings.json: the sorted strings, indented as spaCy writes them (srsly.write_json)."""
        import pathlib

        import srsly
        strings = sorted(self)
        try:
            text = srsly.json_dumps(strings, indent=2)   # ujson: 3x the stdlib's indenting
        except UnicodeEncodeError:   # a lone surrogate, which the stdlib escapes
            import json
            text = json.dumps(strings, ensure_ascii=True, indent=2)
        pathlib.Path(path).write_text(text, encoding="utf8")

    def from_disk(self, path):
        import pathlib
        path = pathlib.Path(path)
        from .line_reader import read_text

        try:
            data = read_text(path).encode("utf8")  # streamed: bad bytes or a huge line name it
        except FolderNotFileError:
            raise  # already names the path; an IsADirectoryError, as spaCy's
        except OSError as e:
            raise StringStoreError(f"Can't read strings from {path}: {e}") from None
        try:
            return self.from_bytes(data)
        except StringStoreError as e:
            raise StringStoreError(f"{path}: {str(e).removeprefix('[lexloom] ')}") from None

    @staticmethod
    def n_symbols() -> int:
        return n_symbols()
