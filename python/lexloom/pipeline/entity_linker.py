"""The entity linker: for each entity in doc.ents, the knowledge base proposes candidates (the
entities its text may refer to), and the linker picks one by combining each candidate's prior
probability with the cosine similarity between the entity's context encoding (the model,
ml/models/entity_linker.py) and the candidate's KB vector. The pick goes to token.ent_kb_id;
"NIL" when nothing fits. Training moves the context encodings towards the gold entities'
KB vectors (cosine loss); the KB itself is fixed."""
from __future__ import annotations

import random
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Union

import numpy
import srsly
from thinc.api import Config, CosineDistance, Model, Optimizer, set_dropout_rate

from ..attrs import ENT_KB_ID
from ..errors import (DeserializationError, EntityLinkerMismatchError, Errors,
                      NotImplementedMethodError, PipelineError)
from ..kb import Candidate, KnowledgeBase
from ..ml.models import entity_linker as _models  # noqa: F401  (registers the architecture)
from ..registry import register
from ..scorer import Scorer
from ..tokens import Span
from ..training.example import Example, validate_examples, validate_get_examples
from .pipe import register_factory
from .trainable_pipe import TrainablePipe

# the linker overwrites kb ids other components set (spaCy's default since v3.2, #9050)
BACKWARD_OVERWRITE = True

DEFAULT_NEL_MODEL = Config().from_str("""
[model]
@architectures = "spacy.EntityLinker.v2"

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 2
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
""")["model"]


def entity_linker_score(examples: Iterable[Example], **kwargs) -> dict[str, Any]:
    return Scorer.score_links(examples, negative_labels=[EntityLinker.NIL], **kwargs)


@register("scorers", "lexloom.entity_linker_scorer.v1", "spacy.entity_linker_scorer.v1")
def make_entity_linker_scorer() -> Callable:
    return entity_linker_score


def _sentence_bounds(doc) -> tuple[numpy.ndarray, numpy.ndarray]:
    starts = numpy.asarray([sent.start for sent in doc.sents], dtype=numpy.int64)
    return starts, numpy.append(starts[1:], len(doc))


