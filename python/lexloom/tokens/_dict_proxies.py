"""spaCy's `tokens._dict_proxies` path: SpanGroups (doc.spans, defined in span_group.py)."""
from .span_group import SpanGroups

__all__ = ["SpanGroups"]
