"""Reading word vectors files into a Vectors table: what `lexloom init vectors` runs.

Formats: word2vec text and fastText `.vec` ("ROWS WIDTH" header, then "word v1 ... vD"
lines), GloVe-style text without a header, word2vec binary (as gensim and word2vec.c write
it), and floret text ("BUCKETS WIDTH MINN MAXN HASH_COUNT HASH_SEED BOW EOW" header); any of
them gzipped or as the first file of a zip archive. The file is read in chunks; the rows are
parsed natively (csrc/lexloom/vectors_reader.hh). A truncated or corrupt file raises
VectorsFileError naming the file and line, and nothing is changed.
"""
from __future__ import annotations

import gzip
import logging
import os
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO, NamedTuple

import numpy

from ..errors import VectorsError, VectorsFileError

logger = logging.getLogger("lexloom")

CHUNK_BYTES = 1 << 22
_HEADER_LIMIT = 1 << 20
_ERRORS = {1: "wrong_field_count", 2: "bad_number", 3: "bad_utf8", 4: "empty_word",
           5: "too_many_rows", 6: "truncated"}
FLORET_HEADER = "BUCKETS WIDTH MINN MAXN HASH_COUNT HASH_SEED BOW EOW"


class VectorsFile(NamedTuple):
    """What read_vectors returns: the table, one key (string hash) per row, the floret
    settings (empty in default mode) and the format that was read."""
    data: numpy.ndarray
    keys: numpy.ndarray
    floret_settings: dict
    binary: bool


# What reading a truncated or corrupt (gzipped, zipped) file raises: zlib.error and
# zipfile.BadZipFile are not OSErrors.
_READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile)


