"""Rule-based matching: token patterns, phrase lists and dependency-tree patterns."""
from .phrasematcher import PhraseMatcher
from .dependencymatcher import DependencyMatcher