class EntityLinker(TrainablePipe):
    """Links the entities of doc.ents to knowledge-base ids (token.ent_kb_id)."""

    NIL = "NIL"  # the kb id of an entity that links to nothing

    def __init__(self, vocab, model: Model, name: str = "entity_linker", *,
                 labels_discard: Iterable[str], n_sents: int, incl_prior: bool,
                 incl_context: bool, entity_vector_length: int,
                 get_candidates: Callable[[KnowledgeBase, Any], Iterable[Candidate]],
                 get_candidates_batch: Callable[[KnowledgeBase, Iterable],
                                                Iterable[Iterable[Candidate]]],
                 generate_empty_kb: Callable[[Any, int], KnowledgeBase],
                 overwrite: bool = BACKWARD_OVERWRITE,
                 scorer: Optional[Callable] = entity_linker_score, use_gold_ents: bool,
                 candidates_batch_size: int, threshold: Optional[float] = None) -> None:
        """labels_discard: entity labels that always get NIL. n_sents: sentences either side
        of the entity's own that make its context. incl_prior / incl_context: score with the
        KB's prior probabilities / the context similarity. use_gold_ents: in training, link
        the reference entities (else an upstream NER must set them). threshold: a best
        score under it gives NIL (None: no threshold)."""
        if threshold is not None and not 0 <= threshold <= 1:
            raise PipelineError(f"[E1043] '{name}': threshold must be between 0 and 1 (or "
                                f"null), not {threshold}.")
        if candidates_batch_size < 1:
            raise PipelineError(f"'{name}': candidates_batch_size must be at least 1, not "
                                f"{candidates_batch_size}.")
        self.vocab = vocab
        self.model = model
        self.name = name
        self.labels_discard = list(labels_discard)
        self.n_sents = n_sents
        self.incl_prior = incl_prior
        self.incl_context = incl_context
        self.get_candidates = get_candidates
        self.get_candidates_batch = get_candidates_batch
        self.cfg: dict[str, Any] = {"overwrite": overwrite}
        self.distance = CosineDistance(normalize=False)
        self.kb = generate_empty_kb(self.vocab, entity_vector_length)
        self.use_gold_ents = use_gold_ents
        self.candidates_batch_size = candidates_batch_size
        self.threshold = threshold
        self._scorer = scorer
        self.scorer = self._score_with_ents_set

    def _score_with_ents_set(self, examples: Iterable[Example], **kwargs):
        """Score with the gold entities put on the predicted docs and linked, when
        use_gold_ents: Language.evaluate runs the pipeline, which may have no NER."""
        if not self._scorer:
            return self._scorer
        if self.use_gold_ents:
            examples = self._ensure_ents(examples)
            docs = self.pipe(eg.predicted for eg in examples)
            for eg, doc in zip(examples, docs):
                eg.predicted = doc
        return self._scorer(examples, **kwargs)

    def _ensure_ents(self, examples: Iterable[Example]) -> list[Example]:
        """With use_gold_ents, copies of the examples whose predicted docs carry the gold
        entities."""
        if not self.use_gold_ents:
            return list(examples)
        out = []
        for eg in examples:
            ents, _ = eg.get_aligned_ents_and_ner()
            new_eg = eg.copy()
            doc = new_eg.predicted
            new_eg.predicted.ents = [Span(doc, e.start, e.end, label=e.label, kb_id=e.kb_id)
                                     for e in ents]
            out.append(new_eg)
        return out

    # ---- the knowledge base -----------------------------------------------------------

    def set_kb(self, kb_loader: Callable[[Any], KnowledgeBase]) -> None:
        """Replace the KB with kb_loader(vocab)."""
        if not callable(kb_loader):
            raise PipelineError(
                f"[E885] set_kb takes a function vocab -> KnowledgeBase, not a "
                f"{type(kb_loader).__name__}. To use a KB you built, pass `lambda vocab: kb`.")
        self.kb = kb_loader(self.vocab)

    def validate_kb(self) -> None:
        if self.kb is None:
            raise PipelineError(f"[E1018] '{self.name}' has no knowledge base: give one with set_kb "
                                "or nlp.initialize(..., kb_loader=...).")
        if hasattr(self.kb, "is_empty") and self.kb.is_empty():
            raise PipelineError(
                f"{Errors.E139.format(name=self.name)} Fill it with kb.add_entity and "
                "kb.add_alias, or load one: [initialize.components.entity_linker.kb_loader] "
                "(spacy.KBFromFile.v1) or entity_linker.set_kb(...).")

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   kb_loader: Optional[Callable[[Any], KnowledgeBase]] = None) -> None:
        """Size the model on up to 10 examples. kb_loader (vocab -> KB) replaces the KB."""
        validate_get_examples(get_examples, "EntityLinker.initialize")
        if kb_loader is not None:
            self.set_kb(kb_loader)
        self.validate_kb()
        nO = self.kb.entity_vector_length
        docs = [eg.x for eg in self._ensure_ents(islice(get_examples(), 10))]
        if not docs:
            raise PipelineError(f"'{self.name}' needs at least one example to initialize.")
        # the model is sized on one encoding per entity: give it a stand-in entity if none
        has_ents = any(doc.ents for doc in docs)
        if not has_ents:
            stand_in = docs[0][0:1]
            stand_in.label_ = "XXX"
            docs[0].ents = (stand_in,)
        self.model.initialize(X=docs, Y=self.model.ops.alloc2f(len(docs), nO))
        if not has_ents:
            docs[0].ents = []

    # ---- training ---------------------------------------------------------------------

    def batch_has_learnable_example(self, examples: Iterable[Example]) -> bool:
        """Whether an entity of the batch has candidates (without, update skips the step)."""
        return any(list(self.get_candidates(self.kb, ent))
                   for eg in examples for ent in eg.predicted.ents)

    def update(self, examples: Iterable[Example], *, drop: float = 0.0,
               sgd: Optional[Optimizer] = None, losses: Optional[dict[str, float]] = None
               ) -> dict[str, float]:
        self.validate_kb()
        if losses is None:
            losses = {}
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        if not examples:
            return losses
        examples = self._ensure_ents(examples)
        validate_examples(examples, "EntityLinker.update")
        if not self.batch_has_learnable_example(examples):
            return losses
        set_dropout_rate(self.model, drop)
        encodings, backprop = self.model.begin_update([eg.predicted for eg in examples])
        loss, d_encodings = self.get_loss(examples, encodings)
        backprop(d_encodings)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], sentence_encodings) -> tuple[float, Any]:
        """Cosine loss between each linked gold entity's context encoding and its KB vector;
        entities without a gold kb id get a zero gradient."""
        examples = list(examples)
        validate_examples(examples, "EntityLinker.get_loss")
        targets, keep = [], []
        row = 0
        for eg in examples:
            kb_ids = eg.get_aligned("ENT_KB_ID", as_string=True)
            for ent in eg.get_matching_ents():
                kb_id = kb_ids[ent.start]
                if kb_id:
                    targets.append(self.kb.get_vector(kb_id))
                    keep.append(row)
                row += 1
        out = self.model.ops.alloc2f(*sentence_encodings.shape)
        if not keep:
            return 0.0, out
        selected = sentence_encodings[keep]
        targets = self.model.ops.asarray2f(targets, dtype="float32")
        if selected.shape != targets.shape:
            raise EntityLinkerMismatchError(
                f"[E147] '{self.name}': the model gave encodings of shape "
                f"{selected.shape} for KB vectors of shape {targets.shape}: "
                "the gold entities don't match the predicted ones.")
        out[keep] = self.distance.get_grad(selected, targets)
        loss = self.distance.get_loss(selected, targets) / len(targets)
        return float(loss), out

    def rehearse(self, examples, *, sgd=None, losses=None, **config):
        raise NotImplementedMethodError("EntityLinker does not support rehearse().")

    def add_label(self, label):
        raise NotImplementedMethodError("EntityLinker has no labels to add: its outputs are "
                                        "the ids in its knowledge base.")

    # ---- inference --------------------------------------------------------------------

    def predict(self, docs: Iterable) -> list[str]:
        """One KB id (or NIL) per entity of each doc, in order. The context encodings of all
        entities that need one come from one model call for the batch."""
        self.validate_kb()
        if not docs:
            return []
        if not isinstance(docs, (list, tuple)):
            docs = [docs] if hasattr(docs, "ents") else list(docs)
        kb_ids: list[Optional[str]] = []
        to_score: list[tuple[int, list[Candidate], int]] = []  # (slot, candidates, context)
        contexts: dict[tuple[int, int, int], int] = {}
        context_docs: list = []
        for doc_i, doc in enumerate(docs):
            if len(doc) == 0:
                continue
            ents = list(doc.ents)
            # as spaCy, every non-empty doc needs sentence boundaries (E030), with or
            # without entities
            starts, ends = _sentence_bounds(doc)
            for batch_start in range(0, len(ents), self.candidates_batch_size):
                batch = ents[batch_start:batch_start + self.candidates_batch_size]
                valid = [ent for ent in batch if ent.label_ not in self.labels_discard]
                if self.candidates_batch_size > 1:
                    found = iter(list(self.get_candidates_batch(self.kb, valid)))
                else:
                    found = iter([self.get_candidates(self.kb, ent) for ent in valid])
                for ent in batch:
                    if ent.label_ in self.labels_discard:
                        kb_ids.append(self.NIL)
                        continue
                    candidates = list(next(found))
                    if not candidates:
                        kb_ids.append(self.NIL)
                    elif len(candidates) == 1 and self.threshold is None:
                        kb_ids.append(candidates[0].entity_)
                    else:
                        # As spaCy: ties go to a random candidate, and each entity scored
                        # draws from Python's `random` (a seeded run's later draws, e.g. the
                        # training corpus shuffle, stay spaCy's).
                        random.shuffle(candidates)
                        context = -1
                        if self.incl_context:
                            key = (doc_i, *self._context_window(ent, starts, ends))
                            if key not in contexts:
                                contexts[key] = len(context_docs)
                                context_docs.append(doc[key[1]:key[2]].as_doc())
                            context = contexts[key]
                        to_score.append((len(kb_ids), candidates, context))
                        kb_ids.append(None)
        encodings = self._encode_contexts(context_docs)
        for slot, candidates, context in to_score:
            kb_ids[slot] = self._pick(candidates, encodings[context] if context >= 0 else None)
        return kb_ids  # type: ignore[return-value]

    def _context_window(self, ent, starts: numpy.ndarray, ends: numpy.ndarray
                        ) -> tuple[int, int]:
        """Token range of the entity's sentences and n_sents sentences either side."""
        first = int(numpy.searchsorted(starts, ent.start, side="right")) - 1
        last = int(numpy.searchsorted(starts, ent.end - 1, side="right")) - 1
        first = max(0, first - self.n_sents)
        last = min(len(starts) - 1, last + self.n_sents)
        return int(starts[first]), int(ends[last])

    def _encode_contexts(self, context_docs: list) -> numpy.ndarray:
        """The encoding of each context doc: the model's row for its first entity (the
        context is shared by the entities of a sentence, as in spaCy)."""
        if not context_docs:
            return numpy.zeros((0, self.kb.entity_vector_length), dtype="f")
        rows = self.model.ops.to_numpy(self.model.predict(context_docs))
        firsts = numpy.cumsum([0] + [len(d.ents) for d in context_docs[:-1]])
        return rows[firsts]

    def _pick(self, candidates: list[Candidate], encoding: Optional[numpy.ndarray]) -> str:
        """The candidate with the best score: prior + similarity - prior * similarity (each
        part 0 when left out); NIL if under the threshold."""
        priors = numpy.asarray([c.prior_prob for c in candidates] if self.incl_prior
                               else [0.0] * len(candidates))
        scores = priors
        if encoding is not None:
            vectors = numpy.asarray([c.entity_vector for c in candidates], dtype="f")
            sims = vectors @ encoding / (numpy.linalg.norm(encoding) *
                                         numpy.linalg.norm(vectors, axis=1))
            scores = priors + sims - priors * sims
        if self.threshold is not None and scores.max() < self.threshold:
            return self.NIL
        return candidates[int(scores.argmax())].entity_

    def set_annotations(self, docs: Iterable, kb_ids: list[str]) -> None:
        """Write each entity's KB id to its tokens' ent_kb_id (kept where one is set, unless
        cfg["overwrite"])."""
        docs = list(docs)
        n_ents = sum(len(doc.ents) for doc in docs)
        if n_ents != len(kb_ids):
            raise PipelineError(f"[E148] set_annotations got {len(kb_ids)} KB ids for {n_ents} "
                                "entities: pass what predict() returned for these docs.")
        overwrite = self.cfg["overwrite"]
        i = 0
        for doc in docs:
            if not doc.ents:
                continue
            column = doc.to_array([ENT_KB_ID]).reshape(-1)
            for ent in doc.ents:
                kb_hash = self.vocab.strings.add(kb_ids[i])
                i += 1
                window = column[ent.start:ent.end]
                window[(window == 0) | overwrite] = kb_hash
            doc.from_array([ENT_KB_ID], column.reshape(-1, 1))

    # ---- saving -----------------------------------------------------------------------

    def _bytes_parts(self, exclude: set[str]) -> dict[str, Any]:
        msg = super()._bytes_parts(exclude)
        if "kb" not in exclude:
            msg["kb"] = self.kb.to_bytes()
        return msg

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()):
        exclude = set(exclude)
        super().from_bytes(bytes_data, exclude=exclude)
        msg = srsly.msgpack_loads(bytes_data)
        if "kb" in msg and "kb" not in exclude:
            self.kb.from_bytes(msg["kb"])
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        """cfg, model and (unless excluded) vocab as every component, plus the KB folder."""
        exclude = set(exclude)
        super().to_disk(path, exclude=exclude)
        if "kb" not in exclude:
            self.kb.to_disk(Path(path) / "kb")

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()
                  ) -> "EntityLinker":
        exclude = set(exclude)
        path = Path(path)
        if "kb" not in exclude and not (path / "kb").is_dir():
            raise DeserializationError(f"Can't load '{self.name}' from {path}: its "
                                       "knowledge base folder kb/ is missing.")
        super().from_disk(path, exclude=exclude)
        if "kb" not in exclude:  # after the vocab, as spaCy: the KB's strings are added last
            self.kb.from_disk(path / "kb")
        return self