def _open(path: Path) -> tuple[IO[bytes], IO[bytes]]:
    """(reader of the file's bytes: gunzipped when it is gzip, the first member of a zip
    archive (as fastText ships its .vec files, and spaCy reads them); the raw file, for
    progress)."""
    raw = path.open("rb")
    magic = raw.read(4)
    raw.seek(0)
    if magic[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb"), raw
    if magic == b"PK\x03\x04":
        try:
            archive = zipfile.ZipFile(raw)
            members = [info for info in archive.infolist() if not info.is_dir()]
            if not members:
                raise VectorsFileError(f"{path}: the zip archive holds no file; expected a "
                                       "vectors file inside it.")
            return archive.open(members[0]), raw
        except _READ_ERRORS as e:
            raw.close()
            raise VectorsFileError(f"{path}: can't read the zip archive ({e}); is it "
                                   "complete?") from None
        except VectorsFileError:
            raw.close()
            raise
    return raw, raw


def _read_header(reader: IO[bytes], path: Path) -> tuple[bytes, bytes]:
    """(first line without its newline, the bytes already read after it)."""
    buf = b""
    while b"\n" not in buf and len(buf) < _HEADER_LIMIT:
        try:
            chunk = reader.read(1 << 16)
        except _READ_ERRORS as e:
            raise VectorsFileError(f"{path}: can't read the file ({e}); is the .gz complete?") \
                from None
        if not chunk:
            break
        buf += chunk
    if not buf.strip():
        raise VectorsFileError(f"{path} is empty: expected a vectors file with a header line "
                               "such as '10000 300'.")
    line, sep, rest = buf.partition(b"\n")
    if not sep and len(buf) >= _HEADER_LIMIT:
        raise VectorsFileError(f"{path}: the first line is over {_HEADER_LIMIT} bytes long; "
                               "this is not a word vectors text file.")
    return line.rstrip(b"\r"), rest


# An integer field of a header: ASCII digits, an optional minus ("--1", "²" are not ints).
_INT = re.compile(r"-?[0-9]+")


def _is_float(text: bytes) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _looks_like_text_row(rest: bytes) -> bool:
    """Whether the first row after the header is text: UTF-8 without control characters
    (the raw float32 bytes of a binary row practically always break one of the two)."""
    line = rest.split(b"\n", 1)[0].rstrip(b"\r")
    try:
        text = line.decode("utf8")
    except UnicodeDecodeError:  # a text row whose word isn't UTF-8 still has ASCII values
        values = line.partition(b" ")[2].strip()
        return bool(values) and all(c in b"0123456789.-+eE \t" for c in values)
    return not any(ord(c) < 32 and c != "\t" for c in text)


def _parse_header(line: bytes, path: Path, mode: str):
    """(rows or None when there is no header, width, floret settings, header consumed)."""
    try:
        text = line.decode("utf8")
    except UnicodeDecodeError:
        raise VectorsFileError(f"{path}:1: the header is not UTF-8 text. Binary word2vec files "
                               "start with a text header 'ROWS WIDTH'; is this a vectors "
                               "file?") from None
    fields = text.split()
    if mode == "floret":
        if len(fields) != 8:
            raise VectorsFileError(
                f"{path}:1: invalid header for floret vectors: {text[:80]!r}. Expected "
                f"{FLORET_HEADER} (export with floret's `save_floret_vectors`).")
        try:
            rows, width, minn, maxn, hash_count, hash_seed = (int(x) for x in fields[:6])
        except ValueError:
            raise VectorsFileError(f"{path}:1: the first six fields of a floret header are "
                                   f"integers ({FLORET_HEADER}); got {text[:80]!r}.") from None
        if rows < 1 or width < 1 or not 1 <= hash_count <= 4 or maxn < minn or minn < 0:
            raise VectorsFileError(f"{path}:1: floret header {text[:80]!r} is out of range: "
                                   "need BUCKETS, WIDTH >= 1, 0 <= MINN <= MAXN and "
                                   "1 <= HASH_COUNT <= 4.")
        settings = {"mode": "floret", "minn": minn, "maxn": maxn, "hash_count": hash_count,
                    "hash_seed": hash_seed, "bow": fields[6], "eow": fields[7]}
        return rows, width, settings, True
    if len(fields) == 2 and all(_INT.fullmatch(f) for f in fields):
        rows, width = int(fields[0]), int(fields[1])
        if rows < 0 or width < 1:
            raise VectorsFileError(f"{path}:1: header '{text}' gives {rows} rows of width "
                                   f"{width}; both must be positive.")
        return rows, width, {}, True
    if len(fields) >= 2 and _is_float(fields[-1]):   # GloVe style: no header
        n_values = 0
        while n_values < len(fields) - 1 and _is_float(fields[-1 - n_values]):
            n_values += 1
        return None, n_values, {}, False
    if len(fields) == 8 and all(_INT.fullmatch(f) for f in fields[:6]):
        raise VectorsFileError(f"{path}:1: this looks like a floret file ({FLORET_HEADER}); "
                               "pass --mode floret.")
    raise VectorsFileError(f"{path}:1: bad header {text[:80]!r}: expected 'ROWS WIDTH' "
                           "(word2vec, fastText .vec), a first row 'word v1 v2 ...' (no "
                           f"header), or with --mode floret: {FLORET_HEADER}.")


def _check_header_size(path: Path, raw: IO[bytes], rows: int, width: int,
                       has_header: bool) -> None:
    """A header whose ROWS x WIDTH can't fit in the file is wrong (and would have us allocate
    the table it announces): every value takes at least 2 bytes ("0 " as text; binary rows
    take 4), and gzip expands at most ~1032 times (deflate's limit). Checked only where the
    table would take over 64 MB: smaller files get the reader's exact error (line, field)."""
    size = os.fstat(raw.fileno()).st_size
    most = size * (1032 if _is_compressed(raw) else 1)
    values = max(rows, 1) * width   # a header of 0 rows still makes a (0, WIDTH) table
    if has_header and values * 4 > (64 << 20) and values * 2 > most:
        raise VectorsFileError(
            f"{path}:1: the header announces {rows} rows of width {width}, more than a "
            f"{size}-byte file can hold; the header is wrong (or this is not a vectors file).")


def _is_compressed(raw: IO[bytes]) -> bool:
    """Whether the file is gzip or zip (deflate: at most ~1032 times its size unpacked)."""
    pos = raw.tell()
    raw.seek(0)
    magic = raw.read(4)
    raw.seek(pos)
    return magic[:2] == b"\x1f\x8b" or magic == b"PK\x03\x04"


def _count_rows(path: Path) -> int:
    """The number of non-blank lines of a text file (for files without a header)."""
    reader, raw = _open(path)
    n, last = 0, b"\n"
    with raw, reader:
        while True:
            try:
                chunk = reader.read(CHUNK_BYTES)
            except _READ_ERRORS as e:
                raise VectorsFileError(f"{path}: can't read past line {n} ({e}); the file is "
                                       "truncated or corrupt.") from None
            if not chunk:
                break
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


def read_vectors(path: str | Path, *, truncate: int = 0, mode: str = "default", strings=None,
                 binary: bool | None = None, progress: bool = True) -> VectorsFile:
    """Read a vectors file (formats in the module docstring; gzip and zip detected from
    their bytes).

    truncate: keep only the first N rows (default mode). strings: the StringStore the words
    go into (a new one when None). binary: force word2vec binary (True) or text (False);
    by default it is detected from the first row.
    """
    from ..strings import StringStore

    path = Path(path)
    if mode not in ("default", "floret"):
        raise VectorsError(f"[E202] Unknown vectors mode {mode!r}; use default or floret.")
    if not path.is_file():
        raise VectorsFileError(f"{path}: no such file. Pass the word vectors file to convert "
                               "(word2vec .txt/.bin, fastText .vec, floret .floret; .gz or .zip "
                               "too).")
    if truncate and mode == "floret":
        raise VectorsError("--truncate can't be used with floret vectors: their rows are hash "
                           "buckets, all of which are needed.")
    strings = strings if strings is not None else StringStore()
    reader, raw = _open(path)
    with raw, reader:
        first, rest = _read_header(reader, path)
        rows, width, floret_settings, has_header = _parse_header(first, path, mode)
        if not has_header:
            rest = first + b"\n" + rest
            rows = _count_rows(path)
        if binary is None:
            binary = has_header and mode == "default" and not _looks_like_text_row(rest)
        if binary and not has_header:
            raise VectorsFileError(f"{path}: binary word2vec files need a 'ROWS WIDTH' header.")
        _check_header_size(path, raw, rows, width, has_header)
        n_rows = min(rows, truncate) if truncate and truncate > 0 else rows
        data = numpy.zeros((n_rows, width), dtype=numpy.float32)
        keys = numpy.zeros((n_rows,), dtype=numpy.uint64)
        got = _parse_body(reader, raw, path, rest, data, keys, strings, binary,
                          line0=2 if has_header else 1, stop_early=n_rows < rows,
                          progress=progress)
    if got < n_rows:
        raise VectorsFileError(
            f"{path}: the file ends after {got} of the {rows} rows its header announces; it is "
            "truncated (an interrupted download or copy?), or the header is wrong.")
    if mode == "floret":
        keys = numpy.zeros((0,), dtype=numpy.uint64)
    return VectorsFile(data, keys, floret_settings, bool(binary))


def _parse_body(reader, raw, path: Path, buf: bytes, data, keys, strings, binary: bool, *,
                line0: int, stop_early: bool, progress: bool) -> int:
    """Parse rows into data/keys until the table is full or the file ends; returns the count."""
    from ..line_reader import MAX_LINE_ENV, max_line_bytes
    from ..vectors import parse_vectors_chunk

    max_line = max_line_bytes()
    total = path.stat().st_size
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="B", unit_scale=True, desc=f"Reading {path.name}",
                   disable=None, leave=False)
    row, line, eof = 0, line0, False
    try:
        while True:
            if not eof:
                try:
                    chunk = reader.read(CHUNK_BYTES)
                except _READ_ERRORS as e:
                    raise VectorsFileError(f"{path}: can't read past row {row} ({e}); the "
                                           "file is truncated or corrupt.") from None
                eof = not chunk
                buf += chunk
                if bar is not None:
                    bar.n = min(raw.tell(), total)
                    bar.refresh()
            consumed, n, lines, error, err_line, err_field = parse_vectors_chunk(
                buf, eof, binary, data, row, strings, keys)
            if error == 5 and stop_early:   # truncated on purpose: the table is full
                row += n
                return row
            if error:
                _raise_parse_error(path, error, binary, row + n, line + err_line, err_field,
                                   data.shape)
            row += n
            line += lines
            buf = buf[consumed:]
            if not eof and len(buf) > max_line:  # one row that long: stop before loading it all
                where = f"{path} (record {row + 1})" if binary else f"{path}: line {line}"
                raise VectorsFileError(f"{where} is longer than {max_line:,} bytes; is this a "
                                       "vectors file? Raise the limit with "
                                       f"{MAX_LINE_ENV}=<bytes> if the rows are that long.")
            if eof:
                if buf.strip():
                    _raise_parse_error(path, 6, binary, row, line, 0, data.shape)
                return row
            if row == data.shape[0] and stop_early:
                return row
    finally:
        if bar is not None:
            bar.close()


