"""span_ruler: spans from token patterns (Matcher) and phrase patterns (PhraseMatcher), saved
in doc.spans[spans_key] and/or doc.ents, as spaCy 3.8's SpanRuler.

The matching itself is native (the two matchers, one call each per Doc); this component maps
match ids back to (label, id), removes duplicates and applies the configured filters.
"""
from __future__ import annotations

import warnings
from functools import partial
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ..errors import (
    DeserializationError,
    DocError,
    LexloomWarning,
    PipelineError,
    UnknownPatternError,
    Warnings,
)
from ..matcher.levenshtein import levenshtein_compare
from ..registry import register
from ..scorer import Scorer
from ..tokens import Doc, Span
from ..util import filter_chain_spans
from .pipe import Pipe, register_factory
from .ruler_patterns import (check_entries, missing_patterns_file, phrase_docs, read_jsonl,
                             write_jsonl)

PatternType = Dict[str, Union[str, List[Dict[str, Any]]]]
SpansFilter = Callable[[Iterable[Span], Iterable[Span]], Iterable[Span]]
DEFAULT_SPANS_KEY = "ruler"


def _length_then_start(span) -> tuple:
    return (span.end - span.start, -span.start)


def prioritize_new_ents_filter(entities: Iterable[Span], spans: Iterable[Span]) -> List[Span]:
    """Entities plus the spans, without overlaps: the longest (then earliest) spans win and
    replace any entity they overlap (the entity_ruler's overwrite_ents=True)."""
    entities = list(entities)
    new_entities: list = []
    taken: set = set()
    for span in sorted(spans, key=_length_then_start, reverse=True):
        start, end = span.start, span.end
        if taken.isdisjoint(range(start, end)):
            new_entities.append(span)
            entities = [e for e in entities if not (e.start < end and e.end > start)]
            taken.update(range(start, end))
    return entities + new_entities


def prioritize_existing_ents_filter(entities: Iterable[Span],
                                    spans: Iterable[Span]) -> List[Span]:
    """Entities plus the spans that overlap no entity and no longer (then earlier) span (the
    entity_ruler's overwrite_ents=False)."""
    entities = list(entities)
    new_entities: list = []
    taken: set = set()
    for ent in entities:
        taken.update(range(ent.start, ent.end))
    for span in sorted(spans, key=_length_then_start, reverse=True):
        if taken.isdisjoint(range(span.start, span.end)):
            new_entities.append(span)
            taken.update(range(span.start, span.end))
    return entities + new_entities


@register("misc", "lexloom.first_longest_spans_filter.v1", "spacy.first_longest_spans_filter.v1")
def make_first_longest_spans_filter() -> Callable:
    return filter_chain_spans


@register("misc", "lexloom.prioritize_new_ents_filter.v1", "spacy.prioritize_new_ents_filter.v1")
def make_prioritize_new_ents_filter() -> Callable:
    return prioritize_new_ents_filter


@register("misc", "lexloom.prioritize_existing_ents_filter.v1",
          "spacy.prioritize_existing_ents_filter.v1")
def make_preserve_existing_ents_filter() -> Callable:
    return prioritize_existing_ents_filter


def overlapping_labeled_spans_score(examples: Iterable, *, spans_key: str = DEFAULT_SPANS_KEY,
                                    **kwargs) -> Dict[str, Any]:
    """spans_{key}_p/r/f/per_type over doc.spans[spans_key], overlaps allowed, labels count."""
    prefix = "spans_"
    kwargs = dict(kwargs)
    kwargs.setdefault("attr", f"{prefix}{spans_key}")
    kwargs.setdefault("allow_overlap", True)
    kwargs.setdefault("labeled", True)
    kwargs.setdefault("getter", lambda doc, key: doc.spans.get(key[len(prefix):], []))
    kwargs.setdefault("has_annotation", lambda doc: spans_key in doc.spans)
    return Scorer.score_spans(examples, **kwargs)


