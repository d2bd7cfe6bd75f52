"""The sentence recognizer: tags each token as starting a sentence ("S") or not ("I")."""
from __future__ import annotations

from itertools import islice
from typing import Any, Callable, Iterable, Optional

import numpy
from thinc.api import Config, Model

from ..errors import NotImplementedMethodError, PipelineError
from ..registry import register
from ..scorer import Scorer
from ..training.example import Example, validate_examples, validate_get_examples
from .pipe import register_factory
from .tagger import Tagger, sequence_loss

DEFAULT_SENTER_MODEL = Config().from_str("""
[model]
@architectures = "spacy.Tagger.v2"

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 12
depth = 1
embed_size = 2000
window_size = 1
maxout_pieces = 2
subword_features = true
""")["model"]


def check_probabilities(scores: list) -> None:
    """thinc's check in spaCy's (Sequence)CategoricalCrossentropy: the guesses given to
    get_loss are probabilities (model.predict's unnormalized outputs are refused)."""
    for s in scores:
        if getattr(s, "size", 0) and (bool((s > 1).any()) or bool((s < 0).any())):
            raise ValueError("Cannot calculate CategoricalCrossentropy loss with guesses "
                             "outside the [0,1] interval.")


def checked_sequence_loss(name: str, scores: list, gold: list, *, probabilities: bool = True,
                          **kwargs) -> tuple[float, list]:
    """sequence_loss after spaCy's checks: probabilities in (unless `probabilities` is
    False), and E910 for a NaN loss."""
    if probabilities:
        check_probabilities(scores)
    loss, d_scores = sequence_loss(scores, gold, **kwargs)
    if loss != loss:
        raise PipelineError(f"[E910] The loss of '{name}' is NaN: the model's outputs "
                            "have NaN values (check the data and the learning rate).")
    return loss, d_scores


def senter_score(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    results = Scorer.score_spans(examples, "sents",
                                 has_annotation=lambda doc: doc.has_annotation("SENT_START"),
                                 **kwargs)
    results.pop("sents_per_type", None)
    return results


@register("scorers", "lexloom.senter_scorer.v1", "spacy.senter_scorer.v1")
def make_senter_scorer() -> Callable:
    return senter_score


class SentenceRecognizer(Tagger):
    """Sets token.is_sent_start; label 1 ("S") starts a sentence, 0 ("I") doesn't."""

    def __init__(self, vocab, model: Model, name: str = "senter", *, overwrite: bool = False,
                 scorer: Callable | None = senter_score):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.cfg = {"overwrite": overwrite}
        self.scorer = scorer
        self._rehearsal_model: Model | None = None  # set by nlp.resume_training()
        self._label_table = None

    @property
    def labels(self) -> tuple[str, ...]:
        return ("I", "S")

    @property
    def hide_labels(self) -> bool:
        return True

    @property
    def label_data(self) -> None:
        return None

    def _after_load(self) -> None:
        pass

    def predict(self, docs: list) -> list:
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            # as spaCy's Tagger.predict: an empty (0, n_labels) float array per doc
            return [self.model.ops.alloc2f(0, len(self.labels)) for _ in docs]
        return super().predict(docs)

    def set_annotations(self, docs: list, batch_tag_ids: list) -> None:
        overwrite = self.cfg["overwrite"]
        for doc, tag_ids in zip(docs, batch_tag_ids):
            if not len(doc):
                continue
            new = numpy.where(numpy.asarray(tag_ids) == 1, 1, -1).astype(numpy.int64)
            if not overwrite:
                old = doc.to_array("SENT_START").view(numpy.int64)
                new = numpy.where(old == 0, new, old)
            doc.from_array(["SENT_START"], new.reshape((-1, 1)))

    def _gold_indices(self, eg: Example) -> numpy.ndarray:
        """1 where a reference sentence starts, 0 elsewhere, -1 unknown (a token that aligns
        to no reference token, or to several that disagree). As in spaCy, a reference token
        whose sentence start is missing (0) counts as "I", not as unknown, even when the
        reference has no sentence boundaries at all."""
        values, known = eg.get_aligned_array("SENT_START")
        out = (values == 1).astype(numpy.int32)
        out[~known] = -1
        return out

    def get_loss(self, examples: list[Example], scores: list) -> tuple[float, list]:
        validate_examples(examples, "SentenceRecognizer.get_loss")
        return checked_sequence_loss(self.name, scores,
                                     [self._gold_indices(eg) for eg in examples],
                                     ops=self.model.ops)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None) -> None:
        validate_get_examples(get_examples, "SentenceRecognizer.initialize")
        docs, golds = [], []
        for eg in islice(get_examples(), 10):
            docs.append(eg.x)
            idx = self._gold_indices(eg)
            golds.append(self._one_hot(idx, idx >= 0))
        self.model.initialize(X=docs, Y=golds)

    def add_label(self, label: str) -> int:
        """The labels are fixed (I and S); NotImplementedError, as spaCy raises."""
        raise NotImplementedMethodError(
            f"'{self.name}' (senter) has the fixed labels I and S; add_label isn't "
            "supported.")


@register_factory(
    "senter", assigns=["token.is_sent_start"],
    default_config={"model": DEFAULT_SENTER_MODEL, "overwrite": False,
                    "scorer": {"@scorers": "spacy.senter_scorer.v1"}},
    default_score_weights={"sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0})
def make_senter(nlp, name: str, model: Model, overwrite: bool,
                scorer: Optional[Callable]) -> SentenceRecognizer:
    return SentenceRecognizer(nlp.vocab, model, name, overwrite=overwrite, scorer=scorer)