def _raise_parse_error(path: Path, error: int, binary: bool, row: int, line: int, field: int,
                       shape) -> None:
    kind = _ERRORS.get(error, "unknown")
    width = shape[1]
    where = f"{path} (record {row + 1})" if binary else f"{path}:{line}"
    if kind == "wrong_field_count":
        raise VectorsFileError(f"{where}: expected a word and {width} values, found {field} "
                               "values. The file's rows must all have the header's width; "
                               "is the line cut short, or does a word contain a tab?")
    if kind == "bad_number":
        raise VectorsFileError(f"{where}: value {field + 1} is not a number.")
    if kind == "bad_utf8":
        raise VectorsFileError(f"{where}: the word is not valid UTF-8. Re-export the vectors "
                               "as UTF-8.")
    if kind == "too_many_rows":
        raise VectorsFileError(f"{where}: the file has more rows than the {shape[0]} its header "
                               "announces; fix the header's row count.")
    if kind == "truncated":
        raise VectorsFileError(f"{where}: the file ends inside a row ({shape[0]} rows of width "
                               f"{width} expected); it is truncated.")
    raise VectorsFileError(f"{where}: unreadable row (error {error}).")


def convert_vectors(nlp, vectors_loc: str | Path | None, *, truncate: int = 0, prune: int = -1,
                    name: str | None = None, mode: str = "default", attr: str = "ORTH",
                    binary: bool | None = None, progress: bool = True) -> None:
    """Read a vectors file into nlp.vocab.vectors (the words go into nlp.vocab.strings),
    merge identical rows, name the table, and with prune >= 1 keep only that many rows,
    mapping the other words to their nearest kept row."""
    from ..vectors import Vectors

    if vectors_loc is not None:
        logger.info("Reading vectors from %s", vectors_loc)
        data, keys, floret_settings, _ = read_vectors(
            vectors_loc, truncate=truncate, mode=mode, strings=nlp.vocab.strings,
            binary=binary, progress=progress)
        if mode == "floret":
            table = Vectors(strings=nlp.vocab.strings, data=data, attr=attr, **floret_settings)
            nlp.vocab.vectors = table
        else:
            nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=keys,
                                        attr=attr)
            nlp.vocab.deduplicate_vectors()
        logger.info("Loaded vectors from %s: %s", vectors_loc, nlp.vocab.vectors.shape)
    table = nlp.vocab.vectors
    table.name = name if name is not None else \
        f"{nlp.meta['lang']}_{nlp.meta['name']}.vectors"
    if prune >= 1 and mode != "floret":
        nlp.vocab.prune_vectors(prune)
        table = nlp.vocab.vectors
    nlp.meta = {**nlp.meta, "vectors": {"width": table.shape[1], "vectors": table.shape[0],
                                        "keys": table.n_keys, "name": table.name,
                                        "mode": table.mode}}


