"""The span categorizer: "spancat" (any number of labels per span) and "spancat_singlelabel"
(at most one). A suggester proposes candidate spans (every n-gram of some sizes, or the spans
already in a doc.spans group), the model (ml/models/spancat.py) scores each candidate against
the labels, and the candidates that pass go to doc.spans[spans_key], their scores in the
group's attrs["scores"]. The loss is spaCy's: squared error against 0/1 targets."""
from __future__ import annotations

from functools import partial
from typing import Any, Callable, Iterable, Optional, Protocol

import numpy
from thinc.api import Config, Model, Ops, Optimizer, get_current_ops, set_dropout_rate
from thinc.types import Ragged
from thinc.util import to_numpy

from ..errors import PipelineError
from ..ml import models  # noqa: F401  (registers the architectures the defaults name)
from ..registry import register
from ..scorer import Scorer
from ..tokens import Span, SpanGroup
from ..training.example import Example, validate_examples, validate_get_examples
from .pipe import register_factory
from .trainable_pipe import TrainablePipe

DEFAULT_SPANS_KEY = "sc"

_MODEL_CFG = """
[model]
@architectures = "spacy.SpanCategorizer.v1"
scorer = {{"@layers": "{scorer}"}}

[model.reducer]
@layers = "spacy.mean_max_reducer.v1"
hidden_size = 128

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.{embed_version}"
width = 96
rows = [5000, 1000, 2500, 1000]
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = ${{model.tok2vec.embed.width}}
window_size = 1
maxout_pieces = 3
depth = 4
"""
DEFAULT_SPANCAT_MODEL = Config().from_str(
    _MODEL_CFG.format(scorer="spacy.LinearLogistic.v1", embed_version="v2"))["model"]
DEFAULT_SPANCAT_SINGLELABEL_MODEL = Config().from_str(
    _MODEL_CFG.format(scorer="Softmax.v2", embed_version="v1"))["model"]


# ---- suggesters -------------------------------------------------------------------------


class Suggester(Protocol):
    """What [components.spancat.suggester] builds: docs -> Ragged (start, end) rows, one
    block per doc."""

    def __call__(self, docs: Iterable, *, ops: Optional[Ops] = None) -> Ragged: ...


def ngram_suggester(docs: Iterable, sizes: list[int], *, ops: Optional[Ops] = None) -> Ragged:
    """(start, end) rows of every n-gram of each size, per doc: sizes in the given order,
    starts ascending within a size (spaCy's order, so scores line up row for row)."""
    ops = ops if ops is not None else get_current_ops()
    blocks, lengths = [], []
    for doc in docs:
        n = len(doc)
        # spaCy's slice of the starts, also for a size < 1: arange(n)[:n - (size - 1)]
        doc_blocks = []
        for size in sizes:
            if size <= n:
                starts = numpy.arange(n)[:n - (size - 1)]
                doc_blocks.append(numpy.stack([starts, starts + size], axis=1))
        blocks.extend(doc_blocks)
        lengths.append(sum(b.shape[0] for b in doc_blocks))
    return _ragged(ops, blocks, lengths)


def preset_spans_suggester(docs: Iterable, spans_key: str, *, ops: Optional[Ops] = None
                           ) -> Ragged:
    """The spans already in doc.spans[spans_key] (set by a span_ruler, say). A Doc without
    that group is an error, as in spaCy: a component that should set it (a span_finder) but
    runs after, or isn't listed in [training] annotating_components, would otherwise leave
    spancat training on no candidates at all."""
    from ..errors import PresetSpansKeyError

    ops = ops if ops is not None else get_current_ops()
    blocks, lengths = [], []
    for doc in docs:
        if spans_key not in doc.spans:
            raise PresetSpansKeyError(
                f"[lexloom] The preset-spans suggester reads doc.spans[{spans_key!r}], which "
                f"this Doc doesn't have (it has: {', '.join(map(repr, doc.spans)) or 'none'}). "
                "Put the component that sets it (a span_finder, a span_ruler) before the "
                "spancat, and list it in [training] annotating_components when it is trained "
                "too.")
        group = doc.spans[spans_key]
        if len(group):
            blocks.append(numpy.asarray([[s.start, s.end] for s in group]))
        lengths.append(len(group))
    return _ragged(ops, blocks, lengths)


