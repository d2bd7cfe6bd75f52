"""Auxiliary objectives (spaCy's spacy.pipeline.multitask): components that annotate nothing
and exist to train a shared tok2vec on a side task, alone in a pipeline (the `nn_labeller`
factory) or beside a parser or ner through its add_multitask_objective.

MultitaskObjective predicts one label per token, made from the reference annotation by a
target ("dep", "tag", "ent", "dep_tag_offset", "ent_tag", "sent_start" or a function of a
Token); ClozeMultitask predicts each token's static vector from a masked copy of the Doc.
The label of a target is None where the reference lacks what it reads; such tokens, and
predicted tokens that align to reference tokens with different labels, add nothing to the
loss.
"""
from __future__ import annotations

from itertools import islice
from typing import Any, Callable, Iterable, Optional

import numpy
from thinc.api import Config, CosineDistance, Model, set_dropout_rate

from ..errors import ConfigError, ModelError, PipelineError
from ..ml import models  # noqa: F401  (registers the architectures the defaults name)
from ..training.example import Example, validate_examples, validate_get_examples
from .pipe import register_factory
from .tagger import Tagger, sequence_loss
from .trainable_pipe import TrainablePipe

DEFAULT_MT_MODEL = Config().from_str("""
[model]
@architectures = "spacy.MultiTask.v1"
maxout_pieces = 3
token_vector_width = 96

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 2
subword_features = true
""")["model"]

TARGETS = ("dep", "tag", "ent", "dep_tag_offset", "ent_tag", "sent_start")


def _entity(token) -> Optional[str]:
    iob = token.ent_iob_
    if not iob:
        return None
    return "O" if iob == "O" else f"{iob}-{token.ent_type_}"


