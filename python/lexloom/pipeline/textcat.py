"""Text classification: "textcat" (exactly one label per text) and "textcat_multilabel"
(any number), with spaCy's model architectures: a sparse bag of n-grams (TextCatBOW), a
pooled tok2vec (TextCatReduce / TextCatCNN), attention over a tok2vec
(TextCatParametricAttention) and the ensemble of BOW and attention (TextCatEnsemble).

Scores go to doc.cats; the loss is the mean squared error against the gold cats, with labels
missing from the gold cats ignored by the multi-label component.
"""
from __future__ import annotations

from functools import partial
from itertools import islice
from typing import Any, Callable, Iterable, Optional

import numpy
from thinc.api import (Config, Dropout, Gelu, LayerNorm, Linear, Logistic, Maxout, Model,
                       ParametricAttention, ParametricAttention_v2, Softmax, SparseLinear,
                       SparseLinear_v2, chain, concatenate, list2ragged, reduce_first,
                       reduce_last, reduce_max, reduce_mean, reduce_sum, residual, resizable,
                       softmax_activation, with_cpu)
from thinc.layers.chain import init as init_chain
from thinc.layers.resizable import resize_linear_weighted, resize_model

from ..attrs import IDS
from ..errors import ConfigError, PipelineError
from ..registry import register
from ..scorer import Scorer
from ..training.example import Example, validate_examples, validate_get_examples
from .pipe import register_factory
from .trainable_pipe import TrainablePipe

NEG_VALUE = -5000  # bias of a new label's output unit, so adding a label changes nothing

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


def _ensemble_config(exclusive: bool) -> Config:
    return Config().from_str(f"""
[model]
@architectures = "spacy.TextCatEnsemble.v2"
{_TOK2VEC_CFG}
[model.linear_model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = {str(exclusive).lower()}
length = 262144
ngram_size = 1
no_output_layer = false
""")["model"]


DEFAULT_SINGLE_TEXTCAT_MODEL = _ensemble_config(True)
DEFAULT_MULTI_TEXTCAT_MODEL = _ensemble_config(False)


# ---- layers and architectures -----------------------------------------------------------


def extract_ngrams(ngram_size: int, attr: int | str = "LOWER") -> Model:
    """Docs -> (keys, counts, lengths): the distinct hashed n-grams (n = 1..ngram_size) of an
    attribute in each doc, with their counts, as SparseLinear takes them."""
    attr_id = IDS[attr] if isinstance(attr, str) else attr
    return Model("extract_ngrams", _extract_ngrams_forward,
                 attrs={"ngram_size": ngram_size, "attr": attr_id})


def _extract_ngrams_forward(model: Model, docs: list, is_train: bool):
    ops, xp = model.ops, model.ops.xp
    size = model.attrs["ngram_size"]
    keys, counts = [], []
    for doc in docs:
        unigrams = ops.asarray(doc.to_array([model.attrs["attr"]]), dtype="uint64")
        grams = [unigrams] + [ops.ngrams(n, unigrams) for n in range(2, size + 1)
                              if unigrams.shape[0] >= n]
        doc_keys, doc_counts = xp.unique(xp.concatenate(grams), return_counts=True)
        keys.append(doc_keys)
        counts.append(doc_counts)
    lengths = ops.asarray([k.shape[0] for k in keys], dtype="int32")
    all_keys = xp.concatenate(keys) if keys else xp.zeros((0,), dtype="uint64")
    all_counts = ops.asarray(xp.concatenate(counts) if counts else xp.zeros((0,)), dtype="f")

    def backprop(d_output):
        return []

    return (all_keys, all_counts, lengths), backprop


def _resize_and_set_ref(model: Model, new_nO: int, resizable_layer: Model) -> Model:
    resizable_layer = resize_model(resizable_layer, new_nO)
    model.set_ref("output_layer", resizable_layer.layers[0])
    model.set_dim("nO", new_nO, force=True)
    return model


def _bow(exclusive_classes: bool, ngram_size: int, no_output_layer: bool,
         sparse_linear: Model, nO: Optional[int]) -> Model:
    fill_defaults = {"b": 0, "W": 0}
    output_layer = None
    if not no_output_layer:
        fill_defaults["b"] = NEG_VALUE
        output_layer = softmax_activation() if exclusive_classes else Logistic()
    resizable_layer = resizable(sparse_linear, resize_layer=partial(
        resize_linear_weighted, fill_defaults=fill_defaults))
    model = chain(extract_ngrams(ngram_size, attr="ORTH"), resizable_layer)
    model = with_cpu(model, model.ops)
    if output_layer is not None:
        model = chain(model, with_cpu(output_layer, output_layer.ops))
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["resize_output"] = partial(_resize_and_set_ref, resizable_layer=resizable_layer)
    return model


