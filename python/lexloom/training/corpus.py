"""Corpus readers: the functions `[corpora.*]` blocks name, turning files into Examples.

`spacy.Corpus.v1` reads `.spacy` (DocBin) files: each stored Doc is the reference, and the
predicted Doc is the pipeline's own tokenization of its text (or the gold tokens with
`gold_preproc`). `spacy.JsonlCorpus.v1` and `spacy.PlainTextCorpus.v1` read raw text, for
pretraining. A reader is built when the config is resolved and reads when called with the
pipeline: `corpus(nlp)` yields Examples, lazily, one file at a time.
"""
from __future__ import annotations

import json
import logging
import random
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..errors import (ConfigError, DeserializationError, DeserializationKeyError, LexloomWarning,
                      MissingFileError, Warnings)
from ..registry import register
from .augment import dont_augment

if TYPE_CHECKING:
    from ..language import Language
    from ..tokens import Doc
    from .example import Example

FILE_TYPE = ".spacy"
logger = logging.getLogger("lexloom")


@register("readers", "lexloom.Corpus.v1")
def create_docbin_reader(path: str | Path | None, gold_preproc: bool = False,
                         max_length: int = 0, limit: int = 0,
                         augmenter: Callable | None = None,
                         shuffle: bool = False) -> "Corpus":
    """Examples from a `.spacy` file or a folder of them (optionally shuffled on each read)."""
    return Corpus(path, gold_preproc=gold_preproc, max_length=max_length, limit=limit,
                  augmenter=augmenter, shuffle=shuffle)


@register("readers", "spacy.Corpus.v1")
def create_spacy_docbin_reader(path: str | Path | None, gold_preproc: bool = False,
                               max_length: int = 0, limit: int = 0,
                               augmenter: Callable | None = None) -> "Corpus":
    """spaCy's signature exactly, so configs filled by lexloom still load in spaCy."""
    return Corpus(path, gold_preproc=gold_preproc, max_length=max_length, limit=limit,
                  augmenter=augmenter)


@register("readers", "lexloom.JsonlCorpus.v1")
def create_jsonl_reader(path: str | Path | None, min_length: int = 0, max_length: int = 0,
                        limit: int = 0, on_malformed: str = "stop") -> "JsonlCorpus":
    """Raw-text Examples from `.jsonl` files with one {"text": ...} (or pre-tokenized
    {"tokens": [...]}) record a line. on_malformed: "stop" raises at the first bad line,
    "skip" logs it (file:line) and goes on."""
    return JsonlCorpus(path, min_length=min_length, max_length=max_length, limit=limit,
                       on_malformed=on_malformed)


@register("readers", "spacy.JsonlCorpus.v1")
def create_spacy_jsonl_reader(path: str | Path | None, min_length: int = 0,
                              max_length: int = 0, limit: int = 0) -> "JsonlCorpus":
    """spaCy's signature exactly (malformed lines stop the read), so configs filled by
    lexloom still load in spaCy."""
    return JsonlCorpus(path, min_length=min_length, max_length=max_length, limit=limit)


@register("readers", "lexloom.PlainTextCorpus.v1", "spacy.PlainTextCorpus.v1")
def create_plain_text_reader(path: str | Path | None, min_length: int = 0,
                             max_length: int = 0) -> "PlainTextCorpus":
    """Raw-text Examples from UTF-8 `.txt` files with one document a line."""
    return PlainTextCorpus(path, min_length=min_length, max_length=max_length)


def _register_srsly_readers() -> None:
    """srsly's file readers under the names srsly declares for spaCy's registry (through an
    entry point lexloom's own registry doesn't read), so `@readers = "srsly.read_jsonl.v1"`
    in a config (e.g. [initialize.components.*.labels]) resolves as in spaCy."""
    import srsly

    for name in ("read_json", "read_jsonl", "read_msgpack", "read_yaml"):
        register("readers", f"srsly.{name}.v1")(getattr(srsly, name))


_register_srsly_readers()


@register("readers", "lexloom.read_labels.v1", "spacy.read_labels.v1")
def read_labels(path: str | Path, *, require: bool = False):
    """A component's labels from a JSON file (as `init labels` writes); None when the file
    is absent and not required."""
    path = Path(path)
    if not path.exists():
        if require:
            raise ConfigError(f"The labels file {path} doesn't exist (require = true).")
        return None
    from ..line_reader import read_json

    return read_json(path, what="labels file")


def walk_corpus(path: str | Path, file_type: str) -> list[Path]:
    """Every file of the type at `path` (a file, or a folder searched recursively, skipping
    hidden entries), sorted so the order never depends on the file system. None found (an
    empty folder, a file of another type) is warning W090 and no files, as in spaCy: an empty
    dev folder leaves training without evaluation instead of stopping it."""
    path = _check_path(path, file_type)
    if path.is_file():
        found = [path] if path.name.endswith(file_type) else []
    else:
        found = [p for p in path.rglob(f"*{file_type}") if p.is_file()
                 and not any(part.startswith(".") for part in p.relative_to(path).parts)]
    if not found:
        warnings.warn(Warnings.W090.format(path=path, format=file_type), LexloomWarning,
                      stacklevel=2)
    return sorted(found)


