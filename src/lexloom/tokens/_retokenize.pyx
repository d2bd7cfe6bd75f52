# cython: language_level=3
"""Doc.retokenize(): merge spans into single tokens and split tokens into several.

Merges and splits are collected by the Retokenizer and applied when its `with` block exits,
as in spaCy: first every merge (one native call for the batch), then every split (one native
call for the batch), then entity IOB fix-ups and the parse's children and edges. The array
surgery is csrc/lexloom/retokenize.cc; here we check the input, intern the new strings and
lexemes, set extension attributes and move doc.tensor rows and doc.spans groups along.
"""
from cython.operator cimport dereference as deref
from libc.stdint cimport int32_t, int64_t, uint64_t
from libcpp.string cimport string
from libcpp.string_view cimport string_view
from libcpp.algorithm cimport lower_bound, sort
from libcpp.vector cimport vector

from ..core cimport (CStringStore, LexemeC, RetokAttr, TokenC, attr_t, check_heads, hash_t,
                     lex_set_attr, merge_spans, merged_strings, retokenize_finish,
                     span_root, split_tokens, token_set_attr)
from ..strings cimport StringStore, decode_utf8
from ..vocab cimport Vocab
from .doc cimport Doc, Span, Token

import warnings

import numpy

from ..attrs import ATTR_NAMES, IDS, IOB_STRINGS, intify_attr
from ..errors import (DocError, HeadCycleError, LexloomWarning, OverlappingMergeError,
                      RetokenizeError, RetokenizeIndexError, RetokenizeOverflowError, SplitHeadsError,
                      SplitHeadsTypeError,
                      SplitTextError)
from ..morphology import add_analysis
from .doc import _hold_in_zones
from .underscore import Underscore

cdef enum:
    A_ID = 64
    A_LOWER = 66
    A_NORM = 67
    A_SHAPE = 68
    A_PREFIX = 69
    A_SUFFIX = 70
    A_LANG = 83
    A_HEAD = 79
    A_ENT_IOB = 77
    A_MORPH = 453


def _is_writable(ext) -> bool:
    default, method, getter, setter = ext
    return setter is not None or default is not None or all(e is None for e in ext)


def _check_extensions(extensions) -> None:
    """spaCy's E118-E120: `_` attrs are a dict of writable Token extensions."""
    if not isinstance(extensions, dict):
        raise RetokenizeError(f"[E120] attrs['_'] must be a dict of Token extension values, "
                              f"not {extensions!r}.")
    for key in extensions:
        ext = Underscore.token_extensions.get(key)
        if ext is None:
            raise RetokenizeError(f"[E118] attrs['_'] names the extension {key!r}, which is not "
                                  f"registered on Token. Register it first: "
                                  f"Token.set_extension({key!r}, default=None).")
        if not _is_writable(ext):
            raise RetokenizeError(f"[E119] attrs['_'] sets the extension {key!r}, which is "
                                  "read-only (a getter or method without a setter).")


cdef attr_t _attr_value(StringStore strings, int attr_id, value, str where) except? 0:
    """One attribute value -> the id stored on a token (strings interned, as spaCy's
    intify_attrs does; MORPH normalised; ENT_IOB strings to codes)."""
    if attr_id == A_ENT_IOB:
        if isinstance(value, str):
            if value not in IOB_STRINGS:
                raise RetokenizeError(f"{where}: ENT_IOB {value!r} is not one of "
                                      f"{', '.join(repr(s) for s in IOB_STRINGS)}.")
            return IOB_STRINGS.index(value)
    if attr_id == A_MORPH:
        if value is None or value == 0:
            return 0
        if isinstance(value, (int, numpy.integer)):
            text = strings.decode(int(value))
            if text is None:
                raise RetokenizeError(f"{where}: MORPH id {value} is not in the StringStore.")
            value = text
        if not isinstance(value, (str, dict)):
            raise RetokenizeError(f"{where}: MORPH takes a FEATS string or dict, not {value!r}.")
        return add_analysis(strings, value)
    if value is None:
        return 0
    if isinstance(value, str):
        return strings.add(value)
    if isinstance(value, (bool, numpy.bool_)):
        return 1 if value else 0
    if isinstance(value, (int, numpy.integer)):
        if not 0 <= value <= 0xFFFFFFFFFFFFFFFF:
            # spaCy's values are unsigned 64-bit ids: it raises OverflowError
            raise RetokenizeOverflowError(f"{where}: {ATTR_NAMES.get(attr_id, attr_id)} is {value}; "
                                          "attribute values are ids from 0 to 2**64 - 1.")
        return <attr_t>int(value)
    raise RetokenizeError(f"{where}: {ATTR_NAMES.get(attr_id, attr_id)} takes a string or an int, "
                          f"not {type(value).__name__} ({value!r}).")


