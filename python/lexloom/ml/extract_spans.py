"""extract_spans: (token rows per doc, (start, end) spans per doc) -> the rows of each span,
as one Ragged (the span categorizer's input to its reducer)."""
from __future__ import annotations

from typing import Callable, Tuple

import numpy
from thinc.api import Model, to_numpy
from thinc.types import Ragged

from ..registry import register


@register("layers", "lexloom.extract_spans.v1", "spacy.extract_spans.v1")
def extract_spans() -> Model[Tuple[Ragged, Ragged], Ragged]:
    """No params: the layer gathers rows, and backprop scatter-adds them back."""
    return Model("extract_spans", _forward, layers=[], refs={}, attrs={}, dims={},
                 init=_init)


def _init(model: Model, X=None, Y=None) -> None:
    return None


def _forward(model: Model, source_spans: Tuple[Ragged, Ragged], is_train: bool
             ) -> Tuple[Ragged, Callable]:
    ops = model.ops
    X, spans = source_spans
    indices = _get_span_indices(ops, spans, X.lengths)
    if indices.shape[0]:
        Y = Ragged(X.dataXd[indices], spans.dataXd[:, 1] - spans.dataXd[:, 0])
    else:  # spaCy's shape for "no rows": zeros like X, one zero length per doc
        Y = Ragged(ops.xp.zeros(X.dataXd.shape, dtype=X.dataXd.dtype),
                   ops.xp.zeros((len(X.lengths),), dtype="i"))
    x_shape, x_lengths = X.dataXd.shape, X.lengths

    def backprop(dY: Ragged) -> Tuple[Ragged, Ragged]:
        dX = Ragged(ops.alloc2f(*x_shape), x_lengths)
        ops.scatter_add(dX.dataXd, indices, dY.dataXd)
        return dX, spans

    return Y, backprop


def _get_span_indices(ops, spans: Ragged, lengths) -> "numpy.ndarray":
    """spaCy's name for span_row_indices on a Ragged of spans and the docs' lengths, in the
    model's ops' array type (its tests and some user layers call it)."""
    return ops.asarray1i(span_row_indices(to_numpy(spans.dataXd), to_numpy(spans.lengths),
                                          to_numpy(lengths)))


def span_row_indices(spans: numpy.ndarray, span_lengths: numpy.ndarray,
                     doc_lengths: numpy.ndarray) -> numpy.ndarray:
    """The flat row index of every token of every span, in span order: spans (5, 9) and
    (8, 10) of a doc starting at row 0 give [5, 6, 7, 8, 8, 9]. Vectorized: no loop over
    spans or tokens."""
    spans = spans.reshape(-1, 2).astype(numpy.int64) if spans.size else \
        numpy.zeros((0, 2), numpy.int64)
    doc_starts = numpy.cumsum(doc_lengths, dtype=numpy.int64) - doc_lengths
    offsets = numpy.repeat(doc_starts, span_lengths)[:spans.shape[0]]
    starts = spans[:, 0] + offsets
    widths = numpy.maximum(spans[:, 1] - spans[:, 0], 0)
    total = int(widths.sum())
    if not total:
        return numpy.zeros((0,), dtype="int32")
    first_out = numpy.cumsum(widths) - widths
    within = numpy.arange(total, dtype=numpy.int64) - numpy.repeat(first_out, widths)
    return (numpy.repeat(starts, widths) + within).astype("int32")


# spaCy's names for the layer's functions
forward = _forward
init = _init
