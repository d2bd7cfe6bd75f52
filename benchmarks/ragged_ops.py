"""Ragged reductions (transformer pooling), lexloom's native kernels against thinc's NumpyOps.

Run in lexloom's own environment (thinc is a dependency) or the benchmark environment:

    python benchmarks/ragged_ops.py [--tokens 4000] [--width 768] [--repeat 20]
        [--json benchmarks/results/ragged_ops.json]

The workload is wordpiece pooling: one sequence per token, 0-3 wordpiece rows each
(lengths drawn with p = .05, .70, .18, .07, so about 1.3 pieces a token and some whitespace
tokens with none), float32 rows of --width. For each of reduce_sum / mean / max / first / last
it times forward and backward (best of --repeat), prints input rows per second for both
libraries and the lexloom/thinc ratio, checks that both give the same values, and writes the
figures as JSON. thinc's reduce_max/first/last reject empty sequences, so those run on the
tokens that have pieces.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

import numpy
from thinc.api import NumpyOps
from timing import best_time

from lexloom.ml.ops import LexloomOps

OPS = ("sum", "mean", "max", "first", "last")


def forward(ops, op, X, lengths):
    return getattr(ops, f"reduce_{op}")(X, lengths)


def forward_backward(ops, op, X, lengths, dY):
    """Forward and backward of one reduction, as thinc's reduce_*.v1 layers call them."""
    if op in ("sum", "mean"):
        Y = getattr(ops, f"reduce_{op}")(X, lengths)
        return Y, getattr(ops, f"backprop_reduce_{op}")(dY, lengths)
    if op == "max":
        Y, which = ops.reduce_max(X, lengths)
        return Y, ops.backprop_reduce_max(dY, which, lengths)
    Y, idx = getattr(ops, f"reduce_{op}")(X, lengths)
    return Y, getattr(ops, f"backprop_reduce_{op}")(dY, idx)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tokens", type=int, default=4000)
    parser.add_argument("--width", type=int, default=768)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path,
                        default=Path(__file__).resolve().parent / "results" / "ragged_ops.json")
    args = parser.parse_args()
    rng = numpy.random.default_rng(args.seed)
    all_lengths = rng.choice(4, size=args.tokens, p=[0.05, 0.70, 0.18, 0.07]).astype("int32")
    lexloom_ops, thinc_ops = LexloomOps(), NumpyOps()
    command = "python " + " ".join(sys.argv)
    print(f"command: {command}")
    print(f"{args.tokens} tokens, {int(all_lengths.sum())} wordpiece rows of width {args.width}, "
          f"float32, best of {args.repeat}")
    print(f"{'op':<6} {'pass':<9} {'lexloom rows/s':>15} {'thinc rows/s':>15} {'ratio':>7}")
    results = {"command": command, "tokens": args.tokens, "width": args.width,
               "repeat": args.repeat, "machine": platform.machine(),
               "python": platform.python_version(), "ops": {}}
    ok = True
    for op in OPS:
        lengths = all_lengths if op in ("sum", "mean") else all_lengths[all_lengths > 0]
        X = rng.normal(size=(int(lengths.sum()), args.width)).astype("float32")
        dY = rng.normal(size=(lengths.shape[0], args.width)).astype("float32")
        mine, theirs = (forward_backward(o, op, X, lengths, dY) for o in (lexloom_ops, thinc_ops))
        same = all(numpy.array_equal(a, b) for a, b in zip(mine, theirs))
        ok &= same
        row = {"rows": int(X.shape[0]), "same_values": same}
        libraries = {"lexloom": lexloom_ops, "thinc": thinc_ops}
        fwd = {lib: best_time(lambda: forward(ops, op, X, lengths), args.repeat,
                              warmup=True)[0] for lib, ops in libraries.items()}
        both = {lib: best_time(lambda: forward_backward(ops, op, X, lengths, dY), args.repeat,
                               warmup=True)[0] for lib, ops in libraries.items()}
        for name, times in (("forward", fwd), ("fwd+bwd", both)):
            mine_rps = X.shape[0] / times["lexloom"]
            theirs_rps = X.shape[0] / times["thinc"]
            ratio = mine_rps / theirs_rps
            row[name] = {"lexloom_rows_per_s": mine_rps, "thinc_rows_per_s": theirs_rps,
                         "ratio": ratio}
            print(f"{op:<6} {name:<9} {mine_rps:>15,.0f} {theirs_rps:>15,.0f} {ratio:>6.2f}x"
                  + ("" if same else "  VALUES DIFFER"))
        results["ops"][op] = row
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(f"same values as thinc: {'yes' if ok else 'NO'}; JSON: {args.json}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