def _check_path(path: str | Path | None, file_type: str) -> Path:
    if path is None:
        raise ConfigError(f"[E913] The corpus path is null: set it to a {file_type} file or "
                          "folder, in the config or on the command line (e.g. --paths.train "
                          f"./train{file_type}).")
    path = Path(path)
    if not path.exists():
        raise MissingFileError(f"The corpus path {path} doesn't exist; check the path given in "
                               "the config or on the command line.")
    return path


class Corpus:
    """Examples from DocBin (`.spacy`) files.

    path: a `.spacy` file or a folder of them.
    gold_preproc: build the predicted Docs from the gold tokens and sentences instead of
        tokenizing the text. Better aligned training data, at the cost of train/test skew.
    max_length: Docs longer than this (in tokens) are split into their sentences when they
        have sentence boundaries, and dropped when not (or when a sentence is still longer).
        0: no limit.
    limit: read at most this many Docs (0: all), e.g. for a quick debugging run.
    augmenter: `augmenter(nlp, example)` yields the examples to train on in its place.
    shuffle: shuffle the Docs on each read.
    """

    def __init__(self, path: str | Path | None, *, limit: int = 0, gold_preproc: bool = False,
                 max_length: int = 0, augmenter: Callable | None = None,
                 shuffle: bool = False) -> None:
        self.path = _check_path(path, FILE_TYPE)
        self.gold_preproc = bool(gold_preproc)
        self.max_length = int(max_length or 0)
        self.limit = int(limit or 0)
        self.augmenter = augmenter if augmenter is not None else dont_augment
        self.shuffle = bool(shuffle)

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"

    def __call__(self, nlp: "Language") -> Iterator["Example"]:
        """Yield the Examples, reading the files on the way."""
        docs: Iterable[Doc] = self.read_docbin(nlp.vocab, walk_corpus(self.path, FILE_TYPE))
        if self.shuffle:
            docs = list(docs)
            random.shuffle(docs)
        make = self.make_examples_gold_preproc if self.gold_preproc else self.make_examples
        for example in make(nlp, docs):
            yield from self.augmenter(nlp, example)

    def read_docbin(self, vocab, locs: Iterable[Path]) -> Iterator["Doc"]:
        """The non-empty reference Docs of each file, up to `limit` in all."""
        from ..tokens import DocBin

        n_docs = 0
        for loc in locs:
            for doc in DocBin().from_disk(loc).get_docs(vocab):
                if len(doc) == 0:
                    continue
                yield doc
                n_docs += 1
                if self.limit >= 1 and n_docs >= self.limit:
                    return

    def make_examples(self, nlp: "Language", reference_docs: Iterable["Doc"]
                      ) -> Iterator["Example"]:
        """Examples whose predicted Docs `nlp` tokenizes from the reference texts; Docs
        over max_length are split into sentences (dropped without sentence boundaries)."""
        for reference in reference_docs:
            if len(reference) == 0:
                continue
            if not self.max_length or len(reference) < self.max_length:
                yield _make_example(nlp, reference, gold_tokens=False)
            elif reference.has_annotation("SENT_START"):
                for sent in reference.sents:
                    if 0 < len(sent) < self.max_length:
                        yield _make_example(nlp, sent.as_doc(), gold_tokens=False)

    def make_examples_gold_preproc(self, nlp: "Language", reference_docs: Iterable["Doc"]
                                   ) -> Iterator["Example"]:
        """One Example per reference sentence, its predicted Doc built from the gold tokens."""
        for reference in reference_docs:
            parts = [s.as_doc() for s in reference.sents] \
                if reference.has_annotation("SENT_START") else [reference]
            for part in parts:
                if len(part):
                    yield _make_example(nlp, part, gold_tokens=True)


def _make_example(nlp: "Language", reference: "Doc", *, gold_tokens: bool) -> "Example":
    from ..tokens import Doc
    from .example import Example

    if gold_tokens or reference.has_unknown_spaces:
        predicted = Doc(nlp.vocab, words=[t.text for t in reference],
                        spaces=[bool(t.whitespace_) for t in reference])
    else:
        predicted = nlp.make_doc(reference.text)
    return Example(predicted, reference)


def _raw_example(nlp: "Language", doc: "Doc") -> "Example":
    """An Example whose reference is an unannotated copy of the predicted Doc."""
    from .example import Example

    return Example(doc, doc.copy())


def _length_ok(n_tokens: int, min_length: int, max_length: int) -> bool:
    """spaCy's bounds: a bound below 1 is no bound; max_length excludes itself."""
    return not (min_length >= 1 and n_tokens < min_length) and \
        not (max_length >= 1 and n_tokens >= max_length)


