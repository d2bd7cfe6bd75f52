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
import copyreg
import warnings
import weakref
from collections import Counter
from enum import Enum

import numpy

from ..attrs import IDS, IOB_STRINGS, NAMES, POS_IDS, POS_NAMES, intify_attr
from ..errors import DeserializationError, DocError, LexloomError, LexloomWarning
from ..morphology import MorphAnalysis, normalize_features
from .span_group import SpanGroup, SpanGroups
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

# The token attributes a DocBin stores by default (spaCy's list, also Doc.to_dict's columns).
DOCBIN_ALL_ATTRS = ("ORTH", "NORM", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID",
                    "ENT_ID", "LEMMA", "MORPH", "POS", "SENT_START")

# Token.rank of a word without a row in the vectors table (spaCy's OOV_RANK).
OOV_RANK = 0xffffffffffffffff


class SetEntsDefault(str, Enum):
    """What Doc.set_ents does with tokens outside the given entities."""

    blocked = "blocked"
    missing = "missing"
    outside = "outside"
    unmodified = "unmodified"

    @classmethod
    def values(cls):
        return list(cls.__members__.keys())


def _deprecated(prop: str, attr: str) -> None:
    warnings.warn(f"[lexloom] Doc.{prop} is deprecated (as in spaCy); use "
                  f"doc.has_annotation(\"{attr}\") instead.", DeprecationWarning, stacklevel=3)


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
    iterator = doc.noun_chunks_iterator
    if iterator is None:
        raise DocError(f"noun_chunks isn't available for language {doc.vocab.lang!r}: it has "
                       "no noun chunk iterator (English has one; set doc.noun_chunks_iterator "
                       "or vocab.get_noun_chunks to add your own).")
    for start, end, label in iterator(doclike):
        yield Span(doc, start, end, label=label)


def _array_module(array):
    """numpy or cupy, whichever holds `array` (cupy imported only for cupy arrays)."""
    if isinstance(array, numpy.ndarray):
        return numpy
    import cupy

    return cupy


cdef void _fill_utf8_array(const unsigned char* data, const int64_t* bounds, int n,
                           int nr_char, unsigned char* out) noexcept nogil:
    """Row i of `out` (nr_char wide): word i's bytes taken from the front and back in turn."""
    cdef int i, j
    cdef int64_t front, back
    for i in range(n):
        front = bounds[i]
        back = bounds[i + 1] - 1
        j = 0
        while j < nr_char and front <= back:
            out[i * nr_char + j] = data[front]
            front += 1
            j += 1
            if j < nr_char and front <= back:
                out[i * nr_char + j] = data[back]
                back -= 1
                j += 1


cdef void _fill_lca(const TokenC* c, int n, int start, int end, const int32_t* sent_end,
                    int32_t* mark, int32_t* out) noexcept nogil:
    """LCA of every pair of tokens in [start, end) that share a sentence, as offsets from
    start (-1: none inside the range). Marks token j's ancestors, then walks up from each k
    to the first marked one."""
    cdef int m = end - start, j, k, a, b, steps, stop
    for j in range(m):
        a = start + j
        steps = 0
        mark[a] = start + j
        while c[a].head != 0 and steps < n:
            a += c[a].head
            mark[a] = start + j
            steps += 1
        out[j * m + j] = j
        stop = sent_end[start + j] - start
        if stop > m:
            stop = m
        for k in range(j + 1, stop):
            b = start + k
            steps = 0
            while mark[b] != start + j and c[b].head != 0 and steps < n:
                b += c[b].head
                steps += 1
            if mark[b] == start + j and start <= b < end:
                out[j * m + k] = b - start
                out[k * m + j] = b - start


def _lca_matrix_of(Doc doc, int start, int end):
    """(end - start)^2 int32 LCA matrix of doc[start:end] (see Doc.get_lca_matrix)."""
    cdef int m = max(end - start, 0), n = doc.length, i, e
    cdef np.ndarray[np.int32_t, ndim=2] out = numpy.full((m, m), -1, dtype=numpy.int32)
    if m == 0:
        return out
    if not doc.has_annotation("SENT_START"):
        raise DocError("get_lca_matrix needs sentence boundaries (a parse, or sent_starts) "
                       "to know which tokens share a tree; add a parser or senter first.")
    cdef np.ndarray[np.int32_t, ndim=1] sent_end = numpy.empty(n, dtype=numpy.int32)
    cdef np.ndarray[np.int32_t, ndim=1] mark = numpy.full(n, -1, dtype=numpy.int32)
    e = n
    for i in range(n - 1, -1, -1):  # a sentence ends where the next one starts
        sent_end[i] = e
        if i == 0 or doc.c[i].sent_start == 1:
            e = i
    with nogil:
        _fill_lca(doc.c, n, start, end, <const int32_t*>sent_end.data, <int32_t*>mark.data,
                  <int32_t*>out.data)
    return out


