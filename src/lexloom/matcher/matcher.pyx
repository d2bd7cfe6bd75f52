# cython: language_level=3, binding=True
"""Matcher: spaCy's token-pattern language, compiled to flat native checks.

Python decides: it validates and compiles patterns (attribute equality, value sets and numeric
comparisons become native checks; REGEX, FUZZY and `_` predicates become columns of a bool
matrix it fills once per Doc), then one native call per Doc runs spaCy's state machine
(csrc/lexloom/matcher.cc) and Python applies the greedy filters, spans and callbacks.
"""
from libc.stdint cimport int8_t, int32_t, int64_t, uint64_t
from libcpp.vector cimport vector

cimport numpy as np

from ..core cimport TokenC, attr_t
from ..tokens.doc cimport Doc, Span

import json
import re
import warnings

import numpy

from ..attrs import IDS, IOB_STRINGS, NAMES
from ..errors import LexloomWarning, MatcherError, MatchPatternError
from ..morphology import MorphAnalysis, normalize_features
from ._token_pattern import validate_token_pattern
from .levenshtein import levenshtein_compare

np.import_array()

# quantifiers (spaCy's numbering, csrc/lexloom/matcher.hh)
cdef int32_t Q_ZERO = 0
cdef int32_t Q_ZERO_ONE = 1
cdef int32_t Q_ZERO_PLUS = 2
cdef int32_t Q_ONE = 3
# check kinds
cdef int32_t CK_EQ = 0
cdef int32_t CK_EXT_EQ = 1
cdef int32_t CK_PRED = 2
cdef int32_t CK_IN = 3
cdef int32_t CK_NOT_IN = 4
cdef int32_t CK_SUPERSET = 5
cdef int32_t CK_CMP = 6

_CMP_OPS = {"==": 0, "!=": 1, ">=": 2, "<=": 3, ">": 4, "<": 5}
_SET_OPS = ("IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS")
_FUZZY_OPS = ("FUZZY",) + tuple(f"FUZZY{i}" for i in range(1, 10))
_PREDICATE_TYPES = ("REGEX",) + _SET_OPS + tuple(_CMP_OPS) + _FUZZY_OPS
_OP_CODES = {"*": (Q_ZERO_PLUS,), "+": (Q_ONE, Q_ZERO_PLUS), "?": (Q_ZERO_ONE,),
             "1": (Q_ONE,), "!": (Q_ZERO,)}
_OP_HELP = "!, ?, +, *, 1, {n}, {n,m}, {n,}, {,m} (n and m integers, n <= m)"
_ANNOTATION_PIPES = (("TAG", "tagger"), ("POS", "morphologizer or tagger+attribute_ruler"),
                     ("MORPH", "morphologizer or tagger+attribute_ruler"),
                     ("LEMMA", "lemmatizer"), ("DEP", "parser"))
_MASK64 = (1 << 64) - 1
_INT64_MIN = -(1 << 63)
_INT64_MAX = (1 << 63) - 1
_MORPH = IDS["MORPH"]
_ENT_IOB = IDS["ENT_IOB"]


cdef object _attr_column(const TokenC* tokens, int32_t n, uint64_t attr):
    """The matcher's view of one attribute for every token, as uint64."""
    out = numpy.empty((n,), dtype=numpy.uint64)
    cdef uint64_t[::1] view = out
    cdef int32_t i
    with nogil:
        for i in range(n):
            view[i] = matcher_token_attr(&tokens[i], attr)
    return out


def _string_id(strings, value):
    """spaCy's get_string_id: the hash of a str (symbols keep their ids), an int as is."""
    if isinstance(value, str):
        return strings[value]
    return int(value)


# ---- predicates that need Python ---------------------------------------------------------

class _Predicate:
    """One predicate column: test(value) -> True / False / None (None: no verdict, passes).

    For token attributes `value` is the attribute's id, so results are cached per id."""

    def __init__(self, i, attr, value, predicate, *, is_extension=False, vocab=None,
                 regex=False, fuzzy=None, fuzzy_compare=None):
        self.i = i
        self.attr = attr
        self.raw_value = value
        self.predicate = predicate
        self.is_extension = is_extension
        self.vocab = vocab
        self.regex = regex
        self.fuzzy = fuzzy
        self.fuzzy_compare = fuzzy_compare
        self.cache = {}

    def __call__(self, token):
        if self.is_extension:
            return self.test(token._.get(self.attr))
        return self.test(_token_attr(token, self.attr))

    def _text(self, value):
        return value if self.is_extension else self.vocab.strings[value]


