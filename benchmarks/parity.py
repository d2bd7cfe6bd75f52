"""Accuracy parity with spaCy 3.8 at equal step counts: the same efficiency config trained by
both libraries with several seeds, dev scores recorded every --eval-every steps.

Run in the benchmark environment (spaCy installed beside lexloom), e.g.:
    OMP_NUM_THREADS=1 PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages \
        .venv/bin/python benchmarks/parity.py --task tagger-parser --seeds 5 --max-steps 5000
    ... benchmarks/parity.py --task ner --seeds 5 --max-steps 5000

Tasks: `tagger-parser` (UD English EWT train / dev, `init config -p tagger,parser -o
efficiency`) and `ner` (UNER English EWT split by benchmarks/uner_split.py, `-p ner`). The
config is spaCy's, shared unchanged by both, except: [training] seed = the run's seed,
max_steps = --max-steps, eval_frequency = --eval-every, patience = 0 (no early stop), and a
logger registered for both libraries that records every evaluation. Nothing is saved. Each
run is its own process on one core (OMP_NUM_THREADS=1), one run at a time. From the same
seed both libraries start from identical weights and shuffle the corpus identically, and
each step's losses and gradients agree to float precision (tests/test_training_parity.py);
runs still drift apart once a near-tie flips a parser move, so the comparison is statistical.

Prints, per step count and score, mean ± sd over the seeds for each library, and whether
lexloom's mean is at least spaCy's mean minus one (spaCy) sd. Writes
benchmarks/results/parity_<task>.json (every run's record included) and resumes from the
records in --workdir when rerun. Long runs split over processes with --only-seeds (each
trains its seeds into the shared --workdir); --summarize then tables the seeds finished so far
without training any (the JSON lists them under "seeds_done"). --nudge EPS scales every
tok2vec weight by (1 + EPS) after initialization: runs of one seed under a few such nudges
show how far float rounding alone scatters that seed's scores.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from train_pipeline import (PY, TASKS, convert, corpus_paths,  # noqa: E402
                            efficiency_config, run)

SYSTEMS = ("spacy", "lexloom")

RECORD_CODE = '''
import json, os

LOG = os.environ["PARITY_RECORD"]
KEYS = os.environ["PARITY_SCORE_KEYS"].split(",")
NUDGE = float(os.environ.get("PARITY_NUDGE") or 0)


def nudge(nlp, eps):
    """Scale every tok2vec weight by (1 + eps): a change of float rounding's size."""
    for node in nlp.get_pipe("tok2vec").model.walk():
        for name in node.param_names:
            if node.has_param(name):
                value = node.get_param(name)
                node.set_param(name, (value * (1 + eps)).astype(value.dtype))


def make_logger():
    def setup(nlp, stdout=None, stderr=None):
        records = []
        if NUDGE:   # set up after initialization, before the first step
            nudge(nlp, NUDGE)

        def step(info):
            if info is None:
                return
            records.append({"step": info["step"], "epoch": info["epoch"],
                            "words": info["words"], "seconds": info["seconds"],
                            "losses": {k: float(v) for k, v in info["losses"].items()},
                            **{k: info["other_scores"].get(k) for k in KEYS}})
            with open(LOG, "w") as f:
                json.dump(records, f)

        return step, lambda: None
    return setup


if os.environ["PARITY_SYSTEM"] == "lexloom":
    from lexloom.registry import registry as _registry
else:
    from spacy.util import registry as _registry
