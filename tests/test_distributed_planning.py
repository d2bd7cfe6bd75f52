"""How lexloom.distributed.apply splits its inputs into blocks, and the shard folder rules:
no Ray needed (the Ray runs themselves are in test_distributed.py)."""
from __future__ import annotations

import pytest
from lexloom.distributed.apply import (
    BLOCKS_PER_ACTOR,
    DEFAULT_BLOCK_BYTES,
    MIN_BLOCK_BYTES,
    TAIL_PARTS,
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


@pytest.mark.parametrize("actors", [2, 3])
def test_a_pool_gets_its_last_wave_in_finer_blocks_that_still_hold_every_line_once(
        tmp_path, actors):
    lines = [f"line {i} " + "y" * (40 + i % 29) for i in range(60_000)]
    first, second = tmp_path / "a.txt", tmp_path / "b.jsonl"
    first.write_text("\n".join(lines[:30_000]) + "\n", encoding="utf8")
    second.write_text("\n".join(lines[30_000:]) + "\n", encoding="utf8")
    block_bytes = second.stat().st_size // 3
    plain = plan_blocks([first, second], block_bytes)
    blocks = plan_blocks([first, second], block_bytes, actors=actors)
    assert [b["block"] for b in blocks] == list(range(len(blocks)))
    assert len(blocks) == len(plain) + actors * (TAIL_PARTS - 1)
    assert blocks[:len(plain) - actors] == plain[:len(plain) - actors]  # only the tail is cut
    tail = blocks[len(plain) - actors:]
    assert max(b["end"] - b["start"] for b in tail) <= block_bytes // TAIL_PARTS + 1
    assert min(b["end"] - b["start"] for b in tail) >= MIN_BLOCK_BYTES
    read = [line.decode() for b in blocks
            for _, line in _read_lines(b["path"], b["start"], b["end"])]
    assert read == lines
    assert plan_blocks([first, second], block_bytes, actors=1) == plain


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


def _reduce_worker(rank: int, world: int, port: int, out_dir: str) -> None:
    import numpy
    import torch
    import torch.distributed as dist
    from lexloom.distributed.host_reduce import SHM, HostReducer

    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank,
                            world_size=world)
    try:
        before = set(SHM.glob("lexloom-grads-*"))
        reducer = HostReducer.create(rank, world, 1001)
        assert reducer is not None
        dist.barrier()
        assert set(SHM.glob("lexloom-grads-*")) <= before  # unlinked once mapped
        rng = numpy.random.default_rng(rank)
        results = []
        for _ in range(5):  # more steps than slot sets: slots are reused safely
            vec = rng.standard_normal(1001).astype("float32")
            total = reducer.sum(vec, lambda: dist.all_reduce(torch.zeros(1)))
            gathered = [torch.zeros(1001) for _ in range(world)]
            dist.all_gather(gathered, torch.from_numpy(vec))
            expected = sum(g.numpy().astype("float64") for g in gathered)
            assert numpy.allclose(total, expected, atol=1e-5)
            results.append(total)
        numpy.save(f"{out_dir}/rank{rank}.npy", numpy.stack(results))
    finally:
        dist.destroy_process_group()


def test_host_reducer_sums_through_shared_memory_with_the_same_bits_everywhere(tmp_path):
    import socket

    pytest.importorskip("torch.distributed")
    import numpy
    import torch.multiprocessing as mp
    from lexloom.distributed.host_reduce import SHM

    if not SHM.is_dir():
        pytest.skip("no /dev/shm on this machine")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mp.spawn(_reduce_worker, args=(3, port, str(tmp_path)), nprocs=3)
    ranks = [numpy.load(tmp_path / f"rank{r}.npy") for r in range(3)]
    assert ranks[0].shape == (5, 1001)
    assert all(numpy.array_equal(ranks[0], other) for other in ranks[1:])


def test_apply_cli_refuses_ray_only_options_without_ray(tmp_path):
    from lexloom.cli import app
    from typer.testing import CliRunner

    (tmp_path / "a.txt").write_text("One.", encoding="utf8")
    (tmp_path / "out").mkdir()
    result = CliRunner().invoke(app, ["apply", "blank_en", str(tmp_path / "a.txt"),
                                      str(tmp_path / "o.spacy"), "--ray-format", "parquet"])
    assert result.exit_code == 1 and "--ray-format applies to --ray runs" in result.output
    result = CliRunner().invoke(app, ["apply", "blank_en", str(tmp_path / "a.txt"),
                                      str(tmp_path / "out"), "--force"])
    assert result.exit_code == 2  # a usage error, as spaCy's
    assert "is a folder" in " ".join(result.output.replace("│", " ").split())
    assert not (tmp_path / "o.spacy").exists() and list((tmp_path / "out").iterdir()) == []
