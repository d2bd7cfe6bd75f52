"""Which wordpieces make up which token: the alignment that pooling layers use to turn a
transformer's wordpiece rows into one row per token.

Both sides are character spans into the same text, so alignment is an overlap test done in
one native sweep (`align_by_offsets`). Fast tokenizers give each piece its span
(`return_offsets_mapping=True`); for slow ones, `piece_offsets_by_chars` recovers the spans
by matching the pieces against the text. The result is a ragged array, as thinc's
`Ragged(indices, lengths)` holds it: token i owns `indices[sum(lengths[:i]) :][: lengths[i]]`.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Collection, Sequence

import numpy

from ..errors import AlignmentError
from . import _align

__all__ = ["align_by_offsets", "piece_offsets_by_chars", "SPECIAL_PIECES", "UNKNOWN_PIECES"]

# Pieces that stand for no text: they get an empty span (and so align to no token).
SPECIAL_PIECES = frozenset({
    "[CLS]", "[SEP]", "[PAD]", "[MASK]", "<s>", "</s>", "<pad>", "<mask>", "<cls>", "<sep>",
    "<|endoftext|>", "<|startoftext|>",
})
# Pieces that stand for text the vocabulary lacks: they take the characters skipped between
# the pieces matched before and after them.
UNKNOWN_PIECES = frozenset({"[UNK]", "<unk>", "<UNK>"})

# How far ahead (in normalised characters) a piece is looked for when it doesn't match where
# the previous one ended and no unknown piece is waiting for the gap.
_SEARCH_WINDOW = 64
_KIND_TEXT, _KIND_SPECIAL, _KIND_UNKNOWN = 0, 1, 2
_ASCII_SPACE_BYTES = numpy.frombuffer(b" \t\n\r\x0b\x0c", dtype=numpy.uint8)


def align_by_offsets(
    token_starts: Sequence[int] | numpy.ndarray,
    token_ends: Sequence[int] | numpy.ndarray,
    piece_starts: Sequence[int] | numpy.ndarray,
    piece_ends: Sequence[int] | numpy.ndarray,
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Align tokens to pieces by character offsets (Python str positions, the units of a fast
    tokenizer's offset mapping): token i gets every piece j with
    `piece_start < token_end and piece_end > token_start`.

    A zero-width span covers no character, so special pieces (offsets (0, 0)) and empty
    tokens align to nothing; a token no piece overlaps (whitespace, characters the tokenizer
    dropped) gets length 0. Tokens must be in text order and must not overlap (a Doc's tokens
    are); pieces may come in any order. Returns `(lengths, indices)`: int32[n_tokens] and
    int32[sum(lengths)], each token's piece indices increasing. Runs natively, without the
    GIL, in one sweep over both sides. Raises AlignmentError for mismatched array lengths,
    negative offsets, spans ending before they start or tokens out of order.
    """
    return _align.align_offsets(token_starts, token_ends, piece_starts, piece_ends)


