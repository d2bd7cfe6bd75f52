"""The vocab's data files at initialization: lexeme attributes ([initialize] vocab_data),
lookups, vectors; and spaCy's helpers for reading (compressed) vectors text files.
`training.initialize` re-exports these under spaCy's names."""
from __future__ import annotations

import gzip
import logging
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy

from ..errors import VectorsFileError

if TYPE_CHECKING:
    from ..language import Language

logger = logging.getLogger("lexloom")

# spaCy's defaults: the rank of a word outside the vectors table, the log-probability of an
# unseen word when the vocab data gives none.
OOV_RANK = int(numpy.iinfo(numpy.uint64).max)
DEFAULT_OOV_PROB = -20
# JSONL keys that name the lexeme rather than an attribute to set.
_IDENTITY_KEYS = ("orth", "id", "length")


def init_vocab(nlp: Language, *, data: str | Path | None = None, lookups: Any = None,
               vectors: str | None = None) -> None:
    """Set up nlp.vocab as [initialize] says: `lookups` tables, lexeme attributes from the
    JSONL file `data` (one {"orth": ..., attribute: value} object a line; a "settings" line is
    skipped), and the vectors of the pipeline folder or package `vectors`."""
    if lookups:
        nlp.vocab.lookups = lookups
        logger.info("Added vocab lookups: %s", ", ".join(lookups.tables))
    if data is not None:
        _load_lexeme_data(nlp, Path(data))
    logger.info("Created vocabulary")
    if vectors is not None:
        from .initialize import load_vectors_into_model

        load_vectors_into_model(nlp, vectors)
        logger.info("Added vectors: %s", vectors)
    logger.info("Finished initializing nlp object")


def _load_lexeme_data(nlp: Language, path: Path) -> None:
    from ..errors import InputFileError
    from ..line_reader import iter_jsonl

    records = []  # the whole file first: a bad line leaves the vocab as it was
    for line_no, attrs in iter_jsonl(path, what="lexeme data"):
        if not isinstance(attrs, dict) or not ("settings" in attrs or
                                               isinstance(attrs.get("orth"), str)):
            raise InputFileError(f"{path}: line {line_no}: a lexeme record is a JSON object "
                                 'with an "orth" string, e.g. {"orth": "apple", "prob": -9.5}.')
        records.append(attrs)
    vocab = nlp.vocab
    for lexeme in vocab:
        if hasattr(lexeme, "rank"):
            lexeme.rank = OOV_RANK
    unsupported: set[str] = set()
    for attrs in records:
        if "settings" in attrs:
            continue
        lexeme = vocab[attrs["orth"]]
        if hasattr(lexeme, "set_attrs"):
            lexeme.set_attrs(**attrs)
            continue
        for key, value in attrs.items():
            if key in _IDENTITY_KEYS:
                continue
            name = f"{key}_" if isinstance(value, str) and not key.endswith("_") else key
            try:
                setattr(lexeme, name, value)
            except AttributeError:
                unsupported.add(key)
    if unsupported:
        logger.warning("%s: lexloom's lexemes don't store %s; those values were skipped.",
                       path, ", ".join(sorted(unsupported)))
    probs = [lex.prob for lex in vocab if hasattr(lex, "prob")]
    oov_prob = min(probs) - 1 if probs else DEFAULT_OOV_PROB
    if hasattr(vocab, "cfg"):
        vocab.cfg.update({"oov_prob": oov_prob})
    logger.info("Added %d lexical entries to the vocab", len(vocab))


def open_file(loc: str | Path) -> Any:
    """The lines of a text file, a gzipped one or the first member of a zip file (as str);
    a tar archive is returned opened (tarfile)."""
    path = Path(loc)
    if not path.is_file():
        raise VectorsFileError(f"{path}: no such file.")
    if tarfile.is_tarfile(str(path)):
        return tarfile.open(str(path), "r:gz")
    if path.name.endswith("gz"):
        return (line.decode("utf8") for line in gzip.open(str(path), "r"))
    if path.name.endswith("zip"):
        archive = zipfile.ZipFile(str(path))
        member = archive.open(archive.namelist()[0])
        return (line.decode("utf8") for line in member)
    return path.open("r", encoding="utf8")


def ensure_shape(vectors_loc: str | Path) -> Iterator[str]:
    """The lines of a vectors text file, starting with a "ROWS WIDTH" header: the file's
    own, or one counted from the file when it has none (GloVe style)."""
    lines = open_file(vectors_loc)
    first = next(lines)
    try:
        tuple(int(size) for size in first.split()[:2])
        has_header = len(first.split()) >= 2
    except ValueError:
        has_header = False
    if has_header:
        yield first
        yield from lines
    else:
        width = len(first.split()) - 1
        length = 1 + sum(1 for _ in lines)
        yield f"{length} {width}"
        yield from open_file(vectors_loc)
    if hasattr(lines, "close"):
        lines.close()


def read_vectors(vectors_loc: str | Path, truncate_vectors: int, *, mode: str = "default"
                 ) -> tuple[numpy.ndarray, list[str], dict]:
    """(table, the word of each row, floret settings) of a vectors file, at most
    `truncate_vectors` rows (0: all). spaCy's signature over lexloom's native reader
    (training.vectors.read_vectors), which also reads word2vec binary and gzip files."""
    from ..strings import StringStore
    from .vectors import read_vectors as read_vectors_file

    strings = StringStore()
    table = read_vectors_file(vectors_loc, truncate=max(int(truncate_vectors or 0), 0),
                              mode=mode, strings=strings)
    words = [strings[int(key)] for key in table.keys]
    return table.data, words, table.floret_settings


__all__ = ["DEFAULT_OOV_PROB", "OOV_RANK", "ensure_shape", "init_vocab", "open_file",
           "read_vectors"]