@register("architectures", "lexloom.TextCatBOW.v3", "spacy.TextCatBOW.v3")
def TextCatBOW_v3(exclusive_classes: bool, ngram_size: int, no_output_layer: bool,
                  length: int = 262144, nO: Optional[int] = None) -> Model:
    """A linear model over hashed n-gram counts; `length` rows (rounded up to a power of 2)."""
    if length < 1:
        raise ConfigError(f"TextCatBOW.v3: length must be at least 1, not {length}.")
    length = 2 ** (length - 1).bit_length()
    return _bow(exclusive_classes, ngram_size, no_output_layer,
                SparseLinear_v2(nO=nO, length=length), nO)


@register("architectures", "lexloom.TextCatBOW.v2", "spacy.TextCatBOW.v2")
def TextCatBOW_v2(exclusive_classes: bool, ngram_size: int, no_output_layer: bool,
                  nO: Optional[int] = None) -> Model:
    return _bow(exclusive_classes, ngram_size, no_output_layer, SparseLinear(nO=nO), nO)


@register("architectures", "lexloom.TextCatReduce.v1", "spacy.TextCatReduce.v1")
def TextCatReduce(tok2vec: Model, exclusive_classes: bool, use_reduce_first: bool,
                  use_reduce_last: bool, use_reduce_max: bool, use_reduce_mean: bool,
                  nO: Optional[int] = None) -> Model:
    """Pool the tok2vec rows of each doc (first / last / max / mean, concatenated) and
    classify the pooled vector."""
    reductions = [layer() for use, layer in ((use_reduce_first, reduce_first),
                                             (use_reduce_last, reduce_last),
                                             (use_reduce_max, reduce_max),
                                             (use_reduce_mean, reduce_mean)) if use]
    if not reductions:
        raise ConfigError("TextCatReduce.v1 needs at least one of use_reduce_first, "
                          "use_reduce_last, use_reduce_max, use_reduce_mean set to true.")
    fill_defaults = {"b": 0, "W": 0}
    with Model.define_operators({">>": chain}):  # spaCy's nesting: same weights layout
        pooled = tok2vec >> list2ragged() >> concatenate(*reductions)
        width = tok2vec.maybe_get_dim("nO")
        nI = width * len(reductions) if width is not None else None
        if exclusive_classes:
            output_layer = Softmax(nO=nO, nI=nI)
            fill_defaults["b"] = NEG_VALUE
            resizable_layer = resizable(output_layer, resize_layer=partial(
                resize_linear_weighted, fill_defaults=fill_defaults))
            model = pooled >> resizable_layer
        else:
            output_layer = Linear(nO=nO, nI=nI)
            resizable_layer = resizable(output_layer, resize_layer=partial(
                resize_linear_weighted, fill_defaults=fill_defaults))
            model = pooled >> resizable_layer >> Logistic()
    model.set_ref("output_layer", output_layer)
    model.attrs["resize_output"] = partial(_resize_and_set_ref, resizable_layer=resizable_layer)
    model.set_ref("tok2vec", tok2vec)
    if nO is not None:
        model.set_dim("nO", nO)
    model.attrs["multi_label"] = not exclusive_classes
    return model


@register("architectures", "lexloom.TextCatCNN.v2", "spacy.TextCatCNN.v2")
def TextCatCNN(tok2vec: Model, exclusive_classes: bool, nO: Optional[int] = None) -> Model:
    """The mean of the tok2vec rows, classified (TextCatReduce with mean pooling only)."""
    return TextCatReduce(tok2vec, exclusive_classes, use_reduce_first=False,
                         use_reduce_last=False, use_reduce_max=False, use_reduce_mean=True,
                         nO=nO)


def _tok2vec_width(model: Model) -> Optional[int]:
    tok2vec = model.get_ref("tok2vec") if model.has_ref("tok2vec") else None
    if tok2vec is None:
        return None
    if tok2vec.has_dim("nO"):
        return tok2vec.get_dim("nO")
    if tok2vec.has_ref("listener"):
        return tok2vec.get_ref("listener").get_dim("nO")
    return None


@register("architectures", "lexloom.TextCatEnsemble.v2", "spacy.TextCatEnsemble.v2")
def TextCatEnsemble(tok2vec: Model, linear_model: Model, nO: Optional[int] = None) -> Model:
    """The concatenated outputs of a linear (BOW) model and of attention-pooled tok2vec
    rows, classified together."""
    exclusive = not linear_model.attrs["multi_label"]
    width = tok2vec.maybe_get_dim("nO")
    attention = ParametricAttention(width)
    maxout = Maxout(nO=width, nI=width)
    norm = LayerNorm(nI=width)
    with Model.define_operators({">>": chain, "|": concatenate}):
        cnn = (tok2vec >> list2ragged() >> attention >> reduce_sum()
               >> residual(maxout >> norm >> Dropout(0.0)))
        n_in = nO * 2 if nO else None
        output_layer = Softmax(nO=nO, nI=n_in) if exclusive \
            else Linear(nO=nO, nI=n_in) >> Logistic()
        model = (linear_model | cnn) >> output_layer
    model.set_ref("tok2vec", tok2vec)
    if model.has_dim("nO") is not False and nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", linear_model.get_ref("output_layer"))
    model.set_ref("attention_layer", attention)
    model.set_ref("maxout_layer", maxout)
    model.set_ref("norm_layer", norm)
    model.attrs["multi_label"] = not exclusive
    model.init = _init_ensemble
    return model


