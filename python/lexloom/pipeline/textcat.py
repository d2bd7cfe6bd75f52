"""Text classification: "textcat" (exactly one label per text) and "textcat_multilabel"
(any number), running the architectures of ml/models/textcat.py.

Scores go to doc.cats; the loss is the mean squared error against the gold cats, with labels
missing from the gold cats ignored by the multi-label component.
"""
from __future__ import annotations

from itertools import islice
from typing import Any, Callable, Iterable, Optional

import numpy
from thinc.api import Config, Model
from thinc.util import to_numpy

from ..errors import PipelineError
from ..ml import models  # noqa: F401  (registers the architectures the defaults name)
from ..registry import register
from ..scorer import Scorer
from ..training.example import Example, validate_examples, validate_get_examples
from .pipe import register_factory
from .trainable_pipe import TrainablePipe

_TOK2VEC_CFG = """
[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 64
rows = [2000, 2000, 500, 1000, 500]
attrs = ["NORM", "LOWER", "PREFIX", "SUFFIX", "SHAPE"]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = ${model.tok2vec.embed.width}
window_size = 1
maxout_pieces = 3
depth = 2
"""


def _bow_section(exclusive: bool, section: str) -> str:
    return f"""
[{section}]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = {str(exclusive).lower()}
length = 262144
ngram_size = 1
no_output_layer = false
"""


def default_config_str(exclusive: bool) -> str:
    """The default model: an ensemble of a tok2vec-based model and a bag-of-words one."""
    return ("\n[model]\n@architectures = \"spacy.TextCatEnsemble.v2\"\n" + _TOK2VEC_CFG
            + _bow_section(exclusive, "model.linear_model"))


def bow_config_str(exclusive: bool) -> str:
    """A bag-of-words model alone: fast, and good on short texts."""
    return _bow_section(exclusive, "model")


def cnn_config_str(exclusive: bool) -> str:
    """Mean-pooled HashEmbedCNN token vectors under an output layer."""
    return f"""
[model]
@architectures = "spacy.TextCatReduce.v1"
exclusive_classes = {str(exclusive).lower()}
use_reduce_first = false
use_reduce_last = false
use_reduce_max = false
use_reduce_mean = true

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
"""


# spaCy's names for the model configs of the single-label component (the docs' and
# tests' alternatives to the default model)
single_label_default_config = default_config_str(True)
single_label_bow_config = bow_config_str(True)
single_label_cnn_config = cnn_config_str(True)

DEFAULT_SINGLE_TEXTCAT_MODEL = Config().from_str(single_label_default_config)["model"]
DEFAULT_MULTI_TEXTCAT_MODEL = Config().from_str(default_config_str(False))["model"]


# ---- scorers --------------------------------------------------------------------------


