"""How lexloom.distributed.apply splits its inputs into blocks, and the shard folder rules:
no Ray needed (the Ray runs themselves are in test_distributed.py)."""
from __future__ import annotations

import pytest

from lexloom.distributed.apply import (
    BLOCKS_PER_ACTOR,
    DEFAULT_BLOCK_BYTES,
    MIN_BLOCK_BYTES,
    _read_lines,
    auto_block_bytes,
    plan_blocks,
)
from lexloom.distributed.shards import clear_previous_output, previous_output
from lexloom.errors import DistributedError


@pytest.mark.parametrize("block_bytes", [1, 7, 64, 100, 1000, 10**6])
def test_blocks_are_equal_ranges_that_hold_every_line_once(tmp_path, block_bytes):
    lines = [f"line {i} " + "x" * (i % 13) for i in range(200)]
    path = tmp_path / "a.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf8")
    size = path.stat().st_size
    blocks = plan_blocks([path], block_bytes)
    assert blocks[0]["start"] == 0 and blocks[-1]["end"] == size
    assert all(a["end"] == b["start"] for a, b in zip(blocks, blocks[1:]))
    widths = [b["end"] - b["start"] for b in blocks]
    assert max(widths) <= max(block_bytes, 1) and max(widths) - min(widths) <= 1
    read = [line.decode() for b in blocks for _, line in _read_lines(str(path), b["start"],
                                                                      b["end"])]
    assert read == lines


def test_auto_block_size_gives_each_actor_several_blocks(tmp_path):
    small = tmp_path / "small.jsonl"
    small.write_bytes(b"{}\n" * 10)
    assert auto_block_bytes([small], 2) == MIN_BLOCK_BYTES
    medium = tmp_path / "medium.txt"
    medium.write_bytes(b"word word word\n" * 200_000)  # 3 MB
    n = len(plan_blocks([medium], auto_block_bytes([medium], 2)))
    assert n == 2 * BLOCKS_PER_ACTOR
    assert auto_block_bytes([medium], 1) < DEFAULT_BLOCK_BYTES
    spacy_only = tmp_path / "d.spacy"
    spacy_only.write_bytes(b"x" * 10**6)  # .spacy files are one block each: not counted
    assert auto_block_bytes([spacy_only], 4) == MIN_BLOCK_BYTES


def test_a_folder_with_an_earlier_runs_output_is_cleared_only_when_asked(tmp_path):
    for name in ("00000000.spacy", "00000001.parquet", "manifest.json",
                 ".00000002.spacy.0123abcd.tmp", "notes.txt", "1.spacy"):
        (tmp_path / name).write_bytes(b"x")
    with pytest.raises(DistributedError, match="already holds the output of a run"):
        clear_previous_output(tmp_path, overwrite=False)
    assert len(list(tmp_path.iterdir())) == 6
    clear_previous_output(tmp_path, overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.spacy", "notes.txt"]
    assert previous_output(tmp_path) == []
    clear_previous_output(tmp_path / "missing", overwrite=False)  # a new folder is fine
