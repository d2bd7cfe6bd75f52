"""spacy-transformers' alignment functions (`spacy_transformers.align`) over lexloom's
alignment code: tokens of a batch of spans to their rows in the flattened wordpiece array,
from a fast tokenizer's character offsets or from the piece strings alone.

Tokens are counted once per Doc, even when spans overlap: a token in two strided windows is
aligned to its pieces in both (what pooling then averages)."""
from __future__ import annotations

from typing import Callable, Sequence

import numpy
from thinc.types import Ragged

from ..errors import AlignmentError
from .alignment import SPECIAL_PIECES, align_by_offsets, piece_offsets_by_chars


def apply_alignment(ops, align: Ragged, X) -> tuple[Ragged, Callable]:
    """The rows of X (one per wordpiece) each token aligns to, as a Ragged with the
    alignment's lengths; backprop scatter-adds the gradient (a piece may serve several
    tokens). With no aligned pieces at all, every token gets one row of zeros."""
    shape = X.shape
    if not int(numpy.asarray(align.lengths).sum()):
        n = align.lengths.shape[0]
        return Ragged(ops.alloc2f(n, shape[1]), ops.alloc1i(n) + 1), \
            lambda dY: ops.alloc2f(*shape)
    indices = align.dataXd.reshape(-1)
    Y = Ragged(X[indices], ops.asarray(align.lengths))

    def backprop(dY: Ragged):
        if dY.dataXd.shape[0] != indices.shape[0]:
            raise AlignmentError(f"apply_alignment backprop: {dY.dataXd.shape[0]} gradient rows "
                                 f"for {indices.shape[0]} aligned pieces.")
        dX = ops.alloc2f(*shape)
        ops.scatter_add(dX, indices, dY.dataXd)
        return dX

    return Y, backprop


def get_token_positions(spans: Sequence) -> dict:
    """Each token of the spans' Docs (every token, in Doc order, Doc after Doc, each Doc
    once) -> its row in the alignment."""
    positions: dict = {}
    seen: set[int] = set()
    for span in spans:
        doc = span.doc
        if id(doc) in seen:
            continue
        seen.add(id(doc))
        for token in doc:
            positions.setdefault(token, len(positions))
    return positions


def _ragged(groups: list[set[int]]) -> Ragged:
    flat = [j for group in groups for j in sorted(group)]
    return Ragged(numpy.asarray(flat, dtype="int32"),
                  numpy.asarray([len(g) for g in groups], dtype="int32"))


def get_span2wp_from_offset_mapping(span, wp_char_offsets) -> list[list[int]]:
    """Per token of `span`, the pieces whose character offsets (relative to the span's text,
    as a fast tokenizer gives them) touch it. As spacy-transformers, a token also owns the
    character right after it (its trailing space), so a piece whose offsets include a
    leading space still lands on a token."""
    offsets = numpy.asarray(wp_char_offsets, dtype="int64").reshape(-1, 2)
    if len(span) == 0:
        return []
    base, first = span[0].idx, span[0].i
    owner = numpy.full(len(span.text) + 1, -1, dtype="int64")
    for token in span:
        start = token.idx - base
        owner[start:start + len(token) + 1] = token.i - first
    result: list[list[int]] = [[] for _ in range(len(span))]
    for j, (start, end) in enumerate(offsets):
        lo, hi = max(int(start), 0), min(int(end), owner.shape[0])
        for t in numpy.unique(owner[lo:hi]) if hi > lo else ():
            if t >= 0:
                result[int(t)].append(j)
    return result


def get_alignment_via_offset_mapping(spans: Sequence, offset_mapping) -> Ragged:
    """The alignment of the spans' tokens to the flattened wordpieces, from the fast
    tokenizer's padded (n_spans, seq_len, 2) offset mapping."""
    if len(spans) != len(offset_mapping):
        raise AlignmentError(f"Cannot align {len(spans)} spans with {len(offset_mapping)} "
                             "offset mappings: batches of different sizes.")
    positions = get_token_positions(spans)
    groups: list[set[int]] = [set() for _ in positions]
    start = 0
    for span, offsets in zip(spans, offset_mapping):
        for token, pieces in zip(span, get_span2wp_from_offset_mapping(span, offsets)):
            groups[positions[token]].update(start + j for j in pieces)
        start += len(offsets)
    return _ragged(groups)


def get_alignment(spans: Sequence, wordpieces: Sequence[Sequence[str]],
                  special_tokens: Sequence[str] | None = None) -> Ragged:
    """The alignment of the spans' tokens to the flattened `wordpieces` (one list of piece
    strings per span, padded lists allowed), matching the pieces against each span's text
    (case, accents and subword markers ignored). Special tokens that the span's text doesn't
    spell align to nothing."""
    if len(spans) != len(wordpieces):
        raise AlignmentError(f"Cannot align {len(spans)} spans with {len(wordpieces)} lists "
                             "of wordpieces: batches of different sizes.")
    special = frozenset(special_tokens or ()) | SPECIAL_PIECES
    positions = get_token_positions(spans)
    groups: list[set[int]] = [set() for _ in positions]
    start = 0
    for span, pieces in zip(spans, wordpieces):
        pieces = list(pieces)
        if len(span):
            text = span.text
            p_starts, p_ends = piece_offsets_by_chars(text, pieces, special_pieces=special)
            base = span[0].idx
            t_starts = numpy.asarray([t.idx - base for t in span], dtype="int64")
            t_ends = t_starts + numpy.asarray([len(t) for t in span], dtype="int64")
            lengths, indices = align_by_offsets(t_starts, t_ends, p_starts, p_ends)
            at = 0
            for token, n in zip(span, lengths):
                groups[positions[token]].update(start + int(j) for j in indices[at:at + n])
                at += int(n)
        start += len(pieces)
    return _ragged(groups)


__all__ = ["apply_alignment", "get_token_positions", "get_alignment",
           "get_alignment_via_offset_mapping", "get_span2wp_from_offset_mapping"]
