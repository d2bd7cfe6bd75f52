"""spaCy's `tokens.morphanalysis` path: MorphAnalysis, a token's morphological features."""
from .doc import MorphAnalysis

__all__ = ["MorphAnalysis"]
