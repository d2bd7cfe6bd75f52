"""The span finder: learns where spans start and where they end (two probabilities per
token), and stores every (start, end) pair of predicted boundaries within the length limits
in doc.spans[spans_key], unlabelled. It proposes candidates for a span categorizer (with
spacy.preset_spans_suggester.v1) that are not limited to n-grams of fixed sizes."""
from __future__ import annotations

import itertools
from typing import Any, Callable, Iterable, Optional

import numpy
from thinc.api import Config, Model, Optimizer, set_dropout_rate
from thinc.types import Floats2d
from thinc.util import to_numpy

from ..errors import ExampleError, NotImplementedMethodError, PipelineError
from ..ml.models import span_finder as _models  # noqa: F401  (registers the architecture)
from ..registry import register
from ..scorer import Scorer
from ..tokens import Span
from ..training.example import Example
from .pipe import register_factory
from .spancat import DEFAULT_SPANS_KEY
from .trainable_pipe import TrainablePipe

span_finder_default_config = """
[model]
@architectures = "spacy.SpanFinder.v1"

[model.scorer]
@layers = "spacy.LinearLogistic.v1"
nO = 2

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
rows = [5000, 1000, 2500, 1000]
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = ${model.tok2vec.embed.width}
window_size = 1
maxout_pieces = 3
depth = 4
"""

# The model block as a Config; the text above is kept for configs and tests that read it.
DEFAULT_SPAN_FINDER_MODEL = Config().from_str(span_finder_default_config)["model"]


