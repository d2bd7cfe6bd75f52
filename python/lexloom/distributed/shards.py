"""The output of a distributed `apply`: one shard per input block, written atomically.

A shard is either a `.spacy` DocBin (the Docs, to load back with `read_output`) or a Parquet
table of token annotations (one row per document, for analytics engines that never load a
Doc). Either way it is written under a temporary name and renamed into place, so a retried
block rewrites the same shard and a reader never sees half of one.
"""
from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from typing import Iterable

from ..errors import DistributedError

FORMATS = ("spacy", "parquet")
MANIFEST = "manifest.json"
# What a run writes into its output folder: shards, their temporary names, the manifest.
_OUTPUT_FILE = re.compile(r"^(\d{8}\.(spacy|parquet)|\.\d{8}\.(spacy|parquet)\.[0-9a-f]+\.tmp|"
                          r"manifest\.json|\.manifest\.json\.[0-9a-f]+\.tmp)$")

# One list column per token attribute (Token attribute name -> column); heads are absolute
# token indices within the document, as in Doc.to_json.
TOKEN_COLUMNS = {"text": "tokens", "whitespace_": "whitespace", "tag_": "tag", "pos_": "pos",
                 "lemma_": "lemma", "dep_": "dep", "ent_iob_": "ent_iob",
                 "ent_type_": "ent_type"}


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise DistributedError(f"Unknown output format {fmt!r}: use one of {list(FORMATS)} "
                               "(.spacy shards of Docs, or Parquet tables of token annotations).")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise DistributedError("Parquet output needs pyarrow (pip install 'lexloom[ray]' "
                                   "brings it with ray[data]).") from None
    return fmt


def shard_name(block: int, fmt: str) -> str:
    return f"{int(block):08d}.{fmt}"


def previous_output(folder: Path) -> list[Path]:
    """The files an earlier run left in `folder` (shards, temporary shards, the manifest)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _OUTPUT_FILE.match(p.name))


def clear_previous_output(folder: Path, overwrite: bool) -> None:
    """Refuse to mix a new run's shards with an earlier run's, unless told to overwrite: then
    remove only what a run writes (other files in the folder are left alone)."""
    old = previous_output(folder)
    if old and not overwrite:
        raise DistributedError(
            f"{folder} already holds the output of a run ({len(old)} shard/manifest files): "
            "pass overwrite=True (--force on the command line) to replace it, or choose a new "
            "folder.")
    for path in old:
        path.unlink(missing_ok=True)


def _atomic_write(folder: Path, name: str, write) -> None:
    tmp = folder / f".{name}.{uuid.uuid4().hex}.tmp"
    try:
        write(tmp)
        os.replace(tmp, folder / name)
    finally:
        tmp.unlink(missing_ok=True)


def write_shard(folder: Path, block: int, fmt: str, docs: Iterable) -> tuple[str, int, int]:
    """Consume `docs` (one block, in input order: a stream, never held as Docs) into the
    block's shard; returns (shard name, docs, words)."""
    name = shard_name(block, fmt)
    n_docs = n_words = 0
    if fmt == "spacy":
        from ..tokens import DocBin

        docbin = DocBin(store_user_data=True)
        for doc in docs:
            docbin.add(doc)
            n_docs, n_words = n_docs + 1, n_words + len(doc)
        data = docbin.to_bytes()
        _atomic_write(folder, name, lambda path: path.write_bytes(data))
    else:
        import pyarrow.parquet as pq

        table = AnnotationColumns(block)
        for doc in docs:
            table.add(doc)
            n_docs, n_words = n_docs + 1, n_words + len(doc)
        _atomic_write(folder, name, lambda path: pq.write_table(table.to_arrow(), str(path)))
    return name, n_docs, n_words


class AnnotationColumns:
    """A Parquet shard's rows, gathered one Doc at a time: the block and the Doc's position in
    it (sorting by both gives input order; manifest.json has each block's first document
    index), its text, one list column per token attribute, sentence starts and head indices."""

    def __init__(self, block: int):
        self.block = int(block)
        self.columns: dict[str, list] = {"block": [], "position": [], "text": []}
        self.columns.update({column: [] for column in TOKEN_COLUMNS.values()})
        self.columns.update({"head": [], "sent_start": []})

    def add(self, doc) -> None:
        columns = self.columns
        columns["block"].append(self.block)
        columns["position"].append(len(columns["text"]))
        columns["text"].append(doc.text)
        for attr, column in TOKEN_COLUMNS.items():
            columns[column].append([getattr(token, attr) for token in doc])
        columns["head"].append([token.head.i for token in doc])
        columns["sent_start"].append([bool(token.is_sent_start) for token in doc])

    def to_arrow(self):
        import pyarrow as pa

        types = {"block": pa.int64(), "position": pa.int64(), "text": pa.string(),
                 "head": pa.list_(pa.int64()), "sent_start": pa.list_(pa.bool_())}
        return pa.table({name: pa.array(values, type=types.get(name, pa.list_(pa.string())))
                         for name, values in self.columns.items()})


def read_manifest_order(folder: Path) -> list[str]:
    """Shard names in input order: manifest.json's order, or name order without one."""
    import json

    if (folder / MANIFEST).exists():
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf8"))
            return [m["shard"] for m in manifest["shards"]]
        except (ValueError, KeyError, TypeError) as e:
            raise DistributedError(f"{folder / MANIFEST} is damaged ({type(e).__name__}: {e}); "
                                   "run apply again to rewrite it.") from None
    return sorted(p.name for p in folder.glob("*.spacy"))
