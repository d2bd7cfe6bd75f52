"""In-process A/B of the folded parser input's output handling (2026-12-05):

- before: W·c written under every token row of P (numpy broadcast), the product added onto
  it (BLAS beta = 1), a fresh P per batch, the fold made per batch;
- now (FoldedInput.forward): the product written alone (beta = 0), W·c moved to the pads and
  the state bias, P's block reused, the fold kept across batches (FoldedInput.for_params).

    OMP_NUM_THREADS=1 python benchmarks/parser_fold_bias.py MODEL_DIR [--n 1000] [--rounds 8]

MODEL_DIR: a pipeline whose parser folds (spaCy's efficiency tagger+parser, e.g. the one
`inference.py --parts prepare` trains). Prints whether both give identical Docs, then
words/s by process time per round, alternating the two, and the per-round ratio.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpora import read_jsonl_texts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--data", type=Path,
                        default=HERE.parent.parent / "shared" / "data" / "raw_text" / "text.jsonl")
    args = parser.parse_args()

    import lexloom
    from lexloom import blas
    from lexloom.ml import _precomputable_affine as affine

    texts = read_jsonl_texts(args.data, args.n)
    nlp = lexloom.load(args.model)
    now_forward, now_for_params = affine.FoldedInput.forward, affine.FoldedInput.for_params

    def before_forward(self, T, pad, b):
        P = numpy.empty((T.shape[0] + 1, self.weights.shape[0]), dtype=numpy.float32)
        blas.linear(numpy.ascontiguousarray(T, dtype=numpy.float32), self.weights,
                    self.slot_bias.reshape(-1), out=P[1:])
        P = P.reshape((T.shape[0] + 1,) + pad.shape[1:])
        P[0] = pad[0]
        return P, b

    def use(before: bool) -> None:
        affine.FoldedInput.forward = before_forward if before else now_forward
        affine.FoldedInput.for_params = (classmethod(lambda cls, key, W, L, c: cls(W, L, c))
                                         if before else now_for_params)

    def annotations(doc):
        return [(t.tag_, t.dep_, t.head.i) for t in doc]

    def words_per_second() -> float:
        start, words = time.process_time(), 0
        for doc in nlp.pipe(texts, batch_size=args.batch_size):
            words += len(doc)
        return words / (time.process_time() - start)

    docs = {}
    for before in (True, False):
        use(before)
        docs[before] = [annotations(d) for d in nlp.pipe(texts, batch_size=args.batch_size)]
    same = sum(a == b for a, b in zip(docs[True], docs[False]))
    print(f"identical Docs: {same} / {len(texts)}")
    rates: dict = {True: [], False: []}
    for _ in range(args.rounds):
        for before in (True, False):
            use(before)
            rates[before].append(words_per_second())
    use(False)
    ratios = [b / a for a, b in zip(rates[True], rates[False])]
    print("before  words/s:", [round(x) for x in rates[True]])
    print("now     words/s:", [round(x) for x in rates[False]])
    print("now / before per round:", [round(r, 3) for r in ratios],
          f"median {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
