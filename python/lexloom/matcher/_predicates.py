"""The matcher's predicates that run in Python: REGEX, FUZZY, MORPH feature sets, and any
predicate on a `_` extension. Each is one column of the bool matrix the native search reads;
test(value) gives True / False / None (None: no verdict, the token passes)."""
from __future__ import annotations

import re

from ..attrs import IDS
from ..morphology import MorphAnalysis, add_analysis

_CMP_OPS = {"==": 0, "!=": 1, ">=": 2, "<=": 3, ">": 4, "<": 5}
_SET_OPS = ("IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS")
_FUZZY_OPS = ("FUZZY",) + tuple(f"FUZZY{i}" for i in range(1, 10))
_PREDICATE_TYPES = ("REGEX",) + _SET_OPS + tuple(_CMP_OPS) + _FUZZY_OPS
_MORPH = IDS["MORPH"]


def _string_id(strings, value):
    """spaCy's get_string_id: the hash of a str (symbols keep their ids), an int as is."""
    if isinstance(value, str):
        return strings[value]
    return int(value)


class _Predicate:
    """One predicate column: test(value) -> True / False / None (None: no verdict, passes).

    For token attributes `value` is the attribute's id, so the matcher caches verdicts per
    id (matcher.pyx, _ValueVerdicts). Ids are read through `strings`, the Doc's StringStore as
    in spaCy (token.vocab.strings), which may be another vocab's than the matcher's."""

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

    def __call__(self, token):
        if self.is_extension:
            return self.test(token._.get(self.attr), token.vocab.strings)
        from .matcher import _token_attr

        return self.test(_token_attr(token, self.attr), token.vocab.strings)

    def _text(self, value, strings):
        if self.is_extension:
            return value
        if strings is None:
            strings = self.vocab.strings
        if value not in strings:
            # HEAD, LENGTH, flags...: numbers, not string ids, so there is no text to compare
            from ..errors import MatcherError

            name = next((k for k, v in IDS.items() if v == self.attr), self.attr)
            raise MatcherError(
                f"{self.predicate} compares text, but a token's {name} is the number {value}, "
                "not a string. Use REGEX / FUZZY on text attributes (TEXT, LOWER, NORM, LEMMA, "
                "TAG, DEP, ENT_TYPE...).")
        return strings[value]


class _RegexPredicate(_Predicate):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.value = re.compile(self.raw_value)

    def test(self, value, strings=None):
        return bool(self.value.search(self._text(value, strings)))


class _FuzzyPredicate(_Predicate):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.value = self.raw_value
        digits = self.predicate[len("FUZZY"):]
        self.fuzzy = int(digits) if digits else -1

    def test(self, value, strings=None):
        value = self._text(value, strings)
        if self.value == value:
            return True
        return self.fuzzy_compare(value, self.value, self.fuzzy)


class _SetPredicate(_Predicate):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        strings = self.vocab.strings
        if self.attr == _MORPH and not self.is_extension:
            self.value = set(add_analysis(strings, v) for v in self.raw_value)
        elif self.regex:
            self.value = set(re.compile(v) for v in self.raw_value)
        elif self.fuzzy is not None:
            self.value = set(strings.add(v) for v in self.raw_value)
        else:
            self.value = set(_string_id(strings, v) for v in self.raw_value)

    def test(self, value, strings=None):
        strings = self.vocab.strings if strings is None else strings
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

    def test(self, value, strings=None):
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
