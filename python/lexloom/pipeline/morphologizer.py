"""The morphologizer: predicts a token's coarse POS and its morphological features together,
as one label such as "Number=Sing|POS=NOUN" (spaCy's scheme), then splits the label back
into token.pos and token.morph."""
from __future__ import annotations

from itertools import islice
from typing import Any, Callable, Iterable, Optional

import numpy
from thinc.api import Config, Model

from ..attrs import POS_IDS, POS_NAMES
from ..errors import PipelineError
from ..morphology import EMPTY_MORPH, add_analysis, feats_to_dict, normalize_features
from ..parts_of_speech import IDS as UNIV_POS
from ..registry import register
from ..scorer import Scorer, morph_key_getter
from ..training.example import Example, validate_examples, validate_get_examples
from .pipe import register_factory
from .senter import checked_sequence_loss
from .tagger import Tagger

POS_FEAT = "POS"

DEFAULT_MORPH_MODEL = Config().from_str("""
[model]
@architectures = "spacy.Tagger.v2"

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.CharacterEmbed.v2"
width = 128
rows = 7000
nM = 64
nC = 8
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 128
depth = 4
window_size = 1
maxout_pieces = 3
""")["model"]


def morphologizer_score(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    results = Scorer.score_token_attr(examples, "pos", **kwargs)
    results.update(Scorer.score_token_attr(examples, "morph", getter=morph_key_getter, **kwargs))
    results.update(Scorer.score_token_attr_per_feat(examples, "morph", getter=morph_key_getter,
                                                    **kwargs))
    return results


@register("scorers", "lexloom.morphologizer_scorer.v1", "spacy.morphologizer_scorer.v1")
def make_morphologizer_scorer() -> Callable:
    return morphologizer_score


def combined_label(pos: str, morph: str) -> str:
    """The morphologizer label of a POS tag and a FEATS string, e.g. "Number=Sing|POS=NOUN";
    "_" when both are empty."""
    feats = feats_to_dict(morph)
    if pos:
        feats[POS_FEAT] = pos
    return normalize_features(feats)


class Morphologizer(Tagger):
    """Assigns token.pos and token.morph from one softmax over POS+FEATS labels."""

    #: The feature name of the coarse POS inside a label ("Number=Sing|POS=NOUN").
    POS_FEAT = POS_FEAT

    def __init__(self, vocab, model: Model, name: str = "morphologizer", *,
                 overwrite: bool = True, extend: bool = False, label_smoothing: float = 0.0,
                 scorer: Callable | None = morphologizer_score):
        self.vocab = vocab
        self.model = model
        self.name = name
        # label -> its FEATS (without POS), label -> its POS id: set annotations without
        # parsing label strings.
        cfg = {"labels_morph": {}, "labels_pos": {}, "overwrite": overwrite, "extend": extend,
               "label_smoothing": label_smoothing}
        self.cfg = dict(sorted(cfg.items()))
        self.scorer = scorer
        self._rehearsal_model: Model | None = None  # set by nlp.resume_training()
        self._label_table = None
        self._tables: tuple | None = None
        self._pair_cache: dict[tuple[int, int], int] = {}

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.cfg["labels_morph"])

    @property
    def label_data(self) -> dict[str, dict]:
        return {"morph": self.cfg["labels_morph"], "pos": self.cfg["labels_pos"]}

    def _after_load(self) -> None:
        self._tables = None
        self._pair_cache = {}
        for label in self.labels:
            add_analysis(self.vocab.strings, label)

    def add_label(self, label: str) -> int:
        """Add a label given as FEATS with an optional POS feature ("POS=NOUN|Number=Sing")."""
        if not isinstance(label, str):
            raise PipelineError(f"[E187] Labels are strings, not {type(label).__name__} "
                                f"({label!r}).")
        # spaCy's order: the label as given is looked up first (0 if present), then the
        # model must be resizable (E922), and a label whose normalized form is present
        # already changes nothing but still returns 1
        if label in self.labels:
            return 0
        self._allow_extra_label()
        norm = normalize_features(label)
        if norm in self.cfg["labels_morph"]:
            return 1
        feats = feats_to_dict(label)
        pos = feats.pop(POS_FEAT, "")
        if pos not in POS_IDS:
            raise PipelineError(f"Label {label!r} has POS={pos}, not a universal POS tag.")
        self._add(norm, normalize_features(feats), pos)
        return 1

    def _add(self, label: str, morph: str, pos: str) -> None:
        self.cfg["labels_morph"][label] = "" if morph == EMPTY_MORPH else morph
        self.cfg["labels_pos"][label] = UNIV_POS[pos]  # the enum member, as spaCy's cfg holds
        add_analysis(self.vocab.strings, label)  # with POS=..., as spaCy adds the label
        self._tables = None
        self._pair_cache = {}

    def _annotation_tables(self) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(morph hash, POS id) per label index."""
        if self._tables is None or len(self._tables[0]) != len(self.labels):
            strings = self.vocab.strings
            morphs = numpy.asarray([add_analysis(strings, self.cfg["labels_morph"][l])
                                    for l in self.labels], dtype=numpy.uint64)
            pos = numpy.asarray([self.cfg["labels_pos"][l] for l in self.labels],
                                dtype=numpy.uint64)
            self._tables = (morphs, pos)
        return self._tables

    def _gold_indices(self, eg: Example) -> numpy.ndarray:
        """The label index of each predicted token (-1: unknown, misaligned or unlabelled)."""
        pos, pos_known = eg.get_aligned_array("POS")
        morph, morph_known = eg.get_aligned_array("MORPH")
        out = numpy.full(len(pos), -1, dtype=numpy.int32)
        usable = pos_known & morph_known & ((pos != 0) | (morph != 0))
        if not usable.any():
            return out
        pairs = numpy.stack([pos[usable], morph[usable]], axis=1)
        uniq, inverse = numpy.unique(pairs, axis=0, return_inverse=True)
        strings = eg.reference.vocab.strings
        idx = numpy.asarray([self._pair_index(int(p), int(m), strings)
                             for p, m in uniq.tolist()], dtype=numpy.int32)
        out[usable] = idx[inverse.reshape(-1)]
        return out

    def _pair_index(self, pos: int, morph: int, strings) -> int:
        key = (pos, morph)
        if key not in self._pair_cache:
            label = combined_label(POS_NAMES.get(pos, ""), strings[morph] if morph else "")
            self._pair_cache[key] = self.labels.index(label) if label in self.cfg[
                "labels_morph"] else -1
        return self._pair_cache[key]

    # ---- inference --------------------------------------------------------------------

    def predict(self, docs: list) -> list:
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            # as spaCy's Tagger.predict: an empty (0, n_labels) float array per doc
            return [self.model.ops.alloc2f(0, len(self.labels)) for _ in docs]
        return super().predict(docs)

    def set_annotations(self, docs: list, batch_tag_ids: list) -> None:
        morphs, poses = self._annotation_tables()
        overwrite, extend = self.cfg["overwrite"], self.cfg["extend"]
        for doc, tag_ids in zip(docs, batch_tag_ids):
            if not len(doc):
                continue
            if doc.vocab is not self.vocab:
                for morph in self.cfg["labels_morph"].values():
                    add_analysis(doc.vocab.strings, morph)
            ids = numpy.asarray(tag_ids, dtype=numpy.int64)
            old = doc.to_array(["MORPH", "POS"])
            new_morph = morphs[ids]
            if extend:
                new_morph = self._extend(old[:, 0], new_morph, overwrite, doc.vocab.strings)
            elif not overwrite:
                new_morph = numpy.where(old[:, 0] == 0, new_morph, old[:, 0])
            new_pos = poses[ids] if overwrite else numpy.where(old[:, 1] == 0, poses[ids],
                                                               old[:, 1])
            doc.from_array(["MORPH", "POS"], numpy.stack([new_morph, new_pos], axis=1))

    def _extend(self, old: numpy.ndarray, new: numpy.ndarray, overwrite: bool, strings
                ) -> numpy.ndarray:
        """Merge predicted features into existing ones; with overwrite the predicted value of
        a field wins, without it the existing one does."""
        out = new.copy()
        for i in numpy.nonzero(old != 0)[0].tolist():
            existing = feats_to_dict(strings[int(old[i])])
            predicted = feats_to_dict(strings[int(new[i])])
            merged = {**existing, **predicted} if overwrite else {**predicted, **existing}
            out[i] = add_analysis(strings, merged)
        return out

    # ---- training ---------------------------------------------------------------------

    def get_loss(self, examples: list[Example], scores: list) -> tuple[float, list]:
        validate_examples(examples, "Morphologizer.get_loss")
        gold = [self._gold_indices(eg) for eg in examples]
        return checked_sequence_loss(self.name, scores, gold,
                                     label_smoothing=self.cfg["label_smoothing"],
                                     ops=self.model.ops)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   labels: dict | None = None) -> None:
        """Labels from `labels` ({"morph": {...}, "pos": {...}}, as label_data gives) or from
        the reference tokens; then size the model from up to 10 examples."""
        validate_get_examples(get_examples, "Morphologizer.initialize")
        if labels is not None:
            self.cfg["labels_morph"] = dict(labels["morph"])
            self.cfg["labels_pos"] = dict(labels["pos"])
            self._after_load()
        else:
            for eg in get_examples():
                if not len(eg.reference):
                    continue
                strings = eg.reference.vocab.strings  # may differ from self.vocab
                pairs, first = numpy.unique(eg.reference.to_array(["POS", "MORPH"]), axis=0,
                                            return_index=True)
                for pos_id, morph_key in pairs[numpy.argsort(first)].tolist():  # data order
                    if pos_id == 0 and morph_key == 0:
                        continue  # no annotation at all
                    pos = POS_NAMES.get(pos_id, "")
                    morph = strings[morph_key] if morph_key else ""
                    morph = "" if morph == EMPTY_MORPH else morph
                    label = combined_label(pos, morph)
                    if label not in self.cfg["labels_morph"]:
                        self._add(label, morph, pos)
        if not self.labels:
            self._require_labels()
        docs, golds = [], []
        for eg in islice(get_examples(), 10):
            docs.append(eg.x)
            idx = self._gold_indices(eg)
            golds.append(self._one_hot(idx, idx >= 0))
        self.model.initialize(X=docs, Y=golds)


@register_factory(
    "morphologizer", assigns=["token.morph", "token.pos"],
    default_config={"model": DEFAULT_MORPH_MODEL, "overwrite": True, "extend": False,
                    "scorer": {"@scorers": "spacy.morphologizer_scorer.v1"},
                    "label_smoothing": 0.0},
    default_score_weights={"pos_acc": 0.5, "morph_acc": 0.5, "morph_per_feat": None})
def make_morphologizer(nlp, name: str, model: Model, overwrite: bool, extend: bool,
                       label_smoothing: float, scorer: Optional[Callable]) -> Morphologizer:
    return Morphologizer(nlp.vocab, model, name, overwrite=overwrite, extend=extend,
                         label_smoothing=label_smoothing, scorer=scorer)


@register_factory(
    "ja.morphologizer", assigns=["token.morph", "token.pos"],
    default_config={"model": DEFAULT_MORPH_MODEL, "overwrite": True, "extend": True,
                    "scorer": {"@scorers": "spacy.morphologizer_scorer.v1"}},
    default_score_weights={"pos_acc": 0.5, "morph_micro_f": 0.5, "morph_per_feat": None})
def make_japanese_morphologizer(nlp, model: Model, name: str, overwrite: bool, extend: bool,
                                scorer: Optional[Callable]) -> Morphologizer:
    """Japanese's morphologizer (spaCy's, from spacy.lang.ja) extends the tokenizer's
    features (Inflection, Reading) with its predictions instead of replacing them. Declared
    here, as the other languages' lemmatizers are, so the filled registry lists it."""
    return Morphologizer(nlp.vocab, model, name, overwrite=overwrite, extend=extend,
                         scorer=scorer)
