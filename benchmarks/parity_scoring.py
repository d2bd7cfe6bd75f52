"""Does a dev score mean the same thing in both libraries? One saved pipeline, loaded and
evaluated by spaCy 3.8 and by lexloom on the same dev corpus: the scores must be equal, so that
a gap in parity.py's tables can only come from training, not from annotation or scoring.

Run in the benchmark environment (spaCy beside lexloom), a minute or two:
    OMP_NUM_THREADS=1 PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages \\
        .venv/bin/python benchmarks/parity_scoring.py MODEL_DIR --dev DEV.spacy
MODEL_DIR: e.g. model-last of `lexloom train` on parity.py's tagger + parser config; DEV: the
UD EWT dev DocBin that parity.py writes into its --workdir (corpus/spacy/en_ewt-ud-dev.spacy).
Each library runs in its own process; exits 1 if any score differs.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

KEYS = ("tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f",
        "ents_f")

EVALUATE = '''
import json, sys, importlib
system, model, dev = sys.argv[1:4]
lib = importlib.import_module(system)
DocBin = importlib.import_module(system + ".tokens").DocBin
Example = importlib.import_module(system + ".training").Example
nlp = lib.load(model)
gold = DocBin().from_disk(dev).get_docs(nlp.vocab)
scores = nlp.evaluate([Example(nlp.make_doc(doc.text), doc) for doc in gold])
print(json.dumps({k: v for k, v in scores.items() if isinstance(v, (int, float))}))
'''


def evaluate(system: str, model: Path, dev: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", EVALUATE, system, str(model), str(dev)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{system} could not evaluate {model}:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", type=Path)
    ap.add_argument("--dev", type=Path, required=True)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    scores = {system: evaluate(system, args.model, args.dev) for system in ("spacy", "lexloom")}
    keys = [k for k in KEYS if scores["spacy"].get(k) is not None]
    differ = [k for k in keys if scores["spacy"][k] != scores["lexloom"].get(k)]
    print(f"{'score':<10} {'spaCy':>10} {'lexloom':>10}")
    for k in keys:
        print(f"{k:<10} {100 * scores['spacy'][k]:>10.4f} {100 * (scores['lexloom'].get(k) or 0):>10.4f}")
    print("equal" if not differ else f"DIFFER: {differ}")
    if args.json:
        args.json.write_text(json.dumps({"model": str(args.model), "dev": str(args.dev),
                                         "scores": {s: {k: v[k] for k in keys if k in v}
                                                    for s, v in scores.items()},
                                         "differ": differ, "command": " ".join(sys.argv)},
                                        indent=1))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