class JsonlCorpus:
    """Raw-text Examples from `.jsonl` files: one JSON object a line, with a "text" string or
    a pre-tokenized "tokens" list of strings (the words, separated by spaces).

    min_length / max_length: skip Docs shorter than min_length or at least max_length tokens
    (0: no bound); empty Docs are always skipped. limit: at most this many Examples (0: all).
    on_malformed: what a line that isn't such a record does: "stop" raises a
    DeserializationError naming file and line, "skip" logs a warning naming them and reads on.
    """

    file_type = "jsonl"

    def __init__(self, path: str | Path | None, *, limit: int = 0, min_length: int = 0,
                 max_length: int = 0, on_malformed: str = "stop") -> None:
        if on_malformed not in MALFORMED_CHOICES:
            raise ConfigError(f"JsonlCorpus on_malformed = {on_malformed!r}: use one of "
                              f"{', '.join(repr(c) for c in MALFORMED_CHOICES)}.")
        self.path = _check_path(path, f".{self.file_type}")
        self.min_length = int(min_length or 0)
        self.max_length = int(max_length or 0)
        self.limit = int(limit or 0)
        self.on_malformed = on_malformed
        self.n_skipped = 0

    def __repr__(self) -> str:
        return f"JsonlCorpus({str(self.path)!r})"

    def __call__(self, nlp: "Language") -> Iterator["Example"]:
        from ..tokens import Doc

        n_examples = 0
        self.n_skipped = 0
        for loc in walk_corpus(self.path, f".{self.file_type}"):
            for line_no, record in _jsonl_records(loc):
                problem = _record_problem(record)
                if problem is not None:
                    where = f"{loc}:{line_no}"
                    if self.on_malformed == "stop":
                        keyless = isinstance(record, dict)  # no "text": spaCy's KeyError
                        error = DeserializationKeyError if keyless else DeserializationError
                        raise error(
                            f"{where}: {problem}. Raw-text records look like "
                            '{"text": "..."} or {"tokens": ["...", ...]}. Fix the line, or '
                            'read on past bad lines with on_malformed = "skip" (reader '
                            "lexloom.JsonlCorpus.v1).")
                    self.n_skipped += 1
                    logger.warning("Skipping %s: %s.", where, problem)
                    continue
                if "tokens" in record:
                    doc = Doc(nlp.vocab, words=record["tokens"],
                              spaces=[True] * len(record["tokens"]))
                else:
                    doc = nlp.make_doc(record["text"])
                if len(doc) == 0 or not _length_ok(len(doc), self.min_length, self.max_length):
                    continue
                yield _raw_example(nlp, doc)
                n_examples += 1
                if self.limit >= 1 and n_examples >= self.limit:
                    return


MALFORMED_CHOICES = ("stop", "skip")


def _jsonl_records(loc: Path) -> Iterator[tuple[int, object]]:
    """(line number, parsed record or a _BadLine) for each non-blank line of a file."""
    from ..line_reader import iter_raw_lines

    for line_no, _offset, raw in iter_raw_lines(loc):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield line_no, _BadLine(f"not UTF-8 text (byte {_offset + e.start} of the file)")
            continue
        if not line.strip():
            continue
        try:
            yield line_no, json.loads(line)
        except ValueError as e:
            yield line_no, _BadLine(f"not valid JSON ({e})")


class _BadLine:
    def __init__(self, problem: str) -> None:
        self.problem = problem


def _record_problem(record: object) -> str | None:
    """Why a parsed line is not a raw-text record, or None when it is one."""
    if isinstance(record, _BadLine):
        return record.problem
    if not isinstance(record, dict):
        return f"the line is a JSON {type(record).__name__}, not an object"
    if "tokens" in record:
        tokens = record["tokens"]
        if not isinstance(tokens, list) or not all(isinstance(t, str) and t for t in tokens):
            return "\"tokens\" must be a list of non-empty strings"
        return None
    if not isinstance(record.get("text"), str):
        return "the record has no \"text\" string"
    return None


class PlainTextCorpus:
    """Raw-text Examples from `.txt` files, one document a (non-empty) line."""

    file_type = "txt"

    def __init__(self, path: str | Path | None, *, min_length: int = 0,
                 max_length: int = 0) -> None:
        self.path = _check_path(path, f".{self.file_type}")
        self.min_length = int(min_length or 0)
        self.max_length = int(max_length or 0)

    def __call__(self, nlp: "Language") -> Iterator["Example"]:
        from ..line_reader import iter_lines

        for loc in walk_corpus(self.path, f".{self.file_type}"):
            for _line_no, line in iter_lines(loc):
                text = line.rstrip("\r\n")
                if not text:
                    continue
                doc = nlp.make_doc(text)
                if not (self.min_length >= 1 and len(doc) < self.min_length) and \
                        not (self.max_length >= 1 and len(doc) > self.max_length):
                    yield _raw_example(nlp, doc)


__all__ = ["Corpus", "JsonlCorpus", "PlainTextCorpus", "create_docbin_reader",
           "create_jsonl_reader", "create_plain_text_reader", "read_labels", "walk_corpus"]
