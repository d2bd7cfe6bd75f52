"""Where same-seed training runs of lexloom and spaCy 3.8 part, measured against how spaCy
parts from itself: the tagger + parser (or, --task ner, the NER) efficiency config of
parity.py, trained N steps from
one seed by spaCy, by lexloom, and by each of them again with every tok2vec weight scaled by
(1 + eps) after initialization (a nudge of about float32 rounding's size: --nudges, default
1e-6 and 1e-5). Reports, at checkpoints, the relative distance ||a - b|| / ||a|| of all
trained weights and the largest relative loss difference of any step so far, for lexloom vs
spaCy and for each library vs itself nudged.

If lexloom trained differently from spaCy (a misplaced dropout, another oracle cut, another
Adam detail), lexloom vs spaCy would part at once and by more than the nudged pairs. If it
trains the same, it parts only as float rounding makes any run part: a near-tie between two
parser moves flips, that state's path changes, and the weights drift apart from there.

Run in the benchmark environment (spaCy beside lexloom), ~4 minutes each (plus converting
UD EWT once into a fresh --workdir):
    OMP_NUM_THREADS=1 PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages \\
        .venv/bin/python benchmarks/parity_divergence.py --steps 200
    ... benchmarks/parity_divergence.py --steps 100 --from-model MODEL_DIR \\
        --json benchmarks/results/parity_divergence_from_1000.json
(MODEL_DIR: model-last of `lexloom train` on the same config with --training.max_steps 1000.)
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CHECKPOINTS = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


def train_worker(system: str, work: Path, steps: int, dropout: float, nudge: float,
                 seed: int, out: Path, from_model: Path | None = None,
                 task: str = "tagger-parser") -> None:
    """Train `steps` steps with `system` (from the weights of the pipeline folder
    `from_model` when given); save each step's losses and the weights at the checkpoints to
    out (.json + .npz)."""
    lib = importlib.import_module(system)
    init = importlib.import_module(f"{system}.training.initialize")
    loop = importlib.import_module(f"{system}.training.loop")
    from thinc.api import Config, fix_random_seed

    from train_pipeline import corpus_paths

    train_path, dev_path = corpus_paths(task, work, system)
    config = Config().from_disk(work / "config.cfg", overrides={
        "paths.train": str(train_path), "paths.dev": str(dev_path),
        "training.logger": {"@loggers": "spacy.ConsoleLogger.v1"},
        "training.dropout": dropout, "training.seed": seed, "system.seed": seed})
    nlp = init.init_nlp(config)  # as `train` does: init, then the seed again, then resolve
    if from_model is not None:
        nlp.from_disk(from_model)
    fix_random_seed(seed)
    training = lib.util.registry.resolve(nlp.config.interpolate()["training"])
    corpora = lib.util.registry.resolve(nlp.config.interpolate()["corpora"])
    names = [name for name, pipe in nlp.pipeline if hasattr(pipe, "model")]
    if nudge:
        for node in nlp.get_pipe("tok2vec").model.walk():
            for param in node.param_names:
                if node.has_param(param):
                    value = node.get_param(param)
                    node.set_param(param, (value * (1 + nudge)).astype(value.dtype))

    def weights() -> numpy.ndarray:
        return numpy.concatenate([
            numpy.asarray(node.get_param(param)).ravel()
            for name in names for node in nlp.get_pipe(name).model.walk()
            for param in node.param_names if node.has_param(param)])

    batches = loop.create_train_batches(nlp, corpora["train"], training["batcher"], 0)
    steps_out, saved, previous = [], {}, {}
    for _batch, info, _best in loop.train_while_improving(
            nlp, training["optimizer"], batches, lambda: (0.0, {}), dropout=dropout,
            accumulate_gradient=1, patience=0, max_steps=steps, eval_frequency=10 ** 9,
            exclude=[], annotating_components=[], before_update=None):
        totals = {k: float(v) for k, v in info["losses"].items()}
        steps_out.append({k: v - previous.get(k, 0.0) for k, v in totals.items()})
        previous = totals
        if info["step"] in CHECKPOINTS:
            saved[f"step{info['step']}"] = weights()
    numpy.savez(out.with_suffix(".npz"), **saved)
    out.with_suffix(".json").write_text(json.dumps(steps_out))


def run_worker(system: str, args, nudge: float) -> tuple[list, dict]:
    out = args.workdir / f"divergence_{system}_nudge{nudge:g}"
    cmd = [sys.executable, __file__, "--worker", system, "--nudge", str(nudge),
           "--steps", str(args.steps), "--dropout", str(args.dropout), "--seed", str(args.seed),
           "--workdir", str(args.workdir), "--out", str(out), "--task", args.task]
    if args.from_model:
        cmd += ["--from-model", str(args.from_model)]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    print(f"training {system}{f' (nudged {nudge:g})' if nudge else ''}, {args.steps} steps ...",
          flush=True)
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    losses = json.loads(out.with_suffix(".json").read_text())
    with numpy.load(out.with_suffix(".npz")) as arrays:
        return losses, {k: arrays[k] for k in arrays.files}


def compare(a: tuple, b: tuple) -> dict:
    """Relative weight distance at each checkpoint and the largest relative loss difference
    of any component up to it."""
    (loss_a, w_a), (loss_b, w_b) = a, b
    out = {}
    for key in w_a:
        step = int(key[4:])
        dist = float(numpy.linalg.norm(w_a[key] - w_b[key]) / numpy.linalg.norm(w_a[key]))
        worst = max((abs(x[k] - y.get(k, 0.0)) / max(abs(x[k]), 1e-9)
                     for x, y in zip(loss_a[:step + 1], loss_b[:step + 1]) for k in x), default=0)
        out[step] = {"weight_distance": dist, "max_loss_difference": float(worst)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--task", choices=("tagger-parser", "ner"), default="tagger-parser")
    ap.add_argument("--dropout", type=float, default=0.1, help="the efficiency config's 0.1")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--nudges", default="1e-6,1e-5", help="relative tok2vec nudges to compare")
    ap.add_argument("--from-model", type=Path, default=None,
                    help="start every run from this trained pipeline's weights (a folder of "
                         "the same config, e.g. model-last of a 1,000-step run), to compare "
                         "training steps late in training")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/lexloom_parity_divergence"))
    ap.add_argument("--json", type=Path, default=HERE / "results" / "parity_divergence.json")
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--nudge", type=float, default=0.0, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        train_worker(args.worker, args.workdir, args.steps, args.dropout, args.nudge,
                     args.seed, args.out, args.from_model, args.task)
        return
    from parity import write_config
    from train_pipeline import convert

    args.workdir.mkdir(parents=True, exist_ok=True)
    convert(args.task, args.workdir)
    write_config(args.task, args.workdir, args.steps, 10 ** 6)
    nudges = [float(x) for x in args.nudges.split(",") if x]
    runs = {(s, n): run_worker(s, args, n) for s in ("spacy", "lexloom") for n in [0.0, *nudges]}
    pairs = {"lexloom vs spaCy": compare(runs["spacy", 0.0], runs["lexloom", 0.0])}
    for system, label in (("spacy", "spaCy"), ("lexloom", "lexloom")):
        for n in nudges:
            pairs[f"{label} vs nudged {n:g}"] = compare(runs[system, 0.0], runs[system, n])
    start = f"from {args.from_model}, " if args.from_model else ""
    print(f"\n{args.task}, {start}seed {args.seed}, dropout {args.dropout}; weight distance "
          "||a-b||/||a|| "
          f"(largest relative loss difference of any step so far)")
    print(f"{'step':>6} " + " ".join(f"{name:>22}" for name in pairs))
    for step in sorted(next(iter(pairs.values()))):
        cells = [f"{p[step]['weight_distance']:.2e} ({p[step]['max_loss_difference']:.1e})"
                 for p in pairs.values()]
        print(f"{step:>6} " + " ".join(f"{c:>22}" for c in cells))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "task": args.task, "steps": args.steps, "dropout": args.dropout, "seed": args.seed,
        "nudges": nudges,
        "from_model": str(args.from_model) if args.from_model else None,
        "pairs": {name: {str(k): v for k, v in p.items()} for name, p in pairs.items()},
        "command": " ".join(sys.argv)}, indent=1))
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