class MultitaskObjective(Tagger):
    """Trains its tok2vec to predict a per-token label: a side objective that shapes the
    shared token vectors of a parser or tagger. It sets no annotation. A Tagger, as in
    spaCy, so code that checks for taggers finds it."""

    def __init__(self, vocab, model: Model, name: str = "nn_labeller", *,
                 target: str | Callable = "dep_tag_offset", labels: dict | None = None):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.make_label = self._label_function(target)
        # cfg is saved as JSON: a function target is kept on the instance, its name in cfg
        target_name = target if isinstance(target, str) else getattr(target, "__name__",
                                                                     "custom")
        self.cfg = {"labels": {}, "target": target_name}
        self.scorer = None
        self._label_table = None
        if labels is not None:
            self.labels = labels

    def _label_function(self, target) -> Callable:
        if isinstance(target, str) and target in TARGETS:
            return getattr(self, f"make_{target}")
        if callable(target):
            return target
        raise ConfigError(
            f"[components.{self.name}] target = {target!r} is not a multitask target. Use one "
            f"of {', '.join(repr(t) for t in TARGETS)}, or pass a function that takes a Token "
            "and returns its label (or None for no label).")

    # ---- labels -----------------------------------------------------------------------

    @property
    def labels(self) -> dict[str, int]:
        """Label -> row of the output layer, in the order first seen (as spaCy keeps them)."""
        return self.cfg.setdefault("labels", {})

    @labels.setter
    def labels(self, value) -> None:
        if isinstance(value, dict):
            labels = {str(k): int(v) for k, v in value.items()}
            if sorted(labels.values()) != list(range(len(labels))):
                raise PipelineError(f"The labels of '{self.name}' map each label to its row: "
                                    f"0..{len(labels) - 1}, each once; got {value!r}.")
        else:
            labels = {str(label): i for i, label in enumerate(dict.fromkeys(value))}
        self.cfg["labels"] = labels
        for label in labels:
            self.vocab.strings.add(label)

    @property
    def label_data(self) -> dict[str, int]:
        return dict(self.labels)

    def add_label(self, label: str) -> int:
        if not isinstance(label, str):
            raise PipelineError(f"Labels are strings, not {type(label).__name__} ({label!r}).")
        if label in self.labels:
            return 0
        self._allow_extra_label()
        self.labels[label] = len(self.labels)
        self.vocab.strings.add(label)
        return 1

    def _after_load(self) -> None:
        target = self.cfg.get("target")
        if target in TARGETS:  # a loaded cfg names the target the weights were trained for
            self.make_label = self._label_function(target)
        for label in self.labels:
            self.vocab.strings.add(label)

    def _reference_labels(self, doc) -> numpy.ndarray:
        """The label row of each token of a reference Doc; -1 where it has none. A Python
        loop: the target may be any function of a Token."""
        index = self.labels
        rows = [index.get(label, -1) if label is not None else -1
                for label in map(self.make_label, doc)]
        return numpy.asarray(rows, dtype=numpy.int32)

    def _gold_rows(self, eg: Example) -> numpy.ndarray:
        """The label row of each predicted token: that of the reference tokens it aligns to
        when they agree, else -1."""
        gold = self._reference_labels(eg.y)
        x2y = eg.alignment.x2y
        out = numpy.full(len(eg.x), -1, dtype=numpy.int32)
        known = x2y.lengths > 0
        if x2y.data.size and known.any():
            per_link = gold[x2y.data]
            starts = x2y.starts[known]
            lo = numpy.minimum.reduceat(per_link, starts)
            hi = numpy.maximum.reduceat(per_link, starts)
            out[known] = numpy.where(lo == hi, lo, -1)
        return out

    # ---- inference: scores only ---------------------------------------------------------

    def predict(self, docs: list):
        """The label scores of every token of the batch, one row each."""
        return self.model.predict(docs)

    def set_annotations(self, docs: list, scores) -> None:
        """Nothing: the objective only trains the shared layers."""

    # ---- training ---------------------------------------------------------------------

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   labels: dict | Iterable[str] | None = None) -> None:
        """Take the labels from `labels` or else from the reference tokens, size the output
        layer to them and initialize the model on up to 10 examples."""
        validate_get_examples(get_examples, "MultitaskObjective.initialize")
        if labels is not None:
            self.labels = labels
        elif not self.labels:
            seen: dict[str, int] = {}
            for eg in get_examples():
                for label in map(self.make_label, eg.y):
                    if label is not None and label not in seen:
                        seen[label] = len(seen)
            self.labels = seen
        if not self.labels:
            raise PipelineError(
                f"'{self.name}' found no labels for its target {self.cfg['target']!r} in the "
                "initialization data: the reference Docs lack the annotation it reads. "
                "Initialize on annotated data, or pass labels.")
        self._size_output(len(self.labels))
        docs = [eg.x for eg in islice(get_examples(), 10)]
        self.model.initialize(X=docs)

    def _size_output(self, n_labels: int) -> None:
        """Set the output width to the number of labels: replacing a width given before
        (the parser sizes its multitask objectives to its own labels), unless weights exist."""
        layers = [self.model]
        if self.model.has_ref("output_layer"):
            layers.append(self.model.get_ref("output_layer"))
        for layer in layers:
            if "nO" not in layer.dim_names:
                continue
            if layer.has_dim("nO") and layer.get_dim("nO") != n_labels and \
                    any(layer.has_param(p) for p in layer.param_names):
                raise PipelineError(
                    f"'{self.name}' has {n_labels} labels, but its model was already built "
                    f"with {layer.get_dim('nO')} outputs. Set the labels before the first "
                    "initialize, or build a new component.")
            layer.set_dim("nO", n_labels, force=True)

    def get_loss(self, examples: list[Example], scores) -> tuple[float, Any]:
        """Squared error of the softmax against the gold rows (spaCy's loss); tokens with
        no gold label pass no gradient."""
        validate_examples(examples, "MultitaskObjective.get_loss")
        gold = [self._gold_rows(eg) for eg in examples]
        n_tokens = sum(len(g) for g in gold)
        if scores.shape[0] != n_tokens:
            raise ModelError(f"'{self.name}' got {scores.shape[0]} score rows for {n_tokens} "
                             "tokens: its model must give one row per token.")
        loss, d_scores = sequence_loss([scores], [numpy.concatenate(gold)], ops=self.model.ops)
        return loss, d_scores[0]

    # ---- spaCy's targets --------------------------------------------------------------

    @staticmethod
    def make_dep(token) -> Optional[str]:
        return token.dep_ or None

    @staticmethod
    def make_tag(token) -> Optional[str]:
        return token.tag_ or None

    @staticmethod
    def make_ent(token) -> Optional[str]:
        return _entity(token)

    @staticmethod
    def make_dep_tag_offset(token) -> Optional[str]:
        """Dependency label, tag and the head's offset clipped to [-2, 2]."""
        if not token.dep_ or not token.tag_:
            return None
        offset = max(-2, min(2, token.head.i - token.i))
        return f"{token.dep_}-{token.tag_}:{offset}"

    @staticmethod
    def make_ent_tag(token) -> Optional[str]:
        ent = _entity(token)
        if ent is None or not token.tag_:
            return None
        return f"{token.tag_}-{ent}"

    @staticmethod
    def make_sent_start(token) -> Optional[str]:
        """Sentence boundaries as spaCy labels them: U-SENT for a one-token sentence,
        B-SENT for a first token, I-SENT for the rest."""
        start = token.is_sent_start
        if start is None:
            return None
        if start and token.is_sent_end:
            return "U-SENT"
        return "B-SENT" if start else "I-SENT"


