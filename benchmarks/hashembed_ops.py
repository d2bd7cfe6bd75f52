"""HashEmbed's native kernels (lexloom.ml_ops): fused hash + gather-sum and the scatter-add
backward, ids per second, best of --repeat (one thread):

    OMP_NUM_THREADS=1 python benchmarks/hashembed_ops.py [--ids 50000] [--width 96]
        [--rows 5000] [--repeat 30]

Prints one JSON line. Used to check that the shared host/device header
(csrc/lexloom/device_math.hh) did not slow the CPU loops: run it against an older build
in the same session and compare.
"""
from __future__ import annotations

import argparse
import json

import numpy
from timing import best_time

from lexloom import ml_ops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ids", type=int, default=50_000)
    parser.add_argument("--width", type=int, default=96)
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    rng = numpy.random.default_rng(0)
    ids = rng.integers(0, 2**63, size=args.ids, dtype="uint64")
    table = rng.standard_normal((args.rows, args.width)).astype("float32")
    d_out = rng.standard_normal((args.ids, args.width)).astype("float32")
    out = numpy.empty((args.ids, args.width), dtype="float32")
    _, rows = ml_ops.hash_gather_sum(table, ids, 5, out=out)
    d_table = numpy.zeros_like(table)
    calls = {
        "hash_rows": lambda: ml_ops.hash_rows(ids, 5, args.rows),
        "hash_gather_sum": lambda: ml_ops.hash_gather_sum(table, ids, 5, out=out),
        "gather_sum": lambda: ml_ops.gather_sum(table, rows, out=out),
        "scatter_add": lambda: ml_ops.scatter_add(d_table, rows, d_out),
    }
    times = {name: best_time(fn, args.repeat, warmup=True)[0] for name, fn in calls.items()}
    print(json.dumps({name: args.ids / t for name, t in times.items()}))


if __name__ == "__main__":
    main()
