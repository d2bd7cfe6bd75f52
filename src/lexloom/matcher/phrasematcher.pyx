# cython: language_level=3, boundscheck=False, wraparound=False
"""PhraseMatcher: match large terminology lists given as Docs, on one token attribute.

The phrases live in a native trie (csrc/lexloom/phrase_matcher.hh) keyed by attribute ids;
a Doc is matched in one native sweep, and the keys of one (start, end) come out in the order
spaCy's hash map gives them, so results are spaCy's, order included.
"""
from libc.stdint cimport int32_t, uint32_t, uint64_t
from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF
from libcpp.vector cimport vector

from ..core cimport TokenC, attr_t, token_get_attr
from ..tokens.doc cimport Doc, Span
from ..vocab cimport Vocab

import warnings

from ..attrs import IDS
from ..errors import (Errors, LexloomWarning, MatcherError, MatcherTypeError, MatchKeyError,
                      MatchPatternError, PhraseTypeError, Warnings)


cdef extern from "Python.h":
    # Raw C-API, so building the result list costs no reference counting beyond its own.
    PyObject* _list_new "PyList_New"(Py_ssize_t n) except NULL
    void _list_set "PyList_SET_ITEM"(PyObject* lst, Py_ssize_t i, PyObject* item)
    PyObject* _tuple_new "PyTuple_New"(Py_ssize_t n) except NULL
    void _tuple_set "PyTuple_SET_ITEM"(PyObject* t, Py_ssize_t i, PyObject* item)
    void _gc_untrack "PyObject_GC_UnTrack"(PyObject* o)
    PyObject* _long_from_long "PyLong_FromLong"(long v) except NULL
    PyObject* _long_from_u64 "PyLong_FromUnsignedLongLong"(unsigned long long v) except NULL


cdef extern from "lexloom/phrase_matcher.hh" namespace "lexloom" nogil:
    cdef struct PhraseMatch:
        uint64_t key
        int32_t start
        int32_t end

    cdef cppclass PhraseTrie:
        PhraseTrie() except +
        uint32_t add(uint64_t key, const attr_t* ids, int32_t n) except +
        size_t remove(uint64_t key) except +
        bint has_key(uint64_t key)
        void match(const TokenC* tokens, int32_t begin, int32_t end, uint64_t attr,
                   vector[PhraseMatch]& out) except +
        size_t n_nodes()
        size_t n_phrases()


# spaCy's reserved id for "a phrase ends here"; an attribute equal to it cannot be matched.
cdef uint64_t TERMINAL_HASH = 826361138722620965

# Token-pattern attribute names spaCy accepts for the PhraseMatcher's attr.
_PATTERN_ATTRS = {
    "ORTH", "TEXT", "LOWER", "POS", "TAG", "MORPH", "DEP", "LEMMA", "SHAPE", "ENT_TYPE",
    "ENT_IOB", "ENT_ID", "ENT_KB_ID", "NORM", "LENGTH", "SPACY", "IS_ALPHA", "IS_ASCII",
    "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_BRACKET",
    "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "IS_STOP", "IS_SENT_START",
    "SENT_START", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL",
}

# Attributes a pattern Doc must carry when matching on them, and the component that sets them.
_NEEDS_PIPE = {
    IDS["TAG"]: "tagger",
    IDS["POS"]: "morphologizer or tagger+attribute_ruler",
    IDS["MORPH"]: "morphologizer or tagger+attribute_ruler",
    IDS["LEMMA"]: "lemmatizer",
    IDS["DEP"]: "parser",
}
cdef uint64_t A_TAG = IDS["TAG"], A_POS = IDS["POS"], A_MORPH = IDS["MORPH"]
cdef uint64_t A_LEMMA = IDS["LEMMA"], A_DEP = IDS["DEP"]


cdef bint _has_attr(const TokenC* tokens, int n, uint64_t attr) noexcept nogil:
    cdef int i
    for i in range(n):
        if token_get_attr(&tokens[i], attr) != 0:
            return True
    return False


cdef bint _is_annotated(const TokenC* tokens, int n) noexcept nogil:
    return (_has_attr(tokens, n, A_TAG) or _has_attr(tokens, n, A_POS)
            or _has_attr(tokens, n, A_MORPH) or _has_attr(tokens, n, A_LEMMA)
            or _has_attr(tokens, n, A_DEP))


