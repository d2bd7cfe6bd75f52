# cython: language_level=3
"""Doc (with Token in token.pxi and Span in span.pxi): thin Python views over a contiguous
native TokenC array.

The array (csrc/lexloom/token_array.hh) carries padding sentinels on both sides, so window
features never bounds-check. Arguments are checked once here, at the Python boundary.
"""
from libc.stdint cimport int32_t, int64_t, uint64_t
from libc.string cimport memcpy
from libcpp.string cimport string as cpp_string
from libcpp.string_view cimport string_view
from libcpp.unordered_map cimport unordered_map
from libcpp.unordered_set cimport unordered_set
from libcpp.vector cimport vector

cimport numpy as np

from ..core cimport (LexemeC, TokenArray, TokenC, attr_t, check_heads,
                     lex_check_flag, set_children_from_heads, set_children_from_heads_range,
                     span_root, token_subtree, token_array_free, token_array_init,
                     token_array_push, token_array_reserve, token_array_to_array,
                     token_get_attr, token_set_attr)
from ..strings cimport StringStore, encode_text
from ..vocab cimport Vocab
from ._underscore cimport new_underscore

import collections
import copy
import copyreg
import itertools
import warnings
import weakref
from collections import Counter
from enum import Enum
from numbers import Integral

import numpy

from ..attrs import ATTR_NAMES, IDS, IOB_STRINGS, POS_IDS, POS_NAMES, intify_attr, readable_attr
from ..errors import (DeserializationError, DeserializationTypeError, DocError, DocKeyError,
                      DocTypeError, Errors, HeadCycleError,
                      LexloomError, LexloomWarning, NoNounChunksError, SpanAttributeError,
                      SpanIndexError,
                      StringKeyError, StringStoreError, ViewPickleError, Warnings)
from ..morphology import EMPTY_MORPH, add_analysis, feats_to_dict
from ..morphology import _feature_set as _morph_feature_set
from ..morphology import _features as _morph_features
from ..morphology import _field_values as _morph_field_values
from ..parts_of_speech import univ_pos_t as _univ_pos_t
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

# token.pos as spaCy gives it (a Cython cpdef enum): the univ_pos_t member for each UD tag's
# id, looked up by index (the ids are small); any other stored id becomes a pseudo-member
cdef list _POS_MEMBERS = [None] * (max(POS_IDS.values()) + 1)
for _pos_member in _univ_pos_t:
    _POS_MEMBERS[_pos_member.value] = _pos_member
cdef Py_ssize_t _N_POS_MEMBERS = len(_POS_MEMBERS)


cdef object _pos_of(int32_t value):
    if 0 <= value < _N_POS_MEMBERS:
        member = _POS_MEMBERS[value]
        if member is not None:
            return member
    return _univ_pos_t(value)  # a nameless member holding the id


# The token attributes Doc.from_array writes; other known attributes are read-only there.
_FROM_ARRAY_SETTABLE = frozenset({A_LEMMA, A_NORM, A_POS, A_TAG, A_MORPH, A_DEP, A_HEAD,
                                  A_SPACY, A_ENT_IOB, A_ENT_TYPE, A_ENT_ID, A_ENT_KB_ID,
                                  A_SENT_START, A_ORTH})

# The "_" symbol: spaCy's key for an empty morphological analysis.
EMPTY_MORPH_KEY = 456

# The token attributes a DocBin stores by default (spaCy's list, also Doc.to_dict's columns).
_ID = IDS["ID"]  # spaCy's lexeme id: the rank (to_array fills it from the vocab)
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
    # stacklevel 1: compiled functions make no Python frames, so this names the caller's
    # line (__main__ in a script, where Python shows DeprecationWarnings by default)
    warnings.warn(Warnings.W107.format(prop=prop, attr=attr), DeprecationWarning, stacklevel=1)


# Attribute names ("LEMMA", "lemma", "IS_SENT_START") already looked up -> their ids (names
# only: a name reads and sets the same attribute)
cdef dict _NAMED_ATTR_IDS = {}


cdef object _named_attr_id(str name):
    found = _NAMED_ATTR_IDS.get(name)
    if found is None:
        found = intify_attr(name)   # a KeyError for an unknown name
        if len(_NAMED_ATTR_IDS) < 4096:
            _NAMED_ATTR_IDS[name] = found
    return found


def _attr_ids(attrs, reading=False):
    """Attribute names or ids (one or a list) -> (list of ids, was a single attribute).
    `reading`: any integer id is accepted and reads as 0 when no attribute has it (spaCy).
    Known ids as plain ints (what attrs.ORTH, ... are) are taken as they are: the general
    checks cost more than a short Doc's to_array."""
    kind = type(attrs)
    if kind is int or kind is str:
        single = True
        items = (attrs,)
    elif kind is list or kind is tuple:
        single = False
        items = attrs
    else:
        single = isinstance(attrs, (str, Integral))   # a numpy integer id is one attribute too
        items = [attrs] if single else list(attrs)
    to_id = readable_attr if reading else intify_attr
    try:
        return [a if type(a) is int and a in ATTR_NAMES else
                _named_attr_id(a) if type(a) is str else to_id(a) for a in items], single
    except KeyError as e:
        raise DocKeyError(str(e.args[0])) from None


_IMMUTABLE = frozenset({str, int, float, bool, bytes, type(None)})


def _deepcopy_user_data(data):
    """copy.deepcopy(data), taking the entries of a plain dict whose key and value are
    immutable as they are (what deepcopy returns for them too): extension values set per
    token, keyed ("._.", name, start, end), are most of a Doc's user data, and deepcopy's
    dispatch on each made Doc.copy cost as much as spaCy's. Anything else (a defaultdict,
    None) goes to deepcopy whole, which keeps its type."""
    if type(data) is not dict:
        return copy.deepcopy(data)
    out = {}
    memo = {id(data): out}   # deepcopy's memo, shared: objects met twice stay shared
    for key, value in data.items():
        if type(value) in _IMMUTABLE and (type(key) in _IMMUTABLE or (
                type(key) is tuple and all(type(part) in _IMMUTABLE for part in key))):
            out[key] = value
        else:
            out[copy.deepcopy(key, memo)] = copy.deepcopy(value, memo)
    return out


cdef str _cached_string(dict cache, Doc doc, attr_t key):
    """_string_of, remembered in `cache` (one call's id -> string)."""
    text = cache.get(key)
    if text is None:
        text = cache[key] = _string_of(doc, key)
    return text


cdef str _string_of(Doc doc, attr_t key):
    """doc.vocab.strings[key] for an annotation read back (token.lemma_, span.label_): spaCy's
    E018, a KeyError, when the id was set as an int and its string was never added."""
    cdef str text = doc.vocab.strings.decode(key)
    if text is None:
        raise StringKeyError(f"[E018] Can't find the string for id {key} in the StringStore: "
                             "the id was set as an int but its string was never added; add it "
                             "with vocab.strings.add(text) or set the string attribute "
                             "(e.g. token.lemma_)." + doc.vocab.strings._released_hint())
    return text