@register_factory(
    "entity_linker", requires=["doc.ents", "doc.sents", "token.ent_iob", "token.ent_type"],
    assigns=["token.ent_kb_id"],
    default_config={"model": DEFAULT_NEL_MODEL, "labels_discard": [], "n_sents": 0,
                    "incl_prior": True, "incl_context": True, "entity_vector_length": 64,
                    "get_candidates": {"@misc": "spacy.CandidateGenerator.v1"},
                    "get_candidates_batch": {"@misc": "spacy.CandidateBatchGenerator.v1"},
                    "generate_empty_kb": {"@misc": "spacy.EmptyKB.v2"}, "overwrite": True,
                    "scorer": {"@scorers": "spacy.entity_linker_scorer.v1"},
                    "use_gold_ents": True, "candidates_batch_size": 1, "threshold": None},
    default_score_weights={"nel_micro_f": 1.0, "nel_micro_r": None, "nel_micro_p": None})
def make_entity_linker(nlp, name: str, model: Model, *, labels_discard: Iterable[str],
                       n_sents: int, incl_prior: bool, incl_context: bool,
                       entity_vector_length: int, get_candidates: Callable,
                       get_candidates_batch: Callable, generate_empty_kb: Callable,
                       overwrite: bool, scorer: Optional[Callable], use_gold_ents: bool,
                       candidates_batch_size: int, threshold: Optional[float] = None
                       ) -> EntityLinker:
    if not model.attrs.get("include_span_maker", False):
        # a spacy.EntityLinker.v1 network (one row per doc): the v1 component, which takes
        # neither use_gold_ents nor threshold nor batched candidates
        from .legacy import EntityLinker_v1

        return EntityLinker_v1(nlp.vocab, model, name, labels_discard=labels_discard,
                               n_sents=n_sents, incl_prior=incl_prior,
                               incl_context=incl_context,
                               entity_vector_length=entity_vector_length,
                               get_candidates=get_candidates, overwrite=overwrite,
                               scorer=scorer)
    return EntityLinker(nlp.vocab, model, name, labels_discard=labels_discard,
                        n_sents=n_sents, incl_prior=incl_prior, incl_context=incl_context,
                        entity_vector_length=entity_vector_length,
                        get_candidates=get_candidates,
                        get_candidates_batch=get_candidates_batch,
                        generate_empty_kb=generate_empty_kb, overwrite=overwrite,
                        scorer=scorer, use_gold_ents=use_gold_ents,
                        candidates_batch_size=candidates_batch_size, threshold=threshold)


__all__ = ["EntityLinker", "BACKWARD_OVERWRITE", "DEFAULT_NEL_MODEL", "entity_linker_score",
           "make_entity_linker_scorer", "make_entity_linker"]
