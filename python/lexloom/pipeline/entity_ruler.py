"""entity_ruler: named entities from token patterns (Matcher) and phrase patterns
(PhraseMatcher), as spaCy 3.8's EntityRuler (spacy.pipeline.entityruler).

A pattern's "id" becomes the entity's ent_id_: the pattern is stored under the match key
"LABEL{ent_id_sep}ID" and split back when the entity is made. On overlap the longest match
wins, then the earliest; entities already on the Doc are kept unless overwrite_ents.
The matching is native (one call per matcher per Doc); this module decides what to keep.
"""
from __future__ import annotations

import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy

from ..errors import DeserializationError, LexloomWarning, UnknownPatternError, Warnings
from ..matcher.levenshtein import levenshtein_compare
from ..registry import register
from ..scorer import get_ner_prf
from ..tokens import Doc, Span
from .pipe import Pipe, register_factory
from .ruler_patterns import check_entries, phrase_docs, read_jsonl, write_jsonl

DEFAULT_ENT_ID_SEP = "||"
PatternType = Dict[str, Union[str, List[Dict[str, Any]]]]


def entity_ruler_score(examples: Iterable, **kwargs) -> Dict[str, Any]:
    return get_ner_prf(examples)


@register("scorers", "lexloom.entity_ruler_scorer.v1", "spacy.entity_ruler_scorer.v1")
def make_entity_ruler_scorer() -> Callable:
    return entity_ruler_score


