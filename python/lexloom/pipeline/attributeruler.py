"""The attribute ruler: token attributes (POS, TAG, MORPH, LEMMA, NORM, ENT_*, ...) set on
the tokens that Matcher patterns match, for tag maps, morph rules and exceptions.

Rules apply in the order they were added (a later rule overwrites an earlier one), each to
the token at its `index` within the matched span. The Matcher finds the matches natively;
the attribute writes for a Doc are one native call.
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import numpy
import srsly

from ..attrs import ATTR_NAMES, ENT_IOB, HEAD, MORPH, POS, POS_IDS, intify_attr
from ..errors import AttributeRulerError, DeserializationError, LexloomWarning, Warnings
from ..morphology import normalize_features
from ..registry import register
from ..scorer import Scorer, morph_key_getter
from ..strings import StringStore, get_string_id
from ._rule_ops import RuleAttrs
from .pipe import Pipe, keeps_methods, register_factory
from .ruler_patterns import missing_patterns_file, replace_patterns

_IOB_STRINGS = ("", "I", "O", "B")

# The shapes of the rules the ruler takes, for type hints in code written against spaCy's
MatcherPatternType = list[dict[int | str, Any]]
AttributeRulerPatternType = dict[str, list[MatcherPatternType] | MatcherPatternType | dict | int]
TagMapType = dict[str, dict[int | str, int | str]]
MorphRulesType = dict[str, dict[str, dict[int | str, int | str]]]


def attribute_ruler_score(examples: Iterable, **kwargs) -> dict[str, Any]:
    results: dict[str, Any] = {}
    results.update(Scorer.score_token_attr(examples, "tag", **kwargs))
    results.update(Scorer.score_token_attr(examples, "pos", **kwargs))
    results.update(Scorer.score_token_attr(examples, "morph", getter=morph_key_getter, **kwargs))
    results.update(Scorer.score_token_attr_per_feat(examples, "morph", getter=morph_key_getter,
                                                    **kwargs))
    results.update(Scorer.score_token_attr(examples, "lemma", **kwargs))
    return results


@register("scorers", "lexloom.attribute_ruler_scorer.v1", "spacy.attribute_ruler_scorer.v1")
def make_attribute_ruler_scorer() -> Callable:
    return attribute_ruler_score


def _is_symbol(key) -> bool:
    """Whether a tag-map key names a token attribute/symbol (kept as an attribute) rather
    than a morphological feature such as "Number"."""
    if isinstance(key, str):
        return key in ("", "_") or 0 < get_string_id(key) < StringStore.n_symbols()
    return isinstance(key, int) and 0 <= key < StringStore.n_symbols()


def _split_morph_attrs(attrs: dict) -> tuple[dict, dict]:
    """Tag-map / morph-rule entries -> (token attributes such as POS and LEMMA, the
    remaining entries, which are morphological features)."""
    other, morph = {}, {}
    for key, value in attrs.items():
        (other if _is_symbol(key) else morph)[key] = value
    return other, morph


class AttributeRuler(Pipe):
    """Sets token attributes on tokens matched by Matcher patterns (spaCy's AttributeRuler)."""

    def __init__(self, vocab, name: str = "attribute_ruler", *, validate: bool = False,
                 scorer: Optional[Callable] = attribute_ruler_score) -> None:
        self.name = name
        self.vocab = vocab
        self.validate = validate
        self.scorer = scorer
        self.clear()

    def clear(self) -> None:
        """Remove every rule."""
        from ..matcher import Matcher

        self.matcher = Matcher(self.vocab, validate=self.validate)
        self.attrs: list[dict] = []
        self._attrs_unnormed: list[dict] = []
        self.indices: list[int] = []
        self._tables = None

    def initialize(self, get_examples: Optional[Callable[[], Iterable]] = None, *, nlp=None,
                   patterns: Optional[Iterable[dict]] = None, tag_map: Optional[dict] = None,
                   morph_rules: Optional[dict] = None) -> None:
        """Replace the rules with `patterns` (dicts of add()'s arguments), a tag map and/or
        morph rules (the spaCy v2 formats)."""
        self.clear()
        if patterns:
            self.add_patterns(patterns)
        if tag_map:
            self.load_from_tag_map(tag_map)
        if morph_rules:
            self.load_from_morph_rules(morph_rules)

    def __call__(self, doc):
        try:
            if keeps_methods(self, AttributeRuler, "match", "set_annotations"):
                self._apply(doc, self._find(doc))
            else:   # a subclass's hooks, run as spaCy's __call__ runs them
                self.set_annotations(doc, self.match(doc))
        except Exception as e:
            self.get_error_handler()(self.name, self, [doc], e)
        return doc

    # ---- matching ----------------------------------------------------------------------

    def _find(self, doc) -> list[tuple[int, int, int]]:
        """(rule, start, end) for every match, in writing order: by rule, then position."""
        if not self.attrs:   # as spaCy's matcher says when called without patterns
            warnings.warn(Warnings.W036.format(name="matcher"), LexloomWarning, stacklevel=4)
            return []
        if not len(doc):
            return []
        found = self.matcher(doc, allow_missing=True, as_spans=False)
        if not found:
            return []
        tables = self._tables if self._tables is not None else self._build_tables()
        rule_of = tables["rule_of"]
        return sorted([(rule_of[key], start, end) for key, start, end in found])

    def match(self, doc) -> list[tuple[int, int, int, int]]:
        """(rule number, match id, start, end) for every match, in the order rules apply."""
        strings = self.vocab.strings
        return [(rule, strings.add(str(rule)), start, end) for rule, start, end in self._find(doc)]

    def set_annotations(self, doc, matches) -> None:
        """Write the attributes of `matches` (as match() returns them) to the Doc."""
        self._apply(doc, [(m[0], m[2], m[3]) for m in matches])

    def _apply(self, doc, rows: list) -> None:
        if not rows:
            return
        t = self._tables if self._tables is not None else self._build_tables()
        failed = t["native"].apply(doc, rows)
        if failed >= 0:
            rule, start, end = rows[failed]
            raise AttributeRulerError(
                f"[E1001] Index {self.indices[rule]} of attribute_ruler rule {rule} (patterns "
                f"{self.matcher.get(str(rule))[1]}) is out of range for the matched span "
                f"{[tok.text for tok in doc[start:end]]}. Use an index from {-(end - start)} to "
                f"{end - start - 1}, or patterns that match longer spans.")
        if t["extension_rules"]:
            self._apply_extensions(doc, rows, t["extension_rules"])

    def _apply_extensions(self, doc, rows: list, rules: set) -> None:
        for rule, start, end in rows:
            if rule in rules:
                token = doc[start:end][self.indices[rule]]
                for name, value in self.attrs[rule]["_"].items():
                    token._.set(name, value)

    def _build_tables(self) -> dict:
        """The rules as flat arrays for the native writer."""
        strings = self.vocab.strings
        rule_of = {strings[str(i)]: i for i in range(len(self.attrs))}
        offsets = [0]
        ids: list[int] = []
        values: list[int] = []
        extension_rules = set()
        for i, attrs in enumerate(self.attrs):
            for key, value in attrs.items():
                if key == "_":
                    extension_rules.add(i)
                    continue
                ids.append(key)
                values.append(value)
            offsets.append(len(ids))
        self._tables = {
            "rule_of": rule_of,
            "native": RuleAttrs(self.indices, offsets, ids, values),
            "extension_rules": extension_rules,
        }
        return self._tables

    # ---- adding rules ------------------------------------------------------------------

    def load_from_tag_map(self, tag_map: dict) -> None:
        """One rule per tag: [{"TAG": tag}] sets the tag's POS and other attributes, and its
        remaining entries as MORPH features."""
        for tag, attrs in tag_map.items():
            attrs, morph_attrs = _split_morph_attrs(attrs)
            attrs["MORPH"] = self._morph_string(attrs.get("MORPH", morph_attrs))
            self.add([[{"TAG": tag}]], attrs)

    def load_from_morph_rules(self, morph_rules: dict) -> None:
        """One rule per (tag, word): [{"ORTH": word, "TAG": tag}] sets its attributes and
        MORPH features."""
        for tag, words in morph_rules.items():
            for word, attrs in words.items():
                attrs, morph_attrs = _split_morph_attrs(attrs)
                if "MORPH" in attrs:
                    attrs["MORPH"] = self._morph_string(attrs["MORPH"])
                elif morph_attrs:
                    attrs["MORPH"] = self._morph_string(morph_attrs)
                self.add([[{"ORTH": word, "TAG": tag}]], attrs)

    def _morph_string(self, features) -> str:
        if isinstance(features, int):
            features = self.vocab.strings[features]
        return normalize_features(features if features != "" else "_")

    def add(self, patterns: Iterable[list], attrs: dict, index: int = 0) -> None:
        """Set `attrs` on the token at `index` (negative counts from the end) of every span
        that one of `patterns` (Matcher patterns) matches."""
        if not isinstance(attrs, dict):
            raise AttributeRulerError(f"attribute_ruler attrs must be a dict such as "
                                      f"{{'POS': 'NOUN'}}, not {type(attrs).__name__}.")
        if isinstance(index, bool) or not isinstance(index, (int, numpy.integer)):
            raise AttributeRulerError(f"attribute_ruler index must be an int, not {index!r}.")
        if not isinstance(patterns, list):   # spaCy's Matcher.add refuses a tuple too
            raise AttributeRulerError(f"[E948] attribute_ruler patterns must be a list of Matcher "
                                      f"patterns (lists of token dicts), not {patterns!r:.80}.")
        normed = self._normalize_attrs(attrs)
        key = str(len(self.attrs))
        self.matcher.add(self.vocab.strings.add(key), list(patterns))
        self._attrs_unnormed.append(attrs)
        self.attrs.append(normed)
        self.indices.append(int(index))
        self._tables = None

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """add(**p) for each dict p with keys "patterns", "attrs" and optionally "index"."""
        for i, p in enumerate(patterns):
            if not isinstance(p, dict) or "patterns" not in p or "attrs" not in p:
                raise AttributeRulerError(
                    f"attribute_ruler pattern {i} must be a dict with keys 'patterns', 'attrs' "
                    f"and optionally 'index', not {p!r}.")
            self.add(**p)

    def remove(self, key: str) -> None:
        """Remove rule `key` ("0", "1", ... as in the patterns list); the rules after it keep
        their numbers' order."""
        patterns = self.patterns
        if not isinstance(key, str) or not key.isdigit() or int(key) >= len(patterns):
            raise AttributeRulerError(f"attribute_ruler has no rule {key!r}; rules are "
                                      f"'0'..'{len(patterns) - 1}'.")
        del patterns[int(key)]
        self.clear()
        self.add_patterns(patterns)

    def _normalize_attrs(self, attrs: dict) -> dict:
        """Attribute names -> ids, string values -> string ids, MORPH normalised."""
        strings = self.vocab.strings
        out: dict = {}
        for name, value in attrs.items():
            if name == "_":
                out["_"] = self._check_extensions(value)
                continue
            if isinstance(name, str) and name.upper() == "IS_SENT_START":
                continue   # spaCy's token setter ignores this flag id; SENT_START sets it
            try:
                attr = intify_attr(name)
            except KeyError:   # spaCy skips these too; a pipeline that has them still loads
                warnings.warn(LexloomWarning(
                    f"attribute_ruler attrs name the unknown attribute {name!r}, which is "
                    "ignored. Use token attributes such as 'POS', 'TAG', 'MORPH', 'LEMMA', "
                    "'NORM', 'ENT_TYPE', or '_' for extensions."), stacklevel=3)
                continue
            if attr == HEAD:
                warnings.warn(LexloomWarning(
                    "attribute_ruler doesn't set HEAD, which is ignored: a head written "
                    "without its subtree's bookkeeping would leave the parse inconsistent. "
                    "Set heads with a parser or Doc(heads=..., deps=...); the ruler can set "
                    "DEP."), stacklevel=3)
                continue
            if attr == ENT_IOB:
                if isinstance(value, str):
                    if value not in _IOB_STRINGS:
                        raise AttributeRulerError(f"[E1025] ENT_IOB value {value!r} is not one "
                                                  f"of {_IOB_STRINGS}.")
                    value = _IOB_STRINGS.index(value)
                elif value not in range(4):
                    raise AttributeRulerError(f"ENT_IOB value {value!r} is not 0-3 "
                                              "(missing, I, O, B).")
            if attr == POS and value not in POS_IDS and value not in POS_IDS.values():
                raise AttributeRulerError(
                    f"POS value {value!r} is not a universal POS tag; use one of "
                    f"{', '.join(k for k in POS_IDS if k)}.")
            if attr == MORPH:
                value = self._morph_string(value)
            if isinstance(value, str):
                value = strings.add(value)
            elif isinstance(value, (bool, numpy.bool_)):
                value = int(value)
            elif not isinstance(value, (int, numpy.integer)):
                raise AttributeRulerError(
                    f"attribute_ruler value for {ATTR_NAMES.get(attr, name)} must be a string or "
                    f"an int, not {type(value).__name__}.")
            out[attr] = int(value)
        return out

    def _check_extensions(self, extensions) -> dict:
        from ..tokens import Token

        if not isinstance(extensions, dict):
            raise AttributeRulerError(f"attrs['_'] must be a dict of extension names to "
                                      f"values, not {extensions!r}.")
        for name in extensions:
            if not Token.has_extension(name):
                raise AttributeRulerError(
                    f"[E118] attrs['_'] sets the extension {name!r}, which isn't registered. Add it "
                    f"first: Token.set_extension({name!r}, default=None).")
        return dict(extensions)

    @property
    def patterns(self) -> list[dict]:
        """Every rule as a dict of add()'s arguments, in order."""
        return [{"patterns": self.matcher.get(str(i))[1], "attrs": self._attrs_unnormed[i],
                 "index": self.indices[i]} for i in range(len(self.attrs))]

    # ---- serialisation: vocab/ and the msgpack file `patterns`, as spaCy -------------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        msg = {}
        if "vocab" not in exclude:
            msg["vocab"] = self.vocab.to_bytes(exclude=exclude)
        if "patterns" not in exclude:
            msg["patterns"] = srsly.msgpack_dumps(self.patterns)
        return srsly.msgpack_dumps(msg)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "AttributeRuler":
        msg = _unpack(bytes_data, "AttributeRuler bytes")
        if not isinstance(msg, dict):
            raise DeserializationError("AttributeRuler bytes don't hold an attribute ruler; "
                                       "write them with AttributeRuler.to_bytes.")
        if "vocab" not in exclude and "vocab" in msg:
            self.vocab.from_bytes(msg["vocab"], exclude=exclude)
        if "patterns" not in exclude and "patterns" in msg:
            # in place of the ruler's rules, as from_disk
            replace_patterns(self, _unpack(msg["patterns"], "AttributeRuler patterns"))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if "vocab" not in exclude:
            self.vocab.to_disk(path / "vocab", exclude=exclude)
        if "patterns" not in exclude:
            srsly.write_msgpack(path / "patterns", self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "AttributeRuler":
        path = Path(path)
        if "vocab" not in exclude and (path / "vocab").exists():
            self.vocab.from_disk(path / "vocab", exclude=exclude)
        if "patterns" not in exclude:
            file = path / "patterns"
            if not file.is_file():
                raise missing_patterns_file(self.name, file)
            # in place of the ruler's rules (spaCy adds to them: each in-place
            # nlp.from_bytes(nlp.to_bytes()) doubled them); a failed load keeps them
            replace_patterns(self, _unpack(file.read_bytes(), f"The file {file}"))
        return self


def _unpack(data: bytes, where: str) -> Any:
    try:
        return srsly.msgpack_loads(data)
    except (ValueError, TypeError, srsly.msgpack.exceptions.UnpackException) as e:
        raise DeserializationError(f"{where} are truncated or not msgpack "
                                   f"({type(e).__name__}: {e}).") from None


@register_factory(
    "attribute_ruler",
    default_config={"validate": False,
                    "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_attribute_ruler(nlp, name: str, validate: bool,
                         scorer: Optional[Callable]) -> AttributeRuler:
    return AttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)