cdef int _first_token_at(const TokenC* c, int n, int char_idx) noexcept nogil:
    """The index of the token starting at character char_idx, or -1 (binary search)."""
    cdef int lo = 0, hi = n - 1, mid
    while lo <= hi:
        mid = (lo + hi) // 2
        if c[mid].idx == char_idx:
            return mid
        if c[mid].idx < char_idx:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def _token_at_char(Doc doc, int char_idx) -> int:
    return _first_token_at(doc.c, doc.length, char_idx)


def _underscore_to_json(doc, names, data):
    """Add the extension values named in `names` to Doc.to_json's `data` (spaCy's layout):
    Doc values through their getters, Token and Span values as stored in user_data."""
    import srsly

    found = set()
    for name in names:
        if doc.has_extension(name):
            value = doc._.get(name)
            if not srsly.is_json_serializable(value):
                raise DocError(f"Doc.to_json: the value of doc._.{name} ({value!r:.60}) can't "
                               "be written as JSON.")
            data.setdefault("_", {})[name] = value
            found.add(name)
    for key, value in list(doc.user_data.items()):
        if not (type(key) is tuple and len(key) >= 4 and key[0] == "._." and key[1] in names):
            continue
        name, start, end = key[1], key[2], key[3]
        found.add(name)
        if not srsly.is_json_serializable(value):
            raise DocError(f"Doc.to_json: the value of extension '{name}' ({value!r:.60}) "
                           "can't be written as JSON.")
        if start is not None and end is None:
            data.setdefault("underscore_token", {}).setdefault(name, []).append(
                {"start": start, "value": value})
        elif start is not None and end is not None:
            data.setdefault("underscore_span", {}).setdefault(name, []).append(
                {"start": start, "end": end, "value": value})
    for name in names:
        if name not in found:
            raise DocError(f"Doc.to_json: no extension value '{name}' was found (asked for "
                           f"{names}); register it with set_extension and set a value.")


def _validate_doc_json(doc_json):
    """The checks spaCy's DocJSONSchema makes: the keys and value types of to_json's output."""
    problems = []
    if not isinstance(doc_json, dict):
        raise DocError(f"Doc.from_json: the data is a {type(doc_json).__name__}, not a dict.")
    if not isinstance(doc_json.get("text"), str):
        problems.append("'text' must be a string")
    if not isinstance(doc_json.get("tokens"), list):
        problems.append("'tokens' must be a list")
    else:
        for i, tok in enumerate(doc_json["tokens"]):
            if not isinstance(tok, dict) or not all(isinstance(tok.get(k), int)
                                                    for k in ("id", "start", "end")):
                problems.append(f"tokens[{i}] needs integer 'id', 'start' and 'end'")
                break
    for key in ("ents", "sents"):
        items = doc_json.get(key, [])
        if not isinstance(items, list) or not all(
                isinstance(x, dict) and isinstance(x.get("start"), int)
                and isinstance(x.get("end"), int) for x in items):
            problems.append(f"'{key}' must be a list of {{'start', 'end', ...}} dicts")
    if not isinstance(doc_json.get("cats", {}), dict):
        problems.append("'cats' must be a dict")
    if not isinstance(doc_json.get("spans", {}), dict):
        problems.append("'spans' must be a dict of span lists")
    if problems:
        raise DocError("Doc.from_json: the data doesn't match the Doc JSON schema: "
                       + "; ".join(problems) + ".")


def get_entity_info(ent_info):
    """(ent_type, ent_kb_id, start, end, ent_id) of an entity given as a Span or a tuple
    (label, start, end), (label, kb_id, start, end) or (ent_id, kb_id, label, start, end)."""
    ent_kb_id = 0
    ent_id = 0
    if isinstance(ent_info, Span):
        return ent_info.label, ent_info.kb_id, ent_info.start, ent_info.end, ent_info.id
    if len(ent_info) == 3:
        ent_type, start, end = ent_info
    elif len(ent_info) == 4:
        ent_type, ent_kb_id, start, end = ent_info
    else:
        ent_id, ent_kb_id, ent_type, start, end = ent_info
    return ent_type, ent_kb_id, start, end, ent_id


def remove_label_if_necessary(attributes):
    """The older "label" key of retokenizer attrs renamed to "ent_type" (in place)."""
    if "label" in attributes:
        attributes["ent_type"] = attributes.pop("label")


