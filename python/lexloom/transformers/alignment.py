"""Which wordpieces make up which token: the alignment that pooling layers use to turn a
transformer's wordpiece rows into one row per token.

Both sides are character spans into the same text, so alignment is an overlap test done in
one native sweep (`align_by_offsets`). Fast tokenizers give each piece its span
(`return_offsets_mapping=True`); for slow ones, `piece_offsets_by_chars` recovers the spans
by matching the pieces against the text. The result is a ragged array, as thinc's
`Ragged(indices, lengths)` holds it: token i owns `indices[sum(lengths[:i]) :][: lengths[i]]`.

Pooling then gathers the aligned wordpiece rows and reduces each token's group:

    lengths, indices = align_by_offsets(tok_starts, tok_ends, offsets[:, 0], offsets[:, 1])
    token_rows = pooling(Ragged(wordpiece_rows[indices], lengths))   # e.g. reduce_mean.v1
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
    == end) and the matcher goes on where it was. Special pieces (`special_pieces`, default
    SPECIAL_PIECES) get an empty span, unless the text spells them right there and they are
    not the first or last piece (the template's): "[MASK]" in a text is read as the special
    piece by tokenizers. Unknown pieces
    (`unknown_pieces`, default UNKNOWN_PIECES) stand for whole words the vocabulary can't
    spell: they share the words skipped before the next piece that matches, one each.
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
    # Unknown pieces have no text of their own, nor have special pieces at either end (the
    # template's [CLS] ... [SEP]). Pieces are joined and normalised as one string, then cut
    # where each piece's characters ended up.
    last = len(pieces) - 1
    stripped = [_strip_markers(p) if k == _KIND_TEXT
                else p if k == _KIND_SPECIAL and 0 < i < last else ""
                for i, (p, k) in enumerate(zip(pieces, kinds))]
    bounds = numpy.zeros(len(pieces) + 1, dtype=numpy.int64)
    numpy.cumsum([len(p) for p in stripped], out=bounds[1:])
    if byte_level:
        units, origin, word_starts = _text_bytes(text)
        joined, joined_origin = _piece_bytes(stripped)
    else:
        units, origin, word_starts = _text_chars(text, lowercase, strip_accents)
        joined, joined_origin, _ = _text_chars("".join(stripped), lowercase, strip_accents)
    offsets = numpy.searchsorted(joined_origin, bounds, side="left").astype(numpy.int64)
    return _align.match_pieces(units, origin, word_starts, len(text), joined, offsets, kinds,
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
        # NFKD meets both NFD (BERT) and NFKC (SentencePiece) tokenizers; where it leaves
        # nothing (a spacing mark such as '﹉' is a space plus a combining mark), NFD does
        c = (_without_marks(unicodedata.normalize("NFKD", c))
             or _without_marks(unicodedata.normalize("NFD", c)))
        if lowercase:  # NFKD can give capitals (e.g. from mathematical letters): normalising
            c = c.lower()  # twice must change nothing, as pieces come normalised already
    if lowercase:
        # lower-casing a whole word writes a word-final Σ as ς, a lone Σ as σ: one letter
        c = c.replace("ς", "σ")
    return "".join(x for x in c if not x.isspace())


def _without_marks(s: str) -> str:
    return "".join(x for x in s if unicodedata.category(x) != "Mn" and not x.isspace())


def _text_chars(text: str, lowercase: bool, strip_accents: bool):
    """The normalised code points of text, the character each came from, and where words
    start (for placing [UNK] pieces)."""
    cps = _code_units(text)
    if cps.shape[0] == 0:
        return cps, numpy.zeros(0, dtype=numpy.int64), numpy.zeros(0, dtype=numpy.uint8)
    distinct, which = numpy.unique(cps, return_inverse=True)
    which = which.reshape(-1).astype(numpy.int64)
    chars = [chr(cp) for cp in distinct.tolist()]
    norms = [_normalise_char(c, lowercase, strip_accents) for c in chars]
    offsets = numpy.zeros(len(norms) + 1, dtype=numpy.int64)
    numpy.cumsum([len(n) for n in norms], out=offsets[1:])
    units, origin = _align.expand_by_table(which, offsets, _code_units("".join(norms)))
    is_space = numpy.array([c.isspace() for c in chars], dtype=bool)[which]
    alone = numpy.array([_is_word_by_itself(c) for c in chars], dtype=bool)[which]
    return units, origin, _word_starts(origin, is_space, alone)


def _text_bytes(text: str):
    """The UTF-8 bytes of text without ASCII whitespace, the character each came from, and
    where words start."""
    cps = _code_units(text)
    widths = 1 + (cps >= 0x80) + (cps >= 0x800) + (cps >= 0x10000)
    data = numpy.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=numpy.uint8)
    origin = numpy.repeat(numpy.arange(cps.shape[0], dtype=numpy.int64), widths)
    keep = ~numpy.isin(data, _ASCII_SPACE_BYTES)
    origin = origin[keep]
    is_space = numpy.isin(cps, _ASCII_SPACE_BYTES)
    return (data[keep].astype(numpy.uint32), origin,
            _word_starts(origin, is_space, numpy.zeros(cps.shape[0], dtype=bool)))


def _is_word_by_itself(c: str) -> bool:
    """Punctuation and CJK ideographs: BERT-style tokenizers split them off as words."""
    cp = ord(c)
    return (unicodedata.category(c).startswith("P") or 33 <= cp <= 47 or 58 <= cp <= 64
            or 91 <= cp <= 96 or 123 <= cp <= 126 or 0x4E00 <= cp <= 0x9FFF
            or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x2FA1F)


def _word_starts(origin, is_space, alone):
    """uint8 per unit: 1 where a word starts (the first unit, after whitespace, at or after a
    character that is a word by itself)."""
    starts = numpy.zeros(origin.shape[0], dtype=numpy.uint8)
    if origin.shape[0] == 0:
        return starts
    spaces_before = numpy.concatenate([[0], numpy.cumsum(is_space)])
    prev, cur = origin[:-1], origin[1:]
    new_char = cur != prev
    space_between = spaces_before[cur] > spaces_before[prev + 1]
    starts[0] = 1
    starts[1:] = new_char & (space_between | alone[cur] | alone[prev])
    return starts


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


_BYTE_OF = {ord(ch): b for b, ch in _byte_alphabet().items()}
_BYTE_LOOKUP = numpy.full(max(_BYTE_OF) + 1, -1, dtype=numpy.int32)
_BYTE_LOOKUP[list(_BYTE_OF)] = list(_BYTE_OF.values())


def _piece_bytes(pieces: list[str]):
    """The bytes byte-level BPE pieces stand for, joined, without ASCII whitespace, and for
    each byte the position in "".join(pieces) of the character it came from. A character
    outside the byte alphabet (a piece that isn't byte-level, e.g. an added token) stands for
    its own UTF-8 bytes."""
    cps = _code_units("".join(pieces))
    in_alphabet = cps < _BYTE_LOOKUP.shape[0]
    mapped = numpy.where(in_alphabet, _BYTE_LOOKUP[numpy.where(in_alphabet, cps, 0)], -1)
    if numpy.all(mapped >= 0):
        data = mapped.astype(numpy.uint8)
        origin = numpy.arange(cps.shape[0], dtype=numpy.int64)
    else:  # rare: encode each character on its own
        chunks = [bytes([b]) if b >= 0 else chr(cp).encode("utf-8", "surrogatepass")
                  for cp, b in zip(cps.tolist(), mapped.tolist())]
        data = numpy.frombuffer(b"".join(chunks), dtype=numpy.uint8)
        origin = numpy.repeat(numpy.arange(cps.shape[0], dtype=numpy.int64),
                              [len(c) for c in chunks])
    keep = ~numpy.isin(data, _ASCII_SPACE_BYTES)
    return data[keep].astype(numpy.uint32), origin[keep]
