# cython: language_level=3
"""Doc, Token and Span: thin Python views over a contiguous native TokenC array.

The array (csrc/lexloom/token_array.hh) carries padding sentinels on both sides, so window
features never bounds-check. Arguments are checked once here, at the Python boundary.
"""
from libc.stdint cimport int32_t, int64_t, uint64_t
from libc.string cimport memcpy

cimport numpy as np

from ..core cimport (LexemeC, TokenArray, TokenC, attr_t, check_heads, heads_have_cycle,
                     lex_check_flag, set_children_from_heads, set_children_from_heads_range,
                     span_root, token_subtree, token_array_free, token_array_init,
                     token_array_push, token_array_reserve, token_array_to_array,
                     token_get_attr, token_set_attr)
from ..strings cimport StringStore, encode_text
from ..vocab cimport Vocab

import copy
import weakref

import numpy

from ..attrs import IDS, IOB_STRINGS, NAMES, POS_IDS, POS_NAMES, intify_attr
from ..errors import DeserializationError, DocError, LexloomError
from ..morphology import MorphAnalysis, normalize_features
from .span_group import SpanGroups
from .underscore import Underscore

np.import_array()

cdef enum:
    # attribute ids used below (see csrc/lexloom/attrs.hh)
    A_ORTH = 65
    A_NORM = 67
    A_LENGTH = 71
    A_LEMMA = 73
    A_POS = 74
    A_TAG = 75
    A_DEP = 76
    A_ENT_IOB = 77
    A_ENT_TYPE = 78
    A_HEAD = 79
    A_SENT_START = 80
    A_SPACY = 81
    A_ENT_KB_ID = 452
    A_MORPH = 453
    A_ENT_ID = 454

# Shared by new Docs until a component sets a tensor (a size-0 array can't be changed).
_EMPTY_TENSOR = numpy.zeros((0,), dtype="float32")

# The "_" symbol: spaCy's key for an empty morphological analysis.
EMPTY_MORPH_KEY = 456


def _attr_ids(attrs):
    """Attribute names or ids (one or a list) -> (list of ids, was a single attribute)."""
    single = isinstance(attrs, (str, int))
    items = [attrs] if single else list(attrs)
    try:
        return [intify_attr(a) for a in items], single
    except KeyError as e:
        raise DocError(str(e.args[0])) from None


def _noun_chunks(doclike):
    doc = doclike.doc
    iterator = doc.vocab.get_noun_chunks
    if iterator is None:
        raise DocError(f"noun_chunks isn't available for language {doc.vocab.lang!r}: it has "
                       "no noun chunk iterator (English has one; set vocab.get_noun_chunks "
                       "to add your own).")
    for start, end, label in iterator(doclike):
        yield Span(doc, start, end, label=label)


# ---- word vectors: shared by Doc, Span and Token ----------------------------------------

cdef np.ndarray _vector_keys(Doc doc, int start, int end, uint64_t attr):
    """The keys of doc[start:end] for a vectors table keyed by `attr` (ORTH or NORM), read
    natively from those tokens only."""
    cdef np.ndarray out = numpy.zeros(max(end - start, 0), dtype=numpy.uint64)
    if end > start:
        token_array_to_array(doc.c + start, end - start, &attr, 1, <uint64_t*>out.data)
    return out


def _vectors_of(Doc doc, int start, int end):
    """(end - start, width) float32: the vocab's vectors of doc[start:end], keyed by the
    table's attribute (ORTH or NORM); zeros for words without one (default mode)."""
    vectors = doc.vocab.vectors
    return vectors.get_batch(_vector_keys(doc, start, end, vectors.attr))


def _mean_vector(Doc doc, int start, int end):
    """The mean of the token vectors of doc[start:end]; the doc's tensor rows stand in when
    the vocab has no vectors (as in spaCy)."""
    vectors = doc.vocab.vectors
    if end <= start:
        return numpy.zeros((vectors.shape[1],), dtype=numpy.float32)
    if vectors.size > 0:
        return _vectors_of(doc, start, end).mean(axis=0, dtype=numpy.float32)
    if doc.tensor.size > 0:
        return numpy.asarray(doc.tensor[start:end]).mean(axis=0).astype(numpy.float32)
    return numpy.zeros((0,), dtype=numpy.float32)


def _has_vector(Doc doc, int start, int end) -> bool:
    vectors = doc.vocab.vectors
    if vectors.size > 0:
        if end <= start:
            return False
        if vectors.mode == "floret":
            return True
        keys = _vector_keys(doc, start, end, vectors.attr)
        return bool((vectors.find_rows(keys) >= 0).any())
    return doc.tensor.size > 0 and end > start


def _norm(vector) -> float:
    return float(numpy.sqrt(numpy.dot(vector, vector))) if vector.size else 0.0


def _cosine(obj, other) -> float:
    """Cosine of two objects' vectors; 0.0 (with a warning) when either has none."""
    import warnings

    a, b = obj.vector, other.vector
    norm_a, norm_b = _norm(a), _norm(b)
    if norm_a == 0 or norm_b == 0:
        warnings.warn(f"[lexloom] similarity: {type(obj).__name__} {str(obj)[:40]!r} or "
                      f"{type(other).__name__} {str(other)[:40]!r} has no vector (an empty or "
                      "all-zero one), so the similarity is 0.0. Load vectors with "
                      "[initialize] vectors, or check vocab.vectors covers these words.",
                      UserWarning)
        return 0.0
    if a.shape != b.shape:
        raise DocError(f"similarity: vectors of widths {a.shape[0]} and {b.shape[0]} can't be "
                       "compared; both objects need the same vectors table.")
    return float(numpy.dot(a, b) / (norm_a * norm_b))


def _same_words(obj, other) -> bool:
    """Whether two Docs/Spans/Tokens/Lexemes are the same sequence of words (similarity 1)."""
    words_a = [obj.orth] if not hasattr(obj, "__iter__") else [t.orth for t in obj]
    words_b = [other.orth] if not hasattr(other, "__iter__") else [t.orth for t in other]
    return len(words_a) > 0 and words_a == words_b


