"""spaCy's module path for the EntityRuler (spacy.pipeline.entityruler); the code is in
entity_ruler.py."""
from .entity_ruler import DEFAULT_ENT_ID_SEP, EntityRuler, PatternType, entity_ruler_score, \
    make_entity_ruler, make_entity_ruler_scorer

__all__ = ["EntityRuler", "DEFAULT_ENT_ID_SEP", "PatternType", "entity_ruler_score",
           "make_entity_ruler", "make_entity_ruler_scorer"]