def fix_attributes(doc, attributes):
    """Add the ENT_TYPE id for a "label" or "ent_type" key of retokenizer attrs (in place)."""
    if "label" in attributes and "ent_type" not in attributes:
        label = attributes["label"]
        attributes[A_ENT_TYPE] = label if isinstance(label, int) else doc.vocab.strings.add(label)
    if "ent_type" in attributes:
        attributes[A_ENT_TYPE] = attributes["ent_type"]


def pickle_doc(doc):
    """pickle support: the Doc's bytes plus its user_data and hooks (pickled with srsly,
    which can pickle functions); the vocab pickles on its own."""
    import srsly

    bytes_data = doc.to_bytes(exclude=["user_data"])
    hooks_and_data = (doc.user_data, doc.user_hooks, doc.user_span_hooks,
                      doc.user_token_hooks)
    return (unpickle_doc, (doc.vocab, srsly.pickle_dumps(hooks_and_data), bytes_data))


def unpickle_doc(vocab, hooks_and_data, bytes_data):
    import srsly

    user_data, doc_hooks, span_hooks, token_hooks = srsly.pickle_loads(hooks_and_data)
    doc = Doc(vocab, user_data=user_data).from_bytes(bytes_data, exclude=["user_data"])
    doc.user_hooks.update(doc_hooks)
    doc.user_span_hooks.update(span_hooks)
    doc.user_token_hooks.update(token_hooks)
    return doc


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
        self.sentiment = 0.0
        self.noun_chunks_iterator = vocab.get_noun_chunks
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

    @property
    def is_tagged(self) -> bool:
        """Deprecated (as in spaCy): doc.has_annotation("TAG")."""
        _deprecated("is_tagged", "TAG")
        return self.has_annotation("TAG")

    @property
    def is_nered(self) -> bool:
        """Deprecated (as in spaCy): doc.has_annotation("ENT_IOB")."""
        _deprecated("is_nered", "ENT_IOB")
        return self.has_annotation("ENT_IOB")

    @property
    def is_sentenced(self) -> bool:
        """Deprecated (as in spaCy): doc.has_annotation("SENT_START")."""
        _deprecated("is_sentenced", "SENT_START")
        return self.has_annotation("SENT_START")

    @property
    def lang(self) -> int:
        """The hash of the vocab's language code."""
        return self.vocab.strings.add(self.vocab.lang)

    @property
    def lang_(self) -> str:
        """The vocab's language code, e.g. "en"."""
        return self.vocab.lang

    @property
    def mem(self):
        """A cymem Pool whose memory lives as long as this Doc (for extensions that attach
        C data to it); made on first use."""
        if self._mem is None:
            from cymem.cymem import Pool

            self._mem = Pool()
        return self._mem

    # ---- counts, tensors, arrays --------------------------------------------------------

    def count_by(self, attr_id, exclude=None, counts=None):
        """{attribute value: count} over the tokens, in order of first occurrence. With
        `counts` (a dict or Counter), the counts are added to it and None is returned.
        `exclude(token)` True leaves a token out."""
        ids, _ = _attr_ids(attr_id)
        values = self.to_array([ids[0]]) if self.length else numpy.zeros((0,), numpy.uint64)
        values = values.reshape((self.length,))
        if exclude is not None:
            keep = numpy.array([not exclude(token) for token in self], dtype=bool)
            values = values[keep] if self.length else values
        keys, first, n = numpy.unique(values, return_index=True, return_counts=True)
        order = numpy.argsort(first, kind="stable")
        pairs = [(int(keys[j]), int(n[j])) for j in order]
        if counts is None:
            return dict(pairs)
        for key, count in pairs:
            counts[key] = counts.get(key, 0) + count

    def extend_tensor(self, tensor):
        """Concatenate `tensor` (one row per token) onto doc.tensor along the columns."""
        if self.tensor.size == 0:
            self.tensor = tensor.copy()
        else:
            xp = numpy if isinstance(self.tensor, numpy.ndarray) else _array_module(self.tensor)
            self.tensor = xp.hstack((self.tensor, tensor))

    def to_utf8_array(self, int nr_char=-1):
        """(n_tokens, nr_char) uint8: each word's UTF-8 bytes in the order first, last,
        second, second-to-last, ... (so a slice [:, :8] keeps 4 bytes from each end); 255 pads.
        nr_char -1: the longest word's byte length."""
        cdef StringStore strings = self.vocab.strings
        cdef int i
        pieces = [encode_text(strings.decode(self.c[i].lex.orth)) for i in range(self.length)]
        if nr_char == -1:
            nr_char = max((len(p) for p in pieces), default=0)
        cdef np.ndarray[np.uint8_t, ndim=2] out = numpy.full((self.length, max(nr_char, 0)),
                                                            255, dtype=numpy.uint8)
        cdef bytes joined = b"".join(pieces)
        cdef np.ndarray[np.int64_t, ndim=1] bounds = numpy.zeros(self.length + 1,
                                                                 dtype=numpy.int64)
        if self.length:
            bounds[1:] = numpy.cumsum([len(p) for p in pieces])
        _fill_utf8_array(<const unsigned char*>joined, <const int64_t*>bounds.data, self.length,
                         nr_char, <unsigned char*>out.data)
        return out

    # ---- trees --------------------------------------------------------------------------

    def get_lca_matrix(self):
        """(n, n) int32: LCA[i, j] is the index of the lowest common ancestor of tokens i and
        j in the parse, -1 when they have none (tokens of different sentences)."""
        return _lca_matrix_of(self, 0, self.length)

    # ---- many Docs into one -------------------------------------------------------------

    @staticmethod
    def from_docs(docs, ensure_whitespace=True, attrs=None, *, exclude=tuple()):
        """One Doc holding `docs` one after another (None for no docs). They must share a
        vocab. ensure_whitespace puts a space after a doc that ends without one; attrs are the
        token attributes copied (default: Doc._get_array_attrs()); exclude may name "spans",
        "tensor", "user_data". Span groups, entities and extension values move along with
        their text."""
        docs = list(docs)
        if not docs:
            return None
        vocabs = {id(doc.vocab) for doc in docs}
        if len(vocabs) > 1:
            raise DocError("Doc.from_docs: the Docs have different vocabs; make them with one "
                           "Language (or one Vocab) to concatenate them.")
        cdef Doc first = docs[0]
        if attrs is None:
            ids = list(Doc._get_array_attrs())
        else:
            ids = []
            for attr in attrs:
                try:
                    a = intify_attr(attr)
                except KeyError:
                    continue
                if a and a not in ids:
                    ids.append(a)
        words_lex = []
        concat_spaces = []
        concat_user_data = {}
        concat_spans = {}
        cdef Doc doc
        cdef int i, char_offset = 0
        for k, doc in enumerate(docs):
            spaces = doc.to_array([A_SPACY]).reshape((doc.length,)).astype(bool).tolist()
            if (ensure_whitespace and k + 1 < len(docs) and doc.length
                    and not lex_check_flag(doc.c[doc.length - 1].lex, 6)):
                spaces[-1] = True
            concat_spaces.extend(spaces)
            words_lex.append(doc)
            if "user_data" not in exclude:
                for key, value in doc.user_data.items():
                    if isinstance(key, tuple) and len(key) == 4 and key[0] == "._.":
                        kind, name, start, end = key
                        if start is not None or end is not None:
                            start += char_offset
                            if end is not None:
                                end += char_offset
                            concat_user_data[(kind, name, start, end)] = copy.copy(value)
                        else:
                            warnings.warn(f"[lexloom] Doc.from_docs: the Doc extension value "
                                          f"'{name}' is not copied (a merged Doc can't hold "
                                          "one value per source Doc).", LexloomWarning)
                    else:
                        warnings.warn(f"[lexloom] Doc.from_docs: user_data key {key!r} is not "
                                      "an extension value and is not copied.", LexloomWarning)
            if "spans" not in exclude:
                for key, group in doc.spans.items():
                    items = concat_spans.setdefault(key, [])
                    for span in group:
                        items.append((span.start_char + char_offset, span.end_char + char_offset,
                                      span.label, span.kb_id, span.id, span.text))
            char_offset += len(doc.text)
            if (doc.length and ensure_whitespace and not lex_check_flag(doc.c[doc.length - 1].lex, 6)
                    and not doc.c[doc.length - 1].spacy):
                char_offset += 1
        cdef Doc out = Doc(first.vocab, user_data=concat_user_data)
        cdef int total = sum(d.length for d in docs)
        out.reserve(total)
        cdef int t = 0
        for doc in words_lex:
            for i in range(doc.length):
                out.push_back(doc.c[i].lex, concat_spaces[t])
                t += 1
        arrays = [doc.to_array(ids).reshape((len(doc), len(ids))) for doc in docs]
        keep = [j for j, a in enumerate(ids) if a not in (A_LENGTH, A_ORTH, A_SPACY)]
        if total and keep:
            out.from_array([ids[j] for j in keep], numpy.concatenate(arrays)[:, keep])
        for key, items in concat_spans.items():
            group = []
            for start_char, end_char, label, kb_id, span_id, text in items:
                span = out.char_span(start_char, end_char, label=label, kb_id=kb_id,
                                     span_id=span_id)
                if span is None or span.text != text:
                    raise DocError(f"Doc.from_docs: the span {text!r} of group '{key}' no longer "
                                   "lines up with token boundaries in the merged Doc.")
                group.append(span)
            out.spans[key] = group
        if "tensor" not in exclude and any(len(d) for d in docs):
            tensors = [d.tensor for d in docs if len(d)]
            if all(getattr(x, "size", 0) for x in tensors):
                xp = numpy if isinstance(tensors[0], numpy.ndarray) else _array_module(tensors[0])
                out.tensor = xp.vstack(tensors)
        return out

    # ---- files, dicts and JSON ----------------------------------------------------------

    def to_disk(self, path, *, exclude=tuple()):
        """Write to_bytes() to the file `path`."""
        from pathlib import Path

        Path(path).write_bytes(self.to_bytes(exclude=exclude))

    def from_disk(self, path, *, exclude=tuple()):
        """Load a file written by to_disk into this empty Doc."""
        from pathlib import Path

        return self.from_bytes(Path(path).read_bytes(), exclude=exclude)

    def to_json(self, underscore=None):
        """The Doc as spaCy's JSON: text, ents, sents, cats, tokens (with tag, pos, morph,
        lemma, dep, head when annotated), spans, and the extension values named in
        `underscore` ("_", "underscore_token", "underscore_span")."""
        data = {"text": self.text}
        if self.has_annotation("ENT_IOB"):
            data["ents"] = [{"start": e.start_char, "end": e.end_char, "label": e.label_}
                            for e in self.ents]
        if self.has_annotation("SENT_START"):
            data["sents"] = [{"start": s.start_char, "end": s.end_char} for s in self.sents]
        if self.cats:
            data["cats"] = self.cats
        annotated = {a: self.has_annotation(a) for a in ("TAG", "MORPH", "POS", "LEMMA", "DEP")}
        tokens = []
        for token in self:
            item = {"id": token.i, "start": token.idx, "end": token.idx + len(token)}
            if annotated["TAG"]:
                item["tag"] = token.tag_
            if annotated["POS"]:
                item["pos"] = token.pos_
            if annotated["MORPH"]:
                item["morph"] = token.morph.to_json()
            if annotated["LEMMA"]:
                item["lemma"] = token.lemma_
            if annotated["DEP"]:
                item["dep"] = token.dep_
                item["head"] = token.head.i
            tokens.append(item)
        data["tokens"] = tokens
        if self.spans:
            data["spans"] = {key: [{"start": s.start_char, "end": s.end_char, "label": s.label_,
                                    "kb_id": s.kb_id_} for s in group]
                             for key, group in self.spans.items()}
        if underscore:
            _underscore_to_json(self, list(underscore), data)
        return data

    def from_json(self, doc_json, *, validate=False):
        """Fill this empty Doc from the JSON written by to_json (spaCy's format)."""
        if self.length != 0:
            raise DocError("from_json needs an empty Doc: Doc(vocab).from_json(data).")
        if validate:
            _validate_doc_json(doc_json)
        text = doc_json["text"]
        tokens = doc_json["tokens"]
        keys = ("pos", "head", "dep", "lemma", "tag", "morph")
        present = {k for k in keys if tokens and k in tokens[0]}
        partial = {k for k in keys for tok in tokens if (k in tok) != (k in present)}
        if partial:
            raise DocError(f"Doc.from_json: the token attributes {sorted(partial)} are given "
                           "for some tokens only; give each for every token or none.")
        if "head" in present and "dep" not in present:
            raise DocError("Doc.from_json: tokens have 'head' but no 'dep'; give both.")
        n = len(tokens)
        self.reserve(n)
        for i, tok in enumerate(tokens):
            start, end = tok["start"], tok["end"]
            following = tokens[i + 1]["start"] if i + 1 < n else len(text)
            gap = text[end:following]
            if not 0 <= start < end <= len(text) or gap not in ("", " "):
                raise DocError(f"Doc.from_json: token {i} ({start}-{end}) doesn't line up with "
                               "the text; tokens must cover it, separated by single spaces.")
            self.push_back(self.vocab.get(text[start:end]), gap == " ")
        def column(key):
            return [tok[key] for tok in tokens] if key in present else None
        morphs = column("morph")
        if morphs is not None:
            morphs = [m if m else None for m in morphs]
        self._set_init_annotations(n, column("tag"), column("pos"), morphs, column("lemma"),
                                   column("head"), column("dep"), None, None)
        self.cats = dict(doc_json.get("cats", {}))
        if not self.has_annotation("DEP"):
            for sent in doc_json.get("sents", []):
                span = self.char_span(sent["start"], sent["end"])
                if span is None:
                    raise DocError(f"Doc.from_json: the sentence {sent['start']}-{sent['end']} "
                                   "doesn't line up with token boundaries.")
                span[0].is_sent_start = True
                for token in span[1:]:
                    token.is_sent_start = False
        for key, items in doc_json.get("spans", {}).items():
            group = []
            for item in items:
                span = self.char_span(item["start"], item["end"], item["label"],
                                      item.get("kb_id", ""))
                if span is None:
                    raise DocError(f"Doc.from_json: the span {item['start']}-{item['end']} of "
                                   f"group '{key}' doesn't line up with token boundaries.")
                group.append(span)
            self.spans[key] = group
        if "ents" in doc_json:
            ents = []
            for item in doc_json["ents"]:
                span = self.char_span(item["start"], item["end"], item["label"])
                if span is None:
                    raise DocError(f"Doc.from_json: the entity {item['start']}-{item['end']} "
                                   "doesn't line up with token boundaries.")
                ents.append(span)
            self.ents = ents
        for name, value in doc_json.get("_", {}).items():
            if not Doc.has_extension(name):
                Doc.set_extension(name)
            self._.set(name, value)
        for name, items in doc_json.get("underscore_token", {}).items():
            if not Token.has_extension(name):
                Token.set_extension(name)
            for item in items:
                i = _token_at_char(self, item["start"])
                if i < 0:
                    raise DocError(f"Doc.from_json: no token starts at character "
                                   f"{item['start']} for the token extension '{name}'.")
                self[i]._.set(name, item["value"])
        for name, items in doc_json.get("underscore_span", {}).items():
            if not Span.has_extension(name):
                Span.set_extension(name)
            for item in items:
                span = self.char_span(item["start"], item["end"])
                if span is None:
                    raise DocError(f"Doc.from_json: the span {item['start']}-{item['end']} of "
                                   f"the span extension '{name}' doesn't line up with tokens.")
                span._.set(name, item["value"])
        return self

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
        other.sentiment = self.sentiment
        other.noun_chunks_iterator = self.noun_chunks_iterator
        other.user_hooks = dict(self.user_hooks)
        other.user_token_hooks = dict(self.user_token_hooks)
        other.user_span_hooks = dict(self.user_span_hooks)
        other.spans = SpanGroups(other)
        for key, group in self.spans.items():
            other.spans[key] = group.copy(other)
        return other

    _SERIAL_ATTRS = ("SPACY", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB",
                     "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "SENT_START", "NORM")

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        """msgpack of to_dict(): the words, the attribute array and the strings they use.
        No pickle. Strings are stored as UTF-8 bytes (lone surrogates pass through), so any
        Doc saves."""
        from .. import msgpack as fast_msgpack  # deferred: srsly is slow to import

        return fast_msgpack.dumps(self.to_dict(exclude=exclude))

    def to_dict(self, *, exclude=tuple()) -> dict:
        """The Doc as a dict of msgpack-able values (what to_bytes packs). exclude may name
        "user_data", "cats", "tensor", "sentiment", "spans"."""
        from .. import msgpack as fast_msgpack

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
            "cats": {} if "cats" in exclude else self.cats,
            "has_unknown_spaces": self.has_unknown_spaces,
            "user_data": user_data,
            "spans": {} if "spans" in exclude else {
                k: [(s.start, s.end, s.label, s.kb_id, s.id) for s in v]
                for k, v in self.spans.items()},
            "span_group_attrs": {} if "spans" in exclude else {
                k: {"name": v.name, "attrs": v.attrs} for k, v in self.spans.items()
                if v.name != k or v.attrs},
        }
        if "sentiment" not in exclude and self.sentiment:
            msg["sentiment"] = float(self.sentiment)
        if "tensor" not in exclude and self.tensor is not None and self.tensor.size:
            tensor = self.tensor
            msg["tensor"] = numpy.ascontiguousarray(tensor.get() if hasattr(tensor, "get")
                                                    and not isinstance(tensor, numpy.ndarray)
                                                    else tensor)
        return msg

    def from_bytes(self, bytes_data, *, exclude=tuple()):
        """Load a Doc serialised by to_bytes into this empty Doc. Corrupt or truncated data
        raises DeserializationError and leaves this Doc empty."""
        from .. import msgpack as fast_msgpack

        if self.length != 0:
            raise DocError("from_bytes needs an empty Doc: Doc(vocab).from_bytes(data).")
        if not isinstance(bytes_data, (bytes, bytearray)):
            raise DeserializationError(f"Doc.from_bytes takes bytes, not "
                                       f"{type(bytes_data).__name__}.")
        try:
            msg = fast_msgpack.loads(bytes_data)
        except (ValueError, KeyError, TypeError, IndexError, OverflowError, UnicodeError,
                AttributeError) as e:
            raise DeserializationError(f"Doc.from_bytes: the data is truncated, corrupt or not "
                                       f"a serialised Doc ({type(e).__name__}: {e}).") from None
        return self.from_dict(msg, exclude=exclude)

    def from_dict(self, msg, *, exclude=tuple()):
        """Load a dict written by to_dict into this empty Doc. Corrupt data raises
        DeserializationError and leaves this Doc empty."""
        if self.length != 0:
            raise DocError("from_dict needs an empty Doc: Doc(vocab).from_dict(msg).")
        cdef Doc loaded = Doc(self.vocab)
        try:
            loaded._load_msg(msg, exclude)
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
        self.sentiment = loaded.sentiment
        if loaded.tensor.size:
            self.tensor = loaded.tensor
        self.user_data.update(loaded.user_data)
        self.spans = SpanGroups(self)
        for key, group in loaded.spans.items():
            self.spans[key] = group.copy(self)
        return self

    def _load_msg(self, msg, exclude=()):
        from .. import msgpack as fast_msgpack

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
        if "cats" not in exclude:
            self.cats = dict(cats)
        if "sentiment" not in exclude:
            self.sentiment = float(msg.get("sentiment", 0.0))
        tensor = msg.get("tensor")
        if "tensor" not in exclude and tensor is not None:
            if not isinstance(tensor, numpy.ndarray) or (tensor.ndim and tensor.shape[0] != len(words)):
                raise DeserializationError("Doc.from_bytes: the tensor is not an array with one "
                                           "row per token.")
            self.tensor = tensor
        self.has_unknown_spaces = bool(msg.get("has_unknown_spaces", False))
        ud = msg.get("user_data") or {}
        if ud and "user_data" not in exclude:
            keys = fast_msgpack.loads(ud["keys"], use_list=False)
            values = fast_msgpack.loads(ud["values"])
            if len(keys) != len(values):
                raise DeserializationError("Doc.from_bytes: user_data keys and values differ "
                                           "in number.")
            self.user_data.update(zip(keys, values))
        group_attrs = msg.get("span_group_attrs") or {}
        for key, items in ({} if "spans" in exclude else (msg.get("spans") or {})).items():
            meta = group_attrs.get(key) or {}
            self.spans[key] = SpanGroup(self, name=meta.get("name", key),
                                        attrs=dict(meta.get("attrs") or {}),
                                        spans=[Span(self, s, e, label=lab, kb_id=kb, span_id=sid)
                                               for s, e, lab, kb, sid in items])

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


