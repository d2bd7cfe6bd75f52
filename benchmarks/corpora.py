"""Readers for the shared corpora (../shared/data), used by the benchmark scripts: raw
paragraphs from JSONL and UD sentences from CoNLL-U, read the same way by every benchmark."""
from __future__ import annotations

import json
from pathlib import Path


def read_jsonl_texts(path: Path, n: int, start: int = 0) -> list[str]:
    """The "text" of lines start .. start + n of a JSONL file."""
    texts = []
    with Path(path).open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < start:
                continue
            if len(texts) >= n:
                break
            texts.append(json.loads(line)["text"])
    return texts


def read_conllu_rows(path: Path, n: int) -> list[list[list[str]]]:
    """The first n sentences of a CoNLL-U file, each a list of its word lines' 10 columns
    (multi-word token ranges and empty nodes left out)."""
    sents, cur = [], []
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                    if len(sents) >= n:
                        break
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            cur.append(cols)
    if cur and len(sents) < n:
        sents.append(cur)
    return sents
