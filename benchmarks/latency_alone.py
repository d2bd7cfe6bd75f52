"""`nlp(text[:120])` latency of one library alone in its process (no other library's calls in
between, unlike inference.py's latency part, where the two take turns text by text and each
call starts with caches the other one just filled):

    OMP_NUM_THREADS=1 python benchmarks/latency_alone.py lexloom|spacy PIPELINE [--n 2000]

Prints p50 / p99 thread time (ms) over the first --n paragraphs of raw_text/text.jsonl, cut to
120 characters, after 50 warm-up calls. Run it for both libraries, in turns, a few rounds.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpora import read_jsonl_texts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("library", choices=["lexloom", "spacy"])
    parser.add_argument("pipeline")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--data", type=Path,
                        default=HERE.parent.parent / "shared" / "data" / "raw_text" / "text.jsonl")
    args = parser.parse_args()
    if args.library == "lexloom":
        import lexloom as lib
    else:
        import spacy as lib
    texts = [t[:120] for t in read_jsonl_texts(args.data, args.n)]
    nlp = lib.load(args.pipeline)
    for text in texts[:50]:
        nlp(text)
    times = []
    for text in texts:
        start = time.thread_time()
        nlp(text)
        times.append((time.thread_time() - start) * 1000)
    times.sort()
    print(json.dumps({"library": args.library, "pipeline": args.pipeline, "calls": len(times),
                      "p50_ms": times[len(times) // 2],
                      "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))]}))


if __name__ == "__main__":
    main()