def _conjuncts(Doc doc, int i):
    """Indices of the tokens coordinated with token i: climb "conj" arcs to the first
    conjunct, then gather its "conj" descendants (right children only, as spaCy)."""
    cdef attr_t conj = doc.vocab.strings.add("conj")
    cdef const TokenC* c = doc.c
    cdef int start = i, steps = 0, n = doc.length, j, w, q = 0
    while c[start].head != 0 and c[start].dep == conj and steps < n:
        start += c[start].head
        steps += 1
    queue = [start]
    out = [start]
    while q < len(queue):
        w = queue[q]
        q += 1
        for j in range(w + 1, c[w].r_edge + 1):
            if j + c[j].head == w and c[j].dep == conj and len(out) <= n:
                out.append(j)
                queue.append(j)
    return [j for j in out if j != i]


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
    @classmethod
    def iob_strings(cls):
        return IOB_STRINGS

    property ent_kb_id:
        def __get__(self): return self._c().ent_kb_id
        def __set__(self, attr_t v): self._c().ent_kb_id = v
    property ent_kb_id_:
        def __get__(self): return self._str(self._c().ent_kb_id)
        def __set__(self, str v): self._c().ent_kb_id = self.doc.vocab.strings.add(v)
    property ent_id:
        def __get__(self): return self._c().ent_id
        def __set__(self, attr_t v): self._c().ent_id = v
    property ent_id_:
        def __get__(self): return self._str(self._c().ent_id)
        def __set__(self, str v): self._c().ent_id = self.doc.vocab.strings.add(v)

    def has_dep(self) -> bool:
        """Whether the token has a dependency label (False when the parse is missing)."""
        return self._c().dep != 0

    def has_head(self) -> bool:
        """Whether the token's head is annotated (as in spaCy: it has a dependency label)."""
        return self._c().dep != 0

    def has_morph(self) -> bool:
        """Whether the token's morphological features are set (even to the empty set)."""
        return self._c().morph != 0

    @property
    def lex(self):
        """The token's Lexeme in the vocab."""
        return self.doc.vocab[self._c().lex.orth]

    @property
    def rank(self) -> int:
        """The word's row in the vectors table (spaCy's lexeme rank), or OOV_RANK."""
        vectors = self.doc.vocab.vectors
        if vectors.mode == "floret" or vectors.n_keys == 0:
            return OOV_RANK
        row = int(vectors.find_rows(numpy.asarray([self._c().lex.orth], dtype=numpy.uint64))[0])
        return OOV_RANK if row < 0 else row

    @property
    def is_oov(self) -> bool:
        """Whether the word has no vector (its orth is not a key of vocab.vectors)."""
        return self._c().lex.orth not in self.doc.vocab.vectors

    def _lookup(self, str table, default):
        lookups = self.doc.vocab.lookups
        if not lookups.has_table(table):
            return default
        return lookups.get_table(table).get(self._c().lex.orth, default)

    @property
    def prob(self) -> float:
        """Smoothed log probability of the word type: vocab.lookups "lexeme_prob", with
        "lexeme_settings"["oov_prob"] (default -20.0) for words it lacks."""
        lookups = self.doc.vocab.lookups
        oov = -20.0
        if lookups.has_table("lexeme_settings"):
            oov = lookups.get_table("lexeme_settings").get("oov_prob", -20.0)
        return self._lookup("lexeme_prob", oov)

    @property
    def cluster(self) -> int:
        """Brown cluster id from vocab.lookups "lexeme_cluster" (0 when absent)."""
        return self._lookup("lexeme_cluster", 0)

    @property
    def sentiment(self) -> float:
        """The user hook "sentiment", else vocab.lookups "lexeme_sentiment" (0.0)."""
        if "sentiment" in self.doc.user_token_hooks:
            return self.doc.user_token_hooks["sentiment"](self)
        return self._lookup("lexeme_sentiment", 0.0)

    @property
    def tensor(self):
        """The token's row of doc.tensor."""
        if self.doc.tensor is None:
            return None
        return self.doc.tensor[self.i]

    @property
    def conjuncts(self):
        """The tokens coordinated with this one ("conj" arcs), itself excluded."""
        if "conjuncts" in self.doc.user_token_hooks:
            return tuple(self.doc.user_token_hooks["conjuncts"](self))
        return tuple(self.doc[j] for j in _conjuncts(self.doc, self.i))

    property sent_start:
        """Deprecated alias of is_sent_start (False for the first token, as in spaCy)."""
        def __get__(self):
            if self.i == 0:
                return False
            return self._c().sent_start
        def __set__(self, value):
            self.is_sent_start = value

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
            if self._c().dep == 0:  # an unannotated head is the token itself (as in spaCy)
                return self
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
    def orth_(self) -> str:
        return self.text

    @property
    def lemma_(self) -> str:
        """The tokens' lemmas joined with the tokens' whitespace."""
        return "".join([t.lemma_ + t.whitespace_ for t in self]).strip()

    @property
    def tensor(self):
        """The span's rows of doc.tensor."""
        if self.doc.tensor is None:
            return None
        return self.doc.tensor[self.start:self.end]

    @property
    def sentiment(self) -> float:
        """The user hook "sentiment", else the mean of the tokens' sentiment."""
        if "sentiment" in self.doc.user_span_hooks:
            return self.doc.user_span_hooks["sentiment"](self)
        return sum([token.sentiment for token in self]) / len(self)

    @property
    def conjuncts(self):
        """The conjuncts of the span's root."""
        return self.root.conjuncts

    @property
    def lefts(self):
        """Tokens left of the span whose heads are inside it (spaCy's order: by the inside
        token from last to first)."""
        for token in reversed(list(self)):
            for left in token.lefts:
                if left.i < self.start:
                    yield left

    @property
    def rights(self):
        """Tokens right of the span whose heads are inside it."""
        for token in self:
            for right in token.rights:
                if right.i >= self.end:
                    yield right

    @property
    def n_lefts(self) -> int:
        return len(list(self.lefts))

    @property
    def n_rights(self) -> int:
        return len(list(self.rights))

    @property
    def subtree(self):
        """The subtrees of the span's left dependents, the span, then its right ones'."""
        for word in self.lefts:
            yield from word.subtree
        yield from self
        for word in self.rights:
            yield from word.subtree

    def get_lca_matrix(self):
        """(n, n) int32 lowest-common-ancestor matrix of the span's tokens, as offsets into
        the span; -1 where the ancestor lies outside it."""
        return _lca_matrix_of(self.doc, self.start, self.end)

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


copyreg.pickle(Doc, pickle_doc, unpickle_doc)
