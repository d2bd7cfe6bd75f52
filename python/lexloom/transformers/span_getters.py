"""Span getters: which stretches of each Doc the transformer reads.

A span getter takes a batch of Docs and returns, per Doc, a list of Spans (they may
overlap). Registered under `@span_getters` with lexloom's and spacy-transformers' names;
users register their own the same way (`registry.span_getters("my_spans")`). Spans longer
than the model's maximum input are split further by the model itself (see model.py).
"""
from __future__ import annotations

from typing import Callable

from ..errors import ConfigError
from ..registry import register

SpanGetter = Callable[[list], list[list]]


def get_doc_spans(docs: list) -> list[list]:
    """The whole Doc as one span (none for an empty Doc)."""
    return [[doc[:]] if len(doc) else [] for doc in docs]


def get_sent_spans(docs: list) -> list[list]:
    """One span per sentence; the Doc needs sentence boundaries (a parser or senter, or
    sent_starts) — without them the whole Doc is one sentence."""
    out = []
    for doc in docs:
        if not len(doc):
            out.append([])
        elif doc.has_annotation("SENT_START"):
            out.append([sent for sent in doc.sents if len(sent)])
        else:
            out.append([doc[:]])
    return out


def make_strided_getter(window: int, stride: int) -> SpanGetter:
    """Windows of `window` tokens every `stride` tokens; with stride < window they overlap
    (a token seen in two windows gets both windows' rows in its alignment)."""
    if window < 1 or stride < 1:
        raise ConfigError(f"strided_spans needs window >= 1 and stride >= 1 (got window="
                          f"{window}, stride={stride}).")
    if stride > window:
        raise ConfigError(f"strided_spans: stride ({stride}) is larger than window ({window}), "
                          "so tokens between windows would never be read. Use stride <= "
                          "window.")

    def get_strided_spans(docs: list) -> list[list]:
        out = []
        for doc in docs:
            n = len(doc)
            spans = []
            start = 0
            while start < n:
                end = min(start + window, n)
                spans.append(doc[start:end])
                if end == n:
                    break
                start += stride
            out.append(spans)
        return out

    return get_strided_spans


def get_strided_spans(docs: list, window: int, stride: int) -> list[list]:
    """Windows of `window` tokens every `stride` tokens of each Doc (spacy-transformers'
    function form of the strided getter)."""
    return make_strided_getter(window, stride)(list(docs))


@register("span_getters", "lexloom.doc_spans.v1", "spacy-transformers.doc_spans.v1")
def configure_get_doc_spans() -> SpanGetter:
    return get_doc_spans


@register("span_getters", "lexloom.sent_spans.v1", "spacy-transformers.sent_spans.v1")
def configure_get_sent_spans() -> SpanGetter:
    return get_sent_spans


@register("span_getters", "lexloom.strided_spans.v1", "spacy-transformers.strided_spans.v1")
def configure_strided_spans(window: int, stride: int) -> SpanGetter:
    return make_strided_getter(window, stride)


__all__ = ["get_doc_spans", "get_sent_spans", "get_strided_spans", "make_strided_getter",
           "configure_get_doc_spans", "configure_get_sent_spans", "configure_strided_spans",
           "SpanGetter"]