def _attr_id(attr) -> int:
    if isinstance(attr, int):
        return attr
    if attr is None:
        attr = "ORTH"
    name = str(attr).upper()
    if name == "TEXT":
        name = "ORTH"
    if name == "IS_SENT_START":
        name = "SENT_START"
    if name not in _PATTERN_ATTRS:
        raise MatcherError(
            f"{Errors.E152.format(attr=name)} (PhraseMatcher(attr={attr!r}): the attribute "
            f"{attr!r} is not supported for token patterns; use one of "
            f"{', '.join(sorted(_PATTERN_ATTRS))}.)")
    return IDS[name]


# The hash of the key "" is 0, which the trie can't hold (0 and 1 mark its empty and deleted
# cells): that key is stored under this stand-in and reported as 0 again.
cdef uint64_t _EMPTY_KEY_STAND_IN = 0x9E3779B97F4A7C15


cdef inline uint64_t _reported_key(uint64_t key) nogil:
    return 0 if key == _EMPTY_KEY_STAND_IN else key


cdef list _as_tuples(const vector[PhraseMatch]& out, uint64_t* key_vals, PyObject** key_objs):
    """(key, start, end) tuples for the matches. Recent key ints are reused (by key & 255);
    the tuples hold only ints, so they are untracked by the garbage collector at once (as
    CPython itself would do at its next collection) instead of making every collection
    walk them."""
    cdef Py_ssize_t i, n = out.size()
    cdef PyObject* matches = _list_new(n)
    cdef list result = <list>matches  # owns the new reference (Cython adds one; drop ours)
    Py_XDECREF(matches)
    cdef uint64_t k
    cdef int slot
    cdef PyObject* t
    cdef PyObject* key
    cdef const PhraseMatch* m = out.data()
    for i in range(n):
        k = _reported_key(m[i].key)
        slot = k & 255
        if key_vals[slot] != k or key_objs[slot] == NULL:
            key = _long_from_u64(k)
            Py_XDECREF(key_objs[slot])
            key_objs[slot] = key
            key_vals[slot] = k
        key = key_objs[slot]
        t = _tuple_new(3)
        _list_set(matches, i, t)  # first, so an error below frees everything with the list
        Py_INCREF(<object>key)
        _tuple_set(t, 0, key)
        _tuple_set(t, 1, _long_from_long(m[i].start))
        _tuple_set(t, 2, _long_from_long(m[i].end))
        _gc_untrack(t)
    return result


def _unpickle_phrase_matcher(vocab, attr, validate, rules):
    """Reads pickles of earlier lexloom versions."""
    matcher = PhraseMatcher(vocab, attr=attr, validate=validate)
    for key, phrases, on_match in rules:
        matcher.add(key, [list(p) for p in phrases], on_match=on_match)
    return matcher


def unpickle_matcher(vocab, phrases, callbacks, attr):
    """The inverse of PhraseMatcher.__reduce__: spaCy's argument order."""
    matcher = PhraseMatcher(vocab, attr=attr)
    for key, on_match in callbacks.items():
        matcher.add(key, [list(p) for p in phrases.get(key, [])], on_match=on_match)
    return matcher


