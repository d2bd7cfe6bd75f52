"""KnowledgeBase: what the entity linker asks of a knowledge base (candidates for a mention,
an entity's vector, saving and loading). Subclass it for a KB kept elsewhere (a database, a
service); InMemoryLookupKB is the one lexloom provides."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Union

from ..errors import AbstractClassError, NotImplementedMethodError

if TYPE_CHECKING:
    from ..tokens import Span
    from .candidate import Candidate


class KnowledgeBase:
    """Unique identifiers for entities and their textual aliases (abstract)."""

    def __init__(self, vocab, entity_vector_length: int):
        if type(self) is KnowledgeBase:
            raise AbstractClassError("[E1046] KnowledgeBase is abstract: instantiate a subclass such "
                                     "as InMemoryLookupKB, or write your own.")
        self._vocab = vocab
        self._entity_vector_length = int(entity_vector_length)

    @property
    def vocab(self):
        """The shared vocab: entity and alias strings live in its StringStore."""
        return self._vocab

    @property
    def entity_vector_length(self) -> int:
        """The length of every entity vector (read-only, as in spaCy)."""
        return self._entity_vector_length

    def _missing(self, method: str) -> NotImplementedMethodError:
        return NotImplementedMethodError(
            f"[E1045] {type(self).__name__} (a KnowledgeBase) does not implement {method}(); "
            "implement it in the subclass.")

    def get_candidates_batch(self, mentions: Iterable["Span"]
                             ) -> Iterable[Iterable["Candidate"]]:
        """The candidates of each mention (an empty list for a mention with none)."""
        return [self.get_candidates(span) for span in mentions]

    def get_candidates(self, mention: "Span") -> Iterable["Candidate"]:
        """The entities a mention may refer to, each with its prior probability."""
        raise self._missing("get_candidates")

    def get_vectors(self, entities: Iterable[str]) -> Iterable[Iterable[float]]:
        return [self.get_vector(entity) for entity in entities]

    def get_vector(self, entity: str) -> Iterable[float]:
        raise self._missing("get_vector")

    def to_bytes(self, **kwargs) -> bytes:
        raise self._missing("to_bytes")

    def from_bytes(self, bytes_data: bytes, *, exclude: tuple = tuple()):
        raise self._missing("from_bytes")

    def to_disk(self, path: Union[str, Path], exclude: Iterable[str] = tuple()) -> None:
        raise self._missing("to_disk")

    def from_disk(self, path: Union[str, Path], exclude: Iterable[str] = tuple()) -> None:
        raise self._missing("from_disk")
