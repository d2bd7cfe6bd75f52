"""Same-seed `pretrain` in lexloom and spaCy 3.8: the per-batch losses of one epoch.

Both libraries write the config (`init config -l en -p tagger,parser --pretraining`); both then
pretrain from spaCy's, with the same seed, on the first --n paragraphs of the raw-text corpus,
each in its own process on one thread. The masked-language objective draws the tokens it
corrupts and their random replacement words (from `for lex in vocab`) from numpy's global
generator, so the losses agree only if both corrupt the same tokens the same way; after that
they drift apart by float rounding. Prints each batch's loss and relative difference.

Run in the benchmark environment (spaCy beside lexloom), ~1 minute:
    OMP_NUM_THREADS=1 PYTHONPATH=/tmp/lexsite /work/spacy-venv/bin/python \\
        benchmarks/pretrain_parity.py --data /work/shared/data
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHIM = HERE / "examples" / "_lexloom_as_spacy"

WORKER = r'''
import json, sys
from pathlib import Path
import spacy
from spacy import util
import spacy.training.pretrain as P
config_path, raw, out, losses_path = sys.argv[1:5]
losses = []
update = P.make_update
def recording(model, docs, optimizer, objective):
    loss = update(model, docs, optimizer, objective)
    losses.append([float(loss), sum(len(doc) for doc in docs)])
    return loss
P.make_update = recording
Path(out).mkdir(parents=True, exist_ok=True)
config = util.load_config(config_path, overrides={"paths.raw_text": raw,
                                                  "pretraining.max_epochs": 1},
                          interpolate=True)
P.pretrain(config, Path(out), use_gpu=-1, silent=True)
Path(losses_path).write_text(json.dumps(losses))
'''


def run(system: str, args: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, OMP_NUM_THREADS="1")
    env.pop("PYTHONPATH", None)
    if system == "lexloom":   # `import spacy` gives lexloom
        env["PYTHONPATH"] = f"{SHIM}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{system} failed:\n{done.stderr[-3000:]}")
    return done


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=2000, help="raw-text paragraphs")
    ap.add_argument("--json", type=Path, default=HERE / "results" / "pretrain_parity.json")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pretrain_parity_"))
    with open(args.data / "raw_text" / "text.jsonl", encoding="utf8") as lines:
        (work / "raw.jsonl").write_text("".join(next(lines) for _ in range(args.n)))
    for system in ("spacy", "lexloom"):
        run(system, ["-m", "spacy", "init", "config", "-l", "en", "-p", "tagger,parser",
                     "--pretraining", str(work / f"config_{system}.cfg"), "-F"])
    same_config = ((work / "config_spacy.cfg").read_text()
                   == (work / "config_lexloom.cfg").read_text())
    (work / "worker.py").write_text(WORKER)
    losses = {}
    for system in ("spacy", "lexloom"):
        print(f"pretraining with {system} ...", flush=True)
        run(system, [str(work / "worker.py"), str(work / "config_spacy.cfg"),
                     str(work / "raw.jsonl"), str(work / f"out_{system}"),
                     str(work / f"losses_{system}.json")])
        losses[system] = json.loads((work / f"losses_{system}.json").read_text())
    rows = []
    for i, ((a, words_a), (b, words_b)) in enumerate(zip(losses["spacy"], losses["lexloom"])):
        rows.append({"batch": i, "words": words_a, "same_words": words_a == words_b,
                     "spacy": a, "lexloom": b, "relative": abs(a - b) / abs(a)})
    print(f"configs written by both identical: {same_config}; "
          f"{len(rows)} batches of {args.n} paragraphs")
    print(f"{'batch':>5} {'words':>6} {'spaCy loss':>14} {'lexloom loss':>14} {'relative':>9}")
    for row in rows:
        print(f"{row['batch']:>5} {row['words']:>6} {row['spacy']:>14.4f} "
              f"{row['lexloom']:>14.4f} {row['relative']:>9.1e}")
    identical = next((r["batch"] for r in rows if r["relative"] > 0), len(rows))
    print(f"identical losses for the first {identical} batches")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "n_paragraphs": args.n, "same_config": same_config, "identical_batches": identical,
        "batches": rows, "command": " ".join(sys.argv)}, indent=1))
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
