# cython: language_level=3, binding=True
"""Matcher: spaCy's token-pattern language, compiled to flat native checks.

Python decides: it validates and compiles patterns (attribute equality, value sets and numeric
comparisons become native checks; REGEX, FUZZY and `_` predicates become columns of a bool
matrix it fills once per Doc), then one native call per Doc runs spaCy's state machine
(csrc/lexloom/matcher.cc) and a second puts the matches in spaCy's final order (greedy
filters); Python builds the tuples or Spans and runs the callbacks.
"""
from cython.operator cimport dereference as deref
from libc.stdint cimport int8_t, int32_t, int64_t, uint64_t
from libcpp.unordered_map cimport unordered_map
from libcpp.vector cimport vector

cimport numpy as np

from ..core cimport TokenC, attr_t
from ..tokens.doc cimport Doc, Span

import json
import re
import warnings

import numpy

from ..attrs import ATTR_NAMES, IDS, IOB_STRINGS
from ..errors import (Errors, LexloomWarning, MatcherError, MatcherTypeError,
                      MatchPatternError, MatchPatternRegexError, MatchPatternTypeError,
                      Warnings)
from ..morphology import add_analysis
from ._predicates import (_CMP_OPS, _PREDICATE_TYPES, _SET_OPS, _ComparisonPredicate,
                          _FuzzyPredicate, _RegexPredicate, _SetPredicate, _predicate_class,
                          _string_id)
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
PRED_ERROR = -2

_OP_CODES = {"*": (Q_ZERO_PLUS,), "+": (Q_ONE, Q_ZERO_PLUS), "?": (Q_ZERO_ONE,),
             "1": (Q_ONE,), "!": (Q_ZERO,)}
_OP_HELP = "!, ?, +, *, 1, {n}, {n,m}, {n,}, {,m} (n and m integers, n <= m)"
# The largest n or m of {n,m}: {n,m} becomes m nodes, so {99999999999} would exhaust memory
# (spaCy accepts any count, but its search is quadratic in m: {0,1000} takes seconds there).
_MAX_REPEAT = 5000
_ANNOTATION_PIPES = (("TAG", "tagger"), ("POS", "morphologizer or tagger+attribute_ruler"),
                     ("MORPH", "morphologizer or tagger+attribute_ruler"),
                     ("LEMMA", "lemmatizer"), ("DEP", "parser"))