class EntityRuler(Pipe):
    """Adds entities to doc.ents from token and phrase patterns."""

    def __init__(
        self,
        nlp,
        name: str = "entity_ruler",
        *,
        phrase_matcher_attr: Optional[Union[int, str]] = None,
        matcher_fuzzy_compare: Callable = levenshtein_compare,
        validate: bool = False,
        overwrite_ents: bool = False,
        ent_id_sep: str = DEFAULT_ENT_ID_SEP,
        patterns: Optional[List[PatternType]] = None,
        scorer: Optional[Callable] = entity_ruler_score,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.overwrite = overwrite_ents
        self._validate = validate
        self.matcher_fuzzy_compare = matcher_fuzzy_compare
        self.phrase_matcher_attr = phrase_matcher_attr
        self.ent_id_sep = ent_id_sep
        self.scorer = scorer
        self.clear()
        if patterns is not None:
            self.add_patterns(patterns)

    def __len__(self) -> int:
        """The number of patterns."""
        return (sum(len(p) for p in self.token_patterns.values())
                + sum(len(p) for p in self.phrase_patterns.values()))

    def __contains__(self, label: str) -> bool:
        """Whether `label` is a match key: a label, or "LABEL{ent_id_sep}ID" for patterns with
        an id (as in spaCy)."""
        return label in self.token_patterns or label in self.phrase_patterns

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            matches = self.match(doc)
            self.set_annotations(doc, matches)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def match(self, doc: Doc) -> List[Tuple[int, int, int]]:
        """Distinct non-empty (match_id, start, end), longest first, then earliest. Ties
        keep the order of a set built from the Matcher's then the PhraseMatcher's matches,
        as spaCy's does, so the same pattern wins."""
        self._require_patterns()
        matches: list = []
        for matcher in (self.matcher, self.phrase_matcher):
            if len(matcher):
                matches.extend(matcher(doc))
        final = set([(m_id, start, end) for m_id, start, end in matches if start != end])
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def set_annotations(self, doc: Doc, matches: List[Tuple[int, int, int]]) -> None:
        """Add the matches to doc.ents: a match over a token that already has an entity type
        is skipped (unless overwrite_ents, which drops the entities it overlaps), and a match
        that overlaps a longer or earlier kept match is skipped."""
        entities = list(doc.ents)
        typed = None  # typed[i]: how many of the first i tokens have an entity type
        if not self.overwrite and matches and entities:
            typed = numpy.concatenate(
                ([0], numpy.cumsum(doc.to_array("ENT_TYPE") != 0))).tolist()
        new_entities = []
        taken = bytearray(len(doc))
        for match_id, start, end in matches:
            if typed is not None and typed[end] != typed[start]:
                continue
            # only the ends are tested: a kept match is never shorter than this one
            if taken[start] or taken[end - 1]:
                continue
            pair = self._ent_ids.get(match_id)
            if pair is not None:
                span = Span(doc, start, end, label=pair[0], span_id=pair[1])
            else:
                span = Span(doc, start, end, label=match_id)
            new_entities.append(span)
            if self.overwrite:
                entities = [e for e in entities if not (e.start < end and e.end > start)]
            taken[start:end] = b"\x01" * (end - start)
        doc.ents = entities + new_entities

    @property
    def labels(self) -> Tuple[str, ...]:
        """The patterns' entity labels (ids split off), sorted."""
        keys = set(self.token_patterns) | set(self.phrase_patterns)
        return tuple(sorted({self._split_label(key)[0] for key in keys}))

    @property
    def ent_ids(self) -> Tuple[Optional[str], ...]:
        """The patterns' ids, sorted."""
        keys = set(self.token_patterns) | set(self.phrase_patterns)
        return tuple(sorted({self._split_label(key)[1] for key in keys
                             if self.ent_id_sep in key}))

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp=None,
                   patterns: Optional[Sequence[PatternType]] = None) -> None:
        """Replace the patterns by `patterns` (e.g. from [initialize.components.NAME])."""
        self.clear()
        if patterns:
            self.add_patterns(patterns)

    @property
    def patterns(self) -> List[PatternType]:
        """The patterns as dicts: token patterns then phrase patterns, by match key in the
        order keys were first added (the order spaCy writes them to patterns.jsonl)."""
        out: list = []
        for table, as_value in ((self.token_patterns, lambda p: p),
                                (self.phrase_patterns, lambda p: p.text)):
            for key, patterns in table.items():
                label, ent_id = self._split_label(key)
                for pattern in patterns:
                    entry: dict = {"label": label, "pattern": as_value(pattern)}
                    if ent_id:
                        entry["id"] = ent_id
                    out.append(entry)
        return out

    def add_patterns(self, patterns: List[PatternType]) -> None:
        """Add {"label", "pattern"[, "id"]} dicts; a str pattern is a phrase, a list of token
        dicts a token pattern. Token patterns are added before phrase patterns, as spaCy does."""
        entries = check_entries(patterns, self.name)
        token_entries = [e for e in entries if isinstance(e["pattern"], list)]
        phrase_entries = [e for e in entries if isinstance(e["pattern"], str)]
        docs = phrase_docs(self.nlp, self, [e["pattern"] for e in phrase_entries],
                           self.phrase_matcher_attr)
        strings = self.nlp.vocab.strings
        for entry in token_entries:
            key = self._key(entry, entry.get("id") is not None, strings)
            self.matcher.add(key, [entry["pattern"]])  # first: it may reject the pattern
            self.token_patterns[key].append(entry["pattern"])
        for entry, doc in zip(phrase_entries, docs):
            key = self._key(entry, bool(entry.get("id")), strings)
            self.phrase_patterns[key].append(doc)
            self.phrase_matcher.add(key, [doc])

    def _key(self, entry: dict, has_id: bool, strings) -> str:
        """The match key of an entry; an entry with an id also maps the key's hash to
        (label, id). (spaCy treats an empty id as an id for token patterns, not phrases.)"""
        label = entry["label"]
        if not has_id:
            return label
        key = self._create_label(label, entry["id"])
        self._ent_ids[strings.add(key)] = (label, entry["id"])
        return key

    def clear(self) -> None:
        """Remove every pattern."""
        from ..matcher import Matcher, PhraseMatcher

        self.token_patterns: Dict[str, list] = defaultdict(list)
        self.phrase_patterns: Dict[str, list] = defaultdict(list)
        self._ent_ids: Dict[int, Tuple[str, str]] = {}
        self.matcher = Matcher(self.nlp.vocab, validate=self._validate,
                               fuzzy_compare=self.matcher_fuzzy_compare)
        self.phrase_matcher = PhraseMatcher(self.nlp.vocab, attr=self.phrase_matcher_attr,
                                            validate=self._validate)

    def remove(self, ent_id: str) -> None:
        """Remove every pattern whose id is `ent_id`."""
        keys = [self._create_label(label, eid) for label, eid in self._ent_ids.values()
                if eid == ent_id]
        if not keys:
            raise UnknownPatternError(
                f"[E1024] No pattern with id {ent_id!r} in '{self.name}'; remove() takes a pattern's "
                f"id. Its ids: {', '.join(self.ent_ids) or '(none)'}.")
        strings = self.nlp.vocab.strings
        for key in keys:
            self.phrase_patterns.pop(key, None)
            self.token_patterns.pop(key, None)
            if key in self.phrase_matcher:
                self.phrase_matcher.remove(key)
            if key in self.matcher:
                self.matcher.remove(key)
            self._ent_ids.pop(strings.add(key), None)

    def _require_patterns(self) -> None:
        if not self.token_patterns and not self.phrase_patterns:  # len() walks every pattern
            warnings.warn(Warnings.W036.format(name=self.name), LexloomWarning, stacklevel=3)

    def _split_label(self, label: str) -> Tuple[str, Optional[str]]:
        """(label, id) from a match key "LABEL{sep}ID"; (label, None) without the separator."""
        if self.ent_id_sep in label:
            ent_label, ent_id = label.rsplit(self.ent_id_sep, 1)
            return ent_label, ent_id
        return label, None

    def _create_label(self, label: Any, ent_id: Any) -> str:
        """The match key of a label and an id."""
        if isinstance(ent_id, str):
            return f"{label}{self.ent_id_sep}{ent_id}"
        return label

    # ---- saving ----------------------------------------------------------------------
    # bytes: msgpack {"overwrite", "ent_id_sep", "phrase_matcher_attr", "patterns"} (or a
    # bare list of patterns); disk: a folder with patterns.jsonl + cfg, or one .jsonl file.

    def _cfg(self) -> dict:
        return {"overwrite": self.overwrite, "phrase_matcher_attr": self.phrase_matcher_attr,
                "ent_id_sep": self.ent_id_sep}

    def _apply_cfg(self, cfg: dict) -> None:
        """Settings saved with the patterns replace the constructor's, before patterns load
        (spaCy 3.8 applies them after, losing the phrase patterns of from_bytes)."""
        from ..matcher import PhraseMatcher

        self.overwrite = cfg.get("overwrite", False)
        self.phrase_matcher_attr = cfg.get("phrase_matcher_attr")
        self.ent_id_sep = cfg.get("ent_id_sep", DEFAULT_ENT_ID_SEP)
        self.phrase_matcher = PhraseMatcher(self.nlp.vocab, attr=self.phrase_matcher_attr,
                                            validate=self._validate)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        import srsly

        return srsly.msgpack_dumps({**self._cfg(), "patterns": self.patterns})

    def from_bytes(self, patterns_bytes: bytes, *,
                   exclude: Iterable[str] = ()) -> "EntityRuler":
        import srsly

        try:
            cfg = srsly.msgpack_loads(patterns_bytes)
        except (ValueError, TypeError) as e:
            raise DeserializationError(f"'{self.name}'.from_bytes: the data is not a "
                                       f"serialised entity_ruler ({e}).") from None
        self.clear()
        if isinstance(cfg, dict):
            self._apply_cfg(cfg)
            self.add_patterns(cfg.get("patterns", []))
        else:
            self.add_patterns(cfg)
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        """A folder with patterns.jsonl and cfg, or only the patterns if `path` ends in .jsonl."""
        import srsly

        path = Path(path)
        if path.suffix == ".jsonl":
            path.parent.mkdir(parents=True, exist_ok=True)
            write_jsonl(path, self.patterns)
            return
        path.mkdir(parents=True, exist_ok=True)
        write_jsonl(path / "patterns.jsonl", self.patterns)
        srsly.write_json(path / "cfg", self._cfg())

    def from_disk(self, path: Union[str, Path], *,
                  exclude: Iterable[str] = ()) -> "EntityRuler":
        """Patterns from a .jsonl file, from PATH.jsonl beside `path`, or from a folder
        written by to_disk (patterns.jsonl and, optionally, cfg)."""
        from ..line_reader import read_json
        from .ruler_patterns import replace_patterns

        path = Path(path)  # everything is read before the ruler changes: nothing lost
        beside = path.with_suffix(".jsonl")
        if path.suffix == ".jsonl":
            if not path.is_file():
                raise DeserializationError(f"'{self.name}'.from_disk: the patterns file {path} "
                                           "doesn't exist.")
            replace_patterns(self, read_jsonl(path))
        elif beside.is_file():
            replace_patterns(self, read_jsonl(beside))
        elif path.is_dir():
            cfg_path = path / "cfg"
            cfg: dict = {}
            if cfg_path.is_file():
                cfg = read_json(cfg_path, what="entity ruler cfg")
                if not isinstance(cfg, dict):
                    raise DeserializationError(f"{cfg_path} must hold a JSON object, not a "
                                               f"{type(cfg).__name__}.")
            patterns_path = path / "patterns.jsonl"
            if not patterns_path.is_file():
                raise DeserializationError(
                    f"'{self.name}'.from_disk: {path} has no patterns.jsonl; it should be a "
                    "folder written by EntityRuler.to_disk, or a .jsonl file.")
            patterns = read_jsonl(patterns_path)
            self.clear()
            self._apply_cfg(cfg)
            replace_patterns(self, patterns)
        else:
            raise DeserializationError(f"'{self.name}'.from_disk: {path} is neither a folder "
                                       "nor a .jsonl patterns file.")
        return self


@register_factory(
    "entity_ruler", assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={
        "phrase_matcher_attr": None,
        "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
        "validate": False,
        "overwrite_ents": False,
        "ent_id_sep": DEFAULT_ENT_ID_SEP,
        "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"},
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None})
def make_entity_ruler(nlp, name: str, phrase_matcher_attr: Optional[Union[int, str]],
                      matcher_fuzzy_compare: Callable, validate: bool, overwrite_ents: bool,
                      ent_id_sep: str, scorer: Optional[Callable]) -> EntityRuler:
    return EntityRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr,
                       matcher_fuzzy_compare=matcher_fuzzy_compare, validate=validate,
                       overwrite_ents=overwrite_ents, ent_id_sep=ent_id_sep, scorer=scorer)