class _RegexPredicate(_Predicate):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.value = re.compile(self.raw_value)

    def test(self, value):
        return bool(self.value.search(self._text(value)))


class _FuzzyPredicate(_Predicate):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.value = self.raw_value
        digits = self.predicate[len("FUZZY"):]
        self.fuzzy = int(digits) if digits else -1

    def test(self, value):
        value = self._text(value)
        if self.value == value:
            return True
        return self.fuzzy_compare(value, self.value, self.fuzzy)


class _SetPredicate(_Predicate):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        strings = self.vocab.strings
        if self.attr == _MORPH and not self.is_extension:
            self.value = set(strings.add(normalize_features(v)) for v in self.raw_value)
        elif self.regex:
            self.value = set(re.compile(v) for v in self.raw_value)
        elif self.fuzzy is not None:
            self.value = set(strings.add(v) for v in self.raw_value)
        else:
            self.value = set(_string_id(strings, v) for v in self.raw_value)

    def test(self, value):
        strings = self.vocab.strings
        if self.predicate in ("IN", "NOT_IN"):
            if isinstance(value, (str, int)):
                value = _string_id(strings, value)
            else:
                return False
        else:
            if self.attr == _MORPH and not self.is_extension:
                value = set(strings[f] for f in MorphAnalysis(self.vocab, value))
            elif isinstance(value, (str, int)):
                value = {_string_id(strings, value)}
            elif hasattr(value, "__iter__") and all(isinstance(v, (str, int)) for v in value):
                value = set(_string_id(strings, v) for v in value)
            else:
                return False
        if self.predicate in ("IN", "NOT_IN"):
            if self.regex:
                text = strings[value]
                found = any(bool(v.search(text)) for v in self.value)
            elif self.fuzzy is not None:
                text = strings[value]
                found = any(self.fuzzy_compare(text, strings[v], self.fuzzy) for v in self.value)
            else:
                found = value in self.value
            return found if self.predicate == "IN" else not found
        if self.predicate == "IS_SUBSET":
            return value <= self.value
        if self.predicate == "IS_SUPERSET":
            return value >= self.value
        return bool(value & self.value)


class _ComparisonPredicate(_Predicate):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.value = self.raw_value

    def test(self, value):
        op = self.predicate
        if op == "==":
            return value == self.value
        if op == "!=":
            return value != self.value
        if op == ">=":
            return value >= self.value
        if op == "<=":
            return value <= self.value
        if op == ">":
            return value > self.value
        return value < self.value


def _predicate_class(type_):
    if type_ == "REGEX":
        return _RegexPredicate
    if type_ in _SET_OPS:
        return _SetPredicate
    if type_ in _CMP_OPS:
        return _ComparisonPredicate
    if type_ in _FUZZY_OPS:
        return _FuzzyPredicate
    return None


def _token_attr(token, attr):
    cdef Doc doc = token.doc
    cdef int i = token.i
    return matcher_token_attr(&doc.c[i], attr)


# ---- pattern compilation -----------------------------------------------------------------