_MASK64 = (1 << 64) - 1
_INT64_MIN = -(1 << 63)
_INT64_MAX = (1 << 63) - 1
_MORPH = IDS["MORPH"]
_ENT_IOB = IDS["ENT_IOB"]


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
        if msg.startswith("[E"):  # spaCy's code first, as its ValueError(Errors.E...) reads
            code, _, rest = msg.partition(" ")
            raise MatchPatternError(f"{code} Invalid token pattern for matcher rule "
                                    f"'{self.key_name}', pattern {self.pattern_idx}: "
                                    f"[{where}] {rest}")
        raise MatchPatternError(self.key_name, {self.pattern_idx: [f"[{where}] {msg}"]})

    def compile(self, pattern):
        nodes = []
        for token_idx, spec in enumerate(pattern):
            if not spec:
                nodes.append((Q_ONE, [], token_idx))  # {} (any falsy spec) matches any token
                continue
            if not isinstance(spec, dict):
                self.fail(f"{token_idx}", f"[E154] a token spec must be a dict, not "
                          f"{type(spec).__name__} ({spec!r})")
            ops = self.operators(spec, token_idx)
            # {0}: checked, but never compared, so no annotation it names is needed
            seen_before = set(self.seen_attrs) if not ops else None
            checks = self.attr_checks(spec, token_idx)
            checks += self.extension_checks(spec, token_idx)
            checks += self.predicate_checks(spec, token_idx)
            if seen_before is not None:
                self.seen_attrs = seen_before
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
                # spaCy's reading: one side must be digits only and n <= m when both are;
                # the other side is read by int(), so "{1, 2}" and "{ 1,2}" pass, "{ 1 }" not
                n, m = parts
                ok = (n.isdecimal() or m.isdecimal()) and not (
                    n.isdecimal() and m.isdecimal() and int(n) > int(m))
                try:
                    lo, hi = int(n or 0), (int(m) if m else None)
                except ValueError:
                    ok = False
                if ok and max(lo, hi or 0) > _MAX_REPEAT:
                    self.fail(f"{token_idx} -> OP", f"{op!r} repeats a token more than "
                              f"{_MAX_REPEAT} times; each repetition is a pattern node. Use "
                              "{n,} (or + / *) for an open-ended count.")
                if ok:
                    head = (Q_ONE,) * lo
                    tail = (Q_ZERO_ONE,) * (hi - lo) if hi is not None else (Q_ZERO_PLUS,)
                    return head + tail
        self.fail(f"{token_idx} -> OP", f"[E011] invalid operator {op!r}. Use one of {_OP_HELP}")

    def attr_id(self, attr, token_idx):
        if isinstance(attr, str):
            name = attr.upper()
            if name == "TEXT":
                name = "ORTH"
            elif name == "IS_SENT_START":
                name = "SENT_START"
            a = IDS.get(name)
            if a is None or name == "":
                self.fail(f"{token_idx} -> {attr}", f"[E152] unknown token attribute {attr!r}. Use a "
                          "token attribute such as ORTH, TEXT, LOWER, NORM, LEMMA, POS, TAG, "
                          "MORPH, DEP, ENT_TYPE, LENGTH, IS_ALPHA, or '_' for extensions")
            return a
        if isinstance(attr, int) and not isinstance(attr, bool) and attr in ATTR_NAMES and attr != 0:
            return attr
        self.fail(f"{token_idx} -> {attr!r}", f"[E152] the attribute {attr!r} is not supported "
                  f"for token patterns: token attributes are names (str) or attribute ids")

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
                    self.fail(f"{token_idx} -> {key}", f"[E154] the value {value} is out of range "
                              "(attribute values are unsigned 64-bit)")
            else:
                self.fail(f"{token_idx} -> {key}", f"[E153] values are str, int, bool or a dict of "
                          f"predicates, not {type(value).__name__} ({value!r})")
            self.seen_attrs.add(attr)
            checks.append((CK_EQ, 0, attr, value, 0, 0.0, 0, None))
        return checks

    def extension_checks(self, spec, token_idx):
        ext = spec.get("_", {})
        if not isinstance(ext, dict):
            self.fail(f"{token_idx} -> _", f"[E154] '_' takes a dict of extension names to values, "
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
            elif isinstance(value, float) and 0 <= value < 2.0 ** 64:
                value = int(value)  # spaCy stores the value as an attr_t (truncated)
            elif isinstance(value, (int, float)):
                self.fail(f"{token_idx} -> _ -> {name}", f"[E154] extension values are str, "
                          f"bool, a non-negative int or a dict of predicates, not {value!r}")
            else:
                raise MatchPatternTypeError(self.key_name, {self.pattern_idx: [
                    f"[{token_idx} -> _ -> {name}] an integer is required: extension values "
                    f"are str, bool, a non-negative int or a dict of predicates, not "
                    f"{value!r}"]})
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
                warnings.warn(f"{Warnings.W035.format(pattern=value_dict)} (Matcher rule "
                              f"'{self.key_name}', pattern {self.pattern_idx}: unknown "
                              f"predicate {type_!r}; known: {', '.join(_PREDICATE_TYPES)}.)",
                              LexloomWarning)
                continue
            if (regex or fuzzy is not None) and cls is not _SetPredicate:
                # spaCy: {"REGEX": {"FUZZY": "x"}} is {"FUZZY": "x"} (the outer one is ignored)
                checks += self.predicate_dict(attr, key, {type_: value}, token_idx)
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
            if isinstance(value, dict):
                value = list(value)  # spaCy iterates it: its keys
            elif not isinstance(value, (list, tuple, set, frozenset)):
                if not hasattr(value, "__iter__"):  # spaCy: TypeError, not iterable
                    raise MatchPatternTypeError(self.key_name, {self.pattern_idx: [
                        f"[{where}] {type_} takes a list of values, not {value!r}"]})
                # a str would be read character by character by spaCy; refuse it
                self.fail(where, f"{type_} takes a list of values, not {value!r}")
            if attr == _MORPH:
                if type_ not in ("IN", "NOT_IN"):
                    return None
                try:
                    members = [add_analysis(strings, v) for v in value]
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
            if (type_ in (">=", "<=", ">", "<") and not regex and fuzzy is None
                    and not isinstance(value, (int, float))):
                # a token attribute is a number (a length, a flag or a string's hash):
                # ordering it against text or a list would fail on every token
                raise MatchPatternTypeError(self.key_name, {self.pattern_idx: [
                    f"[{where}] {type_} compares numbers, not {value!r}. Use a number "
                    f"(e.g. {{\"LENGTH\": {{\">=\": 2}}}}), or IN / REGEX for text."]})
            if isinstance(value, int) and _INT64_MIN <= value <= _INT64_MAX:
                return (CK_CMP, _CMP_OPS[type_], attr, 0, int(value), 0.0, 0, None)
            if isinstance(value, float):
                return (CK_CMP, _CMP_OPS[type_], attr, 0, 0, value, 1, None)
        return None

    def python_predicate(self, type_, attr, value, token_idx, *, is_extension=False,
                         regex=False, fuzzy=None, where=None):
        m = self.m
        where = where or f"{token_idx} -> _ -> {attr} -> {type_}"
        if _predicate_class(type_) is _FuzzyPredicate and not isinstance(value, str):
            # compared by edit distance with each token's text: only text has one
            raise MatchPatternTypeError(self.key_name, {self.pattern_idx: [
                f"[{where}] {type_} takes a string, not {value!r}: "
                f"{{\"{type_}\": \"text\"}}, or {{\"{type_}\": {{\"IN\": [...]}}}}."]})
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
            raise MatchPatternRegexError(self.key_name, {self.pattern_idx: [
                f"[{where}] invalid regular expression {value!r}: {err}"]}, err) from None
        except TypeError as err:
            raise MatchPatternTypeError(self.key_name, {self.pattern_idx: [
                f"[{where}] invalid value {value!r} for {type_}: {err}"]}) from None
        except ValueError as err:
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
        self._pattern_keys = []
        self._key_patterns = {}
        self._live_set = set()
        self._value_verdicts = None

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
        if isinstance(key, bool):
            return int(key)  # spaCy's match ids are attr_t: True is 1
        return self.vocab.strings.add(key) if isinstance(key, str) else key

    def add(self, key, patterns, *, on_match=None, greedy=None):
        """Add patterns under a match id; a second add with the same key appends patterns and
        replaces the callback and greedy filter. greedy: None, "FIRST" or "LONGEST"."""
        if on_match is not None and not callable(on_match):
            raise MatchPatternError(
                f"{Errors.E171.format(arg_type=type(on_match))} (Matcher.add({key!r}): "
                f"on_match is called as on_match(matcher, doc, i, matches).)")
        if patterns is None or not isinstance(patterns, list):
            raise MatchPatternError(
                f"{Errors.E948.format(arg_type=type(patterns))} (Matcher.add({key!r}) takes "
                f"a list of patterns, each a list of token-spec dicts: "
                f"matcher.add(key, [pattern]).)")
        if greedy is not None and greedy not in ("FIRST", "LONGEST"):
            raise MatchPatternError(
                Errors.E947.format(expected=["FIRST", "LONGEST"], arg=greedy))
        errors = {}
        for i, pattern in enumerate(patterns):
            if isinstance(pattern, (list, tuple, dict, str)) and len(pattern) == 0:
                raise MatchPatternError(Errors.E012.format(key=key))
            if not isinstance(pattern, list):
                raise MatchPatternError(
                    f"{Errors.E178.format(pat=pattern, key=key)} (pattern {i} of "
                    f"Matcher.add({key!r}) is a {type(pattern).__name__}, not a list of "
                    f"token-spec dicts.)")
            if self.validate:
                found = validate_token_pattern(pattern)
                if found:
                    errors[i] = found
        if errors:
            raise MatchPatternError(key, errors)
        key_name = key
        key = self._normalize_key(key)
        if not isinstance(key, int):
            raise MatcherTypeError(f"an integer is required: match ids are str or int, not "
                                   f"{type(key_name).__name__} ({key_name!r})")
        if not 0 <= key <= _MASK64:
            raise MatchPatternError(f"[E154] match ids are str or an int from 0 to 2**64-1, "
                                    f"not {key_name!r}")
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
        self._track(compiled)
        self._set_greedy(key)

    def remove(self, key):
        """Remove a rule and all its patterns; MatcherError (a ValueError) if it isn't there."""
        norm = self._normalize_key(key)
        if norm not in self._patterns:
            raise MatcherError(f"{Errors.E175.format(key=key)} (Matcher.remove: no rule with "
                               f"that key; check `key in matcher` first.)")
        self._patterns.pop(norm)
        self._callbacks.pop(norm)
        self._filter.pop(norm, None)
        self._compiled = [entry for entry in self._compiled if entry[0] != norm]
        self.c.clear()
        for entry in self._compiled:
            self._push(entry)
        self._pattern_keys = []
        self._pattern_greedy.clear()
        self._key_patterns = {}
        self._live_set = set()
        self._track(self._compiled)
        for k in self._key_patterns:
            self._set_greedy(k)

    def _push(self, entry):
        key, nodes = entry
        if not nodes:  # every token spec has {0}: a pattern that never matches (as spaCy)
            return
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

    def _track(self, entries):
        """Record what matching reads per new pattern (appended in native order): its key
        object, its rule's patterns, and the predicate columns it uses."""
        before = len(self._live_set)
        for key, nodes in entries:
            if not nodes:
                continue
            self._key_patterns.setdefault(key, []).append(len(self._pattern_keys))
            self._pattern_keys.append(key)
            self._pattern_greedy.push_back(0)
            for _q, checks, _t in nodes:
                for check in checks:
                    if check[0] == CK_PRED:
                        self._live_set.add(check[2])
        self._live_predicates = sorted(self._live_set)
        self._value_verdicts = None

    def _cached_values(self) -> int:
        """How many attribute values have cached predicate verdicts (bounded: see
        MAX_CACHED_VALUES)."""
        if self._value_verdicts is None:
            return 0
        return sum((<_ValueVerdicts>group).row_of.size() for group in self._value_verdicts[0])

    def _set_greedy(self, key):
        """Give every pattern of a rule the rule's current greedy filter."""
        cdef int32_t mode = 0
        g = self._filter.get(key)
        if g == "FIRST":
            mode = 1
        elif g == "LONGEST":
            mode = 2
        for idx in self._key_patterns.get(key, ()):
            self._pattern_greedy[idx] = mode

    def _require_patterns(self):
        if len(self) == 0:
            warnings.warn(Warnings.W036.format(name="matcher"), LexloomWarning)

    def pipe(self, docs, batch_size=1000, return_matches=False, as_tuples=False):
        """Deprecated (as in spaCy v3): match a stream of Docs, yielding them in turn."""
        warnings.warn(Warnings.W105.format(matcher="Matcher"), DeprecationWarning)
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
            offset = (<Span>doclike)._lo()
            length = (<Span>doclike)._hi() - offset
        else:
            raise MatcherError(Errors.E195.format(good="Doc or Span",
                                                  got=type(doclike).__name__))
        if offset < 0 or length < 0 or offset + length > doc.length:
            raise MatcherError(f"The Span [{offset}:{offset + length}] lies outside its Doc "
                               f"of {doc.length} tokens (was the Doc retokenized after the "
                               f"Span was made?).")
        if as_spans:
            with_alignments = False
        if not allow_missing:
            for name, pipe in _ANNOTATION_PIPES:
                if IDS[name] in self._seen_attrs and not doc.has_annotation(name):
                    raise MatcherError(
                        f"{Errors.E155.format(pipe=pipe, attr=name)} (A pattern uses the "
                        f"attribute {name}, which no token of this Doc has; or call the "
                        f"matcher with allow_missing=True.)")
        final = self._find(doc, offset, length, with_alignments)
        if as_spans:
            results = [Span(doc, start + offset, end + offset, label=key)
                       for key, start, end, *_ in final]
        else:
            results = final
        callbacks = self._callbacks
        if any(cb is not None for cb in callbacks.values()):
            for i, match in enumerate(final):
                on_match = callbacks.get(match[0])
                if on_match is not None:
                    on_match(self, doc, i, final)
        return results

    def _find(self, Doc doc, int32_t offset, int32_t length, bint with_alignments):
        """The native search over doc[offset:offset+length], after filling the Python-side
        columns (predicates, extension values) for those tokens."""
        if length <= 0 or self.c.size() == 0:
            return []
        cdef const TokenC* tokens = &doc.c[offset]
        cdef int8_t[:, ::1] pred_view
        cdef uint64_t[:, ::1] ext_view
        cdef const int8_t* pred_ptr = NULL
        cdef const uint64_t* ext_ptr = NULL
        cdef int32_t n_pred = 0, n_ext = 0
        if self._live_predicates:
            n_pred = len(self._extra_predicates)
            pred = numpy.zeros((length, n_pred), dtype=numpy.int8)
            pred_view = pred
            pred_ptr = &pred_view[0, 0]
        if self._extensions:
            n_ext = len(self._extensions)
            ext = numpy.zeros((length, n_ext), dtype=numpy.uint64)
            self._fill_extensions(doc, offset, length, ext)
            ext_view = ext
            ext_ptr = &ext_view[0, 0]
        cdef vector[MatchC] out
        cdef vector[int32_t] aligns
        cdef vector[int64_t] offsets
        cdef int32_t status
        cdef FindError error
        errors = {}
        if self._live_predicates:
            self._fill_predicates(doc, offset, length, pred, errors)
        self.c.prepare()
        # with the GIL, as spaCy: another thread's add / remove would change the patterns
        # under the search (a segfault when released)
        status = self.c.find(tokens, length, pred_ptr, n_pred, ext_ptr, n_ext,
                             with_alignments, out, aligns, offsets, &error)
        if status == -2:
            # a predicate the search reached failed for that token: raise its error now, as
            # spaCy (which evaluates predicates lazily) would
            # (without the traceback of an earlier raise: verdicts are cached across calls)
            raise errors[(error.token, error.column)].with_traceback(None)
        if status < 0:
            raise MatcherError("internal error: the native matcher rejected its arguments")
        cdef vector[int64_t] order
        if greedy_order(out.data(), out.size(), self._pattern_greedy.data(),
                        self._pattern_greedy.size(), length, order) < 0:
            raise MatcherError("internal error: the native matcher returned a match outside "
                               "the Doc")
        cdef size_t k
        cdef int64_t a, j
        cdef MatchC mc
        keys = self._pattern_keys
        result = []
        if with_alignments:
            for k in range(order.size()):
                j = order[k]
                mc = out[j]
                al = [aligns[a] for a in range(offsets[j], offsets[j + 1])]
                result.append((keys[mc.pattern], mc.start, mc.start + mc.length, al))
        else:
            # one int object per offset, shared by every match (most of the cost at millions
            # of matches is allocating Python objects)
            offsets_obj = list(range(length + 1))
            result = [None] * order.size()
            for k in range(order.size()):
                mc = out[order[k]]
                result[k] = (keys[mc.pattern], offsets_obj[mc.start],
                             offsets_obj[mc.start + mc.length])
        return result

    def _fill_predicates(self, Doc doc, int32_t offset, int32_t length, pred, errors):
        """Fill the predicate matrix; a predicate that raises for a token gets PRED_ERROR
        there and its exception is kept in errors[(token, column)], raised only if the search
        needs it. Predicates on token attributes read verdicts cached per attribute value
        (_ValueVerdicts); extension predicates run per token."""
        if self._value_verdicts is None:
            self._value_verdicts = _group_by_attr(self._extra_predicates, self._live_predicates)
        by_attr, extension_columns = self._value_verdicts
        cdef int8_t[:, ::1] view = pred
        cdef _ValueVerdicts group
        strings = doc.vocab.strings
        for group in by_attr:
            group.fill(&doc.c[offset], length, &view[0, 0], view.shape[1], strings, errors)
        if not extension_columns:
            return
        tokens = [doc[offset + i] for i in range(length)]
        for index in extension_columns:
            p = self._extra_predicates[index]
            verdicts = []
            for i, t in enumerate(tokens):
                try:
                    verdicts.append(_verdict(p.test(t._.get(p.attr), strings)))
                except Exception as err:  # kept and re-raised if the search needs it
                    errors[(i, index)] = err
                    verdicts.append(PRED_ERROR)
            pred[:, index] = verdicts

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
                elif isinstance(value, float) and 0 <= value < 2.0 ** 64:
                    value = int(value)  # spaCy reads it as an attr_t (truncated)
                else:
                    raise MatcherTypeError(
                        f"an integer is required: token extension '_.{name}' of token {i} has "
                        f"the value {value!r}; a "
                        f"pattern compares it with a str, bool or int, so it must be one of "
                        f"those (set a default with Token.set_extension('{name}', default=...)).")
                ext[i, index] = value


def _group_by_attr(predicates, live):
    """([_ValueVerdicts per token attribute], [extension predicate columns]) for the live
    predicate columns."""
    by_attr = {}
    extension_columns = []
    for index in live:
        p = predicates[index]
        if p.is_extension:
            extension_columns.append(index)
        else:
            by_attr.setdefault(p.attr, []).append((index, p))
    return [_ValueVerdicts(attr, group) for attr, group in by_attr.items()], extension_columns


# Attribute values whose predicate verdicts a matcher keeps (per attribute); a bound, so that
# memory stays flat over a stream of new words (issue 16, memory over long streams).
cdef size_t MAX_CACHED_VALUES = 1 << 16


cdef class _ValueVerdicts:
    """The verdicts of every Python predicate (REGEX, FUZZY, MORPH sets...) on one token
    attribute, computed once per attribute value and kept across calls: a Doc pays Python
    only for the values this matcher hasn't seen yet, the rest is a native table lookup.
    A value on which a predicate raised is not kept: the failure may depend on the Doc (an id
    its StringStore lacks), and the next Doc must be judged afresh."""
    cdef uint64_t attr
    cdef list predicates
    cdef vector[int32_t] columns
    cdef unordered_map[uint64_t, int32_t] row_of
    cdef vector[int8_t] verdicts  # one row of len(columns) verdicts per value seen
    cdef dict failures            # (row, k) -> the exception predicate k raised for that value

    def __init__(self, attr, predicates):
        self.attr = attr
        self.predicates = [p for _, p in predicates]
        for column, _ in predicates:
            self.columns.push_back(column)
        self.failures = {}

    cdef int32_t _add_row(self, uint64_t value, strings) except -1:
        # The predicates run (Python, where another thread sharing this matcher may add rows
        # of its own) before the row's place is taken; from there on no Python runs, so the
        # row is appended whole.
        verdicts = []
        failures = {}
        for k, p in enumerate(self.predicates):
            try:
                verdicts.append(_verdict(p.test(value, strings)))
            except Exception as err:  # kept and re-raised if the search needs it
                failures[k] = err.with_traceback(None)  # keeps no frames alive
                verdicts.append(PRED_ERROR)
        cdef int32_t row = self.verdicts.size() // self.columns.size()
        for verdict in verdicts:
            self.verdicts.push_back(verdict)
        for k, err in failures.items():
            self.failures[(row, k)] = err
        if not failures:
            self.row_of[value] = row
        return row

    cdef int fill(self, const TokenC* tokens, int32_t n, int8_t* pred, Py_ssize_t n_pred,
                  strings, dict errors) except -1:
        cdef size_t n_cols = self.columns.size()
        cdef int32_t i, row
        cdef size_t k
        cdef uint64_t value
        cdef unordered_map[uint64_t, int32_t].iterator found
        if self.verdicts.size() // n_cols + n > MAX_CACHED_VALUES:
            # a stream of new words would grow the table without end: start again (each
            # value's verdicts are recomputed once)
            self.row_of.clear()
            self.verdicts.clear()
            self.failures.clear()
        for i in range(n):
            value = matcher_token_attr(&tokens[i], self.attr)
            found = self.row_of.find(value)
            if found != self.row_of.end():
                row = deref(found).second
            else:
                row = self._add_row(value, strings)
            # read at once: a row is valid until the next Python call (another thread's
            # fill may start the table again)
            for k in range(n_cols):
                pred[i * n_pred + self.columns[k]] = self.verdicts[row * n_cols + k]
            if self.failures:
                for k in range(n_cols):
                    err = self.failures.get((row, k))
                    if err is not None:
                        errors[(i, self.columns[k])] = err
        return 0


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
