"""Write tests/data/training_parity_reference.json and training_parity_beam_reference.json:
spaCy 3.8's figures for the tiny training runs of tests/_training_parity_data.py (greedy, and
with beam_parser / beam_ner taking beam updates: initial weights, first gradients, weights
after four Adam steps, every step's losses), which tests/test_training_parity.py checks
lexloom against without needing spaCy. Run once in the benchmark environment (spaCy 3.8.18):

    PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages \
        .venv/bin/python benchmarks/make_training_parity_reference.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import spacy  # noqa: E402

import _training_parity_data as data  # noqa: E402


def main() -> None:
    for config, name in ((data.CONFIG, "training_parity_reference.json"),
                         (data.BEAM_CONFIG, "training_parity_beam_reference.json")):
        result = data.run(spacy, config)
        result["computed_with"] = f"spaCy {spacy.__version__}"
        out = ROOT / "tests" / "data" / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
