# cython: language_level=3, boundscheck=False, wraparound=False
"""DependencyMatcher: match subtrees of a dependency parse, described node by node.

Each node's RIGHT_ATTRS is a one-token pattern of the token Matcher (one Matcher run per
Doc finds every node's candidate tokens); the relation operators and the search over
candidate assignments are native (csrc/lexloom/dep_match.hh), and matches come out in
spaCy's order: by key, by pattern, by tree, then by candidate order.
"""
from libc.stdint cimport int32_t
from libcpp.vector cimport vector

from ..core cimport TokenC
from ..tokens.doc cimport Doc, Span
from ..vocab cimport Vocab

import warnings
from collections import defaultdict

import numpy

from ..errors import (Errors, LexloomWarning, MatcherError, MatchPatternError,
                      MatchPatternKeyError, Warnings)


cdef extern from "lexloom/dep_match.hh" namespace "lexloom" nogil:
    cdef cppclass DepTree:
        DepTree(const TokenC* tokens, int32_t n) except +
        bint relation(int32_t op, int32_t left, int32_t right)

    cdef struct DepPattern:
        int32_t n_nodes
        const int32_t* key
        const int32_t* left
        const int32_t* op

    void dep_match(const DepTree& tree, const int32_t* match_key, const int32_t* match_start,
                   int32_t n_matches, int32_t n_keys, const DepPattern* patterns,
                   int32_t n_patterns, vector[int32_t]& out) except +


DELIMITER = "||"
# REL_OP -> the native operator id (csrc/lexloom/dep_match.hh, enum DepOp)
OPS = {
    "<": 0, ">": 1, "<<": 2, ">>": 3, ".": 4, ".*": 5, ";": 6, ";*": 7,
    "$+": 8, "$-": 9, "$++": 10, "$--": 11, ">+": 12, ">-": 13, ">++": 14, ">--": 15,
    "<+": 16, "<-": 17, "<++": 18, "<--": 19,
}
_REQUIRED = {"RIGHT_ID", "RIGHT_ATTRS", "REL_OP", "LEFT_ID"}


def _fail(key, pattern_idx, node_idx, msg, code=None):
    """A MatchPatternError whose message starts with spaCy's code (when given), then says
    where: "[E101] ... (DependencyMatcher rule 'K', pattern 0, node 1: ...)"."""
    where = f"DependencyMatcher rule {key!r}, pattern {pattern_idx}, node {node_idx}: {msg}"
    if code is None:
        raise MatchPatternError(key, {pattern_idx: [f"[node {node_idx}] {msg}"]})
    raise MatchPatternError(f"{code} ({where})")


def relation_matrix(Doc doc, str op) -> numpy.ndarray:
    """M[a, b] = whether `a op b` holds in `doc`, for every pair of tokens (for tests and
    inspection; matching never builds it)."""
    if op not in OPS:
        raise MatcherError(f"Unknown DependencyMatcher operator {op!r}. "
                           f"Supported: {' '.join(OPS)}.")
    cdef int n = doc.length, a, b
    cdef int code = OPS[op]
    out = numpy.zeros((n, n), dtype=bool)
    cdef unsigned char[:, :] view = out.view(numpy.uint8)
    cdef DepTree* tree = new DepTree(doc.c, n)
    try:
        with nogil:
            for a in range(n):
                for b in range(n):
                    view[a, b] = tree.relation(code, a, b)
    finally:
        del tree
    return out


