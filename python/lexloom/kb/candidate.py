"""Candidate: one entity a mention may refer to, with the alias that matched and the prior
probability P(entity | alias)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import numpy

if TYPE_CHECKING:
    from ..tokens import Span
    from .kb import KnowledgeBase


class Candidate:
    """An (alias, entity) pair from a knowledge base, for the entity linker to rank."""

    __slots__ = ("kb", "entity_hash", "entity_freq", "entity_vector", "alias_hash",
                 "prior_prob")

    def __init__(self, kb: "KnowledgeBase", entity_hash: int, entity_freq: float,
                 entity_vector: Iterable[float], alias_hash: int, prior_prob: float):
        self.kb = kb
        self.entity_hash = entity_hash
        # stored as spaCy's C floats: 3 reads back 3.0, 0.7 as 0.699999988079071 (the
        # value the KB's own candidates carry); the vector too, a list of them
        self.entity_freq = float(numpy.float32(entity_freq))
        self.entity_vector = numpy.asarray(entity_vector, dtype="float32").tolist()
        self.alias_hash = alias_hash
        self.prior_prob = float(numpy.float32(prior_prob))

    @property
    def entity(self) -> int:
        """The hash of the entity's KB ID."""
        return self.entity_hash

    @property
    def entity_(self) -> str:
        """The entity's KB ID."""
        return self.kb.vocab.strings[self.entity_hash]

    @property
    def alias(self) -> int:
        """The hash of the alias."""
        return self.alias_hash

    @property
    def alias_(self) -> str:
        """The alias text."""
        return self.kb.vocab.strings[self.alias_hash]

    def __repr__(self) -> str:
        return (f"Candidate(entity={self.entity_hash}, alias={self.alias_hash}, "
                f"prior_prob={self.prior_prob})")


def get_candidates(kb: "KnowledgeBase", mention: "Span") -> Iterable[Candidate]:
    """The knowledge base's candidates for a mention (spacy.CandidateGenerator.v1)."""
    return kb.get_candidates(mention)


def get_candidates_batch(kb: "KnowledgeBase", mentions: Iterable["Span"]
                         ) -> Iterable[Iterable[Candidate]]:
    """The knowledge base's candidates for each mention (spacy.CandidateBatchGenerator.v1)."""
    return kb.get_candidates_batch(mentions)
