"""Knowledge bases for entity linking: entities (with a vector and a frequency), their
textual aliases, and the prior probability that an alias means an entity."""
from __future__ import annotations

from .candidate import Candidate, get_candidates, get_candidates_batch
from .kb import KnowledgeBase
from .kb_in_memory import InMemoryLookupKB

__all__ = ["Candidate", "KnowledgeBase", "InMemoryLookupKB", "get_candidates",
           "get_candidates_batch"]