cdef class DependencyMatcher:
    """Match dependency parse subtrees: patterns are lists of nodes, each with RIGHT_ID and
    RIGHT_ATTRS (a token pattern), and after the first, LEFT_ID and REL_OP."""
    cdef readonly Vocab vocab
    cdef readonly object _matcher
    cdef public object _patterns        # key -> [[ [RIGHT_ATTRS] per node ] per pattern]
    cdef public object _raw_patterns    # key -> the patterns as added
    cdef public object _tokens_to_key   # key -> [[token Matcher key per node] per pattern]
    cdef public object _root            # key -> [index of the anchor node per pattern]
    cdef public object _callbacks       # key -> on_match
    cdef public object _tree            # key -> [{left node: [(REL_OP, right node)]}]
    cdef public object _ops
    cdef dict _node_index               # token Matcher key -> dense node id
    cdef int _next_node_id              # never reused, so ids of removed nodes can't collide
    cdef object _compiled               # flat arrays for dep_match, None when stale

    def __init__(self, Vocab vocab, *, validate=False):
        """vocab: the shared vocabulary; validate: passed to the token Matcher."""
        from .matcher import Matcher

        self._matcher = Matcher(vocab, validate=validate)
        self._raw_patterns = defaultdict(list)
        self._patterns = defaultdict(list)
        self._tokens_to_key = defaultdict(list)
        self._root = defaultdict(list)
        self._tree = defaultdict(list)
        self._callbacks = {}
        self._ops = dict(OPS)
        self._node_index = {}
        self._compiled = None
        self.vocab = vocab

    def __len__(self):
        """The number of keys (rules) added."""
        return len(self._patterns)

    def __contains__(self, key):
        return self.has_key(key)

    def has_key(self, key):
        return self._normalize_key(key) in self._patterns

    def _normalize_key(self, key):
        return self.vocab.strings.add(key) if isinstance(key, str) else key

    def _validate_input(self, pattern, key, pattern_idx=0):
        visited = set()
        for idx, relation in enumerate(pattern):
            if not isinstance(relation, dict):
                _fail(key, pattern_idx, idx,
                      f"expected a dict, got {type(relation).__name__}. Each pattern "
                      f"is a list of dicts (patterns are List[List[dict]]).", Errors.E1008)
            if "RIGHT_ATTRS" not in relation and "RIGHT_ID" not in relation:
                _fail(key, pattern_idx, idx, "expected both RIGHT_ID and RIGHT_ATTRS.",
                      Errors.E098.format(key=key))
            if idx == 0:
                if "RIGHT_ID" not in relation or "REL_OP" in relation or "LEFT_ID" in relation:
                    _fail(key, pattern_idx, idx,
                          f"the first node must be the anchor, with only RIGHT_ID and "
                          f"RIGHT_ATTRS (no REL_OP or LEFT_ID).", Errors.E099.format(key=key))
                visited.add(relation["RIGHT_ID"])
            else:
                missing = _REQUIRED - set(relation)
                if missing:
                    _fail(key, pattern_idx, idx,
                          f"nodes after the anchor need {', '.join(sorted(_REQUIRED))}; "
                          f"missing: {', '.join(sorted(missing))}.",
                          Errors.E100.format(required=_REQUIRED,
                                             missing=", ".join(sorted(missing))))
                unsupported = set(relation) - _REQUIRED
                if unsupported:
                    warnings.warn(f"{Warnings.W126.format(unsupported=', '.join(sorted(map(str, unsupported))))}"
                                  f" (DependencyMatcher rule {key!r}, pattern {pattern_idx}, "
                                  f"node {idx}: unsupported keys are ignored.)", LexloomWarning)
                if relation["RIGHT_ID"] in visited or relation["LEFT_ID"] not in visited:
                    _fail(key, pattern_idx, idx,
                          f"RIGHT_ID {relation['RIGHT_ID']!r} must be a new node and "
                          f"LEFT_ID {relation['LEFT_ID']!r} one declared by an earlier node.",
                          Errors.E101.format(key=key))
                if relation["REL_OP"] not in OPS:
                    _fail(key, pattern_idx, idx,
                          f"unsupported operator {relation['REL_OP']!r}. Supported: "
                          f"{' '.join(OPS)}.", Errors.E1007.format(op=relation["REL_OP"]))
                visited.add(relation["RIGHT_ID"])
            if "RIGHT_ATTRS" not in relation:  # spaCy reads relation["RIGHT_ATTRS"]: KeyError
                raise MatchPatternKeyError(
                    f"'RIGHT_ATTRS' (DependencyMatcher rule {key!r}, pattern {pattern_idx}, "
                    f"node {idx}: every node needs RIGHT_ATTRS, a one-token pattern.)")
            attrs = relation.get("RIGHT_ATTRS")
            if not isinstance(attrs, dict):
                _fail(key, pattern_idx, idx,
                      f"RIGHT_ATTRS must be a dict (a one-token pattern), got "
                      f"{type(attrs).__name__}.")
            if attrs.get("OP", "") in ("?", "*", "+"):
                _fail(key, pattern_idx, idx,
                      f"the operators 'OP': '?', '*' and '+' are not supported in "
                      f"DependencyMatcher token patterns; each node must match exactly one "
                      f"token. Node: {relation}", Errors.E1016.format(node=relation))

    def add(self, key, patterns, *, on_match=None):
        """Add patterns under `key`; on_match(matcher, doc, i, matches) runs for each match."""
        if on_match is not None and not hasattr(on_match, "__call__"):
            raise MatchPatternError(Errors.E171.format(arg_type=type(on_match)))
        if patterns is None or not isinstance(patterns, list):
            raise MatchPatternError(Errors.E948.format(arg_type=type(patterns)))
        for i, pattern in enumerate(patterns):
            if len(pattern) == 0:
                raise MatchPatternError(f"{Errors.E012.format(key=key)} (DependencyMatcher "
                                        f"rule {key!r}: pattern {i} is empty; a pattern needs "
                                        f"at least one node.)")
            self._validate_input(pattern, key, i)
        key = self._normalize_key(key)
        self._raw_patterns[key].extend(patterns)
        self._callbacks[key] = on_match
        node_patterns = [[[node["RIGHT_ATTRS"]] for node in pattern] for pattern in patterns]
        offset = len(self._patterns[key])
        self._patterns[key].extend(node_patterns)
        tokens_to_key_list = []
        for i, nodes in enumerate(node_patterns, start=offset):
            node_keys = []
            for j, node_pattern in enumerate(nodes):
                k = self._normalize_key(f"{key}{DELIMITER}{i}{DELIMITER}{j}")
                self._matcher.add(k, [node_pattern])
                if k not in self._node_index:
                    self._node_index[k] = self._next_node_id
                    self._next_node_id += 1
                node_keys.append(k)
            tokens_to_key_list.append(node_keys)
        self._tokens_to_key[key].extend(tokens_to_key_list)
        for pattern in patterns:
            position = {node["RIGHT_ID"]: j for j, node in enumerate(pattern)}
            tree = defaultdict(list)
            root = -1
            for j, node in enumerate(pattern):
                if "REL_OP" in node:
                    tree[position[node["LEFT_ID"]]].append((node["REL_OP"], j))
                else:
                    root = j
            self._tree[key].append(tree)
            self._root[key].append(root)
        self._compiled = None

    def get(self, key, default=None):
        """The rule for `key` as (on_match, patterns), or `default`."""
        key = self._normalize_key(key)
        if key not in self._raw_patterns:
            return default
        return (self._callbacks[key], self._raw_patterns[key])

    def remove(self, key):
        """Remove the rule `key`; a ValueError if it was never added."""
        key = self._normalize_key(key)
        if key not in self._patterns:
            raise MatcherError(f"{Errors.E175.format(key=key)} (DependencyMatcher.remove: "
                               f"check `key in matcher` first.)")
        self._patterns.pop(key)
        self._raw_patterns.pop(key)
        self._tree.pop(key)
        self._root.pop(key)
        self._callbacks.pop(key, None)
        for node_keys in self._tokens_to_key.pop(key):
            for k in node_keys:
                self._matcher.remove(k)
                self._node_index.pop(k, None)
        self._compiled = None

    def _compile(self):
        """Flat int32 arrays of every pattern, in the order spaCy reports matches."""
        if self._compiled is not None:
            return self._compiled
        match_ids, n_nodes, keys, lefts, ops = [], [], [], [], []
        for key in self._patterns:
            for tree, node_keys, raw in zip(self._tree[key], self._tokens_to_key[key],
                                            self._raw_patterns[key]):
                n = len(node_keys)
                left, op = [0] * n, [0] * n
                for l, branches in tree.items():
                    for rel, r in branches:
                        left[r], op[r] = l, OPS[rel]
                match_ids.append(key)
                n_nodes.append(n)
                keys.extend(self._node_index[k] for k in node_keys)
                lefts.extend(left)
                ops.extend(op)
        as_array = lambda xs: numpy.asarray(xs, dtype=numpy.int32)
        self._compiled = (match_ids, as_array(n_nodes), as_array(keys), as_array(lefts),
                          as_array(ops))
        return self._compiled

    def __call__(self, object doclike):
        """Every match as (match_id, [token index per node]), in spaCy's order. A Span is
        matched as its own Doc (indices relative to the Span)."""
        cdef Doc doc
        if isinstance(doclike, Doc):
            doc = <Doc>doclike
        elif isinstance(doclike, Span):
            doc = doclike.as_doc(copy_user_data=True)
        else:
            raise MatcherError(Errors.E195.format(good="Doc or Span",
                                                  got=type(doclike).__name__))
        token_matches = self._matcher(doc)
        cdef int n_matches = len(token_matches)
        match_key = numpy.empty(n_matches, dtype=numpy.int32)
        match_start = numpy.empty(n_matches, dtype=numpy.int32)
        cdef int32_t[:] mk = match_key
        cdef int32_t[:] ms = match_start
        cdef int i = 0, start, end
        cdef dict node_index = self._node_index
        for match_id, start, end in token_matches:
            if start + 1 != end:
                warnings.warn(Warnings.W110.format(
                    tokens=[t.text for t in doc[start:end]],
                    pattern=self._matcher.get(match_id)[1][0][0]) + " Make each RIGHT_ATTRS "
                    "match exactly one token.", LexloomWarning)
            if start < 0 or start >= doc.length or match_id not in node_index:
                continue
            mk[i] = node_index[match_id]
            ms[i] = start
            i += 1
        n_matches = i
        match_ids, n_nodes, keys, lefts, ops = self._compile()
        cdef int n_patterns = len(match_ids)
        cdef vector[DepPattern] pats
        pats.resize(n_patterns)
        cdef int32_t[:] nn = n_nodes
        cdef int32_t[:] kk = keys
        cdef int32_t[:] ll = lefts
        cdef int32_t[:] oo = ops
        cdef int p, offset = 0
        for p in range(n_patterns):
            pats[p].n_nodes = nn[p]
            if nn[p] > 0:
                pats[p].key = &kk[offset]
                pats[p].left = &ll[offset]
                pats[p].op = &oo[offset]
            offset += nn[p]
        cdef vector[int32_t] out
        cdef DepTree* tree = new DepTree(doc.c, doc.length)
        cdef int n_keys = max(self._next_node_id, 1)
        try:
            with nogil:
                dep_match(tree[0], &mk[0] if n_matches else NULL,
                          &ms[0] if n_matches else NULL, n_matches, n_keys,
                          pats.data(), n_patterns, out)
        finally:
            del tree
        results = []
        cdef size_t pos = 0
        cdef int n
        while pos < out.size():
            p = out[pos]
            n = nn[p]
            results.append((match_ids[p], [out[pos + 1 + j] for j in range(n)]))
            pos += 1 + n
        for i, (match_id, _) in enumerate(results):
            on_match = self._callbacks.get(match_id)
            if on_match is not None:
                on_match(self, doc, i, results)
        return results

    def __reduce__(self):
        return (_unpickle, (self.vocab, dict(self._raw_patterns), self._callbacks), None, None)


def _unpickle(vocab, patterns, callbacks):
    matcher = DependencyMatcher(vocab)
    for key, pats in patterns.items():
        matcher.add(key, pats, on_match=callbacks.get(key))
    return matcher