def piece_offsets_by_chars(
    text: str,
    pieces: Sequence[str],
    *,
    lowercase: bool = True,
    strip_accents: bool | None = None,
    byte_level: bool | None = None,
    special_pieces: Collection[str] | None = None,
    unknown_pieces: Collection[str] | None = None,
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Character spans `(starts, ends)` (int64 arrays, one entry per piece) of a slow
    tokenizer's pieces of `text`, for `align_by_offsets`.

    Subword markers are removed first: a leading `##` (WordPiece), `▁` (SentencePiece); with
    `byte_level` (GPT-2 / RoBERTa byte-level BPE, where `Ġ` is a space and `Ċ` a newline)
    the pieces are turned back into the UTF-8 bytes they stand for and matched against the
    text's bytes, so a character split over several pieces is covered by each of them.
    `byte_level=None` detects it (a piece starting with `Ġ` or holding `Ċ` / `ĉ`).
    Otherwise text and pieces are normalised alike: whitespace and control characters
    dropped, lower-cased when `lowercase`, accents stripped (NFKD, combining marks removed)
    when `strip_accents` (default: as `lowercase`, like BERT's tokenizer).

    Pieces are matched left to right. A piece that can't be found gets an empty span (start
    == end) and the matcher goes on where it was; special pieces (`special_pieces`, default
    SPECIAL_PIECES) always get an empty span; an unknown piece (`unknown_pieces`, default
    UNKNOWN_PIECES) gets the characters skipped before the next piece that matches.
    """
    if not isinstance(text, str):
        raise AlignmentError(f"text must be a str, got {type(text).__name__}.")
    if isinstance(pieces, str) or not all(isinstance(p, str) for p in pieces):
        raise AlignmentError("pieces must be a sequence of str (the tokenizer's pieces, "
                             "e.g. tokenizer.convert_ids_to_tokens(ids)).")
    pieces = list(pieces)
    special = SPECIAL_PIECES if special_pieces is None else frozenset(special_pieces)
    unknown = UNKNOWN_PIECES if unknown_pieces is None else frozenset(unknown_pieces)
    kinds = numpy.array([_KIND_SPECIAL if p in special else _KIND_UNKNOWN if p in unknown
                         else _KIND_TEXT for p in pieces], dtype=numpy.uint8)
    if byte_level is None:
        byte_level = any(p[:1] == "Ġ" or "Ċ" in p or "ĉ" in p
                         for p, k in zip(pieces, kinds) if k == _KIND_TEXT)
    if strip_accents is None:
        strip_accents = lowercase
    if byte_level:
        units, origin = _text_bytes(text)
        piece_units = [_piece_bytes(p) for p in pieces]
    else:
        units, origin = _text_chars(text, lowercase, strip_accents)
        table = _translation(set("".join(pieces)), lowercase, strip_accents)
        piece_units = [_code_units(_strip_markers(p).translate(table)) for p in pieces]
    offsets = numpy.zeros(len(pieces) + 1, dtype=numpy.int64)
    numpy.cumsum([u.shape[0] for u in piece_units], out=offsets[1:])
    joined = numpy.concatenate(piece_units) if piece_units else numpy.zeros(0, numpy.uint32)
    return _align.match_pieces(units, origin, len(text), joined, offsets, kinds,
                               _SEARCH_WINDOW)


# ------------------------------------------------------------------ normalisation


def _code_units(s: str) -> numpy.ndarray:
    return numpy.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)


def _strip_markers(piece: str) -> str:
    if piece.startswith("##") and len(piece) > 2:
        piece = piece[2:]
    return piece.replace("▁", "")


@lru_cache(maxsize=65536)
def _normalise_char(c: str, lowercase: bool, strip_accents: bool) -> str:
    """What one character becomes before matching ("" when the tokenizer drops it)."""
    if c.isspace() or c == "▁" or c == "\ufffd" or unicodedata.category(c)[0] == "C":
        return ""
    if lowercase:
        c = c.lower()
    if strip_accents:
        c = "".join(x for x in unicodedata.normalize("NFKD", c)
                    if unicodedata.category(x) != "Mn")
        if lowercase:  # NFKD can give capitals (e.g. from mathematical letters): normalising
            c = c.lower()  # twice must change nothing, as pieces come normalised already
    return "".join(x for x in c if not x.isspace())


def _translation(chars: set[str], lowercase: bool, strip_accents: bool) -> dict[int, str]:
    """A str.translate table for the given characters (one entry per distinct character)."""
    return {ord(c): _normalise_char(c, lowercase, strip_accents) for c in chars}


def _text_chars(text: str, lowercase: bool, strip_accents: bool):
    """The normalised code points of text and, for each, the character it came from."""
    cps = _code_units(text)
    if cps.shape[0] == 0:
        return cps, numpy.zeros(0, dtype=numpy.int64)
    distinct, which = numpy.unique(cps, return_inverse=True)
    norms = [_normalise_char(chr(cp), lowercase, strip_accents) for cp in distinct.tolist()]
    offsets = numpy.zeros(len(norms) + 1, dtype=numpy.int64)
    numpy.cumsum([len(n) for n in norms], out=offsets[1:])
    return _align.expand_by_table(which.astype(numpy.int64), offsets,
                                  _code_units("".join(norms)))


def _text_bytes(text: str):
    """The UTF-8 bytes of text without ASCII whitespace and, for each, its character."""
    cps = _code_units(text)
    widths = 1 + (cps >= 0x80) + (cps >= 0x800) + (cps >= 0x10000)
    data = numpy.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=numpy.uint8)
    origin = numpy.repeat(numpy.arange(cps.shape[0], dtype=numpy.int64), widths)
    keep = ~numpy.isin(data, _ASCII_SPACE_BYTES)
    return data[keep].astype(numpy.uint32), origin[keep]


def _byte_alphabet() -> dict[int, str]:
    """Byte-level BPE's printable stand-in for each byte (GPT-2's scheme): printable Latin-1
    bytes stand for themselves, the others (controls, space, ...) take code points from 256
    up, in byte order."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1),
                 *range(ord("®"), ord("ÿ") + 1)]
    shown = set(printable)
    stand_ins = {b: chr(b) for b in printable}
    extra = 0
    for b in range(256):
        if b not in shown:
            stand_ins[b] = chr(256 + extra)
            extra += 1
    return stand_ins


_BYTE_OF = {ord(ch): chr(b) for b, ch in _byte_alphabet().items()}


def _piece_bytes(piece: str) -> numpy.ndarray:
    """The bytes a byte-level BPE piece stands for, without ASCII whitespace."""
    try:
        data = piece.translate(_BYTE_OF).encode("latin-1")
    except UnicodeEncodeError:  # not a byte-level piece (e.g. an added token): its own UTF-8
        data = piece.encode("utf-8", "surrogatepass")
    units = numpy.frombuffer(data, dtype=numpy.uint8)
    return units[~numpy.isin(units, _ASCII_SPACE_BYTES)].astype(numpy.uint32)