class _Compiler:
    """Turns one token pattern into native nodes (quantifier, checks, token index), adding the
    predicates and extension names it needs to the matcher's shared tables."""

    def __init__(self, matcher, key_name, pattern_idx):
        self.m = matcher
        self.key_name = key_name
        self.pattern_idx = pattern_idx
        self.seen_attrs = set()

    def fail(self, where, msg):
        raise MatchPatternError(self.key_name, {self.pattern_idx: [f"[{where}] {msg}"]})

    def compile(self, pattern):
        nodes = []
        for token_idx, spec in enumerate(pattern):
            if not isinstance(spec, dict):
                self.fail(f"{token_idx}", f"a token spec must be a dict, not "
                          f"{type(spec).__name__} ({spec!r})")
            if not spec:
                nodes.append((Q_ONE, [], token_idx))  # {} matches any token
                continue
            ops = self.operators(spec, token_idx)
            checks = self.attr_checks(spec, token_idx)
            checks += self.extension_checks(spec, token_idx)
            checks += self.predicate_checks(spec, token_idx)
            for op in ops:
                nodes.append((op, checks, token_idx))
        return nodes

    def operators(self, spec, token_idx):
        upper = {k.upper(): v for k, v in spec.items() if isinstance(k, str)}
        if "OP" not in upper:
            return (Q_ONE,)
        op = upper["OP"]
        if not isinstance(op, str):
            self.fail(f"{token_idx} -> OP", f"the operator must be a string, not {op!r}. "
                      f"Use one of {_OP_HELP}")
        if op in _OP_CODES:
            return _OP_CODES[op]
        if op.startswith("{") and op.endswith("}"):
            body = op[1:-1]
            if "," not in body:
                body = f"{body},{body}"
            parts = body.split(",")
            if len(parts) == 2:
                n, m = parts
                ok = (n.isdecimal() or m.isdecimal()) and (n == "" or n.isdecimal()) \
                    and (m == "" or m.isdecimal())
                if ok and not (n and m and int(n) > int(m)):
                    lo = int(n or 0)
                    head = (Q_ONE,) * lo
                    tail = (Q_ZERO_ONE,) * (int(m) - lo) if m else (Q_ZERO_PLUS,)
                    return head + tail
        self.fail(f"{token_idx} -> OP", f"invalid operator {op!r}. Use one of {_OP_HELP}")

    def attr_id(self, attr, token_idx):
        if isinstance(attr, str):
            name = attr.upper()
            if name == "TEXT":
                name = "ORTH"
            elif name == "IS_SENT_START":
                name = "SENT_START"
            a = IDS.get(name)
            if a is None or name == "":
                self.fail(f"{token_idx} -> {attr}", f"unknown token attribute {attr!r}. Use a "
                          "token attribute such as ORTH, TEXT, LOWER, NORM, LEMMA, POS, TAG, "
                          "MORPH, DEP, ENT_TYPE, LENGTH, IS_ALPHA, or '_' for extensions")
            return a
        if isinstance(attr, int) and not isinstance(attr, bool) and attr in NAMES and attr != 0:
            return attr
        self.fail(f"{token_idx} -> {attr!r}", "token attributes are names (str) or attribute ids")

    def attr_checks(self, spec, token_idx):
        checks = []
        strings = self.m.vocab.strings
        for key, value in spec.items():
            if isinstance(key, str) and key.upper() in ("_", "OP"):
                continue
            attr = self.attr_id(key, token_idx)
            if isinstance(value, dict):
                continue  # predicates
            if isinstance(value, str):
                if attr == _ENT_IOB and value in IOB_STRINGS:
                    value = IOB_STRINGS.index(value)
                else:
                    value = strings.add(value)
            elif isinstance(value, bool):
                value = int(value)
            elif isinstance(value, int):
                if not 0 <= value <= _MASK64:
                    self.fail(f"{token_idx} -> {key}", f"the value {value} is out of range "
                              "(attribute values are unsigned 64-bit)")
            else:
                self.fail(f"{token_idx} -> {key}", f"values are str, int, bool or a dict of "
                          f"predicates, not {type(value).__name__} ({value!r})")
            self.seen_attrs.add(attr)
            checks.append((CK_EQ, 0, attr, value, 0, 0.0, 0, None))
        return checks

    def extension_checks(self, spec, token_idx):
        ext = spec.get("_", {})
        if not isinstance(ext, dict):
            self.fail(f"{token_idx} -> _", f"'_' takes a dict of extension names to values, "
                      f"not {type(ext).__name__}")
        checks = []
        strings = self.m.vocab.strings
        for name, value in ext.items():
            if isinstance(value, dict):
                continue
            if isinstance(value, str):
                value = strings.add(value)
            elif isinstance(value, bool):
                value = int(value)
            elif isinstance(value, int) and 0 <= value <= _MASK64:
                pass
            else:
                self.fail(f"{token_idx} -> _ -> {name}", f"extension values are str, bool, "
                          f"a non-negative int or a dict of predicates, not {value!r}")
            index = self.m._extensions.setdefault(name, len(self.m._extensions))
            checks.append((CK_EXT_EQ, 0, index, value, 0, 0.0, 0, None))
        return checks

    def predicate_checks(self, spec, token_idx):
        checks = []
        for key, value in spec.items():
            if key == "_":
                for name, pvalue in spec["_"].items():
                    if not isinstance(pvalue, dict):
                        continue
                    for type_ in _PREDICATE_TYPES:
                        if type_ in pvalue:
                            i = self.python_predicate(type_, name, pvalue[type_], token_idx,
                                                      is_extension=True)
                            checks.append((CK_PRED, 0, i, 0, 0, 0.0, 0, None))
                continue
            if isinstance(key, str) and key.upper() == "OP":
                continue
            if not isinstance(value, dict):
                continue
            attr = self.attr_id(key, token_idx)
            checks += self.predicate_dict(attr, key, value, token_idx)
        return checks

    def predicate_dict(self, attr, key, value_dict, token_idx, regex=False, fuzzy=None):
        checks = []
        strings = self.m.vocab.strings
        for type_, value in value_dict.items():
            where = f"{token_idx} -> {key} -> {type_}"
            type_ = type_.upper() if isinstance(type_, str) else type_
            cls = _predicate_class(type_)
            if cls is None:
                warnings.warn(f"[lexloom] Matcher rule '{self.key_name}', pattern "
                              f"{self.pattern_idx}: ignoring unknown predicate {type_!r} in "
                              f"{value_dict!r}. Known: {', '.join(_PREDICATE_TYPES)}.",
                              LexloomWarning)
                continue
            if cls is _RegexPredicate and isinstance(value, dict):
                checks += self.predicate_dict(attr, key, value, token_idx, regex=True)
                continue
            if cls is _FuzzyPredicate and isinstance(value, dict):
                digits = type_[len("FUZZY"):]
                checks += self.predicate_dict(attr, key, value, token_idx,
                                              fuzzy=int(digits) if digits else -1)
                continue
            native = self.native_predicate(cls, type_, attr, value, regex, fuzzy, where)
            if native is not None:
                checks.append(native)
                continue
            i = self.python_predicate(type_, attr, value, token_idx, regex=regex, fuzzy=fuzzy,
                                      where=where)
            checks.append((CK_PRED, 0, i, 0, 0, 0.0, 0, None))
        return checks

    def native_predicate(self, cls, type_, attr, value, regex, fuzzy, where):
        strings = self.m.vocab.strings
        if cls is _SetPredicate and not regex and fuzzy is None:
            if not isinstance(value, (list, tuple, set)):
                self.fail(where, f"{type_} takes a list of values, not {value!r}")
            if attr == _MORPH:
                if type_ not in ("IN", "NOT_IN"):
                    return None
                try:
                    members = [strings.add(normalize_features(v)) for v in value]
                except Exception as err:
                    self.fail(where, f"invalid morphological features in {value!r}: {err}")
            else:
                if not all(isinstance(v, (str, int)) for v in value):
                    return None
                members = [_string_id(strings, v) & _MASK64 for v in value]
            kind = {"IN": CK_IN, "NOT_IN": CK_NOT_IN, "IS_SUBSET": CK_IN,
                    "INTERSECTS": CK_IN, "IS_SUPERSET": CK_SUPERSET}[type_]
            return (kind, 0, attr, 0, 0, 0.0, 0, members)
        if cls is _ComparisonPredicate:
            if isinstance(value, int) and _INT64_MIN <= value <= _INT64_MAX:
                return (CK_CMP, _CMP_OPS[type_], attr, 0, int(value), 0.0, 0, None)
            if isinstance(value, float):
                return (CK_CMP, _CMP_OPS[type_], attr, 0, 0, value, 1, None)
        return None

    def python_predicate(self, type_, attr, value, token_idx, *, is_extension=False,
                         regex=False, fuzzy=None, where=None):
        m = self.m
        where = where or f"{token_idx} -> _ -> {attr} -> {type_}"
        try:
            key = (attr, is_extension, regex, fuzzy, type_,
                   json.dumps(value, sort_keys=True, default=repr))
        except (TypeError, ValueError):
            key = None
        index = m._predicate_keys.get(key) if key is not None else None
        if index is not None:
            return index
        cls = _predicate_class(type_)
        try:
            pred = cls(len(m._extra_predicates), attr, value, type_, is_extension=is_extension,
                       vocab=m.vocab, regex=regex, fuzzy=fuzzy, fuzzy_compare=m._fuzzy_compare)
        except re.error as err:
            self.fail(where, f"invalid regular expression {value!r}: {err}")
        except (TypeError, ValueError) as err:
            self.fail(where, f"invalid value {value!r} for {type_}: {err}")
        m._extra_predicates.append(pred)
        if key is not None:
            m._predicate_keys[key] = pred.i
        return pred.i


