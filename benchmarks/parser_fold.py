"""The parser's folded input layer (ml/_precomputable_affine.FoldedInput) on and off, in one
process: `nlp(text[:120])` in blocks of 50 calls alternating the fold on and off (process
time, p50 / p90), then `nlp.pipe` of whole paragraphs at batch 128 (rounds alternating).

    OMP_NUM_THREADS=1 python benchmarks/parser_fold.py PIPELINE [--n 2000] [--rounds 3]

PIPELINE: a folder with a parser whose hidden width exceeds its tok2vec's (spaCy's efficiency
config: `inference.py --parts prepare` leaves one in /tmp/lexloom_bench_inference/efficiency).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpora import read_jsonl_texts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pipeline")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path,
                        default=HERE.parent.parent / "shared" / "data" / "raw_text" / "text.jsonl")
    args = parser.parse_args()
    import lexloom
    from lexloom.ml import parser_model
    from lexloom.ml.single_doc import TransitionRunner, runner_for

    nlp = lexloom.load(args.pipeline)
    paragraphs = read_jsonl_texts(args.data, args.n)
    snippets = [t[:120] for t in paragraphs]
    for text in snippets[:100]:
        nlp(text)
    runner = runner_for(nlp.get_pipe("parser"), TransitionRunner)
    if not runner or not runner.folds:
        sys.exit("This pipeline's parser doesn't fold (its hidden layer isn't wider than its "
                 "tok2vec, or it isn't spaCy's TransitionBasedParser).")
    times: dict = {"folded": [], "unfolded": []}
    for block in range(0, len(snippets), 50):
        mode = "folded" if block // 50 % 2 == 0 else "unfolded"
        runner.folds = mode == "folded"
        for text in snippets[block:block + 50]:
            start = time.process_time()
            nlp(text)
            times[mode].append((time.process_time() - start) * 1000)
    runner.folds = True
    for mode, values in times.items():
        values.sort()
        print(f"nlp(text[:120]) {mode:8s} p50 {values[len(values) // 2]:.3f} ms  "
              f"p90 {values[int(len(values) * 0.9)]:.3f} ms")
    folded_products = parser_model._folded_products
    seconds: dict = {"folded": [], "unfolded": []}
    for _ in range(args.rounds):
        for mode in seconds:
            parser_model._folded_products = folded_products if mode == "folded" \
                else (lambda *args: None)
            start = time.process_time()
            for _doc in nlp.pipe(paragraphs, batch_size=128):
                pass
            seconds[mode].append(time.process_time() - start)
    parser_model._folded_products = folded_products
    for mode, values in seconds.items():
        print(f"nlp.pipe batch 128 {mode:8s} " + " ".join(f"{v:.2f}" for v in values) + " s")


if __name__ == "__main__":
    main()
