"""Docs and their views: Doc, Token, Span, plus DocBin for many Docs on disk."""
from .doc import Doc, Span, Token
from ..morphology import MorphAnalysis
from .span_group import SpanGroup
from . import morphanalysis, span, token  # noqa: E402  spaCy's submodule paths

__all__ = ["Doc", "DocBin", "MorphAnalysis", "Span", "SpanGroup", "Token"]


def __getattr__(name):
    # DocBin pulls in zlib/srsly only when used.
    if name == "DocBin":
        from ._serialize import DocBin  # registers DocBin pickling too

        return DocBin
    raise AttributeError(name)
