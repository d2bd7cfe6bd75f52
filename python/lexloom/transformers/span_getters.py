"""Span getters: which stretches of each Doc the transformer reads.

A span getter takes a batch of Docs and returns, per Doc, a list of Spans (they may
overlap). Registered under `@span_getters` with lexloom's and spacy-transformers' names;
users register their own the same way (`registry.span_getters("my_spans")`). Spans longer
than the model's maximum input are split further by the model itself (see model.py).
"""
from __future__ import annotations

from functools import partial
from typing import Callable

from ..errors import ConfigError
from ..registry import register

SpanGetter = Callable[[list], list[list]]


def get_doc_spans(docs: list) -> list[list]:
    """The whole Doc as one span (none for an empty Doc)."""
    return [[doc[:]] if len(doc) else [] for doc in docs]


def get_sent_spans(docs: list) -> list[list]:
    """One span per sentence. The Doc needs sentence boundaries (a parser, senter or
    sentencizer before the transformer, or sent_starts): without them Doc.sents raises, as
    in spacy-transformers, rather than reading the whole Doc as one sentence."""
    return [[sent for sent in doc.sents if len(sent)] if len(doc) else [] for doc in docs]


def make_strided_getter(window: int, stride: int) -> SpanGetter:
    """Windows of `window` tokens every `stride` tokens; with stride < window they overlap
    (a token seen in two windows gets both windows' rows in its alignment); with stride >
    window the tokens between windows are not read (no rows: zero vectors), as in
    spacy-transformers. (A partial, not a closure: a pipeline holding it pickles.)"""
    if window < 1 or stride < 1:
        raise ConfigError(f"strided_spans needs window >= 1 and stride >= 1 (got window="
                          f"{window}, stride={stride}).")
    return partial(get_strided_spans, window=window, stride=stride)


def get_strided_spans(docs: list, window: int, stride: int) -> list[list]:
    """Windows of `window` tokens every `stride` tokens of each Doc (spacy-transformers'
    function form of the strided getter)."""
    # spacy-transformers' windows: one at each multiple of `stride` below the last whole
    # stride, stopping at the first that reaches the end; if none does, the rest of the Doc
    # from the last multiple is one more span, however long (only possible with stride >
    # window, or a Doc shorter than the stride).
    out = []
    for doc in docs:
        n = len(doc)
        whole = (n // stride) * stride
        spans = []
        for start in range(0, whole, stride):
            end = min(start + window, n)
            spans.append(doc[start:end])
            if end == n:
                break
        else:
            if whole < n:
                spans.append(doc[whole:n])
        out.append(spans)
    return out


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
