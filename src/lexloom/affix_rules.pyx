# cython: language_level=3, boundscheck=False, wraparound=False
"""Native affix rules: compiled prefix / suffix / infix / token_match / url_match patterns
and the per-chunk splitting loop (csrc/lexloom/affix_rules.hh). Patterns are lowered to
programs by lexloom.tokenizer_native, which also decides which rules can run here."""
from libc.stdint cimport int32_t, uint32_t
from libcpp cimport bool as cbool
from libcpp.memory cimport make_shared
from libcpp.vector cimport vector

cdef extern from "Python.h":
    int PyUnicode_KIND(object o)
    void* PyUnicode_DATA(object o)

_METHODS = {"match": kMethodMatch, "search": kMethodSearch, "fullmatch": kMethodFullmatch,
            "finditer": kMethodFinditer}


cdef inline void _widen(str s, u32string* out):
    widen_chars(PyUnicode_DATA(s), PyUnicode_KIND(s), 0, len(s), out)


cdef class CompiledRule:
    """One pattern as a native matcher; `match` / `search` / `finditer` answer with spans
    what re's methods answer with match objects (None where re finds nothing)."""

    def __init__(self, str pattern, int flags, program, classes, int word_class,
                 bint first_start, int end_width, int min_width, int required_class=-1,
                 tail_classes=()):
        cdef vector[int32_t] prog = program
        cdef vector[uint32_t] cls = classes
        cdef vector[int32_t] tails = list(tail_classes)
        self.pattern = pattern
        self.flags = flags
        self.min_width = min_width
        self.regex = make_shared[Regex]()
        if not self.regex.get().build(prog.data(), prog.size(), cls.data(), cls.size(),
                                      word_class, first_start, end_width, required_class,
                                      tails.data(), tails.size()):
            raise ValueError(f"malformed native program for pattern {pattern!r}")

    def match(self, str text, bint full=False):
        """(0, end) of the match at the start, None if none; raises RuntimeError when the
        matcher gives up (too deep or too long)."""
        cdef u32string buf
        cdef int32_t end = 0
        _widen(text, &buf)
        r = self.regex.get().match_at(buf.data(), <int32_t>buf.size(), 0, full, &end)
        return _answer(r, 0, end)

    def search(self, str text):
        cdef u32string buf
        cdef int32_t start = 0, end = 0
        _widen(text, &buf)
        r = self.regex.get().search(buf.data(), <int32_t>buf.size(), &start, &end)
        return _answer(r, start, end)

    def finditer(self, str text):
        """[(start, end), ...] of every match, as re's finditer."""
        cdef u32string buf
        cdef vector[int32_t] spans
        _widen(text, &buf)
        r = self.regex.get().finditer(buf.data(), <int32_t>buf.size(), &spans)
        if r == kRxAbort or r == kRxBadProgram:
            raise RuntimeError(f"the native matcher gave up on {text[:40]!r}")
        return [(spans[i], spans[i + 1]) for i in range(0, spans.size(), 2)]


cdef _answer(RxStatus r, int32_t start, int32_t end):
    if r == kRxMatch:
        return (start, end)
    if r == kRxNoMatch:
        return None
    raise RuntimeError("the native matcher gave up")


cdef class NativeSplitter:
    """spaCy's per-chunk split over native rules and special cases. `split` returns
    [(start, end, special id or -1, piece of the special)] and whether a piece may start a
    special-case phrase pass needs Python, or None where a matcher gave up (the caller
    uses Python's re)."""

    def __cinit__(self):
        self.c = new ChunkSplitter()
        self.special_strings = []
        self._special_ids = {}

    def __dealloc__(self):
        del self.c

    def set_rule(self, str field, CompiledRule rule, str method):
        cdef Rule r
        r.regex = rule.regex
        r.method = _METHODS[method]
        if field == "prefix_search":
            self.c.prefix = r
        elif field == "suffix_search":
            self.c.suffix = r
        elif field == "infix_finditer":
            self.c.infix = r
        elif field == "token_match":
            self.c.token_match = r
        elif field == "url_match":
            self.c.url_match = r
        else:
            raise ValueError(f"unknown rule field {field!r}")

    def add_special(self, str string, lengths):
        """The special case `string`, whose pieces are `lengths` characters long."""
        cdef u32string buf
        cdef vector[int32_t] lens = lengths
        _widen(string, &buf)
        if string not in self._special_ids:
            self._special_ids[string] = len(self.special_strings)
            self.special_strings.append(string)
        self.c.add_special(buf.data(), <int32_t>buf.size(), lens.data(), <int32_t>lens.size())

    def set_guard(self, ranges):
        """token_match stays in Python, and only strings holding a character of `ranges`
        ([(lo, hi)]) can match it: `split` names those it would ask about."""
        cdef vector[uint32_t] flat
        for lo, hi in ranges:
            flat.push_back(lo)
            flat.push_back(hi)
        self.c.set_guard(flat.data(), flat.size())

    def clear_specials(self):
        self.c.clear_specials()
        self.special_strings = []
        self._special_ids = {}

    def set_phrases(self, phrases):
        """The special-case phrases, [(tokens, special case string)] in the order the
        phrase pass tries them."""
        cdef u32string buf
        cdef vector[int32_t] lengths
        self.c.clear_phrases()
        for tokens, string in phrases:
            lengths = [len(t) for t in tokens]
            _widen("".join(tokens), &buf)
            self.c.add_phrase(buf.data(), lengths.data(), <int32_t>lengths.size(),
                              self._special_ids[string])

    cdef RxStatus split_chars(self, const void* data, int kind, Py_ssize_t start,
                              Py_ssize_t end, bint with_specials, bint phrase_pass,
                              bint* fallback, vector[int32_t]* asks=NULL):
        """ChunkSplitter::split of the str storage data[start:end]; asks: see split()."""
        cdef cbool fb = False
        if end - start > 0x7FFFFFF0:
            return kRxAbort
        widen_chars(data, kind, start, end, &self.buf)
        r = self.c.split(self.buf.data(), <int32_t>self.buf.size(), with_specials, phrase_pass,
                         &self.pieces, &fb, asks)
        fallback[0] = fb
        return r

    def split(self, str chunk, bint with_specials=True, bint phrase_pass=False):
        """([(start, end, special id or -1, piece of the special)], fallback, asks), or
        None where a matcher gave up. fallback: the phrase pass needs the Python splitter.
        asks: [(start, end)] of the strings a token_match left to Python (set_guard) must
        not match for this split to hold; [] otherwise."""
        cdef bint fallback = False
        r = self.split_chars(PyUnicode_DATA(chunk), PyUnicode_KIND(chunk), 0, len(chunk),
                             with_specials, phrase_pass, &fallback, &self.asks)
        if r != kRxMatch:
            return None
        # copies before any Python object is made (which may let another thread split with
        # this splitter, refilling its buffers)
        cdef vector[SplitPiece] pieces = self.pieces
        cdef vector[int32_t] asks = self.asks
        return ([(p.start, p.end, p.special, p.sub) for p in pieces], fallback,
                [(asks[i], asks[i + 1]) for i in range(0, asks.size(), 2)])
