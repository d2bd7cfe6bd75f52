"""Train the same efficiency tagger with lexloom and spaCy 3.8 for the same wall-clock budget
on one core, then compare dev accuracy, training speed, inference speed and memory.

Run in the benchmark environment (spaCy installed beside lexloom):
    /work/bench-venv/bin/pip install --no-build-isolation /work/main
    /work/bench-venv/bin/python benchmarks/train_tagger.py [--budget-min 15] [--workdir DIR]

Steps (each system in its own processes, pinned with os.sched_setaffinity):
 1. convert UD English EWT train/dev CoNLL-U with `lexloom convert` and `spacy convert`
    (-n 10), checking that both write the same documents;
 2. write the config `spacy init config -p tagger -l en` gives (tok2vec + tagger, efficiency),
    shared unchanged by both, except: no step limit and no early stopping, so each system
    trains for exactly --budget-min minutes (a logger registered for both libraries records
    every evaluation and stops training when the budget is spent);
 3. train with `lexloom train` and `spacy train` on one core, each on its own conversion;
 4. score each model-best on the spaCy-converted dev set (tag_acc), and time inference:
    nlp.pipe over the train texts, batch_size 1000, n_process 1 (one core) and 2 (two cores).
Figures: dev tag_acc, training words/s (words trained / training seconds at the last
evaluation, evaluations and checkpoints included, as both loops count them), inference
words/s, peak RSS of the training and inference processes. Ratios are lexloom / spaCy.
Writes benchmarks/results/train_tagger.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "ud_english_ewt"
PY = sys.executable
SYSTEMS = ("lexloom", "spacy")

# Registered for both libraries (loaded with --code): the console logger, plus a record of
# each evaluation, and a stop when the time budget is spent.
BUDGET_CODE = '''
import json, os, time

BUDGET = float(os.environ["TRAIN_BUDGET_S"])
LOG = os.environ["TRAIN_RECORD"]


class BudgetSpent(KeyboardInterrupt):
    """Ends training (both loops save model-last on the way out)."""


def make_logger(registry_console):
    def setup(nlp, stdout=None, stderr=None):
        import sys
        log_step, finalize = registry_console(progress_bar=False)(
            nlp, stdout or sys.stdout, stderr or sys.stderr)
        start = time.perf_counter()
        records = []

        def step(info):
            log_step(info)
            if info is not None:
                records.append({"step": info["step"], "epoch": info["epoch"],
                                "words": info["words"], "seconds": info["seconds"],
                                "wall": time.perf_counter() - start, "score": info["score"],
                                "tag_acc": info["other_scores"].get("tag_acc")})
                with open(LOG, "w") as f:
                    json.dump(records, f)
            if time.perf_counter() - start > BUDGET:
                raise BudgetSpent(f"time budget of {BUDGET:.0f} s spent")

        return step, finalize
    return setup


if os.environ["TRAIN_SYSTEM"] == "lexloom":
    import lexloom.training.loggers as _ll
    from lexloom.registry import registry as _ll_registry
    _ll_registry.loggers.register("bench.BudgetLogger.v1",
                                  func=lambda: make_logger(_ll.console_logger))
else:
    import spacy.training.loggers as _sl
    from spacy.util import registry as _sp_registry
    _sp_registry.loggers.register("bench.BudgetLogger.v1",
                                  func=lambda: make_logger(_sl.console_logger))
'''

INFER_CODE = r'''
import json, os, sys, time


def main():
    system, model, dev, texts_file, n_process = sys.argv[1:6]
    os.sched_setaffinity(0, set(range(int(n_process))))
    if system == "lexloom":
        import lexloom as lib
        from lexloom.training.corpus import Corpus
    else:
        import spacy as lib
        from spacy.training import Corpus
    nlp = lib.load(model)
    out = {}
    if n_process == "1":
        scores = nlp.evaluate(list(Corpus(dev)(nlp)))
        out["tag_acc"] = scores["tag_acc"]
    texts = json.load(open(texts_file))
    n_words = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=1000, n_process=int(n_process)):
        n_words += len(doc)
    out["infer_seconds"] = time.perf_counter() - start
    out["infer_words"] = n_words
    out["infer_wps"] = n_words / out["infer_seconds"]
    print("RESULT " + json.dumps(out))


if __name__ == "__main__":   # n_process > 1 may start workers with spawn, re-importing this
    main()
'''


def run(cmd: list[str], *, log: Path | None = None, env: dict | None = None,
        cpus: set[int] | None = None, check: bool = True,
        timeout: float = 3600) -> tuple[int, str, float]:
    """Run a command; returns (exit code, output, peak RSS of that process in MiB). A command
    still running after `timeout` seconds is killed (and fails the benchmark)."""
    import threading

    def pin():
        if cpus is not None:
            os.sched_setaffinity(0, cpus)

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})}, preexec_fn=pin)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    output = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if log is not None:
        log.write_text(output, encoding="utf-8")
    if check and proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {shlex.join(cmd)}\n{output[-3000:]}")
    return proc.returncode, output, usage.ru_maxrss / 1024


def convert(work: Path) -> dict:
    """Both converters, train and dev, -n 10; returns doc/word counts and whether they agree."""
    info = {}
    for system in SYSTEMS:
        out = work / "corpus" / system
        out.mkdir(parents=True, exist_ok=True)
        for split in ("train", "dev"):
            src = DATA / f"en_ewt-ud-{split}.conllu"
            if not (out / f"{src.stem}.spacy").exists():
                run([PY, "-m", system, "convert", str(src), str(out), "--converter", "conllu",
                     "-n", "10"])
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    for split in ("train", "dev"):
        docs = {s: list(DocBin().from_disk(work / "corpus" / s / f"en_ewt-ud-{split}.spacy")
                        .get_docs(Vocab())) for s in SYSTEMS}
        same = [(d.text, [t.tag_ for t in d]) for d in docs["lexloom"]] == \
            [(d.text, [t.tag_ for t in d]) for d in docs["spacy"]]
        info[split] = {"docs": len(docs["spacy"]), "words": sum(len(d) for d in docs["spacy"]),
                       "conversions_agree": same}
    return info


def write_config(work: Path) -> Path:
    from confection import Config

    base = work / "tagger_init.cfg"
    run([PY, "-m", "spacy", "init", "config", str(base), "-p", "tagger", "-l", "en",
         "-o", "efficiency", "-F"])
    config = Config().from_disk(base, interpolate=False)
    config["training"]["max_steps"] = 0
    config["training"]["patience"] = 0
    config["training"]["logger"] = {"@loggers": "bench.BudgetLogger.v1"}
    path = work / "tagger.cfg"
    config.to_disk(path)
    (work / "budget_code.py").write_text(BUDGET_CODE, encoding="utf-8")
    return path


def train(system: str, work: Path, config: Path, budget_s: float) -> dict:
    out = work / f"out_{system}"
    corpus = work / "corpus" / system
    record = work / f"record_{system}.json"
    record.unlink(missing_ok=True)
    cmd = [PY, "-m", system, "train", str(config), "--output", str(out),
           "--code", str(work / "budget_code.py"),
           "--paths.train", str(corpus / "en_ewt-ud-train.spacy"),
           "--paths.dev", str(corpus / "en_ewt-ud-dev.spacy")]
    print(f"  training {system} for {budget_s:.0f} s ...", flush=True)
    start = time.perf_counter()
    code, output, rss = run(cmd, log=work / f"train_{system}.log", cpus={0}, check=False,
                            timeout=budget_s + 900,
                            env={"TRAIN_BUDGET_S": str(budget_s), "TRAIN_RECORD": str(record),
                                 "TRAIN_SYSTEM": system,
                                 "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                                 "MKL_NUM_THREADS": "1"})
    wall = time.perf_counter() - start
    if not record.exists() or not (out / "model-best").exists():
        sys.exit(f"{system} training failed (exit {code}):\n{output[-3000:]}")
    evals = json.loads(record.read_text())
    last = evals[-1]
    print("\n".join(output.splitlines()[-6:]))
    return {"model": str(out / "model-best"), "steps": last["step"], "epochs": last["epoch"],
            "train_words": last["words"], "train_seconds": last["wall"],
            "train_wps": last["words"] / last["wall"] if last["wall"] else 0.0,
            "best_dev_tag_acc_during_training": max(e["tag_acc"] or 0 for e in evals),
            "n_evaluations": len(evals), "train_peak_rss_mib": rss, "process_wall_s": wall}


def infer(system: str, work: Path, model: str, texts_file: Path) -> dict:
    script = work / "infer.py"
    script.write_text(INFER_CODE, encoding="utf-8")
    dev = work / "corpus" / "spacy" / "en_ewt-ud-dev.spacy"
    result = {}
    env = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    for n_process in (1, 2):
        _code, output, rss = run([PY, str(script), system, model, str(dev), str(texts_file),
                                  str(n_process)], env=env, timeout=1800)
        line = [x for x in output.splitlines() if x.startswith("RESULT ")][-1]
        data = json.loads(line[len("RESULT "):])
        if n_process == 1:
            result["dev_tag_acc"] = data["tag_acc"]
            result["infer_peak_rss_mib"] = rss
        result[f"infer_wps_n_process_{n_process}"] = data["infer_wps"]
        result["infer_words"] = data["infer_words"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--budget-min", type=float, default=15.0,
                        help="training minutes per system (default 15)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/lexloom_train_tagger"))
    parser.add_argument("--infer-docs", type=int, default=0,
                        help="train docs (of 10 sentences) to time inference on; 0: all")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "train_tagger.json")
    args = parser.parse_args()
    command = shlex.join([PY, *sys.argv])
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    budget_s = args.budget_min * 60
    print(f"command: {command}\nworkdir: {work}\ncores available: {os.cpu_count()}")
    corpus = convert(work)
    print(f"corpus: {json.dumps(corpus)}")
    config = write_config(work)
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    texts = [d.text for d in DocBin().from_disk(
        work / "corpus" / "spacy" / "en_ewt-ud-train.spacy").get_docs(Vocab())]
    if args.infer_docs:
        texts = texts[:args.infer_docs]
    texts_file = work / "infer_texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    results = {}
    for system in SYSTEMS:
        results[system] = train(system, work, config, budget_s)
    for system in SYSTEMS:
        results[system].update(infer(system, work, results[system]["model"], texts_file))

    keys = ["dev_tag_acc", "train_wps", "steps", "epochs", "infer_wps_n_process_1",
            "infer_wps_n_process_2", "train_peak_rss_mib", "infer_peak_rss_mib"]
    ratios = {k: results["lexloom"][k] / results["spacy"][k] for k in keys
              if results["spacy"].get(k)}
    report = {"command": command, "budget_min_per_system": args.budget_min,
              "cores": "training: 1 (sched_setaffinity); inference: n_process cores",
              "config": "spacy init config -p tagger -l en -o efficiency; max_steps=0, "
                        "patience=0, training stopped at the budget",
              "python": sys.version.split()[0], "corpus": corpus, "results": results,
              "ratio_lexloom_over_spacy": ratios}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\n{'':28}{'lexloom':>14}{'spaCy':>14}{'ratio':>9}")
    for key in keys:
        lx, sp = results["lexloom"][key], results["spacy"][key]
        fmt = (lambda v: f"{v:.4f}") if key == "dev_tag_acc" else (lambda v: f"{v:,.0f}")
        print(f"{key:28}{fmt(lx):>14}{fmt(sp):>14}{ratios.get(key, float('nan')):>9.2f}")
    print(f"\nwrote {args.output}\nreproduce: {command}")


if __name__ == "__main__":
    main()
