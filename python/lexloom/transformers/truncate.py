"""spacy-transformers' truncation of over-long wordpiece sequences
(`spacy_transformers.truncate`): pieces past the model's maximum length are dropped from the
end of each sequence, and the alignment is re-indexed to match.

lexloom's own TransformerModel splits an over-long span into windows instead of cutting it
(model.py); these functions serve code written against spacy-transformers' protocol."""
from __future__ import annotations

import numpy
from thinc.types import Ragged

from ..errors import TransformerError
from .data import WordpieceBatch


def truncate_oversize_splits(wordpieces: WordpieceBatch, align: Ragged,
                             max_length: int) -> tuple[WordpieceBatch, Ragged]:
    """Keep at most `max_length` pieces of each sequence (the first ones)."""
    if wordpieces.input_ids.shape[1] < max_length:
        return wordpieces, align
    mask = numpy.ones(wordpieces.input_ids.shape, dtype=bool)
    mask[:, max_length:] = False
    return _truncate_tokens(wordpieces, mask), _truncate_alignment(align, mask)


def _truncate_tokens(wordpieces: WordpieceBatch, mask: numpy.ndarray) -> WordpieceBatch:
    """The pieces where `mask` (n_seq, seq_len, or flattened) is true."""
    n_seq = len(wordpieces)
    mask = numpy.asarray(mask, dtype=bool).reshape((n_seq, -1))
    if mask.shape != tuple(wordpieces.input_ids.shape):
        raise TransformerError(f"Truncation mask of shape {mask.shape} for wordpieces of shape "
                               f"{tuple(wordpieces.input_ids.shape)}.")
    strings = [[p for p, keep in zip(seq, row) if keep]
               for seq, row in zip(wordpieces.strings, mask)]

    def kept(array):
        return None if array is None else array.reshape(-1)[mask.ravel()].reshape((n_seq, -1))

    # the real (unpadded) pieces kept: the strings are padded as the ids are
    lengths = [int(row[:length].sum()) for row, length in zip(mask, wordpieces.lengths)]
    return WordpieceBatch(strings=strings, input_ids=kept(wordpieces.input_ids),
                          attention_mask=kept(wordpieces.attention_mask),
                          lengths=lengths,
                          token_type_ids=kept(wordpieces.token_type_ids))


def _truncate_alignment(align: Ragged, mask: numpy.ndarray) -> Ragged:
    """The alignment after the pieces where `mask` is false are dropped: indices of kept
    pieces shift down past the dropped ones, dropped ones leave their tokens (which keep
    their entry, possibly empty)."""
    mask = numpy.asarray(mask, dtype=bool).ravel()
    new_index = numpy.cumsum(mask) - 1
    new_index[~mask] = -1
    old = numpy.asarray(align.dataXd).reshape(-1)
    mapped = new_index[old]
    owner = numpy.repeat(numpy.arange(align.lengths.shape[0]), align.lengths)
    dropped = numpy.bincount(owner[mapped < 0], minlength=align.lengths.shape[0])
    lengths = (numpy.asarray(align.lengths) - dropped).astype(align.lengths.dtype)
    return Ragged(mapped[mapped >= 0].astype("int32"), lengths)


__all__ = ["truncate_oversize_splits"]