def _init_ensemble(model: Model, X=None, Y=None) -> Model:
    # The tok2vec may infer its width only now; the attention block needs it first.
    model.get_ref("tok2vec").initialize(X)
    width = _tok2vec_width(model)
    model.get_ref("attention_layer").set_dim("nO", width)
    for ref in ("maxout_layer", "norm_layer"):
        model.get_ref(ref).set_dim("nO", width)
        model.get_ref(ref).set_dim("nI", width)
    init_chain(model, X, Y)
    return model


@register("architectures", "lexloom.TextCatParametricAttention.v1",
          "spacy.TextCatParametricAttention.v1")
def TextCatParametricAttention(tok2vec: Model, exclusive_classes: bool,
                               nO: Optional[int] = None) -> Model:
    """Attention-pooled tok2vec rows (keys through a Gelu), a residual Maxout block, then
    the output layer."""
    width = tok2vec.maybe_get_dim("nO")
    key_transform = Gelu(nI=width, nO=width)
    attention = ParametricAttention_v2(nO=width, key_transform=key_transform)
    nonlinear = Maxout(nI=width, nO=width)
    norm = LayerNorm(nI=width)
    with Model.define_operators({">>": chain}):
        pooled = (tok2vec >> list2ragged() >> attention >> reduce_sum()
                  >> residual(nonlinear >> norm >> Dropout(0.0)))
    pooled.init = _init_attention
    for name, layer in (("tok2vec", tok2vec), ("attention_layer", attention),
                        ("key_transform", key_transform), ("nonlinear_layer", nonlinear),
                        ("norm_layer", norm)):
        pooled.set_ref(name, layer)
    output_layer = Softmax(nO=nO) if exclusive_classes else chain(Linear(nO=nO), Logistic())
    model = chain(pooled, output_layer)  # spaCy: pooled >> output_layer
    if model.has_dim("nO") is not False and nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", output_layer)
    model.attrs["multi_label"] = not exclusive_classes
    return model


def _init_attention(model: Model, X=None, Y=None) -> Model:
    model.get_ref("tok2vec").initialize(X)
    width = _tok2vec_width(model)
    model.get_ref("attention_layer").set_dim("nO", width)
    for ref in ("key_transform", "nonlinear_layer", "norm_layer"):
        model.get_ref(ref).set_dim("nI", width)
        model.get_ref(ref).set_dim("nO", width)
    init_chain(model, X, Y)
    return model


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

    @property
    def support_missing_values(self) -> bool:
        return False

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.cfg["labels"])

    @property
    def label_data(self) -> tuple[str, ...]:
        return self.labels

    def _after_load(self) -> None:
        for label in self.labels:
            self.vocab.strings.add(label)

    def predict(self, docs: list):
        if not any(len(doc) for doc in docs):
            return self.model.ops.alloc2f(len(docs), len(self.labels))
        return self.model.ops.asarray(self.model.predict(docs))

    def set_annotations(self, docs: list, scores) -> None:
        rows = _to_numpy(scores).tolist()
        labels = self.labels
        for doc, row in zip(docs, rows):
            doc.cats.update(zip(labels, (float(v) for v in row)))

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
            raise PipelineError(f"The loss of '{self.name}' is NaN or infinite: the model "
                                "diverged. Lower the learning rate or check the data.")
        return loss, d_scores

    def add_label(self, label: str) -> int:
        if not isinstance(label, str):
            raise PipelineError(f"Labels are strings, not {type(label).__name__} ({label!r}).")
        if label in self.labels:
            return 0
        self._allow_extra_label()
        self.cfg["labels"].append(label)
        if self.model is not None and "resize_output" in self.model.attrs:
            self.model = self.model.attrs["resize_output"](self.model, len(self.labels))
        self.vocab.strings.add(label)
        return 1

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
                f"'{self.name}' (textcat, exclusive classes) needs at least two labels, found "
                f"{list(self.labels)}. For one yes/no label use two labels (e.g. POSITIVE and "
                "NEGATIVE) with positive_label, or use textcat_multilabel.")
        if positive_label is not None:
            if positive_label not in self.labels:
                raise PipelineError(f"positive_label {positive_label!r} is not one of the "
                                    f"labels {list(self.labels)}.")
            if len(self.labels) != 2:
                raise PipelineError(f"positive_label is for binary tasks, but '{self.name}' "
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
                    f"'{self.name}' (textcat) takes exactly one positive label per text, but "
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
            raise PipelineError(f"Gold category values must be 1.0 or 0.0, not {value!r}.")


def _to_numpy(array) -> numpy.ndarray:
    return array.get() if hasattr(array, "get") else numpy.asarray(array)


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