@register("scorers", "lexloom.overlapping_labeled_spans_scorer.v1",
          "spacy.overlapping_labeled_spans_scorer.v1")
def make_overlapping_labeled_spans_scorer(spans_key: str = DEFAULT_SPANS_KEY) -> Callable:
    return partial(overlapping_labeled_spans_score, spans_key=spans_key)


class SpanRuler(Pipe):
    """Adds spans to doc.spans (and/or doc.ents) from token and phrase patterns."""

    def __init__(
        self,
        nlp,
        name: str = "span_ruler",
        *,
        spans_key: Optional[str] = DEFAULT_SPANS_KEY,
        spans_filter: Optional[SpansFilter] = None,
        annotate_ents: bool = False,
        ents_filter: SpansFilter = filter_chain_spans,
        phrase_matcher_attr: Optional[Union[int, str]] = None,
        matcher_fuzzy_compare: Callable = levenshtein_compare,
        validate: bool = False,
        overwrite: bool = False,
        scorer: Optional[Callable] = partial(overlapping_labeled_spans_score,
                                             spans_key=DEFAULT_SPANS_KEY),
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.annotate_ents = annotate_ents
        self.phrase_matcher_attr = phrase_matcher_attr
        self.validate = validate
        self.overwrite = overwrite
        self.spans_filter = spans_filter
        self.ents_filter = ents_filter
        self.scorer = scorer
        self.matcher_fuzzy_compare = matcher_fuzzy_compare
        # match id (hash of repr((label, id))) -> (label, id)
        self._match_label_id_map: Dict[int, Dict[str, str]] = {}
        self.clear()

    def __len__(self) -> int:
        """The number of patterns."""
        return len(self._patterns)

    def __contains__(self, label: str) -> bool:
        """Whether a pattern has this label."""
        return any(v["label"] == label for v in self._match_label_id_map.values())

    @property
    def key(self) -> Optional[str]:
        """The doc.spans key the spans are saved under (None: not saved there)."""
        return self.spans_key

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            matches = self.match(doc)
            self.set_annotations(doc, matches)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def match(self, doc: Doc) -> List[Span]:
        """Every distinct non-empty match as a Span labelled by its pattern (span_id = its id),
        in (start, end, label, id) order, as spaCy sorts Spans."""
        self._require_patterns()
        found = set()
        for matcher in (self.matcher, self.phrase_matcher):
            if len(matcher):
                found.update((m_id, start, end) for m_id, start, end in matcher(doc)
                             if start != end)
        rows = []
        for m_id, start, end in found:
            label, span_id = self._match_hashes[m_id]
            rows.append((start, end, label, span_id))
        rows.sort()
        return [Span(doc, start, end, label=label, span_id=span_id)
                for start, end, label, span_id in rows]

    def set_annotations(self, doc: Doc, matches: List[Span]) -> None:
        """Write the matches to doc.spans[key] and/or doc.ents, through the filters."""
        if self.key:
            spans: list = []
            if self.key in doc.spans and not self.overwrite:
                spans = list(doc.spans[self.key])
            spans.extend(self.spans_filter(spans, matches) if self.spans_filter else matches)
            doc.spans[self.key] = spans
        if self.annotate_ents:
            ents: Iterable = [] if self.overwrite else list(doc.ents)
            ents = list(self.ents_filter(ents, matches))
            try:
                doc.ents = sorted(ents, key=_span_order)
            except DocError as e:
                raise PipelineError(
                    f"'{self.name}' can't set doc.ents: {e} Its ents_filter must return spans "
                    "that don't overlap (e.g. spacy.first_longest_spans_filter.v1).") from None

    @property
    def labels(self) -> Tuple[str, ...]:
        """The patterns' labels, sorted."""
        return tuple(sorted({p["label"] for p in self._patterns}))

    @property
    def ids(self) -> Tuple[str, ...]:
        """The patterns' ids, sorted."""
        return tuple(sorted({p.get("id") for p in self._patterns} - {None}))

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp=None,
                   patterns: Optional[Sequence[PatternType]] = None) -> None:
        """Replace the patterns by `patterns` (e.g. from [initialize.components.NAME])."""
        self.clear()
        if patterns:
            self.add_patterns(patterns)

    @property
    def patterns(self) -> List[PatternType]:
        """The pattern dicts as added."""
        return self._patterns

    def add_patterns(self, patterns: List[PatternType]) -> None:
        """Add {"label", "pattern"[, "id"]} dicts; a str pattern is a phrase, a list of token
        dicts a token pattern."""
        entries = check_entries(patterns, self.name)
        strings = self.nlp.vocab.strings
        phrase_keys, phrase_texts = [], []
        for entry in entries:
            p_label, p_id = entry["label"], entry.get("id", "")
            if p_id is None:
                p_id = ""
            key = repr((p_label, p_id))
            if isinstance(entry["pattern"], str):
                phrase_keys.append(key)
                phrase_texts.append(entry["pattern"])
            else:  # first, so that a malformed pattern leaves nothing behind
                self.matcher.add(key, [entry["pattern"]])
            m_id = strings.add(key)
            self._match_label_id_map[m_id] = {"label": p_label, "id": p_id}
            self._match_hashes[m_id] = (strings.add(p_label), strings.add(p_id) if p_id else 0)
            self._patterns.append(entry)
        docs = phrase_docs(self.nlp, self, phrase_texts, self.phrase_matcher_attr)
        for key, doc in zip(phrase_keys, docs):
            self.phrase_matcher.add(key, [doc])

    def clear(self) -> None:
        """Remove every pattern."""
        from ..matcher import Matcher, PhraseMatcher

        self._patterns: List[PatternType] = []
        self._match_label_id_map = {}
        self._match_hashes: Dict[int, Tuple[int, int]] = {}
        self.matcher = Matcher(self.nlp.vocab, validate=self.validate,
                               fuzzy_compare=self.matcher_fuzzy_compare)
        self.phrase_matcher = PhraseMatcher(self.nlp.vocab, attr=self.phrase_matcher_attr,
                                            validate=self.validate)

    def remove(self, label: str) -> None:
        """Remove every pattern with this label."""
        if label not in self:
            raise UnknownPatternError(
                f"[E1024] No pattern with label {label!r} in '{self.name}'. Its labels: "
                f"{', '.join(self.labels) or '(none)'}.")
        self._patterns = [p for p in self._patterns if p["label"] != label]
        self._remove_matcher_keys(lambda v: v["label"] == label)

    def remove_by_id(self, pattern_id: str) -> None:
        """Remove every pattern with this id."""
        n_before = len(self)
        self._patterns = [p for p in self._patterns if p.get("id") != pattern_id]
        if len(self) == n_before:
            raise UnknownPatternError(
                f"[E1024] No pattern with id {pattern_id!r} in '{self.name}'. Its ids: "
                f"{', '.join(self.ids) or '(none)'}.")
        self._remove_matcher_keys(lambda v: v["id"] == pattern_id)

    def _remove_matcher_keys(self, selected: Callable[[dict], bool]) -> None:
        strings = self.nlp.vocab.strings
        for m_id, value in list(self._match_label_id_map.items()):
            if selected(value):
                key = strings[m_id]
                if key in self.phrase_matcher:
                    self.phrase_matcher.remove(key)
                if key in self.matcher:
                    self.matcher.remove(key)
                del self._match_label_id_map[m_id]
                del self._match_hashes[m_id]

    def _require_patterns(self) -> None:
        if len(self) == 0:
            warnings.warn(Warnings.W036.format(name=self.name), LexloomWarning, stacklevel=3)

    # ---- saving: {"patterns": JSON text} as bytes, a `patterns` JSONL file on disk --------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        import srsly

        if "patterns" in exclude:
            return srsly.msgpack_dumps({})
        return srsly.msgpack_dumps({"patterns": srsly.json_dumps(self.patterns)})

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "SpanRuler":
        import srsly

        self.clear()
        try:
            msg = srsly.msgpack_loads(bytes_data)
            patterns = (srsly.json_loads(msg["patterns"])
                        if isinstance(msg, dict) and "patterns" in msg else None)
        except (ValueError, TypeError) as e:
            raise DeserializationError(f"'{self.name}'.from_bytes: the data is not a "
                                       f"serialised span_ruler ({e}).") from None
        if patterns is not None and "patterns" not in exclude:
            self.add_patterns(patterns)
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if "patterns" not in exclude:
            write_jsonl(path / "patterns", self.patterns)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> "SpanRuler":
        from .ruler_patterns import replace_patterns

        path = Path(path)
        if not path.is_dir():
            raise DeserializationError(f"'{self.name}'.from_disk: {path} is not a folder (it "
                                       "should hold the `patterns` file to_disk wrote).")
        patterns = None  # read before the ruler changes: a bad file loses nothing
        if "patterns" not in exclude:
            file = next((path / name for name in ("patterns", "patterns.jsonl")
                         if (path / name).is_file()), None)
            if file is None:
                raise missing_patterns_file(self.name, path / "patterns")
            patterns = read_jsonl(file)
        replace_patterns(self, patterns)
        return self


