"""The tagger: one softmax over the tag set per token, on top of a tok2vec.

Labels come from the training data at initialize. Gold tags are read in the predicted
tokenization (Example.get_aligned); tokens without a gold tag, or whose gold tag the model
doesn't know, add nothing to the loss. A gold tag written "!TAG" (neg_prefix) says only
"not TAG". The loss is spaCy's (sum of squared softmax-minus-target, not normalized), computed
for the whole batch at once.
"""
from __future__ import annotations

from itertools import islice
from typing import Any, Callable, Iterable, Optional

import numpy
from thinc.api import Config, Model, to_categorical
from thinc.util import to_numpy

from ..errors import ModelError, PipelineError
from ..ml import models  # noqa: F401  (registers the architectures the defaults name)
from ..ml.single_doc import TaggerRunner, runner_for
from ..registry import register
from ..scorer import Scorer
from ..training.example import Example, validate_examples, validate_get_examples
from .pipe import register_factory
from .tok2vec import DEFAULT_TOK2VEC_MODEL
from .trainable_pipe import TrainablePipe

DEFAULT_TAGGER_MODEL = Config({"@architectures": "spacy.Tagger.v2",
                               "tok2vec": DEFAULT_TOK2VEC_MODEL.copy()})


def tagger_score(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    return Scorer.score_token_attr(examples, "tag", **kwargs)


@register("scorers", "lexloom.tagger_scorer.v1", "spacy.tagger_scorer.v1")
def make_tagger_scorer() -> Callable:
    return tagger_score


def sequence_loss(scores: list, gold: list[numpy.ndarray], *, negatives: list | None = None,
                  label_smoothing: float = 0.0, ops=None) -> tuple[float, list]:
    """Loss and gradients for per-token softmax outputs, over the whole batch at once.

    scores: one (n_tokens, n_labels) array per doc. gold: per doc, the gold label index of
    each token, -1 where unknown (no gradient). negatives: per doc, the index of a label the
    token is known NOT to have (-1 for none); such a token's gradient pushes only that label
    down. Equals thinc's SequenceCategoricalCrossentropy(normalize=False).
    """
    xp = ops.xp if ops is not None else numpy
    lengths = [s.shape[0] for s in scores]
    if not lengths or sum(lengths) == 0:
        return 0.0, [s * 0 for s in scores]
    guesses = xp.concatenate(scores) if len(scores) > 1 else scores[0]
    n_labels = guesses.shape[1]
    gold_idx = numpy.concatenate(gold).astype("int32") if gold else numpy.zeros(0, "int32")
    known = gold_idx >= 0
    target = to_categorical(numpy.where(known, gold_idx, 0), n_classes=n_labels,
                            label_smoothing=label_smoothing).astype("float32")
    mask = numpy.repeat(known[:, None].astype("float32"), n_labels, axis=1)
    if negatives is not None:
        neg_idx = numpy.concatenate(negatives).astype("int32")
        rows = numpy.nonzero(neg_idx >= 0)[0]
        if rows.size:
            target[rows] = 0.0
            mask[rows] = 0.0
            mask[rows, neg_idx[rows]] = 1.0
    if xp is not numpy:
        target, mask = xp.asarray(target), xp.asarray(mask)
    d_scores = (guesses - target) * mask
    loss = float((d_scores ** 2).sum())
    if not numpy.isfinite(loss):
        raise PipelineError("The loss is NaN or infinite: the model diverged. Lower the "
                            "learning rate or check the input data.")
    ends = numpy.cumsum(lengths)
    return loss, [d_scores[e - n:e] for e, n in zip(ends.tolist(), lengths)]


class Tagger(TrainablePipe):
    """Assigns token.tag_ from one softmax per token."""

    def __init__(self, vocab, model: Model, name: str = "tagger", *, overwrite: bool = False,
                 scorer: Callable | None = tagger_score, neg_prefix: str = "!",
                 label_smoothing: float = 0.0):
        self.vocab = vocab
        self.model = model
        self.name = name
        cfg = {"labels": [], "overwrite": overwrite, "neg_prefix": neg_prefix,
               "label_smoothing": label_smoothing}
        self.cfg = dict(sorted(cfg.items()))
        self.scorer = scorer
        self._rehearsal_model: Model | None = None  # set by nlp.resume_training()
        self._label_table: tuple | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.cfg["labels"])

    @property
    def label_data(self) -> tuple[str, ...]:
        return tuple(self.cfg["labels"])

    def _n_outputs(self) -> int:
        return len(self.labels)

    def _after_load(self) -> None:
        self._label_table = None
        for label in self.labels:
            self.vocab.strings.add(label)

    def _labels_by_hash(self) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """(label hashes, argsort of them, the hashes sorted) for vectorized lookups."""
        if self._label_table is None or len(self._label_table[0]) != len(self.labels):
            hashes = numpy.asarray([self.vocab.strings.add(label) for label in self.labels],
                                   dtype=numpy.uint64)
            order = numpy.argsort(hashes)
            self._label_table = (hashes, order, hashes[order])
        return self._label_table

    def _label_indices(self, values: numpy.ndarray) -> numpy.ndarray:
        """Index in self.labels of each string hash in `values`; -1 for unknown ones."""
        _hashes, order, sorted_hashes = self._labels_by_hash()
        if not len(sorted_hashes):
            return numpy.full(values.shape, -1, dtype=numpy.int32)
        pos = numpy.searchsorted(sorted_hashes, values)
        pos = numpy.minimum(pos, len(sorted_hashes) - 1)
        found = sorted_hashes[pos] == values
        return numpy.where(found, order[pos], -1).astype(numpy.int32)

    # ---- inference --------------------------------------------------------------------

    def predict(self, docs: list) -> list:
        if not any(len(doc) for doc in docs):   # as spaCy: empty score rows per Doc
            return [numpy.zeros((0, len(self.labels)), dtype="float32") for _ in docs]
        runner = runner_for(self, TaggerRunner) if len(docs) == 1 else None
        scores = [runner(docs[0])] if runner is not None else self.model.predict(docs)
        return [to_numpy(s.argmax(axis=1)) for s in scores]

    def set_annotations(self, docs: list, batch_tag_ids: list) -> None:
        hashes = self._labels_by_hash()[0]
        overwrite = self.cfg["overwrite"]
        for doc, tag_ids in zip(docs, batch_tag_ids):
            if not len(doc):
                continue
            if doc.vocab is not self.vocab:
                for label in self.labels:
                    doc.vocab.strings.add(label)
            new = hashes[numpy.asarray(tag_ids, dtype=numpy.int64).reshape(-1)]
            if len(new) != len(doc):
                if len(new) > len(doc):
                    raise ModelError(f"Tagger.set_annotations got {len(new)} tag ids for a "
                                     f"Doc of {len(doc)} tokens; give one per token.")
                # as spaCy: fewer ids than tokens set the first tokens' tags only
                new = numpy.concatenate([new, doc.to_array("TAG")[len(new):]])
            if not overwrite:
                old = doc.to_array("TAG")
                new = numpy.where(old == 0, new, old)
            doc.from_array(["TAG"], new.reshape((-1, 1)))

    # ---- training ---------------------------------------------------------------------

    def get_loss(self, examples: list[Example], scores: list) -> tuple[float, list]:
        validate_examples(examples, "Tagger.get_loss")
        gold, negatives = [], []
        has_negatives = False
        for eg in examples:
            values, known = eg.get_aligned_array("TAG")
            idx = self._label_indices(values)
            idx[~known | (values == 0)] = -1
            self._check_known_labels(values, known, idx, eg.y.vocab.strings)
            neg = self._negatives(values, known, idx, eg.y.vocab.strings)
            has_negatives = has_negatives or neg is not None
            gold.append(idx)
            negatives.append(neg if neg is not None else numpy.full(len(idx), -1, "int32"))
        return sequence_loss(scores, gold, negatives=negatives if has_negatives else None,
                             label_smoothing=self.cfg["label_smoothing"], ops=self.model.ops)

    def _rehearsal_loss(self, scores: list, targets: list) -> tuple[float, list]:
        """Cross-entropy against the tutor's tag distributions (spaCy's tagger rehearsal; the
        loss as thinc gives it, a numpy float32)."""
        from thinc.api import SequenceCategoricalCrossentropy

        d_scores, loss = SequenceCategoricalCrossentropy()(scores, targets)
        return loss, d_scores

    def _check_known_labels(self, values, known, idx, strings) -> None:
        """A gold tag the tagger has no label for means it was initialized on other data:
        say so instead of silently learning nothing from it."""
        prefix = self.cfg.get("neg_prefix") or None
        for i in numpy.nonzero(known & (values != 0) & (idx < 0))[0].tolist():
            tag = strings[int(values[i])]
            if prefix and tag.startswith(prefix):
                continue
            raise PipelineError(
                f"The tagger '{self.name}' has {len(self.labels)} labels from initialize, but the "
                f"training data has the tag {tag!r}, which is not one of them. Initialize on data "
                "that covers every tag (nlp.initialize(lambda: train_examples), or labels in "
                f"[initialize.components.{self.name}]), or call add_label({tag!r}) first.")

    def _negatives(self, values: numpy.ndarray, known: numpy.ndarray, idx: numpy.ndarray,
                   strings) -> numpy.ndarray | None:
        """Indices of labels that gold "!TAG" values rule out (-1 elsewhere), or None."""
        prefix = self.cfg.get("neg_prefix")
        unknown = numpy.nonzero(known & (values != 0) & (idx < 0))[0]
        if not prefix or not unknown.size:
            return None
        neg = numpy.full(len(values), -1, dtype="int32")
        label_index = {label: i for i, label in enumerate(self.labels)}
        for i in unknown.tolist():
            tag = strings[int(values[i])]
            if tag.startswith(prefix):
                neg[i] = label_index.get(tag[len(prefix):], -1)
        return neg if (neg >= 0).any() else None

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   labels: Iterable[str] | None = None) -> None:
        """Take the labels from `labels` or else from the data, then size the model from
        a sample of up to 10 examples."""
        validate_get_examples(get_examples, "Tagger.initialize")
        if labels is not None:
            for tag in labels:
                self.add_label(tag)
        else:
            tags = set()
            for eg in get_examples():
                if len(eg.y):  # the reference may have its own vocab: read its strings
                    strings = eg.y.vocab.strings
                    tags.update(strings[int(k)] for k in numpy.unique(eg.y.to_array("TAG")) if k)
            for tag in sorted(tags):
                self.add_label(tag)
        self._require_labels()
        docs, golds = [], []
        for eg in islice(get_examples(), 10):
            docs.append(eg.x)
            values, known = eg.get_aligned_array("TAG")
            idx = self._label_indices(values)
            golds.append(self._one_hot(idx, known))
        self.model.initialize(X=docs, Y=golds)

    def _one_hot(self, idx: numpy.ndarray, known: numpy.ndarray):
        out = numpy.zeros((len(idx), len(self.labels)), dtype="float32")
        rows = numpy.nonzero(known & (idx >= 0))[0]
        out[rows, idx[rows]] = 1.0
        return self.model.ops.asarray(out)

    def add_label(self, label: str) -> int:
        added = self._add_to_cfg_labels(label)
        if added:
            self._label_table = None
        return added


@register_factory(
    "tagger", assigns=["token.tag"],
    default_config={"model": DEFAULT_TAGGER_MODEL, "overwrite": False,
                    "scorer": {"@scorers": "spacy.tagger_scorer.v1"}, "neg_prefix": "!",
                    "label_smoothing": 0.0},
    default_score_weights={"tag_acc": 1.0, "pos_acc": 0.0, "tag_micro_p": None,
                           "tag_micro_r": None, "tag_micro_f": None})
def make_tagger(nlp, name: str, model: Model, overwrite: bool, scorer: Optional[Callable],
                neg_prefix: str, label_smoothing: float) -> Tagger:
    return Tagger(nlp.vocab, model, name, overwrite=overwrite, scorer=scorer,
                  neg_prefix=neg_prefix, label_smoothing=label_smoothing)