# ---- the Matcher -------------------------------------------------------------------------

cdef class Matcher:
    """Match sequences of tokens against patterns of token specs (spaCy's Matcher)."""

    def __cinit__(self, *args, **kwargs):
        self.c = new PatternSet()

    def __dealloc__(self):
        del self.c

    def __init__(self, vocab, validate=True, *, fuzzy_compare=levenshtein_compare):
        """vocab: shared with the Docs to match. validate: check patterns against the token
        pattern schema when added. fuzzy_compare(input, pattern, fuzzy) -> bool: FUZZY's test."""
        self.vocab = vocab
        self.validate = validate
        self._fuzzy_compare = fuzzy_compare
        self._patterns = {}
        self._callbacks = {}
        self._filter = {}
        self._extensions = {}
        self._extra_predicates = []
        self._seen_attrs = set()
        self._compiled = []
        self._live_predicates = []
        self._predicate_keys = {}

    def __reduce__(self):
        return (unpickle_matcher, (self.vocab, self._patterns, self._callbacks, self.validate,
                                   self._fuzzy_compare, self._filter))

    def __len__(self):
        """The number of rules (match ids), not of patterns."""
        return len(self._patterns)

    def __contains__(self, key):
        return self.has_key(key)

    def has_key(self, key):
        return self._normalize_key(key) in self._patterns

    def get(self, key, default=None):
        """The rule for a key as (on_match, patterns), or default."""
        key = self._normalize_key(key)
        if key not in self._patterns:
            return default
        return (self._callbacks[key], self._patterns[key])

    def _normalize_key(self, key):
        return self.vocab.strings.add(key) if isinstance(key, str) else key

    def add(self, key, patterns, *, on_match=None, greedy=None):
        """Add patterns under a match id; a second add with the same key appends patterns and
        replaces the callback and greedy filter. greedy: None, "FIRST" or "LONGEST"."""
        if on_match is not None and not callable(on_match):
            raise MatchPatternError(key, {"on_match": [
                f"on_match must be callable (matcher, doc, i, matches) or None, not "
                f"{type(on_match).__name__}"]})
        if patterns is None or not isinstance(patterns, list):
            raise MatchPatternError(key, {"patterns": [
                f"patterns must be a list of patterns (each a list of token-spec dicts), not "
                f"{type(patterns).__name__}. Use matcher.add(key, [pattern])"]})
        if greedy is not None and greedy not in ("FIRST", "LONGEST"):
            raise MatchPatternError(key, {"greedy": [
                f"greedy must be None, 'FIRST' or 'LONGEST', not {greedy!r}"]})
        errors = {}
        for i, pattern in enumerate(patterns):
            if isinstance(pattern, (list, tuple, dict, str)) and len(pattern) == 0:
                raise MatchPatternError(key, {i: ["a pattern needs at least one token spec"]})
            if not isinstance(pattern, list):
                raise MatchPatternError(key, {i: [
                    f"a pattern must be a list of token-spec dicts, not "
                    f"{type(pattern).__name__} ({pattern!r})"]})
            if self.validate:
                found = validate_token_pattern(pattern)
                if found:
                    errors[i] = found
        if errors:
            raise MatchPatternError(key, errors)
        key_name = key
        key = self._normalize_key(key)
        if not isinstance(key, int) or not 0 <= key <= _MASK64:
            raise MatchPatternError(key_name, {"key": [
                "match ids are str or non-negative int"]})
        compiled = []
        seen = set()
        for i, pattern in enumerate(patterns):
            comp = _Compiler(self, key_name, i)
            compiled.append((key, comp.compile(pattern)))
            seen.update(comp.seen_attrs)
        for entry in compiled:
            self._push(entry)
            self._compiled.append(entry)
        self._seen_attrs.update(seen)
        self._patterns.setdefault(key, [])
        self._callbacks[key] = on_match
        self._filter[key] = greedy
        self._patterns[key].extend(patterns)
        self._update_live()

    def remove(self, key):
        """Remove a rule and all its patterns; MatcherError (a ValueError) if it isn't there."""
        norm = self._normalize_key(key)
        if norm not in self._patterns:
            raise MatcherError(f"Can't remove rule {key!r}: the matcher has no rule with that "
                               f"key. Check `key in matcher` first.")
        self._patterns.pop(norm)
        self._callbacks.pop(norm)
        self._filter.pop(norm, None)
        self._compiled = [entry for entry in self._compiled if entry[0] != norm]
        self.c.clear()
        for entry in self._compiled:
            self._push(entry)
        self._update_live()

    def _push(self, entry):
        key, nodes = entry
        cdef vector[Node] cnodes
        cdef vector[Check] cchecks
        cdef vector[uint64_t] cset
        cdef Node node
        cdef Check check
        for quantifier, checks, token_idx in nodes:
            node.quantifier = quantifier
            node.check_start = cchecks.size()
            node.n_checks = len(checks)
            node.token_idx = token_idx
            cnodes.push_back(node)
            for kind, op, attr, value, ival, fval, is_float, members in checks:
                check.kind = kind
                check.op = op
                check.attr = attr
                check.value = value
                check.ival = ival
                check.fval = fval
                check.is_float = is_float
                check.set_start = cset.size()
                check.set_len = 0
                if members is not None:
                    for v in members:
                        cset.push_back(v)
                    check.set_len = len(members)
                cchecks.push_back(check)
        cdef int32_t status = self.c.add(key, cnodes.data(), cnodes.size(), cchecks.data(),
                                         cchecks.size(), cset.data(), cset.size())
        if status < 0:
            raise MatcherError("internal error: a compiled pattern was rejected by the native "
                               "matcher")

    def _update_live(self):
        live = set()
        for _key, nodes in self._compiled:
            for _q, checks, _t in nodes:
                for check in checks:
                    if check[0] == CK_PRED:
                        live.add(check[2])
        self._live_predicates = sorted(live)

    def _require_patterns(self):
        if len(self) == 0:
            warnings.warn("[lexloom] The matcher has no patterns: it will find nothing. Add "
                          "patterns with matcher.add(key, [pattern]).", LexloomWarning)

    def pipe(self, docs, batch_size=1000, return_matches=False, as_tuples=False):
        """Deprecated (as in spaCy v3): match a stream of Docs, yielding them in turn."""
        warnings.warn("Matcher.pipe is deprecated; call the matcher on each Doc instead.",
                      DeprecationWarning)
        if as_tuples:
            for doc, context in docs:
                matches = self(doc)
                yield (((doc, matches), context) if return_matches else (doc, context))
        else:
            for doc in docs:
                matches = self(doc)
                yield ((doc, matches) if return_matches else doc)

    def __call__(self, doclike, *, as_spans=False, allow_missing=False, with_alignments=False):
        """Matches in a Doc or Span: (match_id, start, end) tuples (offsets relative to the
        Span), Spans labelled with the match id (as_spans), or 4-tuples with the pattern-token
        index of each matched token (with_alignments)."""
        self._require_patterns()
        cdef Doc doc
        cdef int32_t offset, length
        if isinstance(doclike, Doc):
            doc = doclike
            offset = 0
            length = doc.length
        elif isinstance(doclike, Span):
            doc = (<Span>doclike).doc
            offset = (<Span>doclike).start
            length = (<Span>doclike).end - offset
        else:
            raise MatcherError(f"The Matcher matches a Doc or a Span, not "
                               f"{type(doclike).__name__}.")
        if as_spans:
            with_alignments = False
        if not allow_missing:
            for name, pipe in _ANNOTATION_PIPES:
                if IDS[name] in self._seen_attrs and not doc.has_annotation(name):
                    raise MatcherError(
                        f"A pattern uses the attribute {name}, which no token of this Doc has. "
                        f"The pipeline needs a {pipe} to set it (use nlp(text), not "
                        f"nlp.make_doc(text)), or call the matcher with allow_missing=True.")
        matches = self._find(doc, offset, length, with_alignments)
        final = []
        pairs_by_id = {}
        for match in matches:
            span_filter = self._filter.get(match[0])
            if span_filter is not None:
                pairs_by_id.setdefault(match[0], []).append(match)
            else:
                final.append(match)
        for key, pairs in pairs_by_id.items():
            span_filter = self._filter.get(key)
            if span_filter == "FIRST":
                pairs = sorted(pairs, key=lambda m: (m[1], -m[2]))
            else:
                pairs = sorted(pairs, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
            taken = bytearray(length)
            for match in pairs:
                start, end = match[1], match[2]
                if not any(taken[start:end]):
                    final.append(match)
                    taken[start:end] = b"\x01" * (end - start)
        if as_spans:
            results = [Span(doc, start + offset, end + offset, label=key)
                       for key, start, end, *_ in final]
        elif with_alignments:
            results = []
            for key, start, end, aligns in final:
                out = [0] * (end - start)
                for length_, token_idx in sorted(aligns):
                    if length_ < end - start:
                        out[length_] = token_idx
                results.append((key, start, end, out))
            final = results
        else:
            results = final
        for i, match in enumerate(final):
            on_match = self._callbacks.get(match[0])
            if on_match is not None:
                on_match(self, doc, i, final)
        return results

    def _find(self, Doc doc, int32_t offset, int32_t length, bint with_alignments):
        """The native search over doc[offset:offset+length], after filling the Python-side
        columns (predicates, extension values) for those tokens."""
        if length <= 0 or self.c.size() == 0:
            return []
        cdef const TokenC* tokens = &doc.c[offset]
        n_pred = max(1, len(self._extra_predicates))
        pred = numpy.zeros((length, n_pred), dtype=numpy.int8)
        if self._live_predicates:
            self._fill_predicates(doc, offset, length, pred)
        n_ext = max(1, len(self._extensions))
        ext = numpy.zeros((length, n_ext), dtype=numpy.uint64)
        if self._extensions:
            self._fill_extensions(doc, offset, length, ext)
        cdef int8_t[:, ::1] pred_view = pred
        cdef uint64_t[:, ::1] ext_view = ext
        cdef vector[MatchC] out
        cdef vector[Align] aligns
        cdef vector[int64_t] offsets
        cdef int32_t status
        cdef int32_t np_ = n_pred, ne_ = n_ext
        with nogil:
            status = self.c.find(tokens, length, &pred_view[0, 0], np_, &ext_view[0, 0], ne_,
                                 with_alignments, out, aligns, offsets)
        if status < 0:
            raise MatcherError("internal error: the native matcher rejected its arguments")
        cdef size_t k
        cdef int64_t a
        result = []
        if with_alignments:
            for k in range(out.size()):
                al = [(aligns[a].length, aligns[a].token_idx)
                      for a in range(offsets[k], offsets[k + 1])]
                result.append((out[k].key, out[k].start, out[k].start + out[k].length, al))
        else:
            for k in range(out.size()):
                result.append((out[k].key, out[k].start, out[k].start + out[k].length))
        return result

    def _fill_predicates(self, Doc doc, int32_t offset, int32_t length, pred):
        columns = {}
        tokens = None
        for index in self._live_predicates:
            p = self._extra_predicates[index]
            if p.is_extension:
                if tokens is None:
                    tokens = [doc[offset + i] for i in range(length)]
                verdicts = [_verdict(p.test(t._.get(p.attr))) for t in tokens]
                pred[:, index] = verdicts
                continue
            col = columns.get(p.attr)
            if col is None:
                col = numpy.unique(_attr_column(&doc.c[offset], length, p.attr),
                                   return_inverse=True)
                columns[p.attr] = col
            uniq, inverse = col
            cache = p.cache
            verdicts = numpy.empty((len(uniq),), dtype=numpy.int8)
            for j, value in enumerate(uniq.tolist()):
                v = cache.get(value)
                if v is None:
                    v = cache[value] = _verdict(p.test(value))
                verdicts[j] = v
            pred[:, index] = verdicts[inverse.reshape(-1)]

    def _fill_extensions(self, Doc doc, int32_t offset, int32_t length, ext):
        strings = self.vocab.strings
        for i in range(length):
            underscore = doc[offset + i]._
            for name, index in self._extensions.items():
                value = underscore.get(name)
                if isinstance(value, str):
                    value = strings[value]
                elif isinstance(value, (bool, int)) and 0 <= value <= _MASK64:
                    value = int(value)
                else:
                    raise MatcherError(
                        f"Token extension '_.{name}' of token {i} has the value {value!r}; a "
                        f"pattern compares it with a str, bool or int, so it must be one of "
                        f"those (set a default with Token.set_extension('{name}', default=...)).")
                ext[i, index] = value


def _verdict(result):
    if result is True:
        return 1
    if result is False:
        return -1
    if result is None:
        return 0
    raise MatcherError(f"A matcher predicate returned {result!r}; predicates must return "
                       "True, False or None.")


def unpickle_matcher(vocab, patterns, callbacks, validate, fuzzy_compare, filters=None):
    matcher = Matcher(vocab, validate=validate, fuzzy_compare=fuzzy_compare)
    for key, pattern in patterns.items():
        greedy = (filters or {}).get(key)
        matcher.add(key, pattern, on_match=callbacks.get(key), greedy=greedy)
    return matcher
