"""Earlier versions of pipeline components, kept so configs and pipelines made for them still
load (spaCy's spacy.pipeline.legacy)."""
from .entity_linker import EntityLinker_v1

__all__ = ["EntityLinker_v1"]
