"""Docs and their views: Doc, Token, Span, plus DocBin for many Docs on disk."""
from ..morphology import MorphAnalysis
from . import morphanalysis as morphanalysis  # spaCy's submodule paths
from . import span as span
from . import token as token
from .doc import Doc, Span, Token
from .span_group import SpanGroup

__all__ = ["Doc", "DocBin", "MorphAnalysis", "Span", "SpanGroup", "Token"]


def __getattr__(name):
    # DocBin pulls in zlib/srsly only when used.
    if name == "DocBin":
        from ._serialize import DocBin  # registers DocBin pickling too

        return DocBin
    raise AttributeError(name)
