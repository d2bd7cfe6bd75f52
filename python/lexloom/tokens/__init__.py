"""Docs and their views: Doc, Token, Span, plus DocBin for many Docs on disk."""
from .doc import Doc, Span, Token
from ..morphology import MorphAnalysis
from .span_group import SpanGroup

__all__ = ["Doc", "Span", "Token", "MorphAnalysis", "SpanGroup", "DocBin"]


def __getattr__(name):
    # DocBin pulls in zlib/srsly only when used.
    if name == "DocBin":
        from .docbin import DocBin

        return DocBin
    raise AttributeError(name)
