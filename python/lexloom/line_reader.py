"""Streaming line reading for every text file lexloom reads: 1 MiB pieces, a bounded line
length, and errors that name the file, the line and the byte offset.

A file with a 1 GB line is never loaded whole: reading stops with an InputFileError as soon as
the line passes LEXLOOM_MAX_LINE_BYTES (default 256 MiB), so memory stays bounded by that limit.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from .errors import FolderNotFileError, InputFileError

MAX_LINE_ENV = "LEXLOOM_MAX_LINE_BYTES"
DEFAULT_MAX_LINE_BYTES = 256 * 1024 * 1024
PIECE_BYTES = 1024 * 1024


def max_line_bytes() -> int:
    """The longest line a reader accepts, from LEXLOOM_MAX_LINE_BYTES (bytes) or 256 MiB."""
    value = os.environ.get(MAX_LINE_ENV, "")
    if not value.strip():
        return DEFAULT_MAX_LINE_BYTES
    try:
        limit = int(value)
    except ValueError:
        raise InputFileError(f"{MAX_LINE_ENV}={value!r} is not a whole number of bytes; set it "
                             "to e.g. 268435456 (256 MiB) or unset it.") from None
    if limit <= 0:
        raise InputFileError(f"{MAX_LINE_ENV}={value!r} must be a positive number of bytes.")
    return limit


def _too_long(path: Path, line_no: int, offset: int, limit: int) -> InputFileError:
    return InputFileError(
        f"{path}: line {line_no} (from byte {offset}) is longer than {limit:,} bytes, the "
        f"longest line lexloom reads. Is this the right file (not a binary or a file without "
        f"line breaks)? Split the line, or raise the limit with {MAX_LINE_ENV}=<bytes>.")


def iter_raw_lines(path: str | Path, *, max_bytes: int | None = None
                   ) -> Iterator[tuple[int, int, bytes]]:
    """(line number from 1, byte offset of the line, line bytes with its b"\\n") for each line
    of a file, read in 1 MiB pieces; a line over `max_bytes` raises InputFileError."""
    path = Path(path)
    limit = max_line_bytes() if max_bytes is None else max_bytes
    try:
        file_ = path.open("rb", buffering=PIECE_BYTES)
    except IsADirectoryError:
        raise FolderNotFileError(f"{path} is a folder; a file is expected here.") from None
    line_no, offset = 1, 0
    with file_:
        while True:
            line = file_.readline(PIECE_BYTES)  # C speed for the usual short lines
            if not line:
                return
            if not line.endswith(b"\n") and len(line) == PIECE_BYTES:  # a long line: pieces
                pieces, size = [line], len(line)
                while not line.endswith(b"\n"):
                    if size - 2 > limit:  # (room for "\r\n")
                        raise _too_long(path, line_no, offset, limit)
                    line = file_.readline(PIECE_BYTES)
                    if not line:
                        break
                    pieces.append(line)
                    size += len(line)
                line = b"".join(pieces)
            if len(line) > limit and len(line.rstrip(b"\r\n")) > limit:
                raise _too_long(path, line_no, offset, limit)
            yield line_no, offset, line
            offset += len(line)
            line_no += 1


def decode_line(path: str | Path, line_no: int, offset: int, raw: bytes,
                encoding: str = "utf-8") -> str:
    """A line's text; bytes that aren't `encoding` raise InputFileError naming file, line and
    byte offset."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputFileError(
            f"{path}: line {line_no} is not {encoding.upper()} text (byte {offset + e.start} "
            f"of the file, {raw[e.start:e.start + 4]!r}). Re-save the file as {encoding.upper()} "
            f"(e.g. `iconv -f latin1 -t utf-8`).") from None


def iter_lines(path: str | Path, *, encoding: str = "utf-8", max_bytes: int | None = None
               ) -> Iterator[tuple[int, str]]:
    """(line number from 1, line text with its "\\n") for each line of a text file, streamed."""
    for line_no, offset, raw in iter_raw_lines(path, max_bytes=max_bytes):
        yield line_no, decode_line(path, line_no, offset, raw, encoding)


def read_text(path: str | Path, *, encoding: str = "utf-8", max_bytes: int | None = None) -> str:
    """A whole text file; bad bytes raise InputFileError naming the line, and a file larger
    than the line limit is streamed through iter_lines (so a huge line fails early). A
    missing file raises FileNotFoundError as open() does."""
    path = Path(path)
    limit = max_line_bytes() if max_bytes is None else max_bytes
    try:
        small = path.is_file() and path.stat().st_size <= limit
    except OSError:
        small = False
    if small:  # no line can pass the limit: one read, one decode (pipelines' vocab files)
        raw = path.read_bytes()
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as e:
            start = raw.rfind(b"\n", 0, e.start) + 1
            end = raw.find(b"\n", e.start)
            decode_line(path, raw.count(b"\n", 0, start) + 1, start,
                        raw[start:len(raw) if end < 0 else end + 1], encoding)
            raise  # decode_line raised for that line
    return "".join(line for _, line in iter_lines(path, encoding=encoding, max_bytes=max_bytes))


def read_json(path: str | Path, *, what: str = "JSON file", allow_empty: bool = False):
    """A JSON file's value; empty, truncated or malformed JSON raises InputFileError naming
    the file, line and column."""
    import json

    text = read_text(path)
    if not text.strip():
        if allow_empty:
            return None
        raise InputFileError(f"{path}: the {what} is empty; it should hold JSON. Restore or "
                             "re-create the file.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputFileError(f"{path}: line {e.lineno} column {e.colno}: the {what} is not "
                             f"valid JSON ({e.msg}); is it truncated or of another format?"
                             ) from None


def iter_jsonl(path: str | Path, *, what: str = "JSONL file") -> Iterator[tuple[int, object]]:
    """(line number, value) for each non-blank line of a JSONL file, streamed; a line that
    isn't JSON raises InputFileError naming file and line."""
    import json

    for line_no, line in iter_lines(path):
        if not line.strip():
            continue
        try:
            yield line_no, json.loads(line)
        except json.JSONDecodeError as e:
            raise InputFileError(f"{path}: line {line_no}: the {what} line is not valid JSON "
                                 f"({e.msg} at column {e.colno}); is the file truncated or of "
                                 "another format?") from None


def read_bytes(path: str | Path, *, what: str = "file") -> bytes:
    """A binary file's bytes; a folder in its place raises InputFileError."""
    path = Path(path)
    if path.is_dir():
        raise FolderNotFileError(f"{path} is a folder; the {what} should be a file.")
    return path.read_bytes()


__all__ = ["DEFAULT_MAX_LINE_BYTES", "MAX_LINE_ENV", "decode_line", "iter_jsonl", "iter_lines",
           "iter_raw_lines", "max_line_bytes", "read_bytes", "read_json", "read_text"]