def _ragged(ops: Ops, blocks: list, lengths: list[int]) -> Ragged:
    lengths_array = ops.asarray1i(lengths)
    if not blocks:
        return Ragged(ops.xp.zeros((0, 0), dtype="i"), lengths_array)
    return Ragged(ops.asarray2i(numpy.concatenate(blocks).astype("i")), lengths_array)


@register("misc", "lexloom.ngram_suggester.v1", "spacy.ngram_suggester.v1")
def build_ngram_suggester(sizes: list[int]) -> Suggester:
    """Suggest every span of the given lengths."""
    return partial(ngram_suggester, sizes=sizes)


@register("misc", "lexloom.ngram_range_suggester.v1", "spacy.ngram_range_suggester.v1")
def build_ngram_range_suggester(min_size: int, max_size: int) -> Suggester:
    """Suggest every span of min_size to max_size tokens (both included)."""
    return build_ngram_suggester(list(range(min_size, max_size + 1)))


@register("misc", "lexloom.preset_spans_suggester.v1", "spacy.preset_spans_suggester.v1")
def build_preset_spans_suggester(spans_key: str) -> Suggester:
    """Suggest the spans an upstream component stored in doc.spans[spans_key]."""
    return partial(preset_spans_suggester, spans_key=spans_key)


# ---- scorer -----------------------------------------------------------------------------