class ClozeMultitask(TrainablePipe):
    """Trains its tok2vec to predict each token's static vector from a masked copy of the
    Doc (a cloze task): it needs vectors, not annotation. The model is one
    build_cloze_multi_task_model makes. It sets no annotation."""

    def __init__(self, vocab, model: Model, name: str = "cloze_multitask", **cfg):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.cfg = dict(cfg)
        self.scorer = None
        self.distance = CosineDistance(ignore_zeros=True, normalize=False)

    def predict(self, docs: list):
        """Each token's predicted vector, from the unmasked Docs."""
        tokvecs = self.model.get_ref("tok2vec").predict(docs)
        return self.model.get_ref("output_layer").predict(tokvecs)

    def set_annotations(self, docs: list, vectors) -> None:
        """Nothing: the objective only trains the shared layers."""

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None) -> None:
        validate_get_examples(get_examples, "ClozeMultitask.initialize")
        self._require_vectors()
        self.model.initialize(X=[eg.x for eg in islice(get_examples(), 10)])

    def _require_vectors(self) -> None:
        shape = getattr(self.vocab.vectors, "shape", (0, 0))
        if len(shape) != 2 or not shape[0] or not shape[1]:
            raise PipelineError(f"'{self.name}' predicts static vectors, but the vocab has "
                                "none. Load vectors first ([initialize] vectors, or "
                                "`lexloom init vectors`).")

    def get_loss(self, examples: list[Example], vectors, prediction) -> tuple[float, Any]:
        """Cosine distance between the prediction and each predicted token's row of
        `vectors` (a Vectors table; None for the vocab's); tokens without one are ignored."""
        validate_examples(examples, "ClozeMultitask.get_loss")
        from ..attrs import ORTH
        from ..ml_ops import docs_to_array

        table = self.vocab.vectors if vectors is None else vectors
        docs = [eg.predicted for eg in examples]
        keys = docs_to_array(docs, [int(getattr(table, "attr", ORTH))])[:, 0]
        target = self.model.ops.asarray(table.get_batch(keys), dtype="float32")
        if target.shape != prediction.shape:
            raise ModelError(f"'{self.name}' predicted vectors of shape "
                             f"{tuple(prediction.shape)}, but the targets have shape "
                             f"{tuple(target.shape)}: build the model with this vocab.")
        gradient = self.distance.get_grad(prediction, target)
        loss = self.distance.get_loss(prediction, target)
        return float(loss), gradient

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd=None,
               losses: dict[str, float] | None = None) -> dict[str, float]:
        """One step of the cloze objective on the predicted Docs (gold is not used)."""
        examples, losses = self._begin_update(examples, losses)
        if not any(len(eg.predicted) for eg in examples):
            return losses
        set_dropout_rate(self.model, drop)
        prediction, backprop = self.model.begin_update([eg.predicted for eg in examples])
        loss, d_prediction = self.get_loss(examples, None, prediction)
        backprop(d_prediction)
        if sgd not in (None, False):
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def rehearse(self, examples: Iterable[Example], *, drop: float = 0.0, sgd=None,
                 losses: dict[str, float] | None = None, **config) -> dict[str, float]:
        """The same step as update: the objective reads raw text only, so it is a
        rehearsal objective as it stands."""
        return self.update(examples, drop=drop, sgd=sgd, losses=losses)

    def add_label(self, label: str) -> int:
        raise PipelineError(f"'{self.name}' ({type(self).__name__}) predicts vectors; it has "
                            "no labels to add.")


@register_factory(
    "nn_labeller",
    default_config={"labels": None, "target": "dep_tag_offset", "model": DEFAULT_MT_MODEL})
def make_nn_labeller(nlp, name: str, model: Model, labels: Optional[dict],
                     target: str) -> MultitaskObjective:
    return MultitaskObjective(nlp.vocab, model, name, target=target, labels=labels)


__all__ = ["MultitaskObjective", "ClozeMultitask", "make_nn_labeller", "DEFAULT_MT_MODEL"]