_registry.loggers.register("parity.RecordLogger.v1", func=make_logger)
'''


def write_config(task: str, work: Path, max_steps: int, eval_every: int) -> Path:
    path = efficiency_config(task, work, {"max_steps": max_steps, "eval_frequency": eval_every,
                                          "patience": 0,
                                          "logger": {"@loggers": "parity.RecordLogger.v1"}})
    (work / "record_code.py").write_text(RECORD_CODE, encoding="utf-8")
    return path


def train_one(task: str, system: str, seed: int, work: Path, config: Path,
              nudge: float = 0.0) -> list[dict]:
    record = work / f"record_{system}_seed{seed}.json"
    done = work / f"record_{system}_seed{seed}.done"
    if done.exists():
        return json.loads(record.read_text())
    train_path, dev_path = corpus_paths(task, work, system)
    cmd = [PY, "-m", system, "train", str(config), "--code", str(work / "record_code.py"),
           "--paths.train", str(train_path), "--paths.dev", str(dev_path),
           "--training.seed", str(seed), "--system.seed", str(seed)]
    start = time.perf_counter()
    code, output, _rss = run(cmd, log=work / f"train_{system}_seed{seed}.log", check=False,
                             timeout=6 * 3600,
                             env={"PARITY_RECORD": str(record), "PARITY_SYSTEM": system,
                                  "PARITY_NUDGE": repr(nudge),
                                  "PARITY_SCORE_KEYS": ",".join(TASKS[task][1]),
                                  "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                                  "MKL_NUM_THREADS": "1"})
    if code != 0 or not record.exists():
        sys.exit(f"{system} seed {seed} failed (exit {code}):\n{output[-3000:]}")
    done.write_text(f"{time.perf_counter() - start:.1f}\n")
    return json.loads(record.read_text())


def summarize(records: dict, keys: list[str]) -> list[dict]:
    """Per evaluated step (present in every run of both systems): mean and sd per system and
    key, whether lexloom's mean >= spaCy's mean - spaCy's sd, and Welch's t of the difference
    (lexloom - spaCy over its standard error: |t| under ~2.3 is no evidence of a gap at
    5 + 5 seeds)."""
    steps = None
    for runs in records.values():
        for rec in runs.values():
            s = {r["step"] for r in rec}
            steps = s if steps is None else steps & s
    rows = []
    for step in sorted(steps or ()):
        row = {"step": step}
        for key in keys:
            for system, runs in records.items():
                vals = [next(r[key] for r in rec if r["step"] == step) or 0.0
                        for rec in runs.values()]
                row[f"{system}_{key}_mean"] = statistics.fmean(vals)
                row[f"{system}_{key}_sd"] = statistics.stdev(vals) if len(vals) > 1 else 0.0
            if "spacy" in records and "lexloom" in records:
                row[f"{key}_met"] = (row[f"lexloom_{key}_mean"] >= row[f"spacy_{key}_mean"]
                                     - row[f"spacy_{key}_sd"])
                row[f"{key}_welch_t"] = _welch_t(
                    *(row[f"{s}_{key}_{m}"] for s in ("lexloom", "spacy") for m in ("mean", "sd")),
                    len(records["lexloom"]), len(records["spacy"]))
        rows.append(row)
    return rows


def compare_streams(records: dict) -> dict:
    """What each same-seed pair of runs saw and how it trained, beside the dev scores: whether
    the two read the same batches (the epoch and word count at every evaluation agree), and per
    evaluated step each system's mean training loss per component with lexloom / spaCy - 1.
    Equal streams and equal losses leave chaos as the only source of score gaps."""
    if "spacy" not in records or "lexloom" not in records:
        return {}
    seeds = sorted(set(records["spacy"]) & set(records["lexloom"]))
    same = {seed: [(r["step"], r["epoch"], r["words"]) for r in records["spacy"][seed]]
            == [(r["step"], r["epoch"], r["words"]) for r in records["lexloom"][seed]]
            for seed in seeds}
    losses = []
    for i, row in enumerate(records["spacy"][seeds[0]] if seeds else ()):
        entry = {"step": row["step"]}
        for comp in row["losses"]:
            means = {system: statistics.fmean(records[system][seed][i]["losses"].get(comp, 0.0)
                                              for seed in seeds) for system in SYSTEMS}
            entry[comp] = {**means, "ratio": means["lexloom"] / means["spacy"] - 1
                           if means["spacy"] else 0.0}
        losses.append(entry)
    return {"same_stream": {str(k): v for k, v in same.items()}, "losses": losses}


def print_streams(streams: dict) -> None:
    if not streams:
        return
    same = streams["same_stream"]
    print(f"\nsame batches (epoch and words at every evaluation) in {sum(same.values())} of "
          f"{len(same)} seed pairs")
    print("mean training loss since the last evaluation, lexloom / spaCy - 1:")
    for entry in streams["losses"]:
        print(f"  {entry['step']:>6} " + "  ".join(
            f"{comp} {v['ratio']:+.4f}" for comp, v in entry.items() if comp != "step"))


def _welch_t(mean_a: float, sd_a: float, mean_b: float, sd_b: float, n_a: int,
             n_b: int) -> float:
    error = (sd_a ** 2 / max(n_a, 1) + sd_b ** 2 / max(n_b, 1)) ** 0.5
    return (mean_a - mean_b) / error if error else 0.0


def print_table(rows: list[dict], keys: list[str], systems) -> None:
    for key in keys:
        print(f"\n{key}")
        print(f"  {'step':>6} " + " ".join(f"{s + ' mean ± sd':>22}" for s in systems)
              + "   lexloom - spaCy   met   Welch t")
        for row in rows:
            cells = " ".join(f"{100 * row[f'{s}_{key}_mean']:>13.2f} ± "
                             f"{100 * row[f'{s}_{key}_sd']:<6.2f}" for s in systems)
            diff = ""
            if f"{key}_met" in row:
                d = 100 * (row[f"lexloom_{key}_mean"] - row[f"spacy_{key}_mean"])
                diff = (f"   {d:+14.2f}   {'yes' if row[f'{key}_met'] else 'NO ':<3}"
                        f"   {row[f'{key}_welch_t']:+7.2f}")
            print(f"  {row['step']:>6} {cells}{diff}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--task", choices=("tagger-parser", "ner"), default="tagger-parser")
    ap.add_argument("--seeds", type=int, default=5, help="seeds 0 .. N-1")
    ap.add_argument("--only-seeds", default=None,
                    help="train only these seeds (e.g. 0,2), to split the runs over processes "
                         "sharing --workdir; a later run without it summarizes")
    ap.add_argument("--summarize", action="store_true",
                    help="train nothing: summarize the seed runs completed in --workdir so far")
    ap.add_argument("--max-steps", type=int, default=5000)
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--systems", default="spacy,lexloom")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--nudge", type=float, default=0.0,
                    help="scale every tok2vec weight by (1 + NUDGE) after initialization, to "
                         "see how a seed's scores scatter under float-rounding-sized changes "
                         "(give such runs their own --workdir)")
    args = ap.parse_args()
    systems = [s for s in args.systems.split(",") if s]
    work = args.workdir or Path(f"/tmp/lexloom_parity_{args.task}_{args.max_steps}")
    work.mkdir(parents=True, exist_ok=True)
    keys = [k for k in TASKS[args.task][1] if k not in ("ents_p", "ents_r")]
    corpus = convert(args.task, work)
    records: dict = {s: {} for s in systems}
    if args.summarize:  # what finished runs recorded; other processes may still be training
        for system in systems:
            for seed in range(args.seeds):
                if (work / f"record_{system}_seed{seed}.done").exists():
                    records[system][seed] = json.loads(
                        (work / f"record_{system}_seed{seed}.json").read_text())
            print(f"{system}: seeds {sorted(records[system])} done")
    else:
        config = write_config(args.task, work, args.max_steps, args.eval_every)
        only = {int(x) for x in args.only_seeds.split(",")} if args.only_seeds else None
        for seed in range(args.seeds):
            if only is not None and seed not in only:
                continue
            for system in systems:
                print(f"training {system}, seed {seed}, {args.max_steps} steps ...", flush=True)
                records[system][seed] = train_one(args.task, system, seed, work, config,
                                                  args.nudge)
        if only is not None:
            return
    rows = summarize(records, keys)
    print_table(rows, keys, systems)
    streams = compare_streams(records)
    print_streams(streams)
    out = args.json or HERE / "results" / f"parity_{args.task}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "task": args.task, "seeds": args.seeds, "max_steps": args.max_steps,
        "eval_every": args.eval_every, "corpus": corpus, "summary": rows,
        "streams": streams,
        "seeds_done": {s: sorted(r) for s, r in records.items()},
        "runs": {s: {str(k): v for k, v in r.items()} for s, r in records.items()},
        "command": " ".join(sys.argv)}, indent=1))
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
