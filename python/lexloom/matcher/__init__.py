"""Rule-based matching over Docs: token patterns (Matcher), phrase lists (PhraseMatcher),
dependency-tree patterns (DependencyMatcher) and fuzzy string comparison."""
from .dependencymatcher import DependencyMatcher
from .levenshtein import levenshtein, levenshtein_compare
from .matcher import Matcher
from .phrasematcher import PhraseMatcher

__all__ = ["Matcher", "PhraseMatcher", "DependencyMatcher", "levenshtein", "levenshtein_compare"]
