"""lexloom's CPU self-attention kernel (lexloom.transformers._attention) against torch's
scaled_dot_product_attention on the shapes a span getter gives a BERT-family model: milliseconds
per call (best of --repeats timings of --calls calls each), both at the same thread count.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/cpu_attention.py [--threads 1]
"""
from __future__ import annotations

import argparse
import os
import sys
import time

SHAPES = [(16, 128, 12, 32), (64, 40, 12, 32), (4, 61, 12, 32), (8, 128, 12, 64),
          (12, 139, 12, 32)]   # (spans, wordpieces, heads, head dim)


def best_ms(fn, calls: int, repeats: int) -> float:
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter() - start) / calls * 1e3)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if os.environ.get("OMP_NUM_THREADS") != str(args.threads):
        sys.exit(f"Set OMP_NUM_THREADS={args.threads} before Python starts.")
    import numpy
    import torch

    from lexloom.transformers._attention import fast_available, self_attention

    torch.set_num_threads(args.threads)
    print(f"threads {args.threads}; vectorised kernel: {fast_available(32)}")
    for batch, length, heads, dim in SHAPES:
        rows, width = batch * length, heads * dim
        q, k, v = (torch.randn(rows, width) for _ in range(3))
        out = torch.empty(rows, width)
        lengths = numpy.full(batch, length)

        def split(x):
            return x.view(batch, length, heads, dim).transpose(1, 2)

        def native():
            self_attention(q.numpy(), k.numpy(), v.numpy(), lengths, heads, dim ** -0.5,
                           out.numpy(), True, args.threads)

        def torch_sdpa():
            attended = torch.nn.functional.scaled_dot_product_attention(split(q), split(k),
                                                                        split(v))
            return attended.transpose(1, 2).reshape(rows, width)

        ours = best_ms(native, args.calls, args.repeats)
        theirs = best_ms(torch_sdpa, args.calls, args.repeats)
        print(f"{batch} x {length} wordpieces, {heads} heads of {dim}: lexloom {ours:.2f} ms, "
              f"torch {theirs:.2f} ms ({theirs / ours:.2f}x)")


if __name__ == "__main__":
    main()
