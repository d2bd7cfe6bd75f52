"""Distributed annotation: a pipeline over many files on a pool of Ray actors.

The driver only plans: it splits the inputs into blocks (byte ranges of JSONL / text files,
row groups of Parquet files, whole .spacy files) and hands Ray Data a dataset of block
descriptions. `map_batches` runs them on an actor pool; each actor loads the pipeline once,
reads its block straight from the (shared) file system, annotates it with nlp.pipe and writes
the Docs to `OUTPUT/NNNNNNNN.spacy` (or a Parquet table of token annotations,
`NNNNNNNN.parquet`) under a temporary name, then renames it (shards.py), so a retried block
rewrites the same shard and a reader never sees half a shard. Docs never
travel to the driver: only a small summary row per block does (docs, words, seconds), which
drives the progress line. Shard numbers follow input order; `manifest.json` gives each
shard's first document index, and `read_output` yields the Docs in input order.

Faults: Ray Data's actor pool restarts a killed actor (max_restarts=-1) and resubmits its
block (max_task_retries=-1). A block's shard name depends only on the block, so the output
holds every document exactly once whatever was retried.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import (
    ConversionError,
    DistributedError,
    InputFileMissingError,
    LexloomError,
    WorkerPipelineLoadError,
)
from .cluster import connect, import_ray, unwrap, worker_name
from .shards import (
    MANIFEST,
    check_format,
    clear_previous_output,
    read_manifest_order,
    write_shard,
)

TEXT_SUFFIXES = (".txt", ".text", "")
DEFAULT_BLOCK_BYTES = 8 * 1024 * 1024
MIN_BLOCK_BYTES = 64 * 1024
BLOCKS_PER_ACTOR = 8  # enough that the last wave's unevenness costs little
TAIL_PARTS = 4  # the last wave's blocks are cut this much finer (see plan_blocks)


def auto_block_bytes(paths: list[Path], num_actors: int) -> int:
    """Block size for inputs of this size on this many actors: DEFAULT_BLOCK_BYTES for big
    inputs, smaller for small ones, so that every actor gets several blocks (a pool of 2
    actors given 3 blocks would idle one of them for a third of the run)."""
    total = sum(p.stat().st_size for p in paths if _kind(p) in ("jsonl", "text"))
    want = -(-total // max(1, num_actors * BLOCKS_PER_ACTOR))
    return int(min(DEFAULT_BLOCK_BYTES, max(MIN_BLOCK_BYTES, want)))


def _walk(source: Path) -> list[Path]:
    if not source.is_dir():
        return [source]
    return [p for p in sorted(source.rglob("*"))
            if p.is_file() and not any(part.startswith(".")
                                       for part in p.relative_to(source).parts)]


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".spacy"):
        return "spacy"
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    return "text"


def plan_blocks(paths: list[Path], block_bytes: int = DEFAULT_BLOCK_BYTES,
                actors: int = 1) -> list[dict]:
    """The blocks the inputs split into, in input order: {block, path, kind, start, end}.
    A text / JSONL block holds the lines that *start* in bytes [start, end); a Parquet block
    is row group `start`; a .spacy file is one block. For a pool of `actors` >= 2, the last
    `actors` text / JSONL blocks are each cut into TAIL_PARTS pieces (none under
    MIN_BLOCK_BYTES): actors finish their last block at different times, and the one that
    finishes first idles until the last one is done, so finer last blocks shorten that wait."""
    ranges_of: list[tuple[Path, str, list]] = []
    for path in paths:
        kind = _kind(path)
        if kind == "spacy":
            ranges = [(0, 0)]
        elif kind == "parquet":
            import pyarrow.parquet as pq

            n = pq.ParquetFile(path).metadata.num_row_groups
            ranges = [(i, i + 1) for i in range(n)]
        else:  # equal byte ranges of at most block_bytes (no small remainder block)
            size = path.stat().st_size
            n = -(-size // max(1, block_bytes))
            bounds = [size * i // n for i in range(n + 1)]
            ranges = list(zip(bounds[:-1], bounds[1:]))
        ranges_of.append((path, kind, ranges))
    if actors >= 2:
        _split_last_wave(ranges_of, actors)
    blocks: list[dict] = []
    for path, kind, ranges in ranges_of:
        for start, end in ranges:
            blocks.append({"block": len(blocks), "path": str(path.resolve()), "kind": kind,
                           "start": start, "end": end})
    return blocks


def _split_last_wave(ranges_of: list, actors: int) -> None:
    """Cut the last `actors` byte-range blocks (text / JSONL) into TAIL_PARTS equal pieces
    each, in place, where the pieces stay at least MIN_BLOCK_BYTES."""
    left = actors
    for _path, kind, ranges in reversed(ranges_of):
        if kind not in ("jsonl", "text"):
            continue
        for i in range(len(ranges) - 1, -1, -1):
            if left == 0:
                return
            start, end = ranges[i]
            parts = min(TAIL_PARTS, max(1, (end - start) // MIN_BLOCK_BYTES))
            bounds = [start + (end - start) * k // parts for k in range(parts + 1)]
            ranges[i:i + 1] = list(zip(bounds[:-1], bounds[1:]))
            left -= 1


def _read_lines(path: str, start: int, end: int) -> Iterator[tuple[int, bytes]]:
    """(offset, line without its end) for each line that starts in [start, end)."""
    with open(path, "rb") as file:
        if start > 0:
            file.seek(start - 1)
            if file.read(1) != b"\n":
                file.readline()  # the line under way at `start` belongs to the block before
        pos = file.tell()
        while pos < end:
            line = file.readline()
            if not line:
                break
            yield pos, line.rstrip(b"\r\n")
            pos += len(line)


def read_block(block: dict, nlp, text_key: str = "text") -> Iterator[Any]:
    """The texts (or Docs, for .spacy) of one block, in file order."""
    path, kind = block["path"], block["kind"]
    if kind == "spacy":
        from ..tokens import DocBin

        yield from DocBin().from_disk(path).get_docs(nlp.vocab)
    elif kind == "parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        if text_key not in pf.schema_arrow.names:
            raise ConversionError(f"{path}: no column '{text_key}' (it has "
                                  f"{pf.schema_arrow.names}). Name the text column with "
                                  "--text-key.")
        yield from pf.read_row_group(int(block["start"]), columns=[text_key]).column(0) \
            .to_pylist()
    elif kind == "jsonl":
        import srsly

        for offset, line in _read_lines(path, int(block["start"]), int(block["end"])):
            if not line.strip():
                continue
            try:
                record = srsly.json_loads(line)
            except ValueError as e:
                raise ConversionError(f"{path}, byte {offset}: not a JSON line ({e}).") from None
            if not isinstance(record, dict) or text_key not in record:
                raise ConversionError(f"{path}, byte {offset}: no field '{text_key}'. Name the "
                                      "field that holds the text with --text-key.")
            yield record[text_key]
    else:
        for _offset, line in _read_lines(path, int(block["start"]), int(block["end"])):
            yield line.decode("utf8")


def _load_pipeline(spec: tuple):
    kind, value = spec
    if kind == "bytes":
        import ray
        from confection import Config

        from ..loading import load_model_from_config

        config_str, nlp_bytes = ray.get(value[0])
        nlp = load_model_from_config(Config().from_str(config_str), auto_fill=True)
        return nlp.from_bytes(nlp_bytes)
    from .. import load

    return load(value)


class Annotator:
    """The Ray actor: loads the pipeline once, then annotates one block per call and writes
    its shard."""

    def __init__(self, spec: tuple, output: str, text_key: str, batch_size: int,
                 n_process: int, code: str | None, describe: str, fmt: str = "spacy"):
        self.who = worker_name()
        try:
            from ..util import import_code

            import_code(code)
            self.nlp = _load_pipeline(spec)
        except Exception as e:  # noqa: BLE001 - every load failure is reported the same way
            raise WorkerPipelineLoadError(
                f"Ray worker ({self.who}) could not load the pipeline {describe}: "
                f"{type(e).__name__}: {str(e).removeprefix('[lexloom] ')}. A path must exist "
                "on every node (use a shared file system, or pass the Language object so its "
                "bytes travel through the object store); custom components need --code."
            ) from None
        self.output = Path(output)
        self.text_key, self.batch_size, self.n_process = text_key, batch_size, n_process
        self.fmt = fmt

    def __call__(self, batch: dict) -> dict:
        out: dict[str, list] = {"block": [], "shard": [], "docs": [], "words": [],
                                "seconds": []}
        for i in range(len(batch["block"])):
            block = {k: (v[i].item() if hasattr(v[i], "item") else v[i])
                     for k, v in batch.items()}
            start = time.perf_counter()
            shard, n_docs, n_words = self.annotate(block)
            for key, value in zip(out, (block["block"], shard, n_docs, n_words,
                                        time.perf_counter() - start)):
                out[key].append(value)
        return out

    def annotate(self, block: dict) -> tuple[str, int, int]:
        path = block["path"]
        try:
            stream = read_block(block, self.nlp, self.text_key)
            docs = self.nlp.pipe(stream, batch_size=self.batch_size, n_process=self.n_process)
            return write_shard(self.output, block["block"], self.fmt, docs)
        except FileNotFoundError as e:
            raise InputFileMissingError(
                f"Ray worker ({self.who}): input file {path} is gone ({e.strerror}); it was "
                "there when the run started. Restore it (on every node) and run again."
            ) from None
        except LexloomError as e:
            raise type(e)(f"Ray worker ({self.who}), input file {path}: "
                          f"{str(e).removeprefix('[lexloom] ')}") from None


def apply(pipeline, source, output, *, address: str | None = None,
          num_actors: int | None = None, batch_size: int = 256, n_process: int = 1,
          text_key: str = "text", code: str | Path | None = None,
          block_bytes: int | None = None, output_format: str = "spacy",
          overwrite: bool = False, progress: bool = True, echo=print) -> dict:
    """Annotate every file under `source` (.jsonl: `text_key` of each line; .parquet: column
    `text_key`; .spacy: its Docs; anything else: one text a line) with `pipeline` (a name, a
    path every node can read, or a Language, sent as bytes through the object store) on
    `num_actors` Ray actors (default: one per `n_process` free CPUs), and write one shard per
    block (`block_bytes` of text or JSONL; default DEFAULT_BLOCK_BYTES, or less so that each
    actor gets BLOCKS_PER_ACTOR blocks) into the folder `output`, with manifest.json:
    `output_format` "spacy" (DocBins) or "parquet" (token annotations, one row per doc). An
    `output` that holds an earlier run's shards is refused unless `overwrite`, which removes
    them once the cluster is reached. `address`: None / "local"
    starts a local Ray cluster, "auto" or "HOST:PORT" joins one. Returns {docs, words,
    seconds, shards, actors, steady_words_per_s (after the first block came back)}."""
    source, output = Path(source), Path(output)
    if not source.exists():
        raise InputFileMissingError(f"Input {source} doesn't exist.")
    if output.exists() and not output.is_dir():
        raise DistributedError(f"Output {output} is a file; with Ray the output is a folder of "
                               "shards.")
    check_format(output_format)
    if not overwrite:
        clear_previous_output(output, overwrite=False)  # refuses an earlier run's output
    paths = _walk(source)
    started = connect(address)
    ray = import_ray()
    try:
        clear_previous_output(output, overwrite)
        output.mkdir(parents=True, exist_ok=True)
        if num_actors is None:
            cpus = int(ray.cluster_resources().get("CPU", 1))
            num_actors = max(1, cpus // max(1, n_process))
        blocks = plan_blocks(paths, block_bytes or auto_block_bytes(paths, num_actors),
                             actors=num_actors)
        return _run(ray, pipeline, blocks, output, num_actors=num_actors,
                    batch_size=batch_size, n_process=n_process, text_key=text_key,
                    code=code, output_format=output_format, progress=progress, echo=echo)
    finally:
        if started:
            ray.shutdown()


def _run(ray, pipeline, blocks, output, *, num_actors, batch_size, n_process, text_key, code,
         output_format, progress, echo) -> dict:
    from ray.data import DataContext

    from ..language import Language

    if isinstance(pipeline, Language):
        ref = ray.put((pipeline.config.to_str(), pipeline.to_bytes()))
        spec, describe = ("bytes", [ref]), f"sent as bytes ({pipeline.pipe_names})"
    else:
        spec, describe = ("name", str(pipeline)), repr(str(pipeline))
    num_actors = max(1, min(num_actors, len(blocks) or 1))
    ctx = DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.execution_options.preserve_order = False
    start = time.perf_counter()
    shards: dict[int, dict] = {}
    n_docs = n_words = first_words = 0
    last, first_row = start, None
    if blocks:
        ds = ray.data.from_items(blocks, override_num_blocks=len(blocks)).map_batches(
            Annotator, batch_size=1, num_cpus=max(1, n_process),
            compute=ray.data.ActorPoolStrategy(size=num_actors),
            fn_constructor_args=(spec, str(output.resolve()), text_key, batch_size,
                                 n_process, None if code is None else str(code), describe,
                                 output_format))
        try:
            for row in ds.iter_rows():
                if first_row is None:
                    first_row, first_words = time.perf_counter(), int(row["words"])
                shards[int(row["block"])] = {"shard": str(row["shard"]),
                                             "docs": int(row["docs"])}
                n_docs += int(row["docs"])
                n_words += int(row["words"])
                now = time.perf_counter()
                if progress and (now - last > 2 or len(shards) == len(blocks)):
                    last = now
                    echo(f"{len(shards)}/{len(blocks)} blocks, {n_docs} docs, "
                         f"{n_docs / max(now - start, 1e-9):,.0f} docs/s, "
                         f"{n_words / max(now - start, 1e-9):,.0f} words/s")
        except Exception as e:  # noqa: BLE001 - Ray wraps the worker's error
            inner = unwrap(e)
            if isinstance(inner, LexloomError):
                raise inner from None
            raise DistributedError(f"The Ray run failed: {type(e).__name__}: {e}") from None
    seconds = time.perf_counter() - start
    manifest, first = [], 0
    for block in blocks:
        info = shards[block["block"]]
        manifest.append({"shard": info["shard"], "first_doc": first, "docs": info["docs"],
                         "path": block["path"], "kind": block["kind"],
                         "start": block["start"], "end": block["end"]})
        first += info["docs"]
    tmp = output / f".{MANIFEST}.{uuid.uuid4().hex}.tmp"
    tmp.write_text(json.dumps({"docs": first, "shards": manifest}, indent=1), encoding="utf8")
    os.replace(tmp, output / MANIFEST)
    # words/s once the first block is back (actor start-up and pipeline loading excluded)
    steady = ((n_words - first_words) / (start + seconds - first_row)
              if first_row is not None and start + seconds > first_row else None)
    return {"docs": n_docs, "words": n_words, "seconds": seconds, "shards": len(manifest),
            "actors": num_actors, "steady_words_per_s": steady}


def read_output(output, vocab=None) -> Iterator:
    """The Docs an `apply` run wrote to `output`, in input order (manifest.json's order, or
    shard-name order without one). `vocab`: the pipeline's (nlp.vocab) for its language's
    lexical attributes; by default one with the generic getters (lower, shape, flags, ...),
    as a bare Vocab() sets none."""
    from ..lang.lex_attrs import LEX_ATTRS
    from ..tokens import DocBin
    from ..vocab import Vocab

    output = Path(output)
    vocab = vocab if vocab is not None else Vocab(lex_attr_getters=LEX_ATTRS)
    names = read_manifest_order(output)
    if any(not name.endswith(".spacy") for name in names):
        raise DistributedError(f"{output} holds Parquet shards (output_format='parquet'), "
                               "not Docs: read them with pyarrow / pandas.")
    for name in names:
        yield from DocBin().from_disk(output / name).get_docs(vocab)