def _attr_id(key, str where) -> int:
    """The attribute id of an attrs key; -1 (with a warning) for a name or id no attribute
    has: spaCy ignores those, so code written for it may pass them. IS_SENT_START is ignored
    silently, as spaCy's token setter does (its own flag id there; SENT_START is the one that
    sets a sentence start)."""
    if isinstance(key, str) and key.upper() == "IS_SENT_START":
        return -1
    try:
        return intify_attr(key)
    except KeyError:
        if not isinstance(key, (str, bytes, int, numpy.integer)):
            raise RetokenizeError(f"{where}: attrs keys are attribute names or ids, not "
                                  f"{type(key).__name__} ({key!r}).") from None
        warnings.warn(LexloomWarning(
            f"{where}: attrs names the unknown attribute {key!r}, which is ignored (as spaCy "
            "ignores it); use names such as 'TAG', 'LEMMA', 'POS', 'DEP', 'ENT_TYPE', 'MORPH', "
            "'NORM', or '_' for extensions."))
        return -1


cdef bint _is_lexical(int attr_id):
    return attr_id < 64 or attr_id in (A_LOWER, A_SHAPE, A_PREFIX, A_SUFFIX, A_LANG)


cdef class Retokenizer:
    """Collects merges and splits for one `with doc.retokenize() as retokenizer:` block and
    applies them, all at once, when the block exits."""

    cdef Doc doc
    # merges, in the order given: [start, end) and, for those with attrs, start ->
    # ([(attr_id, value)], extensions or None)
    cdef vector[int32_t] _m_starts
    cdef vector[int32_t] _m_ends
    cdef dict _m_attrs
    cdef list splits      # (start_char, orths, [(head_char, subtoken)], {attr_id: [values]}, exts)
    cdef set _split_chars
    cdef vector[char] _claimed     # per token: part of a span to merge
    cdef vector[int32_t] _end_at   # per token: end of the span to merge that starts there

    def __init__(self, Doc doc not None):
        self.doc = doc
        self._m_attrs = {}
        self.splits = []
        self._split_chars = set()
        self._claimed.assign(doc.length, 0)
        self._end_at.assign(doc.length, -1)

    def __enter__(self):
        self._claimed.assign(self.doc.length, 0)
        self._end_at.assign(self.doc.length, -1)
        self._split_chars = set()
        return self

    def __exit__(self, *exc_info):
        # As in spaCy, what was collected is applied even when the block raised.
        if self._m_starts.size() and self.doc.length != <int>self._claimed.size():
            self._m_starts.clear()
            self._m_ends.clear()
            self._m_attrs = {}
            self.splits = []
            raise RetokenizeError(
                f"The Doc changed from {self._claimed.size()} to {self.doc.length} tokens inside "
                "this retokenize() block (a nested retokenize block?), so the spans collected "
                "for merging no longer fit it. Collect all merges in one block.")
        if self._m_starts.size() or self.splits:
            # the merged / split tokens get lexemes made now: inside a memory zone they
            # are the zone's, so the Doc (even one made before it) is moved off them first
            _hold_in_zones(self.doc)
        if self._m_starts.size():
            self._apply_merges()
        if self.splits:
            self._apply_splits()
        self._m_starts.clear()
        self._m_ends.clear()
        self._m_attrs = {}
        self.splits = []
        return False

    def merge(self, Span span not None, attrs=None):
        """Mark `span` to become one token when the block exits; `attrs` (name -> value, and
        '_' -> {extension: value}) are set on it. By default it takes its root's TAG, POS,
        MORPH, DEP, ENT_TYPE and head, and its tokens' lemmas joined."""
        if span.doc is not self.doc:
            raise RetokenizeError("retokenizer.merge got a Span of another Doc; merge spans of "
                                  "the Doc being retokenized.")
        span._check_in_doc()  # (bounds set by hand past the Doc's end: spaCy's IndexError)
        cdef int start = span._lo(), end = span._hi(), i
        if end - start <= 0:
            raise RetokenizeError(f"[E199] Can't merge the empty span [{start}:{end}]; a merged "
                                  "span needs at least one token.")
        if end > <int>self._claimed.size():
            raise RetokenizeError(f"Span [{start}:{end}] is outside the Doc of "
                                  f"{self._claimed.size()} tokens this retokenizer was made for.")
        if self._end_at[start] == end:
            return  # the same span twice: merged once (as in spaCy)
        for i in range(start, end):
            if self._claimed[i]:
                raise OverlappingMergeError(
                    f"[E102] Can't merge non-disjoint spans: token {i} ({self.doc[i].text!r}) of span "
                    f"[{start}:{end}] is already part of a span to merge. To keep the longest "
                    "non-overlapping spans, filter them first (util.filter_spans).")
        for i in range(start, end):
            self._claimed[i] = 1
        pairs, exts = self._normalize_merge_attrs(attrs, f"merge of span [{start}:{end}]")
        self._end_at[start] = end
        self._m_starts.push_back(start)
        self._m_ends.push_back(end)
        if pairs or exts:
            self._m_attrs[start] = (pairs, exts)

    def _merge_ranges(self, starts, ends, attrs=None):
        """Mark many disjoint, sorted [start, end) ranges at once (the merge components'
        path: no Span objects). `attrs`: None or one attrs dict per range."""
        s = numpy.asarray(starts, dtype=numpy.int64)
        e = numpy.asarray(ends, dtype=numpy.int64)
        if s.shape != e.shape or s.ndim != 1:
            raise RetokenizeError("_merge_ranges needs two 1-D arrays of the same length.")
        if len(s) == 0:
            return
        order = numpy.argsort(s, kind="stable")
        s, e = s[order], e[order]
        if (e <= s).any() or s[0] < 0 or e.max() > <int>self._claimed.size():
            raise RetokenizeError("_merge_ranges needs non-empty [start, end) ranges inside the "
                                  f"Doc of {self._claimed.size()} tokens.")
        if (s[1:] < e[:-1]).any():
            k = int(numpy.flatnonzero(s[1:] < e[:-1])[0])
            raise OverlappingMergeError(
                f"[E102] Can't merge non-disjoint spans: [{s[k]}:{e[k]}] and [{s[k + 1]}:{e[k + 1]}] "
                "share tokens. To keep the longest non-overlapping spans, filter them first "
                "(util.filter_spans).")
        if attrs is not None:
            for k in range(len(s)):
                self.merge(Span(self.doc, int(s[k]), int(e[k])),
                           attrs=None if attrs is None else attrs[int(order[k])])
            return
        cdef int i, k2
        cdef int64_t[:] sv = s
        cdef int64_t[:] ev = e
        for k2 in range(len(s)):
            if self._end_at[sv[k2]] == ev[k2]:
                continue
            for i in range(sv[k2], ev[k2]):
                if self._claimed[i]:
                    raise OverlappingMergeError(
                        f"[E102] Can't merge non-disjoint spans: token {i} ({self.doc[i].text!r}) of "
                        f"span [{sv[k2]}:{ev[k2]}] is already part of a span to merge.")
        for k2 in range(len(s)):
            if self._end_at[sv[k2]] == ev[k2]:
                continue
            for i in range(sv[k2], ev[k2]):
                self._claimed[i] = 1
            self._end_at[sv[k2]] = ev[k2]
            self._m_starts.push_back(sv[k2])
            self._m_ends.push_back(ev[k2])

    def _merge_entities(self):
        """Mark every entity of doc.ents to merge (merge_entities' path): the ranges are read
        from the tokens' IOB in one pass, as doc.ents reads them."""
        cdef Doc doc = self.doc
        cdef int i, start = -1, n = doc.length
        cdef attr_t label = 0
        cdef vector[int32_t] starts, ends
        for i in range(n):
            iob = doc.c[i].ent_iob
            if start != -1 and (iob != 1 or doc.c[i].ent_type != label):
                starts.push_back(start)
                ends.push_back(i)
                start = -1
            if iob == 3 or (iob == 1 and start == -1):
                start = i
                label = doc.c[i].ent_type
        if start != -1:
            starts.push_back(start)
            ends.push_back(n)
        for k in range(<int>starts.size()):
            for i in range(starts[k], ends[k]):
                if self._claimed[i]:
                    raise OverlappingMergeError(
                        f"[E102] Can't merge non-disjoint spans: token {i} of entity "
                        f"[{starts[k]}:{ends[k]}] is already part of a span to merge.")
        for k in range(<int>starts.size()):
            for i in range(starts[k], ends[k]):
                self._claimed[i] = 1
            self._end_at[starts[k]] = ends[k]
            self._m_starts.push_back(starts[k])
            self._m_ends.push_back(ends[k])

    def _normalize_merge_attrs(self, attrs, str where):
        if not attrs:
            return [], None
        if not isinstance(attrs, dict):
            raise RetokenizeError(f"{where}: attrs must be a dict, not {type(attrs).__name__}.")
        cdef StringStore strings = self.doc.vocab.strings
        pairs = []
        exts = None
        for key, value in attrs.items():
            if key == "_":
                _check_extensions(value)
                exts = dict(value)
                continue
            attr_id = _attr_id(key, where)
            if attr_id < 0:
                continue
            pairs.append((attr_id, _attr_value(strings, attr_id, value, where)))
        return pairs, exts

    def split(self, Token token not None, orths, heads, attrs=None):
        """Mark `token` to become the tokens `orths` (whose texts must join to its text) when
        the block exits. heads: one per piece, a Token or (Token, piece index), the piece
        index naming a piece of a token split in this block. attrs: name -> one value per
        piece ('_' -> one {extension: value} dict per piece)."""
        if token.doc is not self.doc:
            raise RetokenizeError("retokenizer.split got a Token of another Doc.")
        orths = list(orths)
        for j, orth in enumerate(orths):
            if not isinstance(orth, str) or not orth:
                raise SplitTextError(f"split of token {token.i} ({token.text!r}): orths[{j}] is "
                                     f"{orth!r}; every piece must be a non-empty string.")
        if "".join(orths) != token.text:
            raise SplitTextError(f"[E117] The newly split tokens must match the text of the "
                                 f"original token. New orths: {''.join(orths)!r}. Old text: "
                                 f"{token.text!r} (token {token.i}).")
        heads = list(heads)
        if len(heads) != len(orths):
            raise SplitHeadsError(f"[E115] split of token {token.i} ({token.text!r}) into "
                                  f"{len(orths)} pieces got {len(heads)} heads; give one head "
                                  "per piece "
                                  "(a Token or a (Token, piece index) tuple).")
        head_offsets = []
        for j, head in enumerate(heads):
            if isinstance(head, Token):
                ref, sub = head, 0
            elif isinstance(head, (tuple, list)) and len(head) == 2 and isinstance(head[0], Token):
                ref, sub = head
            else:
                raise SplitHeadsTypeError(f"split of token {token.i}: heads[{j}] is {head!r}; "
                                          "use a Token or a (Token, piece index) tuple.")
            if ref.doc is not self.doc:
                raise SplitHeadsError(f"split of token {token.i}: heads[{j}] is a token of "
                                      "another Doc.")
            if isinstance(sub, float) and sub.is_integer():
                sub = int(sub)
            if not isinstance(sub, (int, numpy.integer)) or isinstance(sub, bool):
                raise SplitHeadsError(f"split of token {token.i}: heads[{j}] has the piece index "
                                      f"{sub!r}; it must be an int.")
            head_offsets.append((ref.idx, int(sub)))
        if token.idx in self._split_chars:
            raise RetokenizeError(f"Token {token.i} ({token.text!r}) is split twice in one "
                                  "retokenize() block; split it once, into all its pieces.")
        where = f"split of token {token.i} ({token.text!r})"
        cdef StringStore strings = self.doc.vocab.strings
        values = {}
        exts = None
        for key, vals in (attrs or {}).items():
            attr_id = -2 if key == "_" else _attr_id(key, where)
            if attr_id == -1:
                continue  # an unknown attribute: ignored (with a warning), as in spaCy
            if isinstance(vals, (str, bytes, dict)) or not hasattr(vals, "__len__"):
                # spaCy walks attrs['_'] as a list of dicts: a dict or str fails with E120
                code = "[E120] " if key == "_" else ""
                raise RetokenizeError(f"{code}{where}: attrs[{key!r}] must be a list with one "
                                      f"value per piece, not {vals!r}.")
            vals = list(vals)
            if len(vals) > len(orths):
                raise RetokenizeError(f"{where}: attrs[{key!r}] has {len(vals)} values for "
                                      f"{len(orths)} pieces.")
            if key == "_":
                for ext in vals:
                    _check_extensions(ext)
                exts = vals
                continue
            if attr_id == A_HEAD:
                for v in vals:  # spaCy sets them (unsigned) before `heads` overwrites them
                    if isinstance(v, (int, numpy.integer)) and not 0 <= v <= 0xFFFFFFFFFFFFFFFF:
                        raise RetokenizeOverflowError(f"{where}: HEAD is {v}; attribute values "
                                                      "are ids from 0 to 2**64 - 1.")
                continue  # heads come from `heads` (spaCy overwrites HEAD too)
            values[attr_id] = [_attr_value(strings, attr_id, v, where) for v in vals]
        self._split_chars.add(token.idx)
        self.splits.append((token.idx, orths, head_offsets, values, exts))

    # ---- applying ---------------------------------------------------------------------

    def _apply_merges(self):
        cdef Doc doc = self.doc
        cdef Vocab vocab = doc.vocab
        cdef StringStore strings = vocab.strings
        cdef int n = doc.length, k, new_n
        cdef int n_spans = self._m_starts.size()
        if check_heads(doc.c, n) != -1:
            raise DocError("The Doc's heads point outside it; can't retokenize.")
        self._check_merge_heads(n)
        # Sorted by start (disjoint, so ends follow): (start << 32 | end) sorts that way.
        cdef vector[int32_t] starts = self._m_starts, ends = self._m_ends
        cdef vector[int64_t] keys
        cdef bint in_order = True
        for k in range(1, n_spans):
            if starts[k] < starts[k - 1]:
                in_order = False
                break
        if not in_order:
            keys.resize(n_spans)
            for k in range(n_spans):
                keys[k] = (<int64_t>starts[k] << 32) | ends[k]
            sort(keys.begin(), keys.end())
            for k in range(n_spans):
                starts[k] = <int32_t>(keys[k] >> 32)
                ends[k] = <int32_t>(keys[k] & 0xFFFFFFFF)
        attr_items = self._m_attrs
        cdef vector[string] texts, lemmas
        merged_strings(doc.c, starts.data(), ends.data(), n_spans, deref(strings.c), &texts,
                       &lemmas)
        if vocab.vectors_length > 0:  # as spaCy: the merged text gets the span's mean vector
            for k in range(n_spans):
                text = decode_utf8(texts[k].data(), texts[k].size())
                if not vocab.get_vector(text).any():
                    vocab.set_vector(text, Span(doc, starts[k], ends[k]).vector)
        cdef vector[const LexemeC*] lexes
        cdef vector[attr_t] lemma_ids
        lexes.resize(n_spans)
        lemma_ids.resize(n_spans)
        cdef hash_t orth
        for k in range(n_spans):
            orth = CStringStore.id_of(string_view(texts[k].data(), texts[k].size()))
            lexes[k] = vocab.lexemes.get(orth)
            if lexes[k] == NULL:
                lexes[k] = vocab.get(decode_utf8(texts[k].data(), texts[k].size()))
            lemma_ids[k] = 0 if lemmas[k].size() == 0 else strings.c.add(
                string_view(lemmas[k].data(), lemmas[k].size()), strings.transient)
        cdef vector[int64_t] offsets
        cdef vector[RetokAttr] attrs
        cdef RetokAttr item
        item.attr = 0
        item.value = 0
        offsets.push_back(0)
        for k in range(n_spans):
            if attr_items:
                for attr_id, value in attr_items.get(starts[k], ((), None))[0]:
                    item.attr = attr_id
                    item.value = value
                    attrs.push_back(item)
            offsets.push_back(attrs.size())
        if attrs.size() == 0:
            attrs.push_back(item)  # keep .data() valid
        cdef vector[int32_t] new_index_v
        new_index_v.resize(max(n, 1))
        # With the GIL (as split's): `lexes` and the tokens hold lexemes that a memory
        # zone's release on another thread would move and free (it holds the GIL).
        new_n = merge_spans(doc.c, n, starts.data(), ends.data(), n_spans, lexes.data(),
                            lemma_ids.data(), offsets.data(), attrs.data(),
                            new_index_v.data())
        if new_n < 0:
            raise HeadCycleError("[E039] The Doc's heads contain a cycle; can't find the spans' "
                                 "roots.")
        doc.arr.length = new_n
        doc.length = new_n
        cdef unsigned int old_layout = doc._layout
        doc._layout += 1  # Spans made before now re-find their tokens by character offsets
        cdef LexemeC* lex
        for start, (pairs, exts) in attr_items.items():
            k = lower_bound(starts.begin(), starts.end(), <int32_t>start) - starts.begin()
            for attr_id, value in pairs:
                if _is_lexical(attr_id):
                    lex = vocab.lexemes.get_mut(lexes[k].orth)
                    if lex != NULL:
                        lex_set_attr(lex, attr_id, value)
        retokenize_finish(doc.c, doc.length, True)
        for start, (pairs, exts) in attr_items.items():
            if exts:
                token = doc[new_index_v[start]]
                for key, value in exts.items():
                    token._.set(key, value)
        # doc.tensor: the last row of each span stands for the merged token (as in spaCy),
        # i.e. the last old token of each new one.
        tensor = doc.tensor
        if tensor is not None and getattr(tensor, "size", 0) and tensor.shape[0] == n:
            kept = numpy.empty(new_n, dtype=numpy.intp)
            _last_rows(new_index_v, n, kept)
            doc.tensor = tensor[_as_index(tensor, kept)]
        if self.doc._spans:
            new_starts = numpy.empty(n + 1, dtype=numpy.int32)
            new_ends = numpy.empty(n + 1, dtype=numpy.int32)
            new_starts[:n] = <int32_t[:n]>new_index_v.data()
            new_starts[n] = new_n
            new_ends[0] = 0
            new_ends[1:] = new_starts[:n] + 1
            self._move_spans(new_starts, new_ends, old_layout)

    def _check_merge_heads(self, int n):
        """A HEAD given in a merge's attrs is the merged token's head offset. It holds when the
        span's root is its first token (else the root's head wins, as in spaCy), and then it
        must point inside the Doc: spaCy fails with an IndexError there."""
        cdef Doc doc = self.doc
        cdef int start, end, root
        cdef int64_t rel  # the stored int32 offset, widened so start + rel can't overflow
        for start, (pairs, exts) in self._m_attrs.items():
            for attr_id, value in pairs:
                if attr_id != A_HEAD:
                    continue
                end = self._end_at[start]
                root = span_root(doc.c, n, start, end)
                rel = <int32_t>(<attr_t>value)
                if root == start and not 0 <= start + rel < n:
                    raise RetokenizeIndexError(
                        f"merge of span [{start}:{end}]: HEAD {value} points to token "
                        f"{start + rel}, outside the Doc of {n} tokens; a merge's HEAD is the "
                        "offset from the merged token to its head.")

    def _apply_splits(self):
        cdef Doc doc = self.doc
        cdef Vocab vocab = doc.vocab
        cdef int n = doc.length, j, s, new_n
        splits = sorted(self.splits, key=lambda x: x[0])
        idx = doc.to_array("IDX").astype(numpy.int64) if n else numpy.zeros(0, numpy.int64)

        def token_at(int char):
            i = int(numpy.searchsorted(idx, char))
            return i if i < n and idx[i] == char else -1

        cdef int n_splits = len(splits)
        cdef vector[int32_t] positions, counts, head_base, head_add
        cdef vector[const LexemeC*] lexes
        for start_char, orths, head_offsets, values, exts in splits:
            i = token_at(start_char)
            if i == -1 or doc[i].text != "".join(orths):
                raise RetokenizeIndexError(
                    f"The token to split at character {start_char} was merged into another "
                    "token in this block; split it before or after merging, in another block "
                    "(spaCy's E122).")
            positions.push_back(i)
            counts.push_back(len(orths))
            for orth in orths:
                lexes.push_back(vocab.get(orth))
            for head_char, sub in head_offsets:
                h = token_at(head_char)
                if h == -1:
                    raise RetokenizeIndexError(
                        f"A head of the split of {''.join(orths)!r} (the token at character "
                        f"{head_char}) was merged into another token in this block (spaCy's "
                        "E123); give heads that still exist after the merges.")
                head_base.push_back(h)
                head_add.push_back(sub)
        n_final = n + sum(len(x[1]) - 1 for x in splits)
        doc.reserve(n_final)
        first_index = numpy.zeros(n + 1, dtype=numpy.int32)
        cdef int32_t[:] first_v = first_index
        new_n = split_tokens(doc.c, n, positions.data(), counts.data(), n_splits,
                             lexes.data(), head_base.data(), head_add.data(), &first_v[0])
        if new_n < 0:
            j = -new_n - 1
            raise SplitHeadsError(f"Split head {j} (counting the pieces of all splits in this "
                                  f"block, in text order) points outside the Doc of {n_final} "
                                  "tokens after the split; check the (token, piece index) "
                                  "heads.")
        first_index[n] = new_n
        doc.arr.length = new_n
        doc.length = new_n
        cdef unsigned int old_layout = doc._layout
        doc._layout += 1  # Spans made before now re-find their tokens by character offsets
        # Per-piece attributes, then the tokens' children and edges.
        cdef TokenC* t
        cdef LexemeC* lex
        for s in range(n_splits):
            start_char, orths, head_offsets, values, exts = splits[s]
            first = first_index[positions[s]]
            for attr_id, vals in values.items():
                for j, value in enumerate(vals):
                    t = &doc.c[first + j]
                    token_set_attr(t, attr_id, value)
                    if attr_id != A_NORM and _is_lexical(attr_id):
                        lex = vocab.lexemes.get_mut(t.lex.orth)
                        if lex != NULL:
                            lex_set_attr(lex, attr_id, value)
        retokenize_finish(doc.c, doc.length, False)  # spaCy: merges only
        for s in range(n_splits):
            exts = splits[s][4]
            if exts:
                first = first_index[positions[s]]
                for j, ext in enumerate(exts):
                    token = doc[first + j]
                    for key, value in ext.items():
                        token._.set(key, value)
        tensor = doc.tensor
        if tensor is not None and getattr(tensor, "size", 0) and tensor.shape[0] == n:
            # Split tokens' rows become zeros (as in spaCy); other rows move along.
            kept = numpy.ones(n, dtype=bool)
            kept[numpy.asarray(list(positions), dtype=numpy.int64)] = False
            new_tensor = _zeros_like_rows(tensor, new_n)
            rows = numpy.nonzero(kept)[0]
            new_tensor[_as_index(tensor, first_index[:n][rows])] = tensor[_as_index(tensor, rows)]
            doc.tensor = new_tensor
        new_ends = numpy.append(numpy.int32(0), first_index[1:])
        self._move_spans(first_index, new_ends, old_layout)

    def _move_spans(self, new_starts, new_ends, unsigned int old_layout):
        """doc.spans groups follow their tokens: a span covers every token that holds any of
        its old tokens (new_starts[i] / new_ends[i] say where old token i begins / ends).
        A span already stale before this change (made before an earlier one) re-finds its
        tokens by its character offsets instead."""
        groups = self.doc._spans
        if not groups:
            return
        cdef Doc doc = self.doc
        cdef Span sp
        cdef const int32_t[:] starts = numpy.ascontiguousarray(new_starts, dtype=numpy.int32)
        cdef const int32_t[:] ends = numpy.ascontiguousarray(new_ends, dtype=numpy.int32)
        cdef int a, b
        for group in groups.values():
            if not len(group):
                continue
            # the stored spans, with their token offsets as of before this change
            stored = list(list.__iter__(group))
            moved = []
            for sp in stored:
                if sp._layout == old_layout:
                    a = starts[sp._start]
                    b = ends[sp._end] if sp._end > sp._start else a
                else:
                    a, b = sp._lo(), sp._hi()
                moved.append(sp._moved_to(a, b))
            list.__setitem__(group, slice(None), moved)


cdef void _last_rows(const vector[int32_t]& new_index, int n, Py_ssize_t[::1] rows) noexcept:
    """rows[j] = the last old token that became new token j (new_index: old -> new, sorted)."""
    cdef int i
    for i in range(n):
        if i == n - 1 or new_index[i + 1] != new_index[i]:
            rows[new_index[i]] = i


def _as_index(tensor, idx):
    """Row indices (a numpy array) in the tensor's array module (numpy or cupy)."""
    module = type(tensor).__module__.split(".")[0]
    if module == "cupy":
        import cupy
        return cupy.asarray(idx)
    return idx


def _zeros_like_rows(tensor, int n_rows):
    module = type(tensor).__module__.split(".")[0]
    shape = (n_rows,) + tuple(tensor.shape[1:])
    if module == "cupy":
        import cupy
        return cupy.zeros(shape, dtype=tensor.dtype)
    return numpy.zeros(shape, dtype=tensor.dtype)
