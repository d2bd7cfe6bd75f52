"""AlignmentArray: which tokens of the other tokenization each token aligns to."""
from __future__ import annotations

from collections.abc import Sequence

import numpy

from ..errors import ExampleError


class AlignmentArray:
    """A ragged int32 array: row i lists the tokens of the other side aligned to token i.

    `data` holds the rows end to end; `lengths`, `starts` and `ends` index into it. Indexing
    with an int gives one row, with a slice the concatenation of those rows.
    """

    __slots__ = ("data", "ends", "lengths", "starts")

    def __init__(self, alignment: Sequence[Sequence[int]] | numpy.ndarray,
                 lengths: numpy.ndarray | None = None):
        """spaCy's form: one list of aligned indices per token. With `lengths`, `alignment`
        is the flat data instead (rows end to end)."""
        if lengths is None:
            lengths = numpy.asarray([len(r) for r in alignment], dtype=numpy.int32)
            alignment = numpy.fromiter((i for r in alignment for i in r), dtype=numpy.int32,
                                       count=int(lengths.sum()))
        data = alignment
        self.data = numpy.ascontiguousarray(data, dtype=numpy.int32)
        self.lengths = numpy.ascontiguousarray(lengths, dtype=numpy.int32)
        self.ends = numpy.cumsum(self.lengths, dtype=numpy.int64)
        self.starts = self.ends - self.lengths

    @classmethod
    def from_lists(cls, rows: Sequence[Sequence[int]]) -> AlignmentArray:
        return cls(rows)

    def __len__(self) -> int:
        return self.lengths.shape[0]

    def __getitem__(self, idx) -> numpy.ndarray:
        if isinstance(idx, slice):
            if idx.step not in (None, 1):
                raise ExampleError("AlignmentArray only supports slicing with a step of 1.")
            start, stop, _ = idx.indices(len(self))
            if stop <= start:
                return self.data[0:0]
            return self.data[self.starts[start]:self.ends[stop - 1]]
        if isinstance(idx, bool) or not isinstance(idx, (int, numpy.integer)):
            raise ExampleError(f"AlignmentArray only supports indexing using an int or a "
                               f"slice, not {type(idx).__name__}.")
        i = int(idx)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(f"[lexloom] Alignment index {idx} out of range for {len(self)} "
                             "tokens.")
        return self.data[self.starts[i]:self.ends[i]]

    def to_lists(self) -> list[list[int]]:
        return [self.data[s:e].tolist() for s, e in zip(self.starts, self.ends)]

    def __repr__(self) -> str:
        return f"AlignmentArray({self.to_lists()!r})"


__all__ = ["AlignmentArray"]