def _span_order(span) -> tuple:
    """spaCy's Span ordering: position, then label, kb_id and id hashes."""
    return (span.start, span.end, span.label, span.kb_id, span.id)


@register_factory(
    "span_ruler", assigns=["doc.spans"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "spans_filter": None,
        "annotate_ents": False,
        "ents_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
        "phrase_matcher_attr": None,
        "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
        "validate": False,
        "overwrite": True,
        "scorer": {"@scorers": "spacy.overlapping_labeled_spans_scorer.v1",
                   "spans_key": DEFAULT_SPANS_KEY},
    },
    default_score_weights={f"spans_{DEFAULT_SPANS_KEY}_f": 1.0,
                           f"spans_{DEFAULT_SPANS_KEY}_p": 0.0,
                           f"spans_{DEFAULT_SPANS_KEY}_r": 0.0,
                           f"spans_{DEFAULT_SPANS_KEY}_per_type": None})
def make_span_ruler(nlp, name: str, spans_key: Optional[str],
                    spans_filter: Optional[Callable], annotate_ents: bool,
                    ents_filter: Callable, phrase_matcher_attr: Optional[Union[int, str]],
                    matcher_fuzzy_compare: Callable, validate: bool, overwrite: bool,
                    scorer: Optional[Callable]) -> SpanRuler:
    return SpanRuler(nlp, name, spans_key=spans_key, spans_filter=spans_filter,
                     annotate_ents=annotate_ents, ents_filter=ents_filter,
                     phrase_matcher_attr=phrase_matcher_attr,
                     matcher_fuzzy_compare=matcher_fuzzy_compare, validate=validate,
                     overwrite=overwrite, scorer=scorer)


@register_factory(
    "future_entity_ruler", assigns=["doc.ents"],
    default_config={
        "phrase_matcher_attr": None,
        "validate": False,
        "overwrite_ents": False,
        "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"},
        "ent_id_sep": "__unused__",
        "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None})
def make_future_entity_ruler(nlp, name: str, phrase_matcher_attr: Optional[Union[int, str]],
                             matcher_fuzzy_compare: Callable, validate: bool,
                             overwrite_ents: bool, scorer: Optional[Callable],
                             ent_id_sep: str) -> SpanRuler:
    """The entity_ruler's behaviour on a SpanRuler (ent_id_sep is unused: ids are span ids)."""
    ents_filter = prioritize_new_ents_filter if overwrite_ents \
        else prioritize_existing_ents_filter
    return SpanRuler(nlp, name, spans_key=None, spans_filter=None, annotate_ents=True,
                     ents_filter=ents_filter, phrase_matcher_attr=phrase_matcher_attr,
                     matcher_fuzzy_compare=matcher_fuzzy_compare, validate=validate,
                     overwrite=False, scorer=scorer)