def spancat_score(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    kwargs = dict(kwargs)
    key = kwargs["spans_key"]
    kwargs.setdefault("attr", f"spans_{key}")
    kwargs.setdefault("allow_overlap", True)
    kwargs.setdefault("getter", lambda doc, attr: doc.spans.get(attr[len("spans_"):], []))
    kwargs.setdefault("has_annotation", lambda doc: key in doc.spans)
    return Scorer.score_spans(examples, **kwargs)


@register("scorers", "lexloom.spancat_scorer.v1", "spacy.spancat_scorer.v1")
def make_spancat_scorer() -> Callable:
    return spancat_score


# ---- the component ----------------------------------------------------------------------


class SpanCategorizer(TrainablePipe):
    """Labels suggested spans; the spans that pass go to doc.spans[spans_key]."""

    def __init__(self, vocab, model: Model, suggester: Callable, name: str = "spancat", *,
                 add_negative_label: bool = False, spans_key: str = "spans",
                 negative_weight: Optional[float] = 1.0, allow_overlap: Optional[bool] = True,
                 max_positive: Optional[int] = None, threshold: Optional[float] = 0.5,
                 scorer: Optional[Callable] = spancat_score):
        """add_negative_label: learn an extra "no label" output (spancat_singlelabel).
        threshold: lowest score that counts as a label. max_positive: at most this many
        labels per span. allow_overlap: with max_positive 1, False keeps the best-scored
        spans that don't overlap. negative_weight scales the loss of "no label" rows."""
        if not allow_overlap and max_positive is not None and max_positive > 1:
            raise PipelineError(f"[E1051] '{name}': allow_overlap = false needs max_positive = 1 (a "
                                f"span can't have {max_positive} labels without overlapping "
                                "itself). Set max_positive = 1 or allow_overlap = true.")
        self.cfg: dict[str, Any] = {"labels": [], "spans_key": spans_key,
                                    "threshold": threshold, "max_positive": max_positive,
                                    "negative_weight": negative_weight,
                                    "allow_overlap": allow_overlap}
        self.vocab = vocab
        self.suggester = suggester
        self.model = model
        self.name = name
        self.scorer = scorer
        self.add_negative_label = add_negative_label

    @property
    def key(self) -> str:
        return str(self.cfg["spans_key"])

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.cfg["labels"])

    @property
    def label_data(self) -> list[str]:
        return list(self.labels)

    @property
    def _n_labels(self) -> int:
        return len(self.labels) + int(self.add_negative_label)

    @property
    def _negative_label_i(self) -> Optional[int]:
        return len(self.labels) if self.add_negative_label else None

    def _n_outputs(self) -> int:
        return self._n_labels

    def _after_load(self) -> None:
        for label in self.labels:
            self.vocab.strings.add(label)

    def add_label(self, label: str) -> int:
        return self._add_to_cfg_labels(label)

    def _allow_extra_label(self) -> None:
        nO = self.model.maybe_get_dim("nO")
        if nO is not None and nO == self._n_labels and not self.is_resizable:
            raise PipelineError(
                f"[E922] Can't add a label to '{self.name}': its model was built for {nO} outputs "
                "and can't be resized. Add all labels before nlp.initialize().")

    # ---- inference --------------------------------------------------------------------

    def _rehearsal_input(self, docs: list) -> tuple[list, Ragged]:
        return docs, self.suggester(docs, ops=self.model.ops)

    def predict(self, docs: list) -> tuple[Ragged, Any]:
        """(candidate spans, their scores): one model call for the batch."""
        indices = self.suggester(docs, ops=self.model.ops)
        if int(indices.lengths.sum()) == 0:
            return indices, self.model.ops.alloc2f(0, 0)
        return indices, self.model.predict((docs, indices))

    def set_candidates(self, docs: Iterable, *, candidates_key: str = "candidates") -> None:
        """Store the suggester's spans in doc.spans[candidates_key] (to debug a suggester)."""
        docs = list(docs)
        indices = self.suggester(docs, ops=self.model.ops)
        rows, offset = to_numpy(indices.dataXd), 0
        for doc, n in zip(docs, to_numpy(indices.lengths).tolist()):
            doc.spans[candidates_key] = [doc[int(s):int(e)] for s, e in rows[offset:offset + n]]
            offset += n

    def set_annotations(self, docs: list, indices_scores: tuple) -> None:
        indices, scores = indices_scores
        rows, scores = to_numpy(indices.dataXd), to_numpy(scores)
        offset = 0
        for doc, n in zip(docs, to_numpy(indices.lengths).tolist()):
            doc_rows, doc_scores = rows[offset:offset + n], scores[offset:offset + n]
            if self.cfg["max_positive"] == 1:
                group = self._make_span_group_singlelabel(doc, doc_rows, doc_scores,
                                                          bool(self.cfg["allow_overlap"]))
            else:
                group = self._make_span_group_multilabel(doc, doc_rows, doc_scores)
            doc.spans[self.key] = group
            offset += n

    def _make_span_group_multilabel(self, doc, indices, scores) -> SpanGroup:
        """One Doc's group (spaCy's name; its tests call it): every (span, label) scoring at
        least the threshold, at most max_positive labels per span (the best ones), never the
        negative label; spans in candidate order, each span's labels in label order."""
        rows, scores = to_numpy(indices), to_numpy(scores)
        if scores.size == 0:
            return SpanGroup(doc, name=self.key)
        keeps = scores >= self.cfg["threshold"]
        max_positive = self.cfg["max_positive"]
        if max_positive is not None:
            ranking = scores.copy()
            if self.add_negative_label:
                ranking[:, self._negative_label_i] = -numpy.inf
            keeps[numpy.arange(len(scores))[:, None],
                  (-ranking).argsort(axis=1)[:, max_positive:]] = False
        if self.add_negative_label:
            keeps[:, self._negative_label_i] = False
        span_i, label_i = numpy.nonzero(keeps)  # row-major: spaCy's order
        labels, bounds = self.labels, rows[span_i].tolist()
        group = SpanGroup._of_new_spans(doc, self.key, [
            Span(doc, start, end, label=labels[j])
            for (start, end), j in zip(bounds, label_i.tolist())])
        # spaCy's numpy.array of float32 scalars: float32, or float64 when empty
        group.attrs["scores"] = numpy.array(list(scores[span_i, label_i]))
        return group

    def _make_span_group_singlelabel(self, doc, indices, scores,
                                     allow_overlap: bool = True) -> SpanGroup:
        """One Doc's group (spaCy's name; its tests call it): each span's best label, unless
        that is the negative label or under the threshold; without overlap, the best-scored
        spans first and no token in two spans."""
        rows, scores = to_numpy(indices), to_numpy(scores)
        if scores.size == 0:
            return SpanGroup(doc, name=self.key)
        predicted = scores.argmax(axis=1)
        best = scores[numpy.arange(len(scores)), predicted]
        keeps = numpy.ones(len(predicted), dtype=bool)
        if self.add_negative_label:
            keeps &= predicted != self._negative_label_i
        if self.cfg["threshold"] is not None:
            keeps &= best >= self.cfg["threshold"]
        order = numpy.arange(len(predicted)) if allow_overlap else (-best).argsort()
        taken = numpy.zeros(len(doc), dtype=bool)
        spans, kept_scores, labels = [], [], self.labels
        for i in order[keeps[order]].tolist():
            start, end = int(rows[i, 0]), int(rows[i, 1])
            if not allow_overlap:
                if taken[start:end].any():
                    continue
                taken[start:end] = True
            spans.append(Span(doc, start, end, label=labels[int(predicted[i])]))
            kept_scores.append(best[i:i + 1])
        group = SpanGroup._of_new_spans(doc, self.key, spans)
        # as spaCy: one (1,)-row per span, so a (n, 1) array (an empty float64 (0,) array
        # when no span is kept)
        group.attrs["scores"] = numpy.array(kept_scores)
        return group

    # ---- training ---------------------------------------------------------------------

    def update(self, examples: Iterable[Example], *, drop: float = 0.0,
               sgd: Optional[Optimizer] = None, losses: Optional[dict] = None) -> dict:
        examples, losses = self._begin_update(examples, losses)
        if not any(len(eg.predicted) for eg in examples):
            return losses
        docs = [eg.predicted for eg in examples]
        spans = self.suggester(docs, ops=self.model.ops)
        if int(spans.lengths.sum()) == 0:
            return losses
        set_dropout_rate(self.model, drop)
        scores, backprop = self.model.begin_update((docs, spans))
        loss, d_scores = self.get_loss(examples, (spans, scores))
        backprop(d_scores)
        if sgd not in (None, False):
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], spans_scores: tuple) -> tuple[float, Any]:
        """Target 1 for (candidate, label) pairs that are gold spans, else 0 (with a negative
        label: 1 on it for candidates that are no gold span, their loss scaled by
        negative_weight)."""
        examples = list(examples)
        validate_examples(examples, "SpanCategorizer.get_loss")
        spans, scores = spans_scores
        rows, lengths = to_numpy(spans.dataXd), to_numpy(spans.lengths).tolist()
        target = numpy.zeros(scores.shape, dtype="f")
        label_map = {label: i for i, label in enumerate(self.labels)}
        offset = 0
        for eg, n in zip(examples, lengths):
            gold = eg.get_aligned_spans_y2x(eg.reference.spans.get(self.key, []),
                                            allow_overlap=True)
            unknown = sorted({s.label_ for s in gold} - label_map.keys())
            if unknown:
                from ..errors import UnknownLabelError

                raise UnknownLabelError(
                    f"[lexloom] The gold spans in doc.spans[{self.key!r}] have labels "
                    f"'{self.name}' wasn't set up with: {', '.join(map(repr, unknown))} (its "
                    f"labels: {', '.join(map(repr, self.labels)) or 'none'}). Initialize it "
                    "from these examples, or add the labels with add_label before training.")
            if gold and n:
                # candidate (start, end) as one int; a gold span takes the row of the last
                # candidate equal to it (spaCy keeps a dict of candidates)
                width = len(eg.predicted) + 1
                cand = rows[offset:offset + n, 0].astype(numpy.int64) * width + \
                    rows[offset:offset + n, 1]
                order = numpy.argsort(cand, kind="stable")
                keys = numpy.asarray([s.start * width + s.end for s in gold], numpy.int64)
                pos = numpy.searchsorted(cand[order], keys, side="right") - 1
                found = (pos >= 0) & (cand[order][numpy.maximum(pos, 0)] == keys)
                hit_labels = [label_map[s.label_] for s in gold]
                target[offset + order[pos[found]],
                       numpy.asarray(hit_labels, dtype=numpy.int64)[found]] = 1.0
            offset += n
        negatives = None
        if self.add_negative_label:
            negatives = numpy.nonzero(target[:, :len(self.labels)].sum(axis=1) == 0)[0]
            target[negatives, self._negative_label_i] = 1.0
        d_scores = scores - self.model.ops.asarray(target)
        if negatives is not None and self.cfg["negative_weight"] != 1.0:
            d_scores[negatives] *= self.cfg["negative_weight"]
        return float((d_scores ** 2).sum()), d_scores

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   labels: Optional[list[str]] = None) -> None:
        """Labels from `labels` or the reference spans under spans_key; the model is sized
        on the unigrams of up to 10 examples."""
        validate_get_examples(get_examples, "SpanCategorizer.initialize")
        sample: list[Example] = []
        for label in labels or ():
            self.add_label(label)
        for eg in get_examples():
            if labels is None:
                for span in eg.reference.spans.get(self.key, []):
                    self.add_label(span.label_)
            if len(sample) < 10:
                sample.append(eg)
        self._require_labels()
        if not sample:
            self.model.initialize()
            return
        docs = [eg.x for eg in sample]
        spans = ngram_suggester(docs, [1], ops=self.model.ops)
        self.model.initialize(X=(docs, spans),
                              Y=self.model.ops.alloc2f(spans.dataXd.shape[0], self._n_labels))


