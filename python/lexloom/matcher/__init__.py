"""Rule-based matching over Docs: token patterns (Matcher) and fuzzy string comparison."""
from .levenshtein import levenshtein_compare
from .matcher import Matcher

__all__ = ["Matcher", "levenshtein_compare"]