cdef class PhraseMatcher:
    """Efficiently match large terminology lists: patterns are Docs, compared on one token
    attribute (ORTH by default)."""
    cdef readonly Vocab vocab
    cdef readonly uint64_t attr
    cdef dict _callbacks         # user key -> on_match (its keys are the rules, as in spaCy)
    cdef dict _hash_callbacks    # key hash -> on_match, for the callbacks of a match
    cdef dict _phrases           # user key -> [attribute-id tuples]: what pickling rebuilds
    cdef bint _validate
    cdef PhraseTrie* trie
    # Python ints of recent match keys, by key & 255: a match list reuses them instead of
    # allocating one int per match.
    cdef uint64_t _key_vals[256]
    cdef PyObject* _key_objs[256]  # owned references, or NULL
    # The match buffer, reused by every call (taken out while in use, so a re-entrant call
    # gets a fresh one).
    cdef vector[PhraseMatch] _out

    def __cinit__(self):
        self.trie = new PhraseTrie()
        cdef int i
        for i in range(256):
            self._key_vals[i] = 0
            self._key_objs[i] = NULL

    def __dealloc__(self):
        del self.trie
        cdef int i
        for i in range(256):
            Py_XDECREF(self._key_objs[i])
            self._key_objs[i] = NULL

    def __init__(self, Vocab vocab, attr="ORTH", validate=False):
        """vocab: the shared vocabulary; attr: token attribute to match on (name or id);
        validate: warn when pattern Docs carry annotation the attribute doesn't need."""
        self.vocab = vocab
        self._callbacks = {}
        self._hash_callbacks = {}
        self._phrases = {}
        self._validate = validate
        self.attr = _attr_id(attr)

    def __reduce__(self):
        """Pickled in spaCy's shape (vocab, phrases per key, on_match per key, attr); the
        phrases are attribute-id lists, callbacks must be picklable, validate is state."""
        phrases = {key: list(self._phrases.get(key, [])) for key in self._callbacks}
        return (unpickle_matcher, (self.vocab, phrases, dict(self._callbacks), self.attr),
                {"validate": self._validate})

    def __setstate__(self, state):
        self._validate = state.get("validate", False)

    def __len__(self):
        """The number of match keys added."""
        return len(self._callbacks)

    def __contains__(self, key):
        return key in self._callbacks

    cdef uint64_t _key_hash(self, key) except? 0:
        if isinstance(key, str):
            self.vocab[key]  # spaCy interns the key as a lexeme
            return self.vocab.strings[key] or _EMPTY_KEY_STAND_IN
        if isinstance(key, int) and not isinstance(key, bool) and 1 < key < 2**64:
            return key
        raise MatcherTypeError(f"an integer is required: a PhraseMatcher match key is a string "
                               f"(or a string's hash), not {key!r} of type "
                               f"{type(key).__name__}.")

    def add(self, key, docs, *_docs, on_match=None):
        """Add phrases (Docs, or sequences of attribute ids) under `key`. on_match(matcher,
        doc, i, matches) is called for each match of this key."""
        if docs is None or hasattr(docs, "__call__"):  # spaCy 2's add(key, on_match, *docs)
            on_match = docs
            docs = _docs
        if isinstance(docs, Doc):
            raise MatchPatternError(Errors.E179.format(key=key))
        if isinstance(docs, (str, bytes)) or not hasattr(docs, "__iter__"):
            raise MatchPatternError(key, {"patterns": [
                f"expected a list of Doc objects but got {type(docs).__name__}. Make the "
                f"phrases with nlp.make_doc(text) and pass a list: matcher.add({key!r}, docs)."]})
        docs = list(docs)  # any iterable, as in spaCy: a generator, nlp.tokenizer.pipe(...)
        cdef uint64_t keyhash = self._key_hash(key)
        self._callbacks[key] = on_match
        if on_match is not None:   # (keyed by the id matches report)
            self._hash_callbacks[_reported_key(keyhash)] = on_match
        else:
            self._hash_callbacks.pop(_reported_key(keyhash), None)
        cdef vector[attr_t] ids
        cdef Doc d
        cdef int i, n
        cdef uint64_t attr = self.attr
        cdef bint needs_annotation = attr in _NEEDS_PIPE
        phrases = self._phrases.setdefault(key, [])
        for doc in docs:
            if isinstance(doc, Doc):
                d = <Doc>doc
                n = d.length
                if n == 0:
                    continue
                if needs_annotation and not _has_attr(d.c, n, attr):
                    name = self.vocab.strings.as_string(attr)
                    raise MatcherError(
                        f"{Errors.E155.format(pipe=_NEEDS_PIPE[attr], attr=name)} "
                        f"(PhraseMatcher.add({key!r}, ...): pattern {d.text!r} has no {name} "
                        f"annotation; use nlp() instead of nlp.make_doc(), or "
                        f"list(nlp.pipe()) instead of list(nlp.tokenizer.pipe()).)")
                if self._validate and not needs_annotation and _is_annotated(d.c, n):
                    warnings.warn(Warnings.W012.format(
                        key=key, attr=self.vocab.strings.as_string(attr)), LexloomWarning)
                ids.resize(n)
                # with the GIL: reads the tokens' lexemes, which a memory zone's release on
                # another thread moves (holding the GIL)
                for i in range(n):
                    ids[i] = token_get_attr(&d.c[i], attr)
            else:
                seq = list(doc) if isinstance(doc, (list, tuple)) else None
                if seq is None or not all(type(v) is int and 0 <= v < 2 ** 64 for v in seq):
                    raise PhraseTypeError(key, {"patterns": [
                        f"each phrase must be a Doc (or a list of attribute ids), got "
                        f"{doc!r:.80}. Make phrases with nlp.make_doc(text)."]})
                n = len(seq)
                if n == 0:
                    continue
                ids.resize(n)
                for i in range(n):
                    ids[i] = seq[i]
            for i in range(n):
                if ids[i] == TERMINAL_HASH:
                    warnings.warn("[lexloom] A pattern token's attribute equals the "
                                  "PhraseMatcher's reserved end-of-phrase id; the phrase is "
                                  "cut before it, so its matches may be wrong.", LexloomWarning)
                    n = i
                    break
            self.trie.add(keyhash, ids.data(), n)
            phrases.append(tuple(ids[i] for i in range(n)))

    def remove(self, key):
        """Remove the rule `key` and its phrases (phrases shared with other keys stay).
        Raises a KeyError if the key was never added."""
        if key not in self._callbacks:
            raise MatchKeyError(f"PhraseMatcher.remove({key!r}): no rule with this key. "
                                f"Check `key in matcher` first.")
        cdef uint64_t keyhash = self._key_hash(key)
        self.trie.remove(keyhash)
        del self._callbacks[key]
        self._phrases.pop(key, None)
        self._hash_callbacks.pop(_reported_key(keyhash), None)

    def __call__(self, object doclike, *, as_spans=False):
        """Every (match_id, start, end) whose tokens' attributes equal a phrase; start and end
        index the Doc (also when matching a Span). as_spans: Spans labelled with the key."""
        cdef Doc doc
        cdef int start, end
        if isinstance(doclike, Doc):
            doc = <Doc>doclike
            start, end = 0, doc.length
        elif isinstance(doclike, Span):
            doc = (<Span>doclike).doc
            start, end = (<Span>doclike)._lo(), (<Span>doclike)._hi()
        elif doclike is None or len(doclike) == 0:
            return []
        else:
            raise MatcherError(Errors.E195.format(good="Doc or Span",
                                                  got=type(doclike).__name__))
        if end <= start:
            return []
        if start < 0 or end > doc.length:
            raise MatcherError(f"The Span [{start}:{end}] lies outside its Doc of {doc.length} "
                               "tokens (made before the Doc was retokenized?); make it again.")
        cdef vector[PhraseMatch] out
        out.swap(self._out)
        out.clear()
        cdef uint64_t attr = self.attr
        # with the GIL, as spaCy: another thread's add / remove (the trie) or retokenize (the
        # Doc's tokens) would change what the match reads (a segfault when released)
        self.trie.match(doc.c, start, end, attr, out)
        if out.size() == 0:
            out.swap(self._out)
            return []
        cdef list matches = _as_tuples(out, self._key_vals, self._key_objs)
        if out.capacity() <= 65536:  # keep the buffer unless a huge Doc grew it
            out.swap(self._out)
        if self._hash_callbacks:
            for i, (match_id, _, _) in enumerate(matches):
                on_match = self._hash_callbacks.get(match_id)
                if on_match is not None:
                    on_match(self, doc, i, matches)
        if as_spans:
            return [Span(doc, s, e, label=k) for k, s, e in matches]
        return matches

    def pipe(self, stream, batch_size=1000, return_matches=False, as_tuples=False):
        """Match a stream of Docs, yielding them in turn (deprecated, as in spaCy 3)."""
        warnings.warn(Warnings.W105.format(matcher="PhraseMatcher"), DeprecationWarning)
        for item in stream:
            doc, context = item if as_tuples else (item, None)
            matches = self(doc)
            out = (doc, matches) if return_matches else doc
            yield (out, context) if as_tuples else out

    @property
    def n_phrases(self) -> int:
        """Distinct phrases currently held (lexloom extra)."""
        return self.trie.n_phrases()