_SCORE_WEIGHTS = {"spans_sc_f": 1.0, "spans_sc_p": 0.0, "spans_sc_r": 0.0}


@register_factory(
    "spancat", assigns=["doc.spans"],
    default_config={"threshold": 0.5, "spans_key": DEFAULT_SPANS_KEY, "max_positive": None,
                    "model": DEFAULT_SPANCAT_MODEL,
                    "suggester": {"@misc": "spacy.ngram_suggester.v1", "sizes": [1, 2, 3]},
                    "scorer": {"@scorers": "spacy.spancat_scorer.v1"}},
    default_score_weights=dict(_SCORE_WEIGHTS))
def make_spancat(nlp, name: str, suggester: Callable, model: Model, spans_key: str,
                 scorer: Optional[Callable], threshold: float,
                 max_positive: Optional[int]) -> SpanCategorizer:
    return SpanCategorizer(nlp.vocab, model=model, suggester=suggester, name=name,
                           spans_key=spans_key, negative_weight=None, allow_overlap=True,
                           max_positive=max_positive, threshold=threshold, scorer=scorer,
                           add_negative_label=False)


@register_factory(
    "spancat_singlelabel", assigns=["doc.spans"],
    default_config={"spans_key": DEFAULT_SPANS_KEY, "model": DEFAULT_SPANCAT_SINGLELABEL_MODEL,
                    "negative_weight": 1.0,
                    "suggester": {"@misc": "spacy.ngram_suggester.v1", "sizes": [1, 2, 3]},
                    "scorer": {"@scorers": "spacy.spancat_scorer.v1"}, "allow_overlap": True},
    default_score_weights=dict(_SCORE_WEIGHTS))
def make_spancat_singlelabel(nlp, name: str, suggester: Callable, model: Model,
                             spans_key: str, negative_weight: float, allow_overlap: bool,
                             scorer: Optional[Callable]) -> SpanCategorizer:
    return SpanCategorizer(nlp.vocab, model=model, suggester=suggester, name=name,
                           spans_key=spans_key, negative_weight=negative_weight,
                           allow_overlap=allow_overlap, max_positive=1,
                           add_negative_label=True, threshold=None, scorer=scorer)
