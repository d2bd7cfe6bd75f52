"""spaCy's `tokens.morphanalysis` path: MorphAnalysis, a token's morphological features."""
from ..morphology import MorphAnalysis

__all__ = ["MorphAnalysis"]
