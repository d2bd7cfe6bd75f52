"""Tokenizing long runs of affixes: ((((..., quote marks, !?!?... (a chunk from which a
prefix or suffix is split off again and again), lexloom against spaCy 3.8 when importable.
Each split searches the suffix rules over what is left of the chunk; a search that tries
every position makes the chunk quadratic (spaCy: 34 s for 20,000 characters).

    PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages .venv/bin/python \\
        benchmarks/tokenizer_affix_runs.py [--sizes 5000,20000] [--no-spacy]

Prints seconds per text and checks both give the same tokens.
"""
from __future__ import annotations

import argparse
import time

RUNS = ["(", '"', "!?", "'", ")", "."]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5000,20000")
    parser.add_argument("--no-spacy", action="store_true")
    args = parser.parse_args()
    import lexloom

    systems = {"lexloom": lexloom.blank("en")}
    if not args.no_spacy:
        try:
            import spacy
        except ImportError:
            print("spaCy not importable: lexloom only")
        else:
            systems["spacy"] = spacy.blank("en")
    for run in RUNS:
        for size in (int(s) for s in args.sizes.split(",")):
            text = run * (size // len(run))
            tokens, line = {}, []
            for name, nlp in systems.items():
                start = time.perf_counter()
                doc = nlp.make_doc(text)
                line.append(f"{name} {time.perf_counter() - start:8.3f} s")
                tokens[name] = [t.text for t in doc]
            same = len({tuple(t) for t in tokens.values()}) == 1
            print(f"{run!r:6} x {size:>7,} chars: {len(tokens['lexloom']):>7,} tokens  "
                  + "  ".join(line) + ("" if same else "  TOKENS DIFFER"), flush=True)


if __name__ == "__main__":
    main()