cdef class Doc:
    """A sequence of tokens with their annotations.

    Doc(vocab, words=["Hello", "!"], spaces=[False, False]) makes a Doc from given words;
    spaces default to True (unknown spacing). Optional per-token annotations: tags, pos,
    morphs, lemmas, heads (absolute indices), deps, sent_starts, ents (IOB strings).
    """

    def __cinit__(self, *args, **kwargs):
        if not token_array_init(&self.arr, 8):
            raise MemoryError()
        self.c = self.arr.data
        self.length = 0
        if _active_zones:
            for zone in _active_zones:
                (<MemoryZoneDocs>zone).docs.add(self)
                (<MemoryZoneDocs>zone).created += 1

    def __dealloc__(self):
        token_array_free(&self.arr)

    def _zone_strings(self, size_t first_zone_lexeme):
        """Before a memory zone is released: the texts of tokens whose lexeme the zone made
        and every annotation string, so _rehome can make them permanent."""
        cdef StringStore strings = self.vocab.strings
        cdef int i
        moved = []
        ids = set()
        for i in range(self.length):
            if self.c[i].lex.id >= first_zone_lexeme:
                moved.append((i, strings.decode(self.c[i].lex.orth)))
            for key in (self.c[i].tag, self.c[i].lemma, self.c[i].dep, self.c[i].morph,
                        self.c[i].norm, self.c[i].ent_type, self.c[i].ent_kb_id,
                        self.c[i].ent_id):
                if key:
                    ids.add(key)
        return moved, [s for s in (strings.decode(k) for k in ids) if s is not None]

    def _rehome(self, moved, annotation_strings):
        """After the release: point tokens at permanent lexemes for their texts again."""
        cdef StringStore strings = self.vocab.strings
        for text in annotation_strings:
            strings.add(text)
        for i, text in moved:
            self.c[<int>i].lex = self.vocab.get(text)

    def __init__(self, Vocab vocab not None, words=None, spaces=None, *, user_data=None,
                 tags=None, pos=None, morphs=None, lemmas=None, heads=None, deps=None,
                 sent_starts=None, ents=None):
        self.vocab = vocab
        self.user_data = {} if user_data is None else user_data
        self.cats = {}
        self._spans = None
        self.user_hooks = {}
        self.user_token_hooks = {}
        self.user_span_hooks = {}
        self.tensor = _EMPTY_TENSOR
        if words is None and spaces is not None:
            raise DocError("Doc got `spaces` without `words`; pass both lists.")
        self.has_unknown_spaces = words is not None and spaces is None
        words = list(words) if words is not None else []
        spaces = list(spaces) if spaces is not None else [True] * len(words)
        if len(spaces) != len(words):
            raise DocError(f"Doc got {len(words)} words but {len(spaces)} spaces; pass one "
                           "whitespace flag per word.")
        self.reserve(len(words))
        cdef const LexemeC* lex
        for i, (word, has_space) in enumerate(zip(words, spaces)):
            if isinstance(word, str):
                if not word:
                    raise DocError(f"words[{i}] is an empty string; every token needs at least "
                                   "one character.")
                lex = vocab.get(word)
            elif isinstance(word, bytes):
                raise DocError(f"words[{i}] is bytes ({word[:20]!r}); decode it to str first.")
            elif isinstance(word, int):
                lex = vocab.get_by_orth(word)
            else:
                raise DocError(f"words[{i}] is a {type(word).__name__}; words must be str.")
            self.push_back(lex, bool(has_space))
        self._set_init_annotations(len(words), tags, pos, morphs, lemmas, heads, deps,
                                   sent_starts, ents)

    def _set_init_annotations(self, int n, tags, pos, morphs, lemmas, heads, deps,
                              sent_starts, ents):
        annotations = {"tags": tags, "pos": pos, "morphs": morphs, "lemmas": lemmas,
                       "heads": heads, "deps": deps, "sent_starts": sent_starts, "ents": ents}
        for name, values in annotations.items():
            if values is not None and len(values) != n:
                raise DocError(f"Doc got {n} words but {len(values)} {name}; pass one value per "
                               "word (None for missing).")
        cdef StringStore strings = self.vocab.strings
        cdef int i
        if tags is not None:
            for i in range(n):
                self.c[i].tag = strings.intern(tags[i]) if tags[i] else 0
        if pos is not None:
            for i in range(n):
                p = pos[i] or ""
                if p not in POS_IDS:
                    raise DocError(f"pos[{i}] is {p!r}, not a universal POS tag. Use one of: "
                                   f"{', '.join(k for k in POS_IDS if k)}.")
                self.c[i].pos = POS_IDS[p]
        if morphs is not None:
            for i in range(n):
                if morphs[i] is not None:
                    self.c[i].morph = strings.intern(normalize_features(morphs[i]))
        if lemmas is not None:
            for i in range(n):
                self.c[i].lemma = strings.intern(lemmas[i]) if lemmas[i] else 0
        if deps is not None and heads is None:
            heads = list(range(n))
        if heads is not None and deps is None:
            raise DocError("Doc got heads without deps; pass deps too (use 'dep' if unknown).")
        if heads is not None:
            for i in range(n):
                h = i if heads[i] is None else heads[i]
                if not isinstance(h, (int, numpy.integer)) or not 0 <= h < n:
                    raise DocError(f"heads[{i}] is {heads[i]!r}; heads are token indices in "
                                   f"0..{n - 1} (absolute, not relative).")
                self.c[i].head = h - i
                self.c[i].dep = strings.intern(deps[i]) if deps[i] else 0
            if not set_children_from_heads(self.c, n):
                raise DocError("heads contain a cycle; every token must reach a root "
                               "(a token that is its own head).")
        if sent_starts is not None and heads is None:
            for i in range(n):
                v = sent_starts[i]
                self.c[i].sent_start = 1 if (v is True or v == 1) else -1 if (v is False or v == -1) else 0
        if ents is not None:
            self._set_iob(list(ents))

    def _set_iob(self, ents):
        """Per-token IOB/IOB2 strings ("B-PER", "I-PER", "O", "" or None) -> ENT_IOB/ENT_TYPE."""
        cdef int i
        cdef int n = self.length
        ents = [None if e == "" or e == "-" else e for e in ents]
        for i, ent in enumerate(ents):
            if ent is not None and not isinstance(ent, str):
                raise DocError(f"ents[{i}] is {ent!r}; entity tags are strings like 'B-PER'.")
            if ent is not None and ent != "O" and (len(ent) < 3 or ent[1] != "-" or ent[0] not in "BI"):
                raise DocError(f"ents[{i}] is {ent!r}; use 'B-LABEL', 'I-LABEL', 'O' or '' "
                               "(missing).")
        # IOB1 -> IOB2: an I- that does not continue an entity of the same label begins one.
        for i in range(n):
            ent = ents[i]
            if ent is None:
                self.c[i].ent_iob = 0
                self.c[i].ent_type = 0
            elif ent == "O":
                self.c[i].ent_iob = 2
                self.c[i].ent_type = 0
            else:
                label = ent[2:]
                prev = ents[i - 1] if i > 0 else None
                begins = ent[0] == "B" or prev is None or prev == "O" or prev[2:] != label
                self.c[i].ent_iob = 3 if begins else 1
                self.c[i].ent_type = self.vocab.strings.intern(label)

    cdef int reserve(self, int n) except -1:
        if not token_array_reserve(&self.arr, n):
            raise MemoryError(f"[lexloom] Can't allocate a Doc of {n} tokens.")
        self.c = self.arr.data
        return 0

    cdef int push_back(self, const LexemeC* lex, bint has_space) except -1:
        if not token_array_push(&self.arr, lex, has_space):
            raise MemoryError("[lexloom] Out of memory while growing a Doc.")
        self.c = self.arr.data
        self.length = self.arr.length
        return 0

    property spans:
        """Named groups of (possibly overlapping) spans: doc.spans["key"] = [span, ...]."""

        def __get__(self):
            if self._spans is None:  # made on first use: most Docs never need one
                self._spans = SpanGroups(self)
            return self._spans

        def __set__(self, value):
            groups = SpanGroups(self)
            for key, group in dict(value).items():
                groups[key] = group
            self._spans = groups

    # ---- sequence protocol ------------------------------------------------------------

    def __len__(self):
        return self.length

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, step = key.indices(self.length)
            if step != 1:
                raise DocError("Doc slices must have step 1.")
            return Span(self, start, max(start, stop))
        cdef int i = key
        if i < 0:
            i += self.length
        if not 0 <= i < self.length:
            raise IndexError(f"[lexloom] Token index {key} out of range for a Doc of "
                             f"{self.length} tokens.")
        return Token.cinit(self, i)

    def __iter__(self):
        cdef int i
        for i in range(self.length):
            yield Token.cinit(self, i)

    def __str__(self):
        return self.text

    def __repr__(self):
        return self.text

    def __bytes__(self):
        return self.to_bytes()

    # ---- text -------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._join(0, self.length, True)

    @property
    def text_with_ws(self) -> str:
        return self.text

    def _join(self, int start, int end, bint trailing):
        """The text of tokens [start, end); the last token's space only if `trailing`."""
        cdef StringStore strings = self.vocab.strings
        parts = []
        cdef int i
        for i in range(start, end):
            parts.append(strings.decode(self.c[i].lex.orth))
            if self.c[i].spacy and (trailing or i < end - 1):
                parts.append(" ")
        return "".join(parts)

    # ---- arrays -----------------------------------------------------------------------

    def to_array(self, attrs):
        """Attribute values as uint64: shape (n, k), or (n,) when one attribute is asked for.

        HEAD is relative (head index - token index) and negative values wrap, as in spaCy.
        """
        ids, single = _attr_ids(attrs)
        cdef np.ndarray[uint64_t, ndim=1] attr_arr = numpy.asarray(ids, dtype=numpy.uint64)
        cdef np.ndarray[uint64_t, ndim=2] out = numpy.zeros((self.length, len(ids)),
                                                            dtype=numpy.uint64)
        if self.length:
            token_array_to_array(self.c, self.length, <const uint64_t*>attr_arr.data,
                                 len(ids), <uint64_t*>out.data)
        return out[:, 0].copy() if len(ids) == 1 else out

    def from_array(self, attrs, array):
        """Set attributes from an (n, k) array as written by to_array. Returns self."""
        ids, single = _attr_ids(attrs)
        settable = {A_LEMMA, A_NORM, A_POS, A_TAG, A_MORPH, A_DEP, A_HEAD, A_SPACY, A_ENT_IOB,
                    A_ENT_TYPE, A_ENT_ID, A_ENT_KB_ID, A_SENT_START, A_ORTH}
        for attr_id in ids:
            if attr_id not in settable:
                raise DocError(f"from_array can't set {NAMES.get(attr_id, attr_id)}; settable attributes: "
                               f"{', '.join(sorted(NAMES[s] for s in settable))}.")
        arr = numpy.asarray(array)
        if arr.ndim == 1:
            arr = arr.reshape((arr.shape[0], 1))
        if arr.ndim != 2 or arr.shape[1] != len(ids):
            raise DocError(f"from_array got an array of shape {numpy.shape(array)} for "
                           f"{len(ids)} attributes; expected ({self.length}, {len(ids)}).")
        if arr.shape[0] != self.length:
            raise DocError(f"from_array got {arr.shape[0]} rows for a Doc of {self.length} "
                           "tokens; arrays must have one row per token.")
        if arr.dtype.kind not in "iub":
            raise DocError(f"from_array needs an integer array, got dtype {arr.dtype}.")
        cdef np.ndarray[uint64_t, ndim=2] values = numpy.ascontiguousarray(
            arr.astype(numpy.int64).view(numpy.uint64) if arr.dtype.kind == "i" else arr,
            dtype=numpy.uint64)
        cdef int i, j, n = self.length, k = len(ids)
        cdef int64_t rel
        if A_HEAD in ids:
            j = ids.index(A_HEAD)
            for i in range(n):
                rel = <int64_t>values[i, j]
                if rel + i < 0 or rel + i >= n:
                    raise DocError(f"from_array: HEAD of token {i} is {rel:+d} (relative), which "
                                   f"points outside the Doc of {n} tokens.")
        if A_ENT_IOB in ids:
            j = ids.index(A_ENT_IOB)
            for i in range(n):
                if values[i, j] > 3:
                    raise DocError(f"from_array: ENT_IOB of token {i} is {values[i, j]}; valid "
                                   "values are 0 (missing), 1 (I), 2 (O), 3 (B).")
        if A_ORTH in ids:
            j = ids.index(A_ORTH)
            for i in range(n):
                if values[i, j] != self.c[i].lex.orth:
                    raise DocError(f"from_array: ORTH of token {i} differs from the Doc's text; "
                                   "ORTH can't be changed, only other attributes.")
        cdef uint64_t a
        for j in range(k):
            a = ids[j]
            if a == A_ORTH:
                continue
            if a == A_MORPH or a == A_TAG or a == A_LEMMA or a == A_DEP or a == A_ENT_TYPE:
                for i in range(n):
                    if values[i, j] and values[i, j] not in self.vocab.strings:
                        raise DocError(f"from_array: {NAMES[a]} of token {i} is the id "
                                       f"{values[i, j]}, whose string is not in the vocab; add "
                                       "the strings to doc.vocab.strings first.")
            for i in range(n):
                token_set_attr(&self.c[i], a, values[i, j])
        if A_HEAD in ids and A_DEP in ids and values[:, ids.index(A_DEP)].any():
            if not set_children_from_heads(self.c, n):
                raise DocError("from_array: HEAD values contain a cycle.")
        return self

    @staticmethod
    def _get_array_attrs():
        """The attribute ids Span.as_doc copies by default (spaCy's list)."""
        ids, _ = _attr_ids(["LENGTH", "SPACY", "ORTH", "NORM", "TAG", "HEAD", "DEP", "ENT_IOB",
                            "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "LEMMA", "MORPH", "POS",
                            "SENT_START"])
        return tuple(ids)

    def has_annotation(self, attr, *, require_complete=False) -> bool:
        """Whether any (or, with require_complete, every) token has the attribute set."""
        if attr in ("IS_SENT_START", "IS_SENT_END"):
            attr = "SENT_START"
        ids, _ = _attr_ids(attr)
        a = ids[0]
        if a == A_HEAD:
            a = A_DEP
        cdef int i
        if self.length == 0:
            return True  # nothing is missing from an empty Doc (as in spaCy)
        if a == A_SENT_START:
            if "sents" in self.user_hooks or self.length == 1 or self.has_annotation("DEP"):
                return True
            if require_complete:
                return all(self.c[i].sent_start != 0 for i in range(1, self.length))
            return any(self.c[i].sent_start != 0 for i in range(1, self.length))
        if a == A_ENT_IOB or a == A_ENT_TYPE:
            a = A_ENT_IOB
        if require_complete:
            return self.length > 0 and all(token_get_attr(&self.c[i], a) for i in range(self.length))
        return any(token_get_attr(&self.c[i], a) for i in range(self.length))

    # ---- spans ------------------------------------------------------------------------

    def char_span(self, int start_idx, int end_idx, label=0, kb_id=0, vector=None,
                  alignment_mode="strict", span_id=0):
        """The Span covering characters [start_idx, end_idx), or None when it doesn't align.

        alignment_mode: "strict" (token boundaries must match), "contract" (only tokens fully
        inside), "expand" (every token that overlaps).
        """
        if alignment_mode not in ("strict", "contract", "expand"):
            raise DocError(f"alignment_mode {alignment_mode!r} is not one of 'strict', "
                           "'contract', 'expand'.")
        cdef int text_len = 0
        if self.length:
            text_len = (self.c[self.length - 1].idx + self.c[self.length - 1].lex.length
                        + self.c[self.length - 1].spacy)
        if start_idx < 0 or end_idx < start_idx or end_idx > text_len:
            return None
        cdef int i, start = -1, end = -1, tok_start, tok_end
        for i in range(self.length):
            tok_start = self.c[i].idx
            tok_end = tok_start + self.c[i].lex.length
            if alignment_mode == "strict":
                if tok_start == start_idx:
                    start = i
                if tok_end == end_idx:
                    end = i + 1
            elif alignment_mode == "contract":
                if start == -1 and tok_start >= start_idx:
                    start = i
                if tok_end <= end_idx and tok_start >= start_idx:
                    end = i + 1
            else:
                if start == -1 and tok_end > start_idx:
                    start = i
                if tok_start < end_idx:
                    end = i + 1
        if start == -1 or end == -1 or end <= start:
            return None
        if alignment_mode == "strict" and (self.c[start].idx != start_idx):
            return None
        return Span(self, start, end, label=label, kb_id=kb_id, span_id=span_id,
                    vector=vector)

    # ---- word vectors -----------------------------------------------------------------

    @property
    def vector(self):
        """The mean of the token vectors (float32, the vectors' width)."""
        if "vector" in self.user_hooks:
            return self.user_hooks["vector"](self)
        return _mean_vector(self, 0, self.length)

    @property
    def has_vector(self) -> bool:
        if "has_vector" in self.user_hooks:
            return self.user_hooks["has_vector"](self)
        return _has_vector(self, 0, self.length)

    @property
    def vector_norm(self) -> float:
        if "vector_norm" in self.user_hooks:
            return self.user_hooks["vector_norm"](self)
        return _norm(self.vector)

    def similarity(self, other) -> float:
        """Cosine similarity of the mean vectors; 1.0 for the same words."""
        if "similarity" in self.user_hooks:
            return self.user_hooks["similarity"](self, other)
        if _same_words(self, other):
            return 1.0
        return _cosine(self, other)

    property ents:
        """Named entities as Spans, read from the tokens' ENT_IOB / ENT_TYPE."""

        def __get__(self):
            cdef int i, start = -1
            cdef attr_t label = 0
            out = []
            for i in range(self.length):
                iob = self.c[i].ent_iob
                if start != -1 and (iob != 1 or self.c[i].ent_type != label):
                    out.append(Span(self, start, i, label=label,
                                    kb_id=self.c[start].ent_kb_id, span_id=self.c[start].ent_id))
                    start = -1
                if (iob == 3 and self.c[i].ent_type != 0) or (iob == 1 and start == -1):
                    start = i  # a B without a type is a blocked token, no entity
                    label = self.c[i].ent_type
            if start != -1:
                out.append(Span(self, start, self.length, label=label,
                                kb_id=self.c[start].ent_kb_id, span_id=self.c[start].ent_id))
            return tuple(out)

        def __set__(self, ents):
            self.set_ents(list(ents), default="outside")

    def set_ents(self, entities, *, blocked=None, missing=None, outside=None,
                 default="outside"):
        """Set entity annotation. Tokens not covered keep `default`: "outside" (O), "missing"
        (unknown), "unmodified", or "blocked" (B without a type, as in spaCy: the entity
        recognizer must leave them out of any entity)."""
        if default not in ("outside", "missing", "unmodified", "blocked"):
            raise DocError(f"set_ents default {default!r} is not one of 'outside', 'missing', "
                           "'unmodified', 'blocked'.")
        cdef int i
        # A span without a label is not an entity (as in spaCy).
        spans = [span for span in (self._as_span(e) for e in entities) if span.label]
        covered = [False] * self.length
        for span in spans:
            for i in range(span.start, span.end):
                if covered[i]:
                    raise DocError(f"Entities overlap at token {i} ({self[i].text!r}); a token "
                                   "can belong to one entity only.")
                covered[i] = True
        if default != "unmodified":
            for i in range(self.length):
                self.c[i].ent_iob = {"missing": 0, "blocked": 3}.get(default, 2)
                self.c[i].ent_type = 0
                self.c[i].ent_kb_id = 0
                self.c[i].ent_id = 0
        for group, code in ((blocked, 3), (missing, 0), (outside, 2)):
            for span in group or []:
                for i in range(span.start, span.end):
                    self.c[i].ent_iob = code
                    self.c[i].ent_type = 0
        for span in spans:
            for i in range(span.start, span.end):
                self.c[i].ent_iob = 3 if i == span.start else 1
                self.c[i].ent_type = span.label
                self.c[i].ent_kb_id = span.kb_id
                self.c[i].ent_id = span.id

    def _as_span(self, ent):
        if isinstance(ent, Span):
            if ent.doc is not self:
                raise DocError("An entity Span belongs to another Doc.")
            return ent
        if isinstance(ent, tuple) and len(ent) in (3, 4):
            label, start, end = ent[:3]
            if not 0 <= start <= end <= self.length:
                raise DocError(f"Entity {ent!r} is outside the Doc of {self.length} tokens.")
            return Span(self, start, end, label=label, kb_id=ent[3] if len(ent) == 4 else 0)
        raise DocError(f"Entities are Spans or (label, start, end) tuples, not {ent!r}.")

    @property
    def sents(self):
        """Sentences as Spans. Needs sentence boundaries (a parser, senter or sent_starts)."""
        if "sents" in self.user_hooks:
            yield from self.user_hooks["sents"](self)
            return
        if not self.has_annotation("SENT_START"):
            raise DocError("Sentence boundaries are unset. Add a component that sets them "
                           "(parser, senter, sentencizer) or set token.is_sent_start.")
        cdef int i, start = 0
        for i in range(1, self.length):
            if self.c[i].sent_start == 1:
                yield Span(self, start, i)
                start = i
        if start != self.length:
            yield Span(self, start, self.length)

    @property
    def doc(self):
        """The Doc itself (so code can take a Doc or a Span and read `.doc`)."""
        return self

    @property
    def noun_chunks(self):
        """Base noun phrases as Spans labelled "NP", from the language's syntax iterator
        (needs a dependency parse)."""
        yield from _noun_chunks(self)

    @property
    def is_parsed(self) -> bool:
        return self.has_annotation("DEP")

    def retokenize(self):
        """A context manager whose block collects merges and splits and applies them, all at
        once, when it exits: `with doc.retokenize() as retokenizer: retokenizer.merge(span)`."""
        from ._retokenize import Retokenizer

        return Retokenizer(self)

    # ---- copies and serialisation -----------------------------------------------------

    def copy(self):
        cdef Doc other = Doc(self.vocab)
        other.reserve(self.length)
        memcpy(other.c, self.c, self.length * sizeof(TokenC))
        other.arr.length = self.length
        other.length = self.length
        other.user_data = copy.deepcopy(self.user_data)
        other.cats = copy.deepcopy(self.cats)
        other.has_unknown_spaces = self.has_unknown_spaces
        other.tensor = self.tensor.copy()
        other.spans = SpanGroups(other)
        for key, group in self.spans.items():
            other.spans[key] = group.copy(other)
        return other

    _SERIAL_ATTRS = ("SPACY", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB",
                     "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "SENT_START", "NORM")

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        """msgpack of the words, the attribute array and the strings they use. No pickle.

        Strings are stored as UTF-8 bytes (lone surrogates pass through), so any Doc saves.
        """
        from .. import msgpack as fast_msgpack  # deferred: srsly is slow to import

        cdef StringStore strings = self.vocab.strings
        attrs = [IDS[a] for a in self._SERIAL_ATTRS]
        arr = self.to_array(attrs)
        used = set()
        cdef int i
        for col, name in enumerate(self._SERIAL_ATTRS):
            if name in ("TAG", "MORPH", "LEMMA", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "NORM"):
                used.update(k for k in set(arr[:, col].tolist()) if k and strings.c.contains(k))
        for group in self.spans.values():
            used.update(k for s in group for k in (s.label, s.kb_id, s.id) if k)
        user_data = {}
        if "user_data" not in exclude:
            user_data = {"keys": fast_msgpack.dumps(list(self.user_data.keys())),
                         "values": fast_msgpack.dumps(list(self.user_data.values()))}
        msg = {
            "format": "lexloom.doc.v1",
            "words": [encode_text(strings.decode(self.c[i].lex.orth)) for i in range(self.length)],
            "attrs": list(self._SERIAL_ATTRS),
            "array": arr.tobytes(),
            "strings": sorted(encode_text(strings.decode(k)) for k in used),
            "cats": self.cats,
            "has_unknown_spaces": self.has_unknown_spaces,
            "user_data": user_data,
            "spans": {k: [(s.start, s.end, s.label, s.kb_id, s.id) for s in v]
                      for k, v in self.spans.items()},
        }
        return fast_msgpack.dumps(msg)

    def from_bytes(self, bytes_data, *, exclude=tuple()):
        """Load a Doc serialised by to_bytes into this empty Doc. Corrupt or truncated data
        raises DeserializationError and leaves this Doc empty."""
        if self.length != 0:
            raise DocError("from_bytes needs an empty Doc: Doc(vocab).from_bytes(data).")
        cdef Doc loaded = Doc(self.vocab)
        try:
            loaded._load_msg(bytes_data)
        except DeserializationError:
            raise
        except (LexloomError, ValueError, KeyError, TypeError, IndexError, OverflowError,
                UnicodeError, AttributeError) as e:
            raise DeserializationError(f"Doc.from_bytes: the data is truncated, corrupt or not "
                                       f"a serialised Doc ({type(e).__name__}: {e}).") from None
        # Take over the loaded tokens; `loaded` frees our (empty) array.
        for zone in _active_zones:  # we now hold the zone's lexemes too
            (<MemoryZoneDocs>zone).docs.add(self)
        self.arr, loaded.arr = loaded.arr, self.arr
        self.c = self.arr.data
        self.length = self.arr.length
        loaded.c = loaded.arr.data
        loaded.length = loaded.arr.length
        self.cats = loaded.cats
        self.has_unknown_spaces = loaded.has_unknown_spaces
        self.user_data.update(loaded.user_data)
        self.spans = SpanGroups(self)
        for key, group in loaded.spans.items():
            self.spans[key] = [Span(self, s.start, s.end, label=s.label, kb_id=s.kb_id,
                                    span_id=s.id) for s in group]
        return self

    def _load_msg(self, bytes_data):
        from .. import msgpack as fast_msgpack

        if not isinstance(bytes_data, (bytes, bytearray)):
            raise DeserializationError(f"Doc.from_bytes takes bytes, not "
                                       f"{type(bytes_data).__name__}.")
        msg = fast_msgpack.loads(bytes_data)
        if not isinstance(msg, dict) or msg.get("format") != "lexloom.doc.v1":
            raise DeserializationError("Doc.from_bytes: the data is not a serialised lexloom Doc.")
        words = [w.decode("utf-8", "surrogatepass") for w in msg["words"]]
        attrs = list(msg["attrs"])
        arr = numpy.frombuffer(msg["array"], dtype=numpy.uint64)
        if arr.size != len(words) * len(attrs):
            raise DeserializationError(f"Doc.from_bytes: the array has {arr.size} values for "
                                       f"{len(words)} words x {len(attrs)} attributes.")
        arr = arr.reshape((len(words), len(attrs)))
        for s in msg.get("strings", []):
            self.vocab.strings.add(s.decode("utf-8", "surrogatepass"))
        self.reserve(len(words))
        space_col = attrs.index("SPACY")
        for i, word in enumerate(words):
            if not isinstance(word, str) or not word:
                raise DeserializationError(f"Doc.from_bytes: word {i} is empty or not text.")
            self.push_back(self.vocab.get(word), bool(arr[i, space_col]))
        rest = [a for a in attrs if a != "SPACY"]
        if rest and len(words):
            self.from_array(rest, arr[:, [attrs.index(a) for a in rest]])
            # from_array rebuilds sentence starts from a parse; restore the stored ones
            if "SENT_START" in attrs:
                ss = arr[:, attrs.index("SENT_START")].view(numpy.int64)
                for i in range(len(words)):
                    if ss[i] not in (-1, 0, 1):
                        raise DeserializationError(f"Doc.from_bytes: SENT_START of token {i} "
                                                   f"is {ss[i]}.")
                    self.c[i].sent_start = <int32_t>ss[i]
        cats = msg.get("cats", {})
        if not isinstance(cats, dict):
            raise DeserializationError("Doc.from_bytes: cats is not a dict.")
        self.cats = dict(cats)
        self.has_unknown_spaces = bool(msg.get("has_unknown_spaces", False))
        ud = msg.get("user_data") or {}
        if ud:
            keys = fast_msgpack.loads(ud["keys"], use_list=False)
            values = fast_msgpack.loads(ud["values"])
            if len(keys) != len(values):
                raise DeserializationError("Doc.from_bytes: user_data keys and values differ "
                                           "in number.")
            self.user_data.update(zip(keys, values))
        for key, items in (msg.get("spans") or {}).items():
            self.spans[key] = [Span(self, s, e, label=lab, kb_id=kb, span_id=sid)
                               for s, e, lab, kb, sid in items]

    # ---- extensions -------------------------------------------------------------------

    @property
    def _(self):
        return Underscore(Underscore.doc_extensions, self)

    @classmethod
    def set_extension(cls, name, **kwargs):
        Underscore.set_extension(Underscore.doc_extensions, "Doc", name, **kwargs)

    @classmethod
    def get_extension(cls, name):
        return Underscore.doc_extensions.get(name)

    @classmethod
    def has_extension(cls, name):
        return name in Underscore.doc_extensions

    @classmethod
    def remove_extension(cls, name):
        return Underscore.remove_extension(Underscore.doc_extensions, name)


cdef class MemoryZoneDocs:
    """The Docs made inside a memory zone that are still alive (weakly held): when the zone
    is released, they are moved onto permanent lexemes first."""

    def __cinit__(self):
        self.docs = weakref.WeakSet()
        self.created = 0


cdef list _active_zones = []


def _enter_zone():
    zone = MemoryZoneDocs()
    _active_zones.append(zone)
    return zone


def _active_zones_add(MemoryZoneDocs zone):
    if zone not in _active_zones:
        _active_zones.append(zone)


def _exit_zone(MemoryZoneDocs zone):
    if zone in _active_zones:
        _active_zones.remove(zone)


def _subtree_indices(Doc doc, int i):
    """Token i's subtree as indices, in spaCy's order (one native call)."""
    cdef int n = doc.length
    cdef np.ndarray[np.int32_t, ndim=1] out = numpy.empty(max(n, 1), dtype=numpy.int32)
    cdef int k = token_subtree(doc.c, n, i, <int32_t*>out.data)
    if k < 0:
        raise DocError("The Doc's heads contain a cycle; the token has no subtree.")
    return out[:k].tolist()


cdef int _root_of(const TokenC* tokens, int n, int i):
    """The root reached by following heads from token i (bounded, in case of a cycle)."""
    cdef int steps = 0
    while tokens[i].head != 0 and steps <= n:
        i += tokens[i].head
        steps += 1
    return i


cdef class Token:
    """One token of a Doc: a view holding the Doc and an index."""

    @staticmethod
    cdef Token cinit(Doc doc, int i):
        cdef Token t = Token.__new__(Token)
        t.doc = doc
        t.i = i
        return t

    def __init__(self, vocab, Doc doc, int offset):
        if not 0 <= offset < doc.length:
            raise IndexError(f"[lexloom] Token index {offset} out of range.")
        self.doc = doc
        self.i = offset

    cdef TokenC* _c(self):
        # The Doc's buffer may have moved since this view was made.
        return &self.doc.c[self.i]

    def __len__(self):
        return self._c().lex.length

    def __str__(self):
        return self.text

    def __repr__(self):
        return self.text

    def __eq__(self, other):
        return isinstance(other, Token) and other.doc is self.doc and other.i == self.i

    def __hash__(self):
        return hash((id(self.doc), self.i))

    def __lt__(self, Token other):
        return self.i < other.i

    @property
    def vocab(self):
        return self.doc.vocab

    @property
    def vector(self):
        """This word's vector from vocab.vectors (zeros when it has none)."""
        if "vector" in self.doc.user_token_hooks:
            return self.doc.user_token_hooks["vector"](self)
        if self.doc.vocab.vectors.size == 0 and self.doc.tensor.size != 0:
            return self.doc.tensor[self.i]
        return _vectors_of(self.doc, self.i, self.i + 1)[0]

    @property
    def has_vector(self) -> bool:
        if "has_vector" in self.doc.user_token_hooks:
            return self.doc.user_token_hooks["has_vector"](self)
        return _has_vector(self.doc, self.i, self.i + 1)

    @property
    def vector_norm(self) -> float:
        if "vector_norm" in self.doc.user_token_hooks:
            return self.doc.user_token_hooks["vector_norm"](self)
        return _norm(self.vector)

    def similarity(self, other) -> float:
        """Cosine similarity of the vectors; 1.0 for the same word."""
        if "similarity" in self.doc.user_token_hooks:
            return self.doc.user_token_hooks["similarity"](self, other)
        if _same_words(self, other):
            return 1.0
        return _cosine(self, other)

    @property
    def text(self) -> str:
        return self.doc.vocab.strings.decode(self._c().lex.orth)

    @property
    def orth(self) -> int:
        return self._c().lex.orth

    @property
    def orth_(self) -> str:
        return self.text

    @property
    def text_with_ws(self) -> str:
        return self.text + (" " if self._c().spacy else "")

    @property
    def whitespace_(self) -> str:
        return " " if self._c().spacy else ""

    @property
    def idx(self) -> int:
        return self._c().idx

    @property
    def lex_id(self) -> int:
        return self._c().lex.id

    def check_flag(self, int flag_id) -> bool:
        return lex_check_flag(self._c().lex, flag_id)

    def _str(self, attr_t key):
        return self.doc.vocab.strings.decode(key) or ""

    @property
    def lower(self) -> int: return self._c().lex.lower
    @property
    def lower_(self) -> str: return self._str(self._c().lex.lower)
    @property
    def shape(self) -> int: return self._c().lex.shape
    @property
    def shape_(self) -> str: return self._str(self._c().lex.shape)
    @property
    def prefix(self) -> int: return self._c().lex.prefix
    @property
    def prefix_(self) -> str: return self._str(self._c().lex.prefix)
    @property
    def suffix(self) -> int: return self._c().lex.suffix
    @property
    def suffix_(self) -> str: return self._str(self._c().lex.suffix)
    @property
    def lang(self) -> int: return self._c().lex.lang
    @property
    def lang_(self) -> str: return self._str(self._c().lex.lang)

    property norm:
        def __get__(self): return token_get_attr(self._c(), A_NORM)
        def __set__(self, attr_t v): self._c().norm = v
    property norm_:
        def __get__(self): return self._str(token_get_attr(self._c(), A_NORM))
        def __set__(self, str v): self._c().norm = self.doc.vocab.strings.add(v)
    property tag:
        def __get__(self): return self._c().tag
        def __set__(self, attr_t v): self._c().tag = v
    property tag_:
        def __get__(self): return self._str(self._c().tag)
        def __set__(self, v): self._c().tag = self.doc.vocab.strings.add(v) if v else 0
    property lemma:
        def __get__(self): return self._c().lemma
        def __set__(self, attr_t v): self._c().lemma = v
    property lemma_:
        def __get__(self): return self._str(self._c().lemma)
        def __set__(self, v): self._c().lemma = self.doc.vocab.strings.add(v) if v else 0
    property dep:
        def __get__(self): return self._c().dep
        def __set__(self, attr_t v): self._c().dep = v
    property dep_:
        def __get__(self): return self._str(self._c().dep)
        def __set__(self, v): self._c().dep = self.doc.vocab.strings.add(v) if v else 0
    property pos:
        def __get__(self): return self._c().pos
        def __set__(self, int v):
            if v not in POS_NAMES:
                raise DocError(f"{v} is not a universal POS id.")
            self._c().pos = v
    property pos_:
        def __get__(self): return POS_NAMES.get(self._c().pos, "")
        def __set__(self, v):
            v = v or ""
            if v not in POS_IDS:
                raise DocError(f"{v!r} is not a universal POS tag. Use one of: "
                               f"{', '.join(k for k in POS_IDS if k)}.")
            self._c().pos = POS_IDS[v]

    property morph:
        def __get__(self):
            return MorphAnalysis(self.doc.vocab, self._c().morph)
        def __set__(self, value):
            if value is None:
                self._c().morph = 0
            elif isinstance(value, MorphAnalysis):
                self._c().morph = value.key
            elif isinstance(value, (str, dict)):
                self._c().morph = self.doc.vocab.strings.add(normalize_features(value))
            else:
                raise DocError("token.morph takes a MorphAnalysis, a FEATS string, a dict or None.")

    def set_morph(self, features):
        self.morph = features

    @property
    def ent_iob(self) -> int: return self._c().ent_iob
    @property
    def ent_iob_(self) -> str: return IOB_STRINGS[self._c().ent_iob]
    property ent_type:
        def __get__(self): return self._c().ent_type
        def __set__(self, attr_t v): self._c().ent_type = v
    property ent_type_:
        def __get__(self): return self._str(self._c().ent_type)
        def __set__(self, v): self._c().ent_type = self.doc.vocab.strings.add(v) if v else 0
    @property
    def ent_kb_id_(self) -> str: return self._str(self._c().ent_kb_id)
    @property
    def ent_id_(self) -> str: return self._str(self._c().ent_id)

    property is_sent_start:
        def __get__(self):
            s = self._c().sent_start
            return None if s == 0 else s > 0
        def __set__(self, value):
            if self.doc.has_annotation("DEP"):
                raise DocError("Can't set is_sent_start on a parsed Doc: sentence boundaries "
                               "follow from the parse.")
            self._c().sent_start = 0 if value is None else (1 if value else -1)

    @property
    def is_sent_end(self):
        if self.i + 1 == self.doc.length:
            return True
        s = self.doc.c[self.i + 1].sent_start
        return None if s == 0 else s > 0

    @property
    def sent(self):
        for sent in self.doc.sents:
            if sent.start <= self.i < sent.end:
                return sent

    def nbor(self, int i=1):
        j = self.i + i
        if not 0 <= j < self.doc.length:
            raise IndexError(f"[lexloom] Token {self.i} has no neighbour at offset {i}.")
        return self.doc[j]

    property head:
        def __get__(self):
            return self.doc[self.i + self._c().head]
        def __set__(self, Token new_head):
            if new_head.doc is not self.doc:
                raise DocError("A token's head must be in the same Doc.")
            cdef TokenC* c = self._c()
            cdef int old = c.head
            if self.i + old == new_head.i:
                return
            # spaCy recomputes only between the widest edges of the two roots involved.
            cdef int a = _root_of(self.doc.c, self.doc.length, self.i)
            cdef int b = _root_of(self.doc.c, self.doc.length, new_head.i)
            cdef int start = min(self.doc.c[a].l_edge, self.doc.c[b].l_edge)
            cdef int end = max(self.doc.c[a].r_edge, self.doc.c[b].r_edge)
            c.head = new_head.i - self.i
            if heads_have_cycle(self.doc.c, self.doc.length):
                c.head = old
                raise DocError(f"Setting the head of token {self.i} to token {new_head.i} "
                               "creates a cycle; a token can't be headed by its descendant.")
            set_children_from_heads_range(self.doc.c, start, end + 1)

    @property
    def left_edge(self): return self.doc[self._c().l_edge]
    @property
    def right_edge(self): return self.doc[self._c().r_edge]
    @property
    def n_lefts(self) -> int: return self._c().l_kids
    @property
    def n_rights(self) -> int: return self._c().r_kids

    @property
    def children(self):
        yield from self.lefts
        yield from self.rights

    @property
    def lefts(self):
        cdef int j
        for j in range(self._c().l_edge, self.i):
            if j + self.doc.c[j].head == self.i:
                yield self.doc[j]

    @property
    def rights(self):
        cdef int j
        for j in range(self.i + 1, self._c().r_edge + 1):
            if j + self.doc.c[j].head == self.i:
                yield self.doc[j]

    @property
    def subtree(self):
        """spaCy's order: left children's subtrees, the token, right children's subtrees,
        with children looked for only between the token's edges."""
        for j in _subtree_indices(self.doc, self.i):
            yield self.doc[j]

    def is_ancestor_of(self, int j) -> bool:
        cdef int steps = 0
        while self.doc.c[j].head != 0 and steps <= self.doc.length:
            j += self.doc.c[j].head
            if j == self.i:
                return True
            steps += 1
        return False

    def is_ancestor(self, Token descendant) -> bool:
        return descendant.doc is self.doc and self.is_ancestor_of(descendant.i)

    @property
    def ancestors(self):
        cdef int j = self.i, steps = 0
        while self.doc.c[j].head != 0 and steps <= self.doc.length:
            j += self.doc.c[j].head
            steps += 1
            yield self.doc[j]

    @property
    def is_alpha(self): return lex_check_flag(self._c().lex, 1)
    @property
    def is_ascii(self): return lex_check_flag(self._c().lex, 2)
    @property
    def is_digit(self): return lex_check_flag(self._c().lex, 3)
    @property
    def is_lower(self): return lex_check_flag(self._c().lex, 4)
    @property
    def is_punct(self): return lex_check_flag(self._c().lex, 5)
    @property
    def is_space(self): return lex_check_flag(self._c().lex, 6)
    @property
    def is_title(self): return lex_check_flag(self._c().lex, 7)
    @property
    def is_upper(self): return lex_check_flag(self._c().lex, 8)
    @property
    def like_url(self): return lex_check_flag(self._c().lex, 9)
    @property
    def like_num(self): return lex_check_flag(self._c().lex, 10)
    @property
    def like_email(self): return lex_check_flag(self._c().lex, 11)
    @property
    def is_stop(self): return lex_check_flag(self._c().lex, 12)
    @property
    def is_bracket(self): return lex_check_flag(self._c().lex, 14)
    @property
    def is_quote(self): return lex_check_flag(self._c().lex, 15)
    @property
    def is_left_punct(self): return lex_check_flag(self._c().lex, 16)
    @property
    def is_right_punct(self): return lex_check_flag(self._c().lex, 17)
    @property
    def is_currency(self): return lex_check_flag(self._c().lex, 18)

    @property
    def _(self):
        return Underscore(Underscore.token_extensions, self, start=self.idx)

    @classmethod
    def set_extension(cls, name, **kwargs):
        Underscore.set_extension(Underscore.token_extensions, "Token", name, **kwargs)

    @classmethod
    def get_extension(cls, name):
        return Underscore.token_extensions.get(name)

    @classmethod
    def has_extension(cls, name):
        return name in Underscore.token_extensions

    @classmethod
    def remove_extension(cls, name):
        return Underscore.remove_extension(Underscore.token_extensions, name)


cdef class Span:
    """A slice doc[start:end] with an optional label, kb_id and id."""

    def __init__(self, Doc doc not None, int start, int end, label=0, *, kb_id=0, span_id=0,
                 vector=None):
        if not 0 <= start <= end <= doc.length:
            raise IndexError(f"[lexloom] Span [{start}:{end}] is out of range for a Doc of "
                             f"{doc.length} tokens.")
        self.doc = doc
        self.start = start
        self.end = end
        self.label = doc.vocab.strings.add(label) if isinstance(label, str) else label
        self.kb_id = doc.vocab.strings.add(kb_id) if isinstance(kb_id, str) else kb_id
        self.id = doc.vocab.strings.add(span_id) if isinstance(span_id, str) else span_id
        self._vector = None if vector is None else numpy.asarray(vector, dtype=numpy.float32)

    def __len__(self):
        return self.end - self.start

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, step = key.indices(self.end - self.start)
            if step != 1:
                raise DocError("Span slices must have step 1.")
            return Span(self.doc, self.start + start, self.start + max(start, stop))
        cdef int i = key
        if i < 0:
            i += self.end - self.start
        if not 0 <= i < self.end - self.start:
            raise IndexError(f"[lexloom] Token index {key} out of range for a Span of "
                             f"{self.end - self.start} tokens.")
        return self.doc[self.start + i]

    def __iter__(self):
        cdef int i
        for i in range(self.start, self.end):
            yield self.doc[i]

    def __eq__(self, other):
        if not isinstance(other, Span):
            return False
        return (other.doc is self.doc and other.start == self.start and other.end == self.end
                and other.label == self.label and other.kb_id == self.kb_id
                and other.id == self.id)

    def __hash__(self):
        return hash((id(self.doc), self.start, self.end, self.label, self.kb_id, self.id))

    def __repr__(self):
        return self.text

    def __str__(self):
        return self.text

    @property
    def vocab(self):
        return self.doc.vocab

    @property
    def text(self) -> str:
        return self.doc._join(self.start, self.end, False)

    @property
    def text_with_ws(self) -> str:
        return self.doc._join(self.start, self.end, True)

    @property
    def start_char(self) -> int:
        return self.doc.c[self.start].idx if self.end > self.start else (
            self.doc.c[self.start].idx if self.start < self.doc.length else len(self.doc.text))

    @property
    def end_char(self) -> int:
        if self.end == self.start:
            return self.start_char
        cdef TokenC* last = &self.doc.c[self.end - 1]
        return last.idx + last.lex.length

    property label_:
        def __get__(self): return self.doc.vocab.strings.decode(self.label) or ""
        def __set__(self, str v): self.label = self.doc.vocab.strings.add(v)
    property kb_id_:
        def __get__(self): return self.doc.vocab.strings.decode(self.kb_id) or ""
        def __set__(self, str v): self.kb_id = self.doc.vocab.strings.add(v)
    property id_:
        def __get__(self): return self.doc.vocab.strings.decode(self.id) or ""
        def __set__(self, str v): self.id = self.doc.vocab.strings.add(v)
    # spaCy's older names for the span id (the entity_ruler's pattern ids)
    property ent_id:
        def __get__(self): return self.id
        def __set__(self, v): self.id = v
    property ent_id_:
        def __get__(self): return self.id_
        def __set__(self, str v): self.id_ = v

    @property
    def ents(self):
        return tuple(e for e in self.doc.ents if e.start >= self.start and e.end <= self.end)

    @property
    def noun_chunks(self):
        """The Doc's noun chunks that lie inside the span (as spaCy: a chunk is found with
        its whole left context, then kept if the span holds it)."""
        for chunk in _noun_chunks(self.doc):
            if chunk.start >= self.start and chunk.end <= self.end:
                yield chunk

    @property
    def vector(self):
        """The mean of the token vectors (or the vector given when the Span was made)."""
        if "vector" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["vector"](self)
        if self._vector is not None:
            return self._vector
        return _mean_vector(self.doc, self.start, self.end)

    @property
    def has_vector(self) -> bool:
        if "has_vector" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["has_vector"](self)
        return self._vector is not None or _has_vector(self.doc, self.start, self.end)

    @property
    def vector_norm(self) -> float:
        if "vector_norm" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["vector_norm"](self)
        return _norm(self.vector)

    def similarity(self, other) -> float:
        """Cosine similarity of the mean vectors; 1.0 for the same words."""
        if "similarity" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["similarity"](self, other)
        if _same_words(self, other):
            return 1.0
        return _cosine(self, other)

    @property
    def sents(self):
        for sent in self.doc.sents:
            if sent.end > self.start and sent.start < self.end:
                yield sent

    @property
    def sent(self):
        for sent in self.doc.sents:
            if sent.start <= self.start < sent.end:
                return sent

    @property
    def root(self):
        """The token nearest the parse's root (spaCy's rule: a sentence root inside, else the
        fewest steps up among tokens whose head is outside, first on ties)."""
        if "root" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["root"](self)
        if self.end <= self.start:
            return None
        if self.start < 0 or self.end > self.doc.length:
            raise DocError(f"The span [{self.start}:{self.end}] lies outside its Doc of "
                           f"{self.doc.length} tokens (made before the Doc was retokenized?).")
        cdef int i = span_root(self.doc.c, self.doc.length, self.start, self.end)
        if i < 0:
            raise DocError("The Doc's heads contain a cycle; the span has no root.")
        return self.doc[i]

    def to_array(self, attrs):
        return self.doc.to_array(attrs)[self.start:self.end]

    def char_span(self, int start_idx, int end_idx, label=0, kb_id=0, vector=None,
                  alignment_mode="strict", span_id=0):
        base = self.start_char
        return self.doc.char_span(base + start_idx, base + end_idx, label=label, kb_id=kb_id,
                                  vector=vector, alignment_mode=alignment_mode,
                                  span_id=span_id)

    def as_doc(self, *, bint copy_user_data=False, array_head=None, array=None):
        """A new Doc holding a copy of this span's tokens and annotations, as spaCy makes it:
        heads outside the span are re-attached (see _fix_dep_copy), entities cut by the span's
        edges become missing annotation, and with copy_user_data the Doc's user_data comes
        along, extension values shifted to the new character offsets.

        array_head (tuple): attribute ids of `array`; array: self.doc.to_array(array_head),
        both only to save recomputing them for many spans of one Doc."""
        words = [t.text for t in self]
        spaces = [bool(t.whitespace_) for t in self]
        cdef Doc doc = Doc(self.doc.vocab, words=words, spaces=spaces)
        if array_head is None:
            array_head = Doc._get_array_attrs()
        ids, _ = _attr_ids(list(array_head))
        if array is None:
            array = self.doc.to_array(ids)
        array = numpy.array(numpy.asarray(array)[self.start:self.end], dtype=numpy.uint64)
        if array.ndim == 1:
            array = array.reshape((array.shape[0], 1))
        self._fix_dep_copy(ids, array)
        if len(array) and A_ENT_IOB in ids:
            j = ids.index(A_ENT_IOB)
            if array[0, j] == 1:  # an entity continuing from before the span starts here
                array[0, j] = 3
        # LENGTH is read-only (the words fix it) and ORTH is already set.
        keep = [j for j, a in enumerate(ids) if a not in (A_LENGTH, A_ORTH)]
        if len(words) and keep:
            doc.from_array([ids[j] for j in keep], array[:, keep])
        span_ents = {(ent.start, ent.end) for ent in self.ents}
        doc_ents = doc.ents
        if len(doc_ents) > 0:
            first, last = doc_ents[0], doc_ents[-1]
            if (first.start + self.start, first.end + self.start) not in span_ents:
                doc.set_ents([], missing=[first], default="unmodified")
            if (last.start + self.start, last.end + self.start) not in span_ents:
                doc.set_ents([], missing=[last], default="unmodified")
        doc.user_hooks = self.doc.user_hooks
        doc.user_span_hooks = self.doc.user_span_hooks
        doc.user_token_hooks = self.doc.user_token_hooks
        if self.doc.tensor.size > 0:
            doc.tensor = self.doc.tensor[self.start:self.end]
        for key, value in self.doc.cats.items():
            if hasattr(key, "__len__") and len(key) == 3:
                cat_start, cat_end, cat_label = key
                if cat_start == self.start_char and cat_end == self.end_char:
                    doc.cats[cat_label] = value
        if copy_user_data:
            user_data = {}
            offset = self.start_char
            for key, value in self.doc.user_data.items():
                if isinstance(key, tuple) and len(key) == 4 and key[0] == "._.":
                    kind, name, start, end = key
                    if start is not None or end is not None:
                        start -= offset
                        if end is not None:
                            end -= offset
                        user_data[(kind, name, start, end)] = copy.copy(value)
                else:
                    user_data[key] = copy.copy(value)
            doc.user_data = user_data
        return doc

    def _fix_dep_copy(self, ids, array):
        """Re-attach tokens whose head is outside the span, as spaCy does: label "dep", head
        the last (highest) ancestor inside the span; with none, the first such token of each
        old tree becomes a root and the others of that tree attach to it."""
        if A_HEAD not in ids:
            return array
        cdef int n = len(array), i, h, anc, steps, length = self.doc.length
        cdef int64_t value
        head_col = ids.index(A_HEAD)
        dep_col = ids.index(A_DEP) if A_DEP in ids else -1
        new_root_of = {}
        for i in range(n):
            h = self.start + i + self.doc.c[self.start + i].head
            anc = h - self.start
            if not 0 <= anc < n:
                if dep_col >= 0:
                    array[i, dep_col] = self.doc.vocab.strings.add("dep")
                h = self.start + i
                steps = 0
                while self.doc.c[h].head != 0 and steps <= length:
                    h += self.doc.c[h].head
                    anc = h - self.start
                    if 0 <= anc < n:
                        array[i, head_col] = numpy.int64(anc - i).astype(numpy.uint64)
                    steps += 1
            value = <int64_t>(<uint64_t>array[i, head_col])
            if not 0 <= i + value < n:
                if anc in new_root_of:
                    array[i, head_col] = numpy.int64(new_root_of[anc] - i).astype(numpy.uint64)
                else:
                    array[i, head_col] = 0
                    new_root_of[anc] = i
        return array

    @property
    def _(self):
        return Underscore(Underscore.span_extensions, self, start=self.start_char,
                          end=self.end_char)

    @classmethod
    def set_extension(cls, name, **kwargs):
        Underscore.set_extension(Underscore.span_extensions, "Span", name, **kwargs)

    @classmethod
    def get_extension(cls, name):
        return Underscore.span_extensions.get(name)

    @classmethod
    def has_extension(cls, name):
        return name in Underscore.span_extensions

    @classmethod
    def remove_extension(cls, name):
        return Underscore.remove_extension(Underscore.span_extensions, name)
