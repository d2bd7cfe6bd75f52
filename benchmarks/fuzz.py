"""Fuzz lexloom's inputs with atheris and record the figures (the `fuzz` extra).

    .venv/bin/python benchmarks/fuzz.py TARGET|all --seconds N [--runs N] [--smoke]
    .venv/bin/python benchmarks/fuzz.py doc_bytes --spacy --seconds 60   # spaCy, same target

A thin wrapper of `python -m fuzz` (fuzz/runner.py) that merges each target's counts
(inputs, seconds, inputs/s, findings) into benchmarks/results/fuzz.json. --spacy fuzzes
spaCy 3.8's Doc.from_bytes (from /work/spacy-venv) under the same harness, allowing the
ValueError spaCy documents for bad bytes, for the comparison.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fuzz.runner import main  # noqa: E402

if __name__ == "__main__":
    argv = sys.argv[1:]
    if "--json" not in argv:
        argv += ["--json", str(ROOT / "benchmarks" / "results" / "fuzz.json")]
    sys.exit(main(argv))
