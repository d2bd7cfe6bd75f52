"""Annotation setters: what the transformer component stores on Docs beyond
`doc._.trf_data`. An annotation setter is `setter(docs, full_transformer_batch)`, registered
under `@annotation_setters`; the component calls it once per batch."""
from __future__ import annotations

from typing import Callable

from ..registry import register

AnnotationSetter = Callable[[list, object], None]


def null_annotation_setter(docs: list, trf_data) -> None:
    """Store nothing more."""


@register("annotation_setters", "lexloom.null_annotation_setter.v1",
          "spacy-transformers.null_annotation_setter.v1")
def configure_null_annotation_setter() -> AnnotationSetter:
    return null_annotation_setter


__all__ = ["null_annotation_setter", "AnnotationSetter"]