cdef attr_t _annotation_id(Doc doc, value, str name, bint str_only) except? 0:
    """The string id a token or span string attribute is set to, as spaCy's setters make it:
    None or '' is 0 (unset); a str is added to the StringStore. `str_only`: spaCy's setter
    takes only a str or None (token.lemma_, span.label_); otherwise it hands the value to
    StringStore.add, which takes bytes too and makes any other falsy value 0 (token.tag_)."""
    if value is None:
        return 0
    if isinstance(value, str):
        return doc.vocab.strings.add(value) if value else 0
    if not str_only:
        if isinstance(value, bytes):
            return doc.vocab.strings.add(value)
        if not value:
            return 0
        raise StringStoreError(f"[E017] {name} takes a str, not {type(value).__name__} "
                               f"{value!r:.60}.")
    raise StringStoreError(f"{name} takes a str (or None), not {type(value).__name__} "
                           f"{value!r:.60}.")


def _noun_chunks(doclike):
    doc = doclike.doc
    iterator = doc.noun_chunks_iterator
    if iterator is None:
        raise NoNounChunksError(f"[E894] noun_chunks isn't available for language {doc.vocab.lang!r}: it has "
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
            # spaCy's order: j's head is k -> k; then k's head is j -> j (Token.head: a token
            # without a dep label heads itself). It only matters when the heads loop: in a
            # tree the walk below finds the same token.
            a = start + j
            if (c[b].dep != 0 and b + c[b].head == a
                    and not (c[a].dep != 0 and a + c[a].head == b)):
                out[j * m + k] = j
                out[k * m + j] = j
                continue
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
        raise DocError("[E030] get_lca_matrix needs sentence boundaries (a parse, or sent_starts) "
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


cdef bint _count_set(const TokenC* c, int start, int end, uint64_t attr,
                     bint require_complete) noexcept nogil:
    """Whether any (require_complete: every) token in [start, end) has a nonzero `attr`."""
    cdef int i
    for i in range(start, end):
        if (token_get_attr(&c[i], attr) != 0) != require_complete:
            return not require_complete
    return require_complete


cdef int _token_by_char(const TokenC* c, int n, int char_idx) noexcept nogil:
    """The token whose text or trailing space holds character char_idx, or -1."""
    cdef int lo = 0, hi = n - 1, mid
    while lo <= hi:
        mid = (lo + hi) // 2
        if char_idx < c[mid].idx:
            hi = mid - 1
        elif char_idx >= c[mid].idx + c[mid].lex.length + c[mid].spacy:
            lo = mid + 1
        else:
            return mid
    return -1


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
            raise DocError(f"[E106] Doc.to_json: no extension value '{name}' was found (asked "
                           f"for {names}); register it with set_extension and set a value.")


# Doc.sents, Span.sents and token/span .sent on a Doc without sentence boundaries (E030)
_NO_SENTENCES = ("[E030] Sentence boundaries are unset. Add a component that sets them "
                 "(parser, senter, sentencizer) or set token.is_sent_start.")


def _validate_doc_json(doc_json, code=""):
    """The checks spaCy's DocJSONSchema makes: the keys and value types of to_json's output.
    `code` leads the message ("[E1038] " for from_json(validate=True), as spaCy)."""
    problems = []
    if not isinstance(doc_json, dict):
        raise DocError(f"{code}Doc.from_json: the data is a {type(doc_json).__name__}, not a "
                       "dict.")
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
    for i, ent in enumerate(doc_json.get("ents", []) if isinstance(doc_json.get("ents"), list)
                            else []):
        if isinstance(ent, dict) and not isinstance(ent.get("label"), str):
            problems.append(f"ents[{i}] needs a string 'label'")
            break
    if not isinstance(doc_json.get("cats", {}), dict):
        problems.append("'cats' must be a dict")
    spans = doc_json.get("spans", {})
    if not isinstance(spans, dict) or not all(
            isinstance(group, list) and all(
                isinstance(x, dict) and isinstance(x.get("start"), int)
                and isinstance(x.get("end"), int) and isinstance(x.get("label"), str)
                for x in group) for group in spans.values()):
        problems.append("'spans' must be a dict of lists of {'start', 'end', 'label'} dicts")
    for key in ("_", "underscore_token", "underscore_span"):
        if not isinstance(doc_json.get(key, {}), dict):
            problems.append(f"'{key}' must be a dict")
    if problems:
        raise DocError(f"{code}Doc.from_json: the data doesn't match the Doc JSON schema: "
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

    bytes_data = doc.to_bytes(exclude=["user_data", "user_hooks"])
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
    return numpy.zeros((vectors.shape[1],), dtype=numpy.float32)   # spaCy's vectors_length


def _has_vector(Doc doc, int start, int end) -> bool:
    vectors = doc.vocab.vectors
    if vectors.size > 0:
        if end <= start:
            return False
        if vectors.mode == "floret":
            return True
        keys = _vector_keys(doc, start, end, vectors.attr)
        return bool((vectors.find_rows(keys) >= 0).any())
    return doc.tensor.size > 0   # an empty span of a Doc with a tensor too, as spaCy's


def _norm(vector):
    """A Token's, Span's or Lexeme's vector norm as spaCy computes it: numpy's float32 sum
    of squares (so its last bits and its type, numpy.float32; 0.0 for a zero vector)."""
    total = (vector ** 2).sum()
    return numpy.sqrt(total) if total != 0 else 0.0


def _doc_norm(vector):
    """Doc.vector_norm as spaCy computes it: the float32 squares summed in order into a
    double (numpy's pairwise sum rounds otherwise in the last bits); the int 0 for a zero or
    empty vector, as spaCy's."""
    if not vector.size:
        return 0
    squares = numpy.asarray(vector, dtype=numpy.float32) ** 2
    norm = float(numpy.cumsum(squares, dtype=numpy.float64)[-1])
    return float(numpy.sqrt(norm)) if norm != 0 else 0


def _similarity(obj, other, str kind) -> float:
    """spaCy's {Doc,Span,Token,Lexeme}.similarity (after the user hooks): 1.0 when both are
    the same words (compared on the vectors' key attribute: a Doc/Span against a Doc/Span
    of the same length, or a one-word one against a Token/Lexeme), else the cosine of their
    vectors, 0.0 when either has a zero vector. Warns W007 when the vocab has no word
    vectors (not for a Lexeme) and W008 when a zero vector is a missing one."""
    if kind == "Lexeme":
        if hasattr(other, "orth"):
            if obj.orth == other.orth:
                return 1.0
        elif hasattr(other, "__len__") and len(other) == 1 and hasattr(other[0], "orth") \
                and obj.orth == other[0].orth:
            return 1.0
    else:
        from ..lexeme import Lexeme
        vectors = obj.vocab.vectors
        attr = getattr(vectors, "attr", IDS["ORTH"])
        name = ATTR_NAMES[attr].lower() if attr in ATTR_NAMES else "orth"
        if kind == "Token":
            if isinstance(other, (Token, Lexeme)) and getattr(obj, name) == getattr(other, name):
                return 1.0
        elif len(obj) == 1 and isinstance(other, (Token, Lexeme)):
            if getattr(obj[0], name) == getattr(other, name):
                return 1.0
        elif isinstance(other, (Doc, Span)) and len(obj) == len(other):
            if all(getattr(obj[i], name) == getattr(other[i], name) for i in range(len(obj))):
                return 1.0
        if vectors.n_keys == 0:
            warnings.warn(Warnings.W007.format(obj=kind), UserWarning)
    # as spaCy, `other` is only read when obj has a vector (a zero one gives 0.0 for anything)
    norm_a = obj.vector_norm
    norm_b = other.vector_norm if norm_a != 0 else 0.0
    if norm_a == 0 or norm_b == 0:
        if kind == "Lexeme" or not obj.has_vector or not other.has_vector:
            warnings.warn(Warnings.W008.format(obj=kind), UserWarning)
        return 0.0
    a, b = obj.vector, other.vector
    if a.shape != b.shape:
        raise DocError(f"similarity: vectors of widths {a.shape[0]} and {b.shape[0]} can't be "
                       "compared; both objects need the same vectors table.")
    return float(numpy.dot(a, b) / (norm_a * norm_b))   # spaCy's types: float32 or float64


def _release_zone(Vocab vocab, sizes, docs):
    """Free a memory zone: the transient strings and lexemes added after `sizes` = (strings,
    lexemes), with every token of `docs` (of this vocab) that used one moved onto a copy. One
    native step that runs no Python code: another thread reading one of these Docs sees it
    before (on the zone's lexemes) or after (on the copies), never on freed memory, as it
    could while the Docs were moved one Python call at a time after the cut."""
    cdef size_t n_strings = sizes[0], n_lexemes = sizes[1]
    cdef StringStore strings = vocab.strings
    cdef Doc doc
    cdef int i
    cdef size_t k
    cdef vector[cpp_string] kept          # the strings to keep after the cut, once each
    cdef unordered_set[attr_t] noted      # their ids
    cdef vector[LexemeC] copies           # one per zone lexeme a kept token uses
    cdef unordered_map[attr_t, size_t] copy_of   # orth -> its copy's index
    cdef vector[TokenC*] movers           # the tokens to repoint, and their copies' indices
    cdef vector[size_t] mover_copy
    cdef unordered_set[const LexemeC*] zone_lexemes   # by address: lex.id can be set by hand
    cdef LexemeC lex
    for k in range(n_lexemes, vocab.lexemes.size()):
        zone_lexemes.insert(vocab.lexemes.at(k))
    for doc in docs:
        if doc.vocab is not vocab:   # another pipeline's Doc made while the zone was open
            continue
        for i in range(doc.length):
            lex = doc.c[i].lex[0]
            if zone_lexemes.count(doc.c[i].lex):
                if copy_of.count(lex.orth) == 0:
                    copy_of[lex.orth] = copies.size()
                    copies.push_back(lex)
                    _keep_lexeme_strings(strings, &lex, &noted, &kept)
                movers.push_back(&doc.c[i])
                mover_copy.push_back(copy_of[lex.orth])
            _keep_token_strings(strings, &doc.c[i], &noted, &kept)
    vocab.lexemes.truncate(n_lexemes)
    if strings.c.transient_size() > n_strings:
        strings.released = True
    strings.c.truncate_transient(n_strings)
    # permanent, unless a zone this one opened inside is still active: that one keeps them
    for k in range(kept.size()):
        strings.c.add(string_view(kept[k].data(), kept[k].size()), strings.transient)
    cdef vector[const LexemeC*] placed
    for k in range(copies.size()):
        placed.push_back(vocab.lexemes.add(copies[k]))
    for k in range(movers.size()):
        movers[k].lex = placed[mover_copy[k]]


cdef void _keep_lexeme_strings(StringStore strings, const LexemeC* lex,
                               unordered_set[attr_t]* noted,
                               vector[cpp_string]* kept) noexcept:
    cdef attr_t keys[7]
    keys[:] = [lex.orth, lex.lower, lex.norm, lex.shape, lex.prefix, lex.suffix, lex.lang]
    cdef int j
    for j in range(7):
        _keep_string(strings, keys[j], noted, kept)


cdef void _keep_token_strings(StringStore strings, const TokenC* token,
                              unordered_set[attr_t]* noted,
                              vector[cpp_string]* kept) noexcept:
    cdef attr_t keys[8]
    keys[:] = [token.tag, token.lemma, token.dep, token.morph, token.norm, token.ent_type,
               token.ent_kb_id, token.ent_id]
    cdef int j
    for j in range(8):
        _keep_string(strings, keys[j], noted, kept)


cdef inline void _keep_string(StringStore strings, attr_t key, unordered_set[attr_t]* noted,
                              vector[cpp_string]* kept) noexcept:
    """Note the text of a transient string id (once), to add it back after the cut."""
    cdef const cpp_string* text
    if key == 0 or noted.count(key) or strings.c.is_permanent(key):
        return
    noted.insert(key)
    text = strings.c.get(key)
    if text != NULL:
        kept.push_back(text[0])


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
            # a copy: WeakSet.add runs Python, and another thread may close a zone meanwhile
            for zone in tuple(_active_zones):
                (<MemoryZoneDocs>zone).docs.add(self)
                (<MemoryZoneDocs>zone).created += 1

    def __dealloc__(self):
        token_array_free(&self.arr)

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
            raise DocError("[E908] Doc got `spaces` without `words`; pass both lists.")
        self.has_unknown_spaces = words is not None and spaces is None
        words = list(words) if words is not None else []
        spaces = list(spaces) if spaces is not None else [True] * len(words)
        if len(spaces) != len(words):
            raise DocError(f"[E027] Doc got {len(words)} words but {len(spaces)} spaces; pass one "
                           "whitespace flag per word.")
        self.reserve(len(words))
        cdef const LexemeC* lex
        for i, (word, has_space) in enumerate(zip(words, spaces)):
            if isinstance(word, str):
                if not word:
                    raise DocError(f"[E031] Invalid token: words[{i}] is an empty string; "
                                   "every token needs at least one character.")
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
                raise DocError(f"[E189] Doc got {n} words but {len(values)} {name}; pass one value "
                               "per word (None for missing).")
        cdef StringStore strings = self.vocab.strings
        cdef int i
        for name in ("tags", "pos", "lemmas", "deps"):
            values = annotations[name]
            if values is not None:
                for k, value in enumerate(values):
                    if value is not None and not isinstance(value, str):
                        raise DocTypeError(f"Doc {name}[{k}] is {type(value).__name__} "
                                           f"{value!r}; give each word's value as a string "
                                           "(None for missing).")
        if tags is not None:
            for i in range(n):
                self.c[i].tag = strings.intern(tags[i]) if tags[i] else 0
        if pos is not None:
            for i in range(n):
                p = pos[i] or ""
                if p not in POS_IDS:
                    raise DocError(f"[E1021] pos[{i}] is {p!r}, not a universal POS tag. Use one "
                                   f"of: {', '.join(k for k in POS_IDS if k)}.")
                self.c[i].pos = POS_IDS[p]
        if morphs is not None:
            for i in range(n):
                if morphs[i] is not None:
                    self.c[i].morph = add_analysis(strings, morphs[i])
        if lemmas is not None:
            for i in range(n):
                self.c[i].lemma = strings.intern(lemmas[i]) if lemmas[i] else 0
        if deps is not None and heads is None:
            heads = list(range(n))
        if heads is not None and deps is None:
            raise DocError("[E1017] Doc got heads without deps; pass deps too (use 'dep' if "
                           "unknown).")
        if heads is not None:
            for i in range(n):
                h = i if heads[i] is None else heads[i]
                if not isinstance(h, (int, numpy.integer)) or not 0 <= h < n:
                    raise DocError(f"[E190] heads[{i}] is {heads[i]!r}; heads are token indices in "
                                   f"0..{n - 1} (absolute, not relative).")
                self.c[i].head = h - i
                self.c[i].dep = strings.intern(deps[i]) if deps[i] else 0
            # as from_array: heads whose deps are all missing are kept, but build no tree
            # (no children, edges or sentence starts), as in spaCy
            if any(self.c[i].dep != 0 for i in range(n)) and not set_children_from_heads(self.c, n):
                self._warn_head_cycle("Doc(heads=...)")
        if sent_starts is not None and heads is None:
            for i in range(n):
                v = sent_starts[i]
                self.c[i].sent_start = 1 if (v is True or v == 1) else -1 if (v is False or v == -1) else 0
        if ents is not None:
            self._set_iob(list(ents))

    def _warn_head_cycle(self, where):
        """Heads that loop are kept, as spaCy keeps them (its own tests build such Docs, and a
        converter must not lose a corpus to one bad sentence); edges and sentence starts are
        computed spaCy's way. Only Token.subtree, which would never end, refuses them."""
        cdef int i, node
        cycle = []
        for i in range(self.length):
            seen = {}
            node = i
            while node not in seen and self.c[node].head != 0:
                seen[node] = len(seen)
                node += self.c[node].head
            if node in seen:
                cycle = sorted(list(seen)[seen[node]:])
                break
        warnings.warn(f"[lexloom] {where}: the heads contain a cycle through tokens {cycle} "
                      "(none of them reaches a root, a token that is its own head). The Doc "
                      "keeps them, as spaCy does, but Token.subtree raises for these tokens; "
                      "fix the heads to get a tree.", LexloomWarning, stacklevel=3)

    def _set_iob(self, ents):
        """Per-token IOB/IOB2 strings ("B-PER", "I-PER", "O", "" or None) -> ENT_IOB/ENT_TYPE."""
        cdef int i
        cdef int n = self.length
        ents = [None if e == "" else e for e in ents]
        for i, ent in enumerate(ents):
            if ent is not None and not isinstance(ent, str):
                raise DocError(f"ents[{i}] is {ent!r}; entity tags are strings like 'B-PER'.")
            if ent is not None and ent != "O" and (len(ent) < 3 or ent[1] != "-" or ent[0] not in "BI"):
                raise DocError(f"[E177] ents[{i}] is {ent!r}; use 'B-LABEL', 'I-LABEL', 'O' or '' "
                               "(missing).")
        # IOB1 -> IOB2 as spaCy: an I- after O, after a missing tag or after another label
        # begins an entity; the first token's I- stays (spaCy's Doc keeps it).
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
                begins = ent[0] == "B" or (i > 0 and (prev is None or prev == "O"
                                                      or prev[2:] != label))
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
                raise DocError("[E057] Doc slices must have step 1.")
            return Span(self, start, max(start, stop))
        cdef int i = key
        if i < 0:
            i += self.length
        if not 0 <= i < self.length:
            if -5 <= i < self.length + 5:
                # within spaCy's 5 padding tokens either side its code is E040 (E026 beyond)
                raise IndexError(f"[lexloom] [E040] Token index {key} is out of range: attempt "
                                 f"to access token at {i}, max length {self.length}.")
            raise IndexError(f"[lexloom] [E026] Token index {key} out of range for a Doc of "
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
        ids, single = _attr_ids(attrs, reading=True)
        cdef vector[uint64_t] attr_ids = ids
        cdef Py_ssize_t k = attr_ids.size()
        # one attribute: the (n,) array is the (n, 1) one's memory
        if k == 1:
            out = numpy.zeros(self.length, dtype=numpy.uint64)
        else:
            out = numpy.zeros((self.length, k), dtype=numpy.uint64)
        cdef np.ndarray out_arr = out
        if self.length and k:
            token_array_to_array(self.c, self.length, attr_ids.data(), k,
                                 <uint64_t*>out_arr.data)
            if _ID in ids:
                # spaCy's ID is the lexeme's rank (its vectors row, else OOV_RANK); lexloom's
                # lexeme id is its table slot
                ranks = [self.vocab._rank(self.c[i].lex.orth) for i in range(self.length)]
                if k == 1:
                    out[:] = ranks
                for col, attr_id in enumerate(ids):
                    if attr_id == _ID and k > 1:
                        out[:, col] = ranks
        return out

    def from_array(self, attrs, array):
        """Set attributes from an (n, k) array as written by to_array. Returns self."""
        ids, single = _attr_ids(attrs)
        if len(set(ids)) != len(ids):
            # the checks below read one column per attribute; a second one would go unchecked
            twice = sorted({ATTR_NAMES.get(a, a) for a in ids if ids.count(a) > 1}, key=str)
            raise DocError(f"from_array got {', '.join(map(str, twice))} more than once; give "
                           "each attribute one column.")
        arr = numpy.asarray(array)
        if arr.ndim == 1:
            arr = arr.reshape((arr.shape[0], 1))
        if arr.ndim != 2 or arr.shape[1] != len(ids):
            raise DocError(f"from_array got an array of shape {numpy.shape(array)} for "
                           f"{len(ids)} attributes; expected ({self.length}, {len(ids)}).")
        if arr.shape[0] != self.length:
            raise DocError(f"[E971] from_array got {arr.shape[0]} rows for a Doc of "
                           f"{self.length} tokens; arrays must have one row per token.")
        if arr.dtype.kind not in "iub":
            raise DocError(f"from_array needs an integer array, got dtype {arr.dtype}.")
        # Lexical attributes (LENGTH, SHAPE, IS_ALPHA, ...) and IDX follow from the words: as
        # in spaCy, their columns (e.g. to_array's output fed back) are accepted and skipped,
        # but only holding the Doc's own values (like ORTH): others would be silently lost.
        fixed = [j for j, a in enumerate(ids) if a not in _FROM_ARRAY_SETTABLE]
        if fixed:
            given = arr[:, fixed]
            given = given.astype(numpy.int64).view(numpy.uint64) if given.dtype.kind == "i" \
                else given.astype(numpy.uint64)
            own = self.to_array([ids[j] for j in fixed]).reshape(given.shape)
            for col, fixed_id in enumerate([ids[f] for f in fixed]):
                if not numpy.array_equal(given[:, col], own[:, col]):
                    raise DocError(f"from_array can't change {ATTR_NAMES.get(fixed_id, fixed_id)}: it "
                                   "follows from the words. Give the Doc's own values (as "
                                   "to_array returns them) or leave the column out; settable "
                                   "attributes: "
                                   f"{', '.join(sorted(ATTR_NAMES[a] for a in _FROM_ARRAY_SETTABLE))}.")
            keep = [f for f in range(len(ids)) if f not in fixed]
            ids = [ids[f] for f in keep]
            arr = arr[:, keep]
            if not ids:
                return self
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
                    raise DocError(f"[E190] from_array: HEAD of token {i} is {rel:+d} "
                                   f"(relative), which points outside the Doc of {n} tokens.")
        if A_ENT_IOB in ids:
            j = ids.index(A_ENT_IOB)
            for i in range(n):
                if values[i, j] > 3:
                    raise DocError(f"[E982] from_array: ENT_IOB of token {i} is "
                                   f"{values[i, j]}; valid values are 0 (missing), 1 (I), "
                                   "2 (O), 3 (B).")
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
                    if values[i, j] and not self.vocab.strings.c.contains(values[i, j]):
                        # spaCy takes the id and fails with E018 (a KeyError) when it is
                        # read back; a DocKeyError is a KeyError and lexloom's ValueError
                        raise DocKeyError(f"[E018] from_array: {ATTR_NAMES[a]} of token "
                                          f"{i} is the id {values[i, j]}, whose string is not "
                                          "in the vocab; add the strings to "
                                          "doc.vocab.strings first.")
            for i in range(n):
                token_set_attr(&self.c[i], a, values[i, j])
        if A_HEAD in ids and A_DEP in ids and values[:, ids.index(A_DEP)].any():
            if not set_children_from_heads(self.c, n):
                self._warn_head_cycle("from_array")
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
        cdef int first = 0
        if self.length == 0:
            return True  # nothing is missing from an empty Doc (as in spaCy)
        if a == A_SENT_START:
            # Only the stored boundaries count, as in spaCy 3.8: a parse stores them when its
            # heads are set, while dep labels set one by one say nothing about sentences.
            if "sents" in self.user_hooks or self.length == 1:
                return True
            first = 1  # the first token always starts a sentence
        return _count_set(self.c, first, self.length, a, require_complete)

    # ---- spans ------------------------------------------------------------------------

    def char_span(self, int start_idx, int end_idx, label=0, kb_id=0, vector=None,
                  alignment_mode="strict", span_id=0):
        """The Span covering characters [start_idx, end_idx), or None when it doesn't align.

        alignment_mode: "strict" (token boundaries must match), "contract" (only tokens fully
        inside), "expand" (every token that overlaps).
        """
        if alignment_mode not in ("strict", "contract", "expand"):
            raise DocError(f"[E202] alignment_mode {alignment_mode!r} is not one of 'strict', "
                           "'contract', 'expand'.")
        cdef bint strict = alignment_mode == "strict"
        cdef int start = _token_by_char(self.c, self.length, start_idx)
        if start < 0 or (strict and start_idx != self.c[start].idx):
            return None
        # end_idx is exclusive: find the token holding the character before it
        cdef int end = _token_by_char(self.c, self.length, end_idx - 1)
        if end < 0 or (strict and end_idx != self.c[end].idx + self.c[end].lex.length):
            return None
        if alignment_mode == "contract":
            if self.c[start].idx < start_idx:
                start += 1
            if end_idx < self.c[end].idx + self.c[end].lex.length:
                end -= 1
            if end < start:  # no token lies wholly inside
                return None
        elif alignment_mode == "expand":
            # a start on the previous token's trailing space doesn't take that token
            if start_idx == self.c[start].idx + self.c[start].lex.length:
                start += 1
        end += 1
        return Span(self, start, end, label=label, kb_id=kb_id, span_id=span_id,
                    vector=vector)

    # ---- word vectors -----------------------------------------------------------------

    property vector:
        """The mean of the token vectors (float32, the vectors' width), or the vector set
        on the Doc."""

        def __get__(self):
            if "vector" in self.user_hooks:
                return self.user_hooks["vector"](self)
            if self._vector is not None:
                return self._vector
            if (self.length and self.vocab.vectors.size > 0
                    and "vector" in self.user_token_hooks):
                # spaCy sums token.vector over word vectors, so a token hook counts
                self._vector = sum(t.vector for t in self) / self.length
                return self._vector
            if self.length == 0 or self.vocab.vectors.size > 0 or self.tensor.size > 0:
                # as spaCy: computed once and kept (a later set_vector or tensor leaves it)
                self._vector = _mean_vector(self, 0, self.length)
                return self._vector
            return _mean_vector(self, 0, self.length)

        def __set__(self, value):
            self._vector = value

    @property
    def has_vector(self) -> bool:
        if "has_vector" in self.user_hooks:
            return self.user_hooks["has_vector"](self)
        return _has_vector(self, 0, self.length)

    property vector_norm:
        def __get__(self):
            if "vector_norm" in self.user_hooks:
                return self.user_hooks["vector_norm"](self)
            if self._vector_norm is None:   # as spaCy: computed once and kept
                self._vector_norm = _doc_norm(self.vector)
            return self._vector_norm

        def __set__(self, value):
            self._vector_norm = value

    def similarity(self, other) -> float:
        """Cosine similarity of the mean vectors; 1.0 for the same words."""
        if "similarity" in self.user_hooks:
            return self.user_hooks["similarity"](self, other)
        return _similarity(self, other, "Doc")

    property ents:
        """Named entities as Spans, read from the tokens' ENT_IOB / ENT_TYPE."""

        def __get__(self):
            # As spaCy: an entity runs from its B over the I tokens after it, whatever their
            # type (the B's label, kb_id and id; an attribute_ruler may retype an I); a B
            # without a type is a blocked token, no entity. An I with no entity open starts
            # one (spaCy raises E093 there). Entities without a label are left out.
            cdef int i, start = -1
            cdef attr_t label = 0
            out = []
            for i in range(self.length):
                iob = self.c[i].ent_iob
                if iob == 1:
                    if start == -1:
                        start = i
                        label = self.c[i].ent_type
                    continue
                if start != -1:
                    if label != 0:
                        out.append(Span(self, start, i, label=label, kb_id=self.c[start].ent_kb_id,
                                        span_id=self.c[start].ent_id))
                    start = -1
                if iob == 3 and self.c[i].ent_type != 0:
                    start = i
                    label = self.c[i].ent_type
            if start != -1 and label != 0:
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
            raise DocError(Errors.E1011.format(
                default=default, modes="'outside', 'missing', 'unmodified', 'blocked'"))
        cdef int i
        # A span without a label is not an entity (as in spaCy).
        spans = [span for span in (self._as_span(e) for e in entities) if span.label]
        groups = tuple(([self._own_span(s) if isinstance(s, Span) else s for s in group], code)
                       for group, code in ((blocked or (), 3), (missing or (), 0),
                                           (outside or (), 2)))
        covered = set()
        for span in itertools.chain(spans, *(g for g, _ in groups)):
            if not isinstance(span, Span):
                raise DocError(f"set_ents takes Spans, not {span!r}.")
            if (<Span>span)._moved or (<Span>span)._layout != self._layout:
                # As spaCy: entities are written to token positions, and this span's were
                # re-found from its characters, not given (a merge may have grown it).
                raise IndexError(
                    f"[lexloom] set_ents: the span {span.text!r} was made before the Doc was "
                    "retokenized; make entity spans from the current tokens, e.g. "
                    f"doc.char_span({span.start_char}, {span.end_char}).")
            if not 0 <= span.start <= span.end <= self.length:
                # a span whose start / end were set by hand (spaCy's E035, as doc.ents says)
                raise SpanIndexError(Errors.E035.format(start=span.start, end=span.end,
                                                        length=self.length))
            for i in range(span.start, span.end):
                if i in covered:
                    raise DocError(f"[E1010] Entities overlap at token {i} ({self[i].text!r}); a "
                                   "token can belong to one entity, blocked, missing or "
                                   "outside span only.")
                covered.add(i)
        for span in spans:
            for i in range(span.start, span.end):
                self.c[i].ent_iob = 3 if i == span.start else 1
                self.c[i].ent_type = span.label
                self.c[i].ent_kb_id = span.kb_id
                if span.id:  # as spaCy: an id-less span keeps the tokens' ent_id
                    self.c[i].ent_id = span.id
        for group, code in groups:
            for span in group:
                for i in range(span.start, span.end):
                    self.c[i].ent_iob = code
                    self.c[i].ent_type = 0
        if default != "unmodified":
            code = {"missing": 0, "blocked": 3}.get(default, 2)
            for i in range(self.length):
                if i not in covered:
                    self.c[i].ent_iob = code
                    self.c[i].ent_type = 0
        # Repair what the new spans cut: an I that no longer continues an entity of its
        # type begins one.
        for i in range(self.length):
            if self.c[i].ent_iob == 1 and (
                    i == 0 or self.c[i - 1].ent_iob in (0, 2)
                    or self.c[i - 1].ent_type != self.c[i].ent_type):
                self.c[i].ent_iob = 3

    def _own_span(self, Span span):
        """`span`, or for a Span of another Doc the span at the same token positions here,
        with its label, kb_id and id: as spaCy, which takes an entity's positions (e.g.
        `pred.ents = gold.ents` over the same words)."""
        if span.doc is self:
            return span
        if not 0 <= span.start <= span.end <= self.length:
            raise SpanIndexError(Errors.E035.format(start=span.start, end=span.end,
                                                    length=self.length))
        strings = self.vocab.strings
        label, kb_id, span_id = (strings.add(value) if value else 0
                                 for value in (span.label_, span.kb_id_, span.id_))
        return Span(self, span.start, span.end, label=label, kb_id=kb_id, span_id=span_id)

    def _as_span(self, ent):
        if isinstance(ent, Span):
            return self._own_span(ent)
        # spaCy's tuple shapes: (label, start, end), (label, kb_id, start, end) and
        # (ent_id, kb_id, label, start, end); labels and ids are strings or string ids.
        if isinstance(ent, (tuple, list)) and len(ent) in (3, 4, 5):
            span_id = kb_id = 0
            if len(ent) == 3:
                label, start, end = ent
            elif len(ent) == 4:
                label, kb_id, start, end = ent
            else:
                span_id, kb_id, label, start, end = ent
            try:
                start, end = start.__index__(), end.__index__()
            except AttributeError:
                raise DocTypeError(f"Entity {ent!r}: start and end must be token indices "
                                   "(ints); the tuple shapes are (label, start, end), (label, "
                                   "kb_id, start, end) and (ent_id, kb_id, label, start, "
                                   "end).") from None
            if not 0 <= start <= end <= self.length:   # spaCy's Span: E035, an IndexError
                raise SpanIndexError(Errors.E035.format(start=start, end=end,
                                                        length=self.length))
            return Span(self, start, end, label=label, kb_id=kb_id, span_id=span_id)
        raise DocTypeError(f"Entities are Spans or (label, start, end), (label, kb_id, start, "
                           f"end) or (ent_id, kb_id, label, start, end) tuples, not {ent!r}.")

    @property
    def sents(self):
        """Sentences as Spans. Needs sentence boundaries (a parser, senter or sent_starts)."""
        if "sents" in self.user_hooks:
            yield from self.user_hooks["sents"](self)
            return
        if not self.has_annotation("SENT_START"):
            raise DocError(_NO_SENTENCES)
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
        """Deprecated (as in spaCy): doc.has_annotation("DEP")."""
        _deprecated("is_parsed", "DEP")
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
        # a Counter keeps first-occurrence order (numpy.unique + argsort cost more per call
        # than the counting itself on a short Doc)
        tally = collections.Counter(values.tolist())
        if counts is None:
            return dict(tally)
        for key, count in tally.items():
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
        concat_spaces = []
        concat_user_data = {}
        concat_spans = {}
        cdef Doc doc
        cdef int i, char_offset = 0
        for k, doc in enumerate(docs):
            spaces = doc.to_array([A_SPACY]).reshape((doc.length,)).astype(bool).tolist()
            if (ensure_whitespace and k + 1 < len(docs) and doc.length
                    and not lex_check_flag(doc.c[doc.length - 1].lex, 6)):  # 6: IS_SPACE
                spaces[-1] = True
            concat_spaces.extend(spaces)
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
                            warnings.warn(Warnings.W101.format(name=name), LexloomWarning)
                    else:
                        warnings.warn(Warnings.W102.format(key=key, value=value),
                                      LexloomWarning)
            if "spans" not in exclude:
                for key, group in doc.spans.items():
                    items = concat_spans.setdefault(key, [])
                    for span in group:
                        items.append((span.start_char + char_offset, span.end_char + char_offset,
                                      span.label, span.kb_id, span.id, span.text))
            if doc.length:  # the doc's text length: its last token's end and space
                char_offset += (doc.c[doc.length - 1].idx + doc.c[doc.length - 1].lex.length
                                + doc.c[doc.length - 1].spacy)
            if (doc.length and ensure_whitespace and not lex_check_flag(doc.c[doc.length - 1].lex, 6)
                    and not doc.c[doc.length - 1].spacy):
                char_offset += 1
        cdef Doc out = Doc(first.vocab, user_data=concat_user_data)
        cdef int total = sum(d.length for d in docs)
        out.reserve(total)
        cdef int t = 0
        for doc in docs:
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
        cdef bint tag = self.has_annotation("TAG"), morph = self.has_annotation("MORPH")
        cdef bint pos = self.has_annotation("POS"), lemma = self.has_annotation("LEMMA")
        cdef bint dep = self.has_annotation("DEP")
        cdef const TokenC* t
        cdef int i
        strings = {}   # id -> string, read once per call
        morphs = {}    # morph key -> FEATS
        tokens = []
        for i in range(self.length):
            t = &self.c[i]
            item = {"id": i, "start": t.idx, "end": t.idx + t.lex.length}
            if tag:
                item["tag"] = _cached_string(strings, self, t.tag)
            if pos:
                item["pos"] = POS_NAMES[t.pos] if t.pos in POS_NAMES else self[i].pos_
            if morph:
                item["morph"] = morphs[t.morph] if t.morph in morphs else \
                    morphs.setdefault(t.morph, self[i].morph.to_json())
            if lemma:
                item["lemma"] = _cached_string(strings, self, t.lemma)
            if dep:
                item["dep"] = _cached_string(strings, self, t.dep)
                item["head"] = i + t.head if t.dep != 0 else i   # as token.head.i
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
        """Fill this empty Doc from the JSON written by to_json (spaCy's format). Malformed
        data raises a DocError naming what is wrong (validate=True checks it all first)."""
        if self.length != 0:
            raise DocError("from_json needs an empty Doc: Doc(vocab).from_json(data).")
        if validate:
            _validate_doc_json(doc_json, code="[E1038] ")
        try:
            return self._fill_from_json(doc_json)
        except DocError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, IndexError,
                OverflowError) as e:
            # the builtin type spaCy raises here too: a KeyError for a missing key ("tokens"),
            # a TypeError for data that is not a dict
            error = (DocKeyError if isinstance(e, KeyError)
                     else DocTypeError if isinstance(e, TypeError) else DocError)
            try:
                _validate_doc_json(doc_json)  # names the field where it can
            except DocError as problem:
                raise error(str(problem)) from None
            raise error(f"Doc.from_json: the data is malformed ({type(e).__name__}: {e}); "
                        "it must have to_json's layout (Doc.from_json(data, validate=True) "
                        "checks it field by field).") from None

    def _fill_from_json(self, doc_json):
        text = doc_json["text"]
        tokens = doc_json["tokens"]
        keys = ("pos", "head", "dep", "lemma", "tag", "morph")
        present = {k for k in keys if tokens and k in tokens[0]}
        # checked in spaCy's order: an attribute the first token lacks (E1040), 'head'
        # without 'dep' (E1017), then an attribute some later token lacks (E1040)
        def given_for_some_tokens_only(names):
            return DocError(f"[E1040] Doc.from_json: the token attributes {sorted(names)} are "
                            "given for some tokens only; give each for every token or none.")

        later = {k for k in keys for tok in tokens if k in tok and k not in present}
        if later:
            raise given_for_some_tokens_only(later)
        if "head" in present and "dep" not in present:
            raise DocError("[E1017] Doc.from_json: tokens have 'head' but no 'dep'; give both.")
        partial = {k for k in present for tok in tokens if k not in tok}
        if partial:
            raise given_for_some_tokens_only(partial)
        n = len(tokens)
        self.reserve(n)
        for i, tok in enumerate(tokens):
            start, end = tok["start"], tok["end"]
            following = tokens[i + 1]["start"] if i + 1 < n else len(text)
            gap = text[end:following]
            if (not 0 <= start < end <= following <= len(text) or gap not in ("", " ")
                    or (i == 0 and start != 0)):
                raise DocError(f"[E194] Doc.from_json: token {i} ({start}-{end}) doesn't line up "
                               "with the text; tokens must cover it, separated by single "
                               "spaces.")
            self.push_back(self.vocab.get(text[start:end]), gap == " ")
        def column(key):
            return [tok[key] for tok in tokens] if key in present else None
        morphs = column("morph")
        if morphs is not None:  # as spaCy's from_json: an empty analysis is no annotation
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
                Doc.set_extension(name, default=None)
            self._.set(name, value)
        for name, items in doc_json.get("underscore_token", {}).items():
            if not Token.has_extension(name):
                Token.set_extension(name, default=None)
            for item in items:
                i = _token_by_char(self.c, self.length, item["start"])
                if i < 0:
                    raise DocError(f"Doc.from_json: no token starts at character "
                                   f"{item['start']} for the token extension '{name}'.")
                self[i]._.set(name, item["value"])
        for name, items in doc_json.get("underscore_span", {}).items():
            if not Span.has_extension(name):
                Span.set_extension(name, default=None)
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
        other.user_data = _deepcopy_user_data(self.user_data)
        other.cats = copy.deepcopy(self.cats)
        other.has_unknown_spaces = self.has_unknown_spaces
        other.tensor = self.tensor.copy()
        other._vector = copy.deepcopy(self._vector)   # a given or kept vector, as spaCy's copy
        other._vector_norm = copy.deepcopy(self._vector_norm)
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
        """The Doc as a dict of msgpack-able values (what to_bytes packs), in spaCy's layout
        (text, array_head, array_body, strings, spans, ...), so spaCy reads lexloom's Doc
        bytes and the other way round. exclude may name "user_data", "cats", "tensor",
        "sentiment", "spans", "strings". A Doc whose text holds a lone surrogate (which
        msgpack can't store as text) is written in lexloom's own word-list layout."""
        if "user_hooks" not in exclude and (self.user_hooks or self.user_token_hooks
                                            or self.user_span_hooks):
            warnings.warn("[lexloom] Doc.to_bytes/to_dict: the Doc's user hooks (user_hooks, "
                          "user_token_hooks, user_span_hooks) are functions and are not saved; "
                          "re-add them after loading.", LexloomWarning, stacklevel=2)
        cdef StringStore strings = self.vocab.strings
        head = list(Doc._get_array_attrs())
        body = self.to_array(head)
        used = self._serial_strings(body, head)
        text = self.text
        string_list = sorted(strings.decode(k) for k in used)
        try:
            text.encode("utf-8")
            for string in string_list:
                string.encode("utf-8")
        except UnicodeEncodeError:
            return self._to_word_list_dict(exclude, used)
        from .. import msgpack as fast_msgpack

        msg = {"text": text, "array_head": head, "array_body": body,
               "sentiment": float(self.sentiment), "cats": self.cats,
               "strings": string_list, "has_unknown_spaces": self.has_unknown_spaces}
        if "tensor" not in exclude:
            msg["tensor"] = self._serial_tensor()
        if "spans" not in exclude:
            msg["spans"] = self.spans.to_bytes()
        if "user_data" not in exclude and self.user_data:
            msg["user_data_keys"] = fast_msgpack.dumps(list(self.user_data.keys()))
            msg["user_data_values"] = fast_msgpack.dumps(list(self.user_data.values()))
        return {key: value for key, value in msg.items() if key not in exclude}

    def _serial_strings(self, arr, attr_ids) -> set:
        """The ids of every string the span groups and the string columns of `arr` (this
        Doc's to_array(attr_ids)) use; an id the vocab has no string for would save but never
        load, so it is refused here."""
        cdef StringStore strings = self.vocab.strings
        used = set()
        cdef int i
        for col, name in enumerate(ATTR_NAMES[a] for a in attr_ids):
            if name in ("TAG", "MORPH", "LEMMA", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "NORM"):
                for k in set(arr[:, col].tolist()):
                    if not k:
                        continue
                    if not strings.c.contains(k):
                        i = int(numpy.flatnonzero(arr[:, col] == k)[0])
                        raise DocError(f"Doc.to_bytes: {name} of token {i} is the id {k}, "
                                       "whose string is not in the vocab; set it by its text "
                                       f"(token.{name.lower()}_ = ...) or add the string to "
                                       "doc.vocab.strings first.")
                    used.add(k)
        for group in self.spans.values():
            used.update(k for s in group for k in (s.label, s.kb_id, s.id)
                        if k and strings.c.contains(k))
        return used

    def _serial_tensor(self):
        tensor = self.tensor
        if tensor is None or (not tensor.size and tensor.ndim < 2):
            return numpy.zeros((0,), dtype=numpy.float32)   # (an empty Doc's (0, width) stays)
        if tensor.ndim and tensor.shape[0] != self.length:
            raise DocError(f"Doc.to_bytes: doc.tensor has {tensor.shape[0]} rows for "
                           f"{self.length} tokens (one row per token is what a Doc "
                           "loads); fix the tensor or pass exclude=['tensor'].")
        return numpy.ascontiguousarray(tensor.get() if hasattr(tensor, "get")
                                       and not isinstance(tensor, numpy.ndarray) else tensor)

    def _to_word_list_dict(self, exclude, used) -> dict:
        """lexloom's own layout ("lexloom.doc.v1"): words and strings as UTF-8 bytes, so a
        text with a lone surrogate saves too (spaCy can't read it)."""
        from .. import msgpack as fast_msgpack

        cdef StringStore strings = self.vocab.strings
        arr = self.to_array([IDS[a] for a in self._SERIAL_ATTRS])
        cdef int i
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
            msg["tensor"] = self._serial_tensor()
        return msg

    def from_bytes(self, bytes_data, *, exclude=tuple()):
        """Load a Doc serialised by to_bytes into this empty Doc. Corrupt or truncated data
        raises DeserializationError and leaves this Doc empty."""
        from .. import msgpack as fast_msgpack

        if self.length != 0:
            raise DocError("from_bytes needs an empty Doc: Doc(vocab).from_bytes(data).")
        if not isinstance(bytes_data, (bytes, bytearray)):
            raise DeserializationTypeError(f"Doc.from_bytes takes bytes, not "
                                           f"{type(bytes_data).__name__}.")
        try:
            msg = fast_msgpack.loads(bytes_data)
        except (ValueError, KeyError, TypeError, IndexError, OverflowError, UnicodeError,
                AttributeError) as e:
            # a TypeError stays one (a user_data dict with tuple keys), as spaCy's msgpack's
            error = DeserializationTypeError if isinstance(e, TypeError) else DeserializationError
            raise error(f"Doc.from_bytes: the data is truncated, corrupt or not a serialised "
                        f"Doc ({type(e).__name__}: {e}).") from None
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
            error = DeserializationTypeError if isinstance(e, TypeError) else DeserializationError
            raise error(f"Doc.from_bytes: the data is truncated, corrupt or not a serialised "
                        f"Doc ({type(e).__name__}: {e}).") from None
        # The loaded groups' spans, read while `loaded` still holds the tokens they point at.
        groups = [(key, g.name, g.attrs, [(s.start, s.end, s.label, s.kb_id, s.id) for s in g])
                  for key, g in loaded.spans.items()]
        # Take over the loaded tokens; `loaded` frees our (empty) array.
        for zone in tuple(_active_zones):  # we now hold the zone's lexemes too
            (<MemoryZoneDocs>zone).docs.add(self)
        self.arr, loaded.arr = loaded.arr, self.arr
        self.c = self.arr.data
        self.length = self.arr.length
        self._layout += 1  # older Spans of this Doc re-find their tokens
        loaded.c = loaded.arr.data
        loaded.length = loaded.arr.length
        self.cats = loaded.cats
        self.has_unknown_spaces = loaded.has_unknown_spaces
        self.sentiment = loaded.sentiment
        if loaded.tensor.size or loaded.tensor.ndim > 1:
            self.tensor = loaded.tensor
        self.user_data.update(loaded.user_data)
        self.spans = SpanGroups(self)
        for key, name, attrs, items in groups:
            self.spans[key] = SpanGroup(self, name=name, attrs=attrs, spans=[
                Span(self, a, b, label=lab, kb_id=kb, span_id=sid)
                for a, b, lab, kb, sid in items])
        return self

    def _load_spacy_msg(self, msg, exclude=()):
        """Load the dict spaCy's Doc.to_dict writes (text, array_head, array_body, ...), so
        Doc bytes written by spaCy load here too."""
        from .. import msgpack as fast_msgpack

        head = [int(a) for a in msg["array_head"]]
        body = numpy.asarray(msg["array_body"], dtype=numpy.uint64)
        if body.ndim != 2 or body.shape[1] != len(head) or head[:2] != [A_LENGTH, A_SPACY]:
            raise DeserializationError("Doc.from_bytes: spaCy's array_body doesn't match its "
                                       "array_head (LENGTH, SPACY, ...).")
        if "strings" not in exclude:
            for string in msg.get("strings", []):
                self.vocab.strings.add(string)
        text = msg["text"]
        cdef Py_ssize_t i, start = 0, n_chars = len(text)
        self.reserve(body.shape[0])
        # The text is cut at LENGTH + SPACY: each token inside it, each space a " ", all of
        # the text used. (spaCy cuts without checking: a changed column there shifts every
        # later token silently.)
        for i in range(body.shape[0]):
            length, space = int(body[i, 0]), int(body[i, 1])
            if length <= 0 or space > 1 or length + space > n_chars - start:
                raise DeserializationError(
                    f"Doc.from_bytes: token {i} (length {length}, space {space}) runs past "
                    f"the text of {n_chars} characters: the data is corrupt.")
            if space and text[start + length] != " ":
                raise DeserializationError(
                    f"Doc.from_bytes: token {i} is followed by {text[start + length]!r}, not "
                    "the space its SPACY column says: the data is corrupt.")
            self.push_back(self.vocab.get(text[start:start + length]), bool(space))
            start += length + space
        if start != n_chars:
            raise DeserializationError(
                f"Doc.from_bytes: the tokens cover {start} of the text's {n_chars} characters: "
                "the data is corrupt.")
        keep = [j for j, a in enumerate(head) if a not in (A_LENGTH, A_SPACY, A_ORTH)]
        if keep and body.shape[0]:
            self.from_array([head[j] for j in keep], body[:, keep])
        if "cats" not in exclude:
            self.cats = dict(msg.get("cats") or {})
        if "sentiment" not in exclude:
            self.sentiment = float(msg.get("sentiment", 0.0))
        tensor = msg.get("tensor")
        # an empty Doc's (0, width) tensor comes back too, as spaCy's
        if "tensor" not in exclude and isinstance(tensor, numpy.ndarray) \
                and (tensor.size or tensor.ndim > 1):
            self.tensor = tensor
        self.has_unknown_spaces = bool(msg.get("has_unknown_spaces", False))
        if "user_data" not in exclude and "user_data_keys" in msg:
            keys = fast_msgpack.loads(msg["user_data_keys"], use_list=False)
            values = fast_msgpack.loads(msg["user_data_values"])
            self.user_data.update(zip(keys, values))
        if "spans" not in exclude and msg.get("spans"):
            self.spans.from_bytes(msg["spans"])

    def _load_msg(self, msg, exclude=()):
        from .. import msgpack as fast_msgpack

        if isinstance(msg, dict) and "array_head" in msg and "format" not in msg:
            return self._load_spacy_msg(msg, exclude)
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
        strings = self.vocab.strings
        for key, items in ({} if "spans" in exclude else (msg.get("spans") or {})).items():
            meta = group_attrs.get(key) or {}
            for item in items:
                for what, value in zip(("label", "kb_id", "id"), item[2:]):
                    # A span's label, kb_id and id are strings or hashes the data's strings
                    # define: an unknown hash could never be written back or printed.
                    if not (isinstance(value, str) or value == 0
                            or (isinstance(value, int) and value in strings)):
                        raise DeserializationError(
                            f"Doc.from_bytes: a span in group {key!r} has {what} {value!r}, "
                            "which is neither text nor the hash of a string the data stores.")
            self.spans[key] = SpanGroup(self, name=meta.get("name", key),
                                        attrs=dict(meta.get("attrs") or {}),
                                        spans=[Span(self, s, e, label=lab, kb_id=kb, span_id=sid)
                                               for s, e, lab, kb, sid in items])

    # ---- extensions -------------------------------------------------------------------

    @property
    def _(self):
        return new_underscore(Underscore, Underscore.doc_extensions, self, self, None, None)

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


def _hold_in_zones(Doc doc):
    """A Doc made before the open memory zones that gains their lexemes or strings now (it
    is annotated in nlp.pipe, or retokenized): released with them, it would point at freed
    entries, so it is moved onto permanent ones first, as the zones' own Docs are."""
    for zone in tuple(_active_zones):
        (<MemoryZoneDocs>zone).docs.add(doc)


def _exit_zone(MemoryZoneDocs zone):
    if zone in _active_zones:
        _active_zones.remove(zone)


include "morphanalysis.pxi"

include "token.pxi"

include "span.pxi"


copyreg.pickle(Doc, pickle_doc, unpickle_doc)


cdef object _sentence_of(Doc doc, int i):
    """The sentence (a Span) holding token i, found from i's neighbourhood: back to its
    sentence start, on to the next one; None for an index outside the Doc."""
    if "sents" in doc.user_hooks or i < 0 or i >= doc.length:
        for sent in doc.sents:
            if sent.start <= i < sent.end:
                return sent
        return None
    if not doc.has_annotation("SENT_START"):
        raise DocError(_NO_SENTENCES)
    cdef int start = i, end = i + 1
    while start > 0 and doc.c[start].sent_start != 1:
        start -= 1
    while end < doc.length and doc.c[end].sent_start != 1:
        end += 1
    return Span(doc, start, end)