def update_lexemes(nlp, jsonl_loc: str | Path) -> None:
    """Set lexeme attributes from a JSONL file, one {"orth": ..., attribute: value} record
    per line (spaCy v2's lexemes file; a "settings" record is skipped)."""
    from ..line_reader import iter_jsonl

    for number, record in iter_jsonl(jsonl_loc, what="lexemes file"):
        if isinstance(record, dict) and "settings" in record:
            continue
        if not isinstance(record, dict) or not isinstance(record.get("orth"), str):
            raise VectorsFileError(f"{jsonl_loc}:{number}: a lexeme record needs its text as "
                                   "\"orth\".")
        nlp.vocab[record["orth"]].set_attrs(**record)


def init_vectors(lang: str, vectors_loc: str | Path, output_dir: str | Path, *,
                 prune: int = -1, truncate: int = 0, mode: str = "default",
                 name: str | None = None, attr: str = "ORTH", binary: bool | None = None,
                 progress: bool = True, lexemes_jsonl: str | Path | None = None):
    """A blank `lang` pipeline holding the converted vectors (and the lexeme attributes of
    `lexemes_jsonl`), saved to output_dir: what [initialize] vectors = "output_dir" loads.
    Returns the pipeline."""
    import lexloom

    nlp = lexloom.blank(lang)
    if lexemes_jsonl is not None:
        update_lexemes(nlp, lexemes_jsonl)
    convert_vectors(nlp, vectors_loc, truncate=truncate, prune=prune, name=name, mode=mode,
                    attr=attr, binary=binary, progress=progress)
    nlp.to_disk(output_dir)
    return nlp


__all__ = ["read_vectors", "convert_vectors", "init_vectors", "VectorsFile"]