def span_finder_score(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    """spans_{key}_p/r/f of span boundaries, labels ignored."""
    kwargs = dict(kwargs)
    key = kwargs["spans_key"]
    prefix = "spans_"
    kwargs.setdefault("attr", f"{prefix}{key}")
    kwargs.setdefault("getter", lambda doc, attr: doc.spans.get(attr[len(prefix):], []))
    kwargs.setdefault("has_annotation", lambda doc: key in doc.spans)
    kwargs.setdefault("allow_overlap", True)
    kwargs.setdefault("labeled", False)
    scores = Scorer.score_spans(examples, **kwargs)
    scores.pop(f"{kwargs['attr']}_per_type", None)
    return scores


@register("scorers", "lexloom.span_finder_scorer.v1", "spacy.span_finder_scorer.v1")
def make_span_finder_scorer() -> Callable:
    return span_finder_score


def boundary_pairs(scores: numpy.ndarray, threshold: float, min_length: Optional[int],
                   max_length: Optional[int]) -> numpy.ndarray:
    """(start, end) token rows (end exclusive) of every predicted start paired with every
    predicted end after it, within the length limits; starts ascending, then ends (spaCy's
    order). scores: (n_tokens, 2) start and end probabilities."""
    starts = numpy.nonzero(scores[:, 0] >= threshold)[0]
    ends = numpy.nonzero(scores[:, 1] >= threshold)[0] + 1
    lengths = ends[None, :] - starts[:, None]
    keep = lengths >= max(1, min_length or 1)
    if max_length is not None:
        keep &= lengths <= max_length
    start_i, end_i = numpy.nonzero(keep)
    return numpy.stack([starts[start_i], ends[end_i]], axis=1)


class SpanFinder(TrainablePipe):
    """Finds span boundaries; the spans go to doc.spans[spans_key] without labels."""

    def __init__(self, nlp, model: Model, name: str = "span_finder", *,
                 spans_key: str = DEFAULT_SPANS_KEY, threshold: float = 0.5,
                 max_length: Optional[int] = None, min_length: Optional[int] = None,
                 scorer: Optional[Callable] = span_finder_score) -> None:
        """threshold: lowest probability that counts as a boundary. max_length /
        min_length: the longest / shortest span in tokens (None: no limit)."""
        if (max_length is not None and max_length < 1) or \
                (min_length is not None and min_length < 1):
            raise PipelineError(f"[E1053] '{name}': Both 'min_length' and 'max_length' must be at "
                                f"least 1 (or null), not {min_length} and {max_length}.")
        self.vocab = nlp.vocab
        self.model = model
        self.name = name
        self.scorer = scorer
        self.cfg: dict[str, Any] = {"min_length": min_length, "max_length": max_length,
                                    "threshold": threshold, "spans_key": spans_key}

    def add_label(self, label: str) -> int:
        """spaCy's span_finder has no labels: NotImplementedError (E931), as spaCy raises."""
        raise NotImplementedMethodError(
            f"[E931] Encountered Pipe subclass without `Pipe.add_label` method in component "
            f"'{self.name}': span_finder finds unlabelled spans and has no labels to add.")

    def predict(self, docs: Iterable) -> Floats2d:
        """(n_tokens, 2) start / end probabilities for all the batch's tokens."""
        return self.model.predict(docs)

    def set_annotations(self, docs: Iterable, scores: Floats2d) -> None:
        scores = to_numpy(scores)
        key, offset = self.cfg["spans_key"], 0
        for doc in docs:
            pairs = boundary_pairs(scores[offset:offset + len(doc)], self.cfg["threshold"],
                                   self.cfg["min_length"], self.cfg["max_length"])
            doc.spans[key] = [Span(doc, int(s), int(e)) for s, e in pairs.tolist()]
            offset += len(doc)

    # ---- training ---------------------------------------------------------------------

    def update(self, examples: Iterable[Example], *, drop: float = 0.0,
               sgd: Optional[Optimizer] = None, losses: Optional[dict[str, float]] = None
               ) -> dict[str, float]:
        examples, losses = self._begin_update(examples, losses)
        set_dropout_rate(self.model, drop)
        scores, backprop = self.model.begin_update([eg.predicted for eg in examples])
        loss, d_scores = self.get_loss(examples, scores)
        backprop(d_scores)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], scores) -> tuple[float, Floats2d]:
        """Squared error against 1 at gold starts / ends and 0 elsewhere; a gold boundary
        that falls inside a predicted token is masked out (neither 0 nor 1 is right)."""
        truths, masks = self._get_aligned_truth_scores(examples, self.model.ops)
        d_scores = (scores - self.model.ops.asarray2f(truths)) * self.model.ops.asarray2f(masks)
        return float((d_scores ** 2).sum()), d_scores

    def _get_aligned_truth_scores(self, examples: Iterable[Example], ops
                                  ) -> tuple[numpy.ndarray, numpy.ndarray]:
        truths, masks = [], []
        key = self.cfg["spans_key"]
        for eg in examples:
            if eg.x.text != eg.y.text:
                raise ExampleError(f"'{self.name}': the text, whitespace included, must match "
                                   "between reference and predicted docs.")
            truth = numpy.zeros((len(eg.predicted), 2), dtype="float32")
            mask = numpy.ones((len(eg.predicted), 2), dtype="float32")
            for span in eg.reference.spans.get(key, []):
                start_char, end_char = span[0].idx, span[-1].idx + len(span[-1])
                pred = eg.predicted.char_span(start_char, end_char, alignment_mode="expand")
                if pred is None or not len(pred):  # no predicted token covers it
                    continue
                first, last = pred[0], pred[-1]
                if first.idx == start_char:
                    truth[first.i, 0] = 1
                else:
                    mask[first.i, 0] = 0
                if last.idx + len(last) == end_char:
                    truth[last.i, 1] = 1
                else:
                    mask[last.i, 1] = 0
            truths.append(truth)
            masks.append(mask)
        if not truths:
            return numpy.zeros((0, 2), "float32"), numpy.zeros((0, 2), "float32")
        return numpy.concatenate(truths), numpy.concatenate(masks)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None) -> None:
        """Size the model on up to 10 examples' reference docs and boundary targets."""
        sample: list[Example] = list(itertools.islice(get_examples(), 10))
        if not sample:
            self.model.initialize()
            return
        Y, _ = self._get_aligned_truth_scores(sample, self.model.ops)
        self.model.initialize(X=[eg.reference for eg in sample],
                              Y=self.model.ops.asarray2f(Y))


@register_factory(
    "span_finder", assigns=["doc.spans"],
    default_config={"threshold": 0.5, "model": DEFAULT_SPAN_FINDER_MODEL,
                    "spans_key": DEFAULT_SPANS_KEY, "max_length": 25, "min_length": None,
                    "scorer": {"@scorers": "spacy.span_finder_scorer.v1"}},
    default_score_weights={f"spans_{DEFAULT_SPANS_KEY}_f": 1.0,
                           f"spans_{DEFAULT_SPANS_KEY}_p": 0.0,
                           f"spans_{DEFAULT_SPANS_KEY}_r": 0.0})
def make_span_finder(nlp, name: str, model: Model, spans_key: str, threshold: float,
                     max_length: Optional[int], min_length: Optional[int],
                     scorer: Optional[Callable]) -> SpanFinder:
    return SpanFinder(nlp, model=model, threshold=threshold, name=name, scorer=scorer,
                      max_length=max_length, min_length=min_length, spans_key=spans_key)


__all__ = ["SpanFinder", "DEFAULT_SPANS_KEY", "DEFAULT_SPAN_FINDER_MODEL",
           "span_finder_default_config", "span_finder_score", "make_span_finder_scorer",
           "make_span_finder"]
