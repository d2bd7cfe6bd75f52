"""Alignment: token alignment between two tokenizations of one text, both ways."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy

from ..errors import ExampleError
from .align import get_alignments  # noqa: F401 (spaCy's module offers it here too)
from .alignment_array import AlignmentArray

if TYPE_CHECKING:
    from ..tokens import Doc


@dataclass
class Alignment:
    """Token alignment both ways: x2y[i] lists the reference tokens of predicted token i."""

    x2y: AlignmentArray
    y2x: AlignmentArray

    @classmethod
    def from_indices(cls, x2y: Sequence[Sequence[int]], y2x: Sequence[Sequence[int]]
                     ) -> Alignment:
        return cls(AlignmentArray.from_lists(x2y), AlignmentArray.from_lists(y2x))

    @classmethod
    def from_pairs(cls, px: numpy.ndarray, py: numpy.ndarray, n_x: int, n_y: int
                   ) -> Alignment:
        """From (x, y) token pairs in text order (both columns non-decreasing)."""
        return cls(AlignmentArray(py, numpy.bincount(px, minlength=n_x)),
                   AlignmentArray(px, numpy.bincount(py, minlength=n_y)))

    @classmethod
    def from_strings(cls, A: Sequence[str], B: Sequence[str]) -> Alignment:
        """Align two lists of words whose concatenations differ only in whitespace and case."""
        from .align import align_texts

        # Compared lower-cased, as spaCy does: a letter whose lower case is longer ("İ" ->
        # "i̇") then lines up with the reference's spelling. The joined text is lowered as a
        # whole (a word-final Σ is ς there, whichever token it ends), each token's span by the
        # length of its own lower case; where the two disagree the texts can't be aligned.
        text_a, la = _lowered(A)
        text_b, lb = _lowered(B)
        px, py = align_texts(text_a, numpy.cumsum(la) - la, la,
                             text_b, numpy.cumsum(lb) - lb, lb)
        return cls.from_pairs(px, py, len(A), len(B))

    @classmethod
    def from_docs(cls, x: Doc, y: Doc) -> Alignment:
        from .align import align_texts

        if len(x) == 0 or len(y) == 0:
            return cls(AlignmentArray([], numpy.zeros(len(x), dtype=numpy.int32)),
                       AlignmentArray([], numpy.zeros(len(y), dtype=numpy.int32)))
        ax = x.to_array(["IDX", "LENGTH"]).astype(numpy.int64)
        ay = y.to_array(["IDX", "LENGTH"]).astype(numpy.int64)
        try:
            px, py = align_texts(x.text, ax[:, 0], ax[:, 1], y.text, ay[:, 0], ay[:, 1])
        except ExampleError:
            # texts that match only once lower-cased letter by letter changes their lengths
            return cls.from_strings([t.text for t in x], [t.text for t in y])
        return cls.from_pairs(px, py, len(x), len(y))


def _lowered(words: Sequence[str]) -> tuple[str, numpy.ndarray]:
    """The words' joined text lower-cased, and each word's length in it."""
    text = "".join(words).lower()
    lengths = numpy.asarray([len(w.lower()) for w in words], dtype=numpy.int64)
    if int(lengths.sum()) != len(text):
        raise ExampleError(
            f"[E949] Can't align the tokens {list(words[:10])}: lower-casing their joined "
            "text changes its length differently from lower-casing each token. Make the "
            "reference words from the same text.")
    return text, lengths


__all__ = ["Alignment"]
