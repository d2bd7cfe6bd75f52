"""spaCy's `tokens.span` path: Span (a slice of a Doc, defined natively in tokens/doc.pyx)."""
from .doc import Span

__all__ = ["Span"]
