"""The entity linker of spaCy < 3.4, for models built with spacy.EntityLinker.v1: that network
encodes a whole doc into one row, so each entity's context window (its sentence and n_sents
either side) is cut out into a doc of its own and encoded separately. Linking (candidates,
prior + similarity, NIL) and saving are those of the current EntityLinker; it has no
threshold, no batched candidate generation and always trains on the reference entities."""
from __future__ import annotations

import warnings
from itertools import islice
from typing import Any, Callable, Iterable, Optional

import numpy
from thinc.api import Model, Optimizer, set_dropout_rate

from ...errors import LexloomWarning, PipelineError
from ...kb import Candidate, InMemoryLookupKB, KnowledgeBase
from ...training.example import Example, validate_examples, validate_get_examples
from ..entity_linker import BACKWARD_OVERWRITE, EntityLinker, entity_linker_score


def _empty_kb(vocab, entity_vector_length: int) -> KnowledgeBase:
    return InMemoryLookupKB(vocab=vocab, entity_vector_length=entity_vector_length)


class EntityLinker_v1(EntityLinker):
    """Links doc.ents to knowledge-base ids with a per-doc (v1) context encoder."""

    def __init__(self, vocab, model: Model, name: str = "entity_linker", *,
                 labels_discard: Iterable[str], n_sents: int, incl_prior: bool,
                 incl_context: bool, entity_vector_length: int,
                 get_candidates: Callable[[KnowledgeBase, Any], Iterable[Candidate]],
                 overwrite: bool = BACKWARD_OVERWRITE,
                 scorer: Optional[Callable] = entity_linker_score) -> None:
        super().__init__(
            vocab, model, name, labels_discard=labels_discard, n_sents=n_sents,
            incl_prior=incl_prior, incl_context=incl_context,
            entity_vector_length=entity_vector_length, get_candidates=get_candidates,
            get_candidates_batch=lambda kb, ents: [get_candidates(kb, e) for e in ents],
            generate_empty_kb=_empty_kb, overwrite=overwrite, scorer=scorer,
            use_gold_ents=False, candidates_batch_size=1, threshold=None)
        self.scorer = scorer  # the predicted docs are scored as they are

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None,
                   kb_loader: Optional[Callable[[Any], KnowledgeBase]] = None) -> None:
        """Size the model on up to 10 docs, one output row each."""
        validate_get_examples(get_examples, "EntityLinker_v1.initialize")
        if kb_loader is not None:
            self.set_kb(kb_loader)
        self.validate_kb()
        docs = [eg.x for eg in islice(get_examples(), 10)]
        if not docs:
            raise PipelineError(f"'{self.name}' needs at least one example to initialize.")
        nO = self.kb.entity_vector_length
        self.model.initialize(X=docs, Y=self.model.ops.alloc2f(len(docs), nO))

    def _gold_windows(self, eg: Example) -> list[tuple[int, int, str]]:
        """(start, end, kb_id) of the context window of each reference entity with a gold
        kb id."""
        kb_ids = eg.get_aligned("ENT_KB_ID", as_string=True)
        ents = [ent for ent in eg.reference.ents if kb_ids[ent.start]]
        if not ents:
            return []
        try:
            starts = numpy.asarray([s.start for s in eg.reference.sents], dtype=numpy.int64)
        except ValueError:
            raise PipelineError(f"'{self.name}' (v1) needs sentence boundaries on the "
                                "reference docs: set them (e.g. sent_starts) or add a "
                                "sentencizer.") from None
        ends = numpy.append(starts[1:], len(eg.reference))
        return [(*self._context_window(ent, starts, ends), kb_ids[ent.start]) for ent in ents]

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
        validate_examples(examples, "EntityLinker_v1.update")
        context_docs = [eg.predicted[start:end].as_doc()
                        for eg in examples for start, end, _ in self._gold_windows(eg)]
        set_dropout_rate(self.model, drop)
        if not context_docs:
            warnings.warn(f"'{self.name}' was updated with no entities that have a gold kb "
                          "id: nothing to learn from this batch.", LexloomWarning)
            return losses
        encodings, backprop = self.model.begin_update(context_docs)
        loss, d_encodings = self.get_loss(examples, encodings)
        backprop(d_encodings)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], sentence_encodings) -> tuple[float, Any]:
        """Cosine loss between each context encoding and its gold entity's KB vector."""
        examples = list(examples)
        validate_examples(examples, "EntityLinker_v1.get_loss")
        targets = [self.kb.get_vector(kb_id)
                   for eg in examples for _, _, kb_id in self._gold_windows(eg)]
        targets = self.model.ops.asarray2f(targets, dtype="float32")
        if sentence_encodings.shape != targets.shape:
            raise PipelineError(f"'{self.name}': the model gave encodings of shape "
                                f"{sentence_encodings.shape} for KB vectors of shape "
                                f"{targets.shape}: the gold entities don't match up.")
        d_encodings = self.distance.get_grad(sentence_encodings, targets)
        loss = self.distance.get_loss(sentence_encodings, targets) / len(targets)
        return float(loss), d_encodings

    def _encode_contexts(self, context_docs: list) -> numpy.ndarray:
        """The v1 model gives one row per context doc already."""
        if not context_docs:
            return numpy.zeros((0, self.kb.entity_vector_length), dtype="f")
        return self.model.ops.to_numpy(self.model.predict(context_docs))


__all__ = ["EntityLinker_v1"]
