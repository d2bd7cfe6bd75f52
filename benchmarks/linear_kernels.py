"""A transformer's Linear products on one CPU thread, three ways: torch's nn.functional.linear
(MKL in the PyPI builds), lexloom.blas.linear on the BLAS numpy links (OpenBLAS), and
lexloom.blas.linear reading weights packed once (blas.pack: the AVX-512 kernel, where the CPU
has it). GFLOP/s per shape, the fastest of --repeats timings of enough calls for ~0.2 s each.
What cpu_linear.py's "auto" chooses between, on MiniLM's and BERT-base's shapes.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/linear_kernels.py [--rows 4096]
"""
from __future__ import annotations

import argparse
import os
import sys
import time

# (outputs, inputs): MiniLM-L6 (hidden 384) and BERT-base (hidden 768)
SHAPES = [(384, 384), (1536, 384), (384, 1536), (768, 768), (3072, 768), (768, 3072)]


def best_seconds(fn, flops: float, repeats: int) -> float:
    for _ in range(2):
        fn()
    calls = max(1, int(0.2 / max(flops / 150e9, 1e-6)))
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=4096, help="rows (wordpieces) per product")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if os.environ.get("OMP_NUM_THREADS") != "1":
        sys.exit("Set OMP_NUM_THREADS=1 before Python starts (one thread for every library).")
    import numpy
    import torch

    from lexloom import blas

    torch.set_num_threads(1)
    rng = numpy.random.default_rng(0)
    print(f"BLAS: {blas.source}; packed kernel: {blas.has_packed_kernel()}; {args.rows} rows")
    print("| outputs x inputs | torch | numpy's BLAS | packed | packed / best other |")
    print("|---|---|---|---|---|")
    for n, k in SHAPES:
        X = rng.standard_normal((args.rows, k), dtype=numpy.float32)
        W = rng.standard_normal((n, k), dtype=numpy.float32)
        b = rng.standard_normal(n, dtype=numpy.float32)
        out = numpy.empty((args.rows, n), dtype=numpy.float32)
        packed = blas.pack(W)
        tx, tw, tb = torch.from_numpy(X), torch.from_numpy(W), torch.from_numpy(b)
        flops = 2.0 * args.rows * n * k
        rates = {}
        with torch.inference_mode():
            for name, fn in (("torch", lambda: torch.nn.functional.linear(tx, tw, tb)),
                             ("blas", lambda: blas.linear(X, W, b, out)),
                             ("packed", lambda: blas.linear(X, W, b, out, packed=packed))):
                rates[name] = flops / best_seconds(fn, flops, args.repeats) / 1e9
        ratio = rates["packed"] / max(rates["torch"], rates["blas"])
        print(f"| {n} x {k} | {rates['torch']:.0f} | {rates['blas']:.0f} | "
              f"{rates['packed']:.0f} | {ratio:.2f}× |")


if __name__ == "__main__":
    main()