def textcat_score(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    return Scorer.score_cats(examples, "cats", multi_label=False, **kwargs)


def textcat_multilabel_score(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    return Scorer.score_cats(examples, "cats", multi_label=True, **kwargs)


@register("scorers", "lexloom.textcat_scorer.v2", "spacy.textcat_scorer.v2",
          "lexloom.textcat_scorer.v1", "spacy.textcat_scorer.v1")
def make_textcat_scorer() -> Callable:
    return textcat_score


@register("scorers", "lexloom.textcat_multilabel_scorer.v2", "spacy.textcat_multilabel_scorer.v2",
          "lexloom.textcat_multilabel_scorer.v1", "spacy.textcat_multilabel_scorer.v1")
def make_textcat_multilabel_scorer() -> Callable:
    return textcat_multilabel_score


def score_cats_v1(examples: Iterable[Example], attr: str, *,
                  getter: Callable[[Any, str], Any] = getattr, labels: Iterable[str] = (),
                  multi_label: bool = True, positive_label: str | None = None,
                  threshold: float | None = None, **cfg) -> dict[str, Any]:
    """spacy-legacy's cats scoring (its textcat scorers v1), which differs from
    Scorer.score_cats: the labels given are extended by every label in the examples' cats
    (when any are given) and cats are not filtered to them; for exclusive classes the top
    prediction counts only at or above `threshold` (tp if it is the gold label, fp if not)."""
    from ..scorer import PRFScore, ROCAUCScore, _cats_results, _score_labels

    if threshold is None:
        threshold = 0.5 if multi_label else 0.0
    examples = list(examples)
    label_set = set(labels)
    if label_set:
        for eg in examples:
            label_set.update(getter(eg.predicted, attr), getter(eg.reference, attr))
    f_per_type = {label: PRFScore() for label in labels}
    auc_per_type = {label: ROCAUCScore() for label in labels}
    for label in label_set:
        f_per_type.setdefault(label, PRFScore())
        auc_per_type.setdefault(label, ROCAUCScore())
    for eg in examples:
        pred_cats, gold_cats = getter(eg.predicted, attr), getter(eg.reference, attr)
        _score_labels(label_set, pred_cats, gold_cats, multi_label, threshold, f_per_type,
                      auc_per_type)
        if multi_label:
            continue
        pred_label, pred_score = max(pred_cats.items(), key=lambda it: it[1], default=(None, 0))
        gold_label, gold_score = max(gold_cats.items(), key=lambda it: it[1], default=(None, 0))
        pred_counts = pred_label is not None and pred_score >= threshold
        if pred_counts and pred_label == gold_label:
            f_per_type.setdefault(pred_label, PRFScore()).tp += 1
            continue
        if gold_label is not None and (pred_label is not None or gold_score > 0):
            f_per_type.setdefault(gold_label, PRFScore()).fn += 1
        if pred_counts:
            f_per_type.setdefault(pred_label, PRFScore()).fp += 1
    return _cats_results(attr, f_per_type, auc_per_type, len(label_set), multi_label,
                         positive_label)


def textcat_score_v1(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    return score_cats_v1(examples, "cats", multi_label=False, **kwargs)


def textcat_multilabel_score_v1(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    return score_cats_v1(examples, "cats", multi_label=True, **kwargs)


@register("scorers", "spacy-legacy.textcat_scorer.v1")
def make_textcat_scorer_v1() -> Callable:
    return textcat_score_v1


@register("scorers", "spacy-legacy.textcat_multilabel_scorer.v1")
def make_textcat_multilabel_scorer_v1() -> Callable:
    return textcat_multilabel_score_v1


# ---- components -----------------------------------------------------------------------


class TextCategorizer(TrainablePipe):
    """Exactly one label per text: doc.cats gets a score per label, summing to 1."""

    def __init__(self, vocab, model: Model, name: str = "textcat", *, threshold: float = 0.0,
                 scorer: Callable | None = textcat_score):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.cfg: dict[str, Any] = {"labels": [], "threshold": threshold,
                                    "positive_label": None}
        self.scorer = scorer
        self._rehearsal_model: Model | None = None  # set by nlp.resume_training()

    @property
    def support_missing_values(self) -> bool:
        return False

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.cfg["labels"])

    @property
    def label_data(self) -> tuple[str, ...]:
        return self.labels

    def _n_outputs(self) -> int:
        return len(self.labels)

    def _after_load(self) -> None:
        for label in self.labels:
            self.vocab.strings.add(label)

    def predict(self, docs: list):
        if not any(len(doc) for doc in docs):
            # spaCy's xp.zeros: float64 zeros, one row per (empty) doc
            return self.model.ops.xp.zeros((len(docs), len(self.labels)))
        return self.model.ops.asarray(self.model.predict(docs))

    def set_annotations(self, docs: list, scores) -> None:
        rows = to_numpy(scores).tolist()  # Python floats, as spaCy stores them
        labels = self.labels
        for doc, row in zip(docs, rows):
            doc.cats.update(zip(labels, row))

    def update(self, examples, *, drop: float = 0.0, sgd=None, losses=None):
        examples = list(examples)
        validate_examples(examples, f"{type(self).__name__}.update")
        self._validate_categories(examples)
        return super().update(examples, drop=drop, sgd=sgd, losses=losses)

    def _examples_to_truth(self, examples: list[Example]) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(truths, not_missing): (n_examples, n_labels) gold values and a 0/1 mask."""
        labels = self.labels
        truths = numpy.zeros((len(examples), len(labels)), dtype="f")
        not_missing = numpy.ones((len(examples), len(labels)), dtype="f")
        for i, eg in enumerate(examples):
            cats = eg.reference.cats
            for j, label in enumerate(labels):
                if label in cats:
                    truths[i, j] = cats[label]
                elif self.support_missing_values:
                    not_missing[i, j] = 0.0
        return truths, not_missing

    def get_loss(self, examples: list[Example], scores) -> tuple[float, Any]:
        validate_examples(examples, f"{type(self).__name__}.get_loss")
        self._validate_categories(examples)
        truths, not_missing = self._examples_to_truth(examples)
        ops = self.model.ops
        d_scores = (scores - ops.asarray(truths)) * ops.asarray(not_missing)
        loss = float((d_scores ** 2).mean())
        if not numpy.isfinite(loss):
            raise PipelineError(f"[E910] The loss of '{self.name}' is NaN or infinite: the model "
                                "diverged. Lower the learning rate or check the data.")
        return loss, d_scores

    def add_label(self, label: str) -> int:
        added = self._add_to_cfg_labels(label)
        if added and self.model is not None and "resize_output" in self.model.attrs:
            self.model = self.model.attrs["resize_output"](self.model, len(self.labels))
        return added

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   labels: Iterable[str] | None = None,
                   positive_label: str | None = None) -> None:
        """Labels from `labels` or the gold cats (at least two); `positive_label` names the
        positive class of a binary task, whose F becomes cats_score."""
        validate_get_examples(get_examples, f"{type(self).__name__}.initialize")
        self._validate_categories(get_examples())
        for label in (labels if labels is not None
                      else (cat for eg in get_examples() for cat in eg.y.cats)):
            self.add_label(label)
        if len(self.labels) < 2:
            raise PipelineError(
                f"[E867] '{self.name}' (textcat, exclusive classes) needs at least two labels, found "
                f"{list(self.labels)}. For one yes/no label use two labels (e.g. POSITIVE and "
                "NEGATIVE) with positive_label, or use textcat_multilabel.")
        if positive_label is not None:
            if positive_label not in self.labels:
                raise PipelineError(f"[E920] positive_label {positive_label!r} is not one of the "
                                    f"labels {list(self.labels)}.")
            if len(self.labels) != 2:
                raise PipelineError(f"[E919] positive_label is for binary tasks, but '{self.name}' "
                                    f"has {len(self.labels)} labels {list(self.labels)}.")
        self.cfg["positive_label"] = positive_label
        self._initialize_model(get_examples)

    def _initialize_model(self, get_examples: Callable[[], Iterable[Example]]) -> None:
        sample = list(islice(get_examples(), 10))
        truths, _ = self._examples_to_truth(sample)
        self._require_labels()
        self.model.initialize(X=[eg.x for eg in sample], Y=self.model.ops.asarray(truths))

    def _validate_categories(self, examples: Iterable[Example]) -> None:
        """Exclusive classes: every gold value is 0.0 or 1.0, and at most one is 1.0."""
        for eg in examples:
            values = list(eg.reference.cats.values())
            if values.count(1.0) > 1:
                raise PipelineError(
                    f"[E895] '{self.name}' (textcat) takes exactly one positive label per text, but "
                    f"an example has {eg.reference.cats}. Use textcat_multilabel for texts "
                    "with several labels.")
            _check_binary(values)


class MultiLabel_TextCategorizer(TextCategorizer):
    """Any number of labels per text: doc.cats gets an independent score per label."""

    def __init__(self, vocab, model: Model, name: str = "textcat_multilabel", *,
                 threshold: float = 0.5, scorer: Callable | None = textcat_multilabel_score):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.cfg = {"labels": [], "threshold": threshold}
        self.scorer = scorer
        self._rehearsal_model: Model | None = None  # set by nlp.resume_training()

    @property
    def support_missing_values(self) -> bool:
        return True

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   labels: Iterable[str] | None = None) -> None:
        validate_get_examples(get_examples, f"{type(self).__name__}.initialize")
        for label in (labels if labels is not None
                      else (cat for eg in get_examples() for cat in eg.y.cats)):
            self.add_label(label)
        self._validate_categories(list(islice(get_examples(), 10)))
        self._initialize_model(get_examples)

    def _validate_categories(self, examples: Iterable[Example]) -> None:
        for eg in examples:
            _check_binary(eg.reference.cats.values())


def _check_binary(values: Iterable[float]) -> None:
    for value in values:
        if not (value == 1.0 or value == 0.0):
            raise PipelineError(f"[E851] Gold category values must be 1.0 or 0.0, not {value!r}.")


_SCORE_WEIGHTS = {"cats_score": 1.0, "cats_score_desc": None, "cats_micro_p": None,
                  "cats_micro_r": None, "cats_micro_f": None, "cats_macro_p": None,
                  "cats_macro_r": None, "cats_macro_f": None, "cats_macro_auc": None,
                  "cats_f_per_type": None}


@register_factory(
    "textcat", assigns=["doc.cats"],
    default_config={"threshold": 0.0, "model": DEFAULT_SINGLE_TEXTCAT_MODEL,
                    "scorer": {"@scorers": "spacy.textcat_scorer.v2"}},
    default_score_weights=dict(_SCORE_WEIGHTS))
def make_textcat(nlp, name: str, model: Model, threshold: float,
                 scorer: Optional[Callable]) -> TextCategorizer:
    return TextCategorizer(nlp.vocab, model, name, threshold=threshold, scorer=scorer)


@register_factory(
    "textcat_multilabel", assigns=["doc.cats"],
    default_config={"threshold": 0.5, "model": DEFAULT_MULTI_TEXTCAT_MODEL,
                    "scorer": {"@scorers": "spacy.textcat_multilabel_scorer.v2"}},
    default_score_weights=dict(_SCORE_WEIGHTS))
def make_multilabel_textcat(nlp, name: str, model: Model, threshold: float,
                            scorer: Optional[Callable]) -> MultiLabel_TextCategorizer:
    return MultiLabel_TextCategorizer(nlp.vocab, model, name, threshold=threshold,
                                      scorer=scorer)
