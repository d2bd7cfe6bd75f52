"""SpanGroup: a named, possibly overlapping list of Spans in doc.spans[key]."""
from __future__ import annotations

from typing import Any, Iterable

from ..errors import DocError


class SpanGroup(list):
    """Spans of one Doc under a name, with free-form attrs (saved in .spacy files)."""

    def __init__(self, doc: Any, *, name: str = "", attrs: dict | None = None,
                 spans: Iterable = ()):
        spans = list(spans)
        for span in spans:
            if getattr(span, "doc", None) is not doc:
                raise DocError(f"SpanGroup {name!r}: every span must belong to the group's Doc.")
        super().__init__(spans)
        self.doc = doc
        self.name = name
        self.attrs = dict(attrs or {})

    def append(self, span) -> None:
        if getattr(span, "doc", None) is not self.doc:
            raise DocError(f"SpanGroup {self.name!r}: the span belongs to another Doc.")
        super().append(span)

    def copy(self, doc: Any = None) -> "SpanGroup":
        from .doc import Span

        doc = self.doc if doc is None else doc
        spans = [Span(doc, s.start, s.end, label=s.label, kb_id=s.kb_id, span_id=s.id)
                 for s in self]
        return SpanGroup(doc, name=self.name, attrs=dict(self.attrs), spans=spans)


class SpanGroups(dict):
    """doc.spans: assigning a plain list of Spans stores it as a SpanGroup named by its key."""

    def __init__(self, doc: Any):
        super().__init__()
        self._doc = doc

    def __setitem__(self, key: str, value) -> None:
        if not isinstance(key, str):
            raise DocError(f"doc.spans keys are strings, not {type(key).__name__}.")
        if not isinstance(value, SpanGroup):
            value = SpanGroup(self._doc, name=key, spans=value)
        super().__setitem__(key, value)
