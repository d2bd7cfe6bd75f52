"""Train the same efficiency pipeline with lexloom and spaCy 3.8 for the same wall-clock budget
on one core, then compare dev accuracy, training speed, inference speed and memory.

Run in the benchmark environment (spaCy installed beside lexloom):
    /work/bench-venv/bin/pip install --no-build-isolation /work/main
    /work/bench-venv/bin/python benchmarks/train_pipeline.py --task tagger-parser \
        [--budget-min 15] [--workdir DIR]

Tasks: `tagger`, `tagger-parser` and `lemmatizer` (trainable_lemmatizer) train on UD English
EWT (train / dev); `ner` trains on
UNER English EWT, whose only available file (dev) is split by document with
benchmarks/uner_split.py (documents sorted by id, every 5th to eval).
Steps (each system in its own processes, pinned with os.sched_setaffinity):
 1. UD: convert train/dev CoNLL-U with `lexloom convert` and `spacy convert` (-n 10),
    checking that both write the same documents (each system trains on its own conversion,
    both are scored on spaCy's). UNER: one pair of .spacy files, read by both;
 2. write the config `spacy init config -p <components> -l en -o efficiency` gives, shared
    unchanged by both, except: no step limit and no early stopping, so each system trains for
    exactly --budget-min minutes (a logger registered for both libraries records every
    evaluation and stops training when the budget is spent);
 3. train with `lexloom train` and `spacy train` on one core;
 4. score each model-best on the dev/eval set, and time inference: nlp.pipe over the
    training texts, batch_size 1000, n_process 1 (one core) and 2 (two cores).
Figures: dev scores, training words/s (words trained / training seconds at the last
evaluation, evaluations and checkpoints included, as both loops count them), inference
words/s, peak RSS of the training and inference processes. Ratios are lexloom / spaCy.
Writes benchmarks/results/train_<task>.json.
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
# task -> (components for `init config -p`, dev score keys)
TASKS = {"tagger": ("tagger", ["tag_acc"]),
         "tagger-parser": ("tagger,parser", ["tag_acc", "dep_uas", "dep_las", "sents_f"]),
         "lemmatizer": ("trainable_lemmatizer", ["lemma_acc"]),
         "ner": ("ner", ["ents_f", "ents_p", "ents_r"])}

# Registered for both libraries (loaded with --code): the console logger, plus a record of
# each evaluation, and a stop when the time budget is spent.
BUDGET_CODE = '''
import json, os, time

BUDGET = float(os.environ["TRAIN_BUDGET_S"])
LOG = os.environ["TRAIN_RECORD"]
KEYS = os.environ["TRAIN_SCORE_KEYS"].split(",")


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
                                **{k: info["other_scores"].get(k) for k in KEYS}})
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
    system, model, dev, texts_file, n_process, keys = sys.argv[1:7]
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
        out.update({k: scores[k] for k in keys.split(",")})
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


def corpus_paths(task: str, work: Path, system: str) -> tuple[Path, Path]:
    """(train, dev) .spacy files that `system` trains on."""
    if task == "ner":
        return work / "corpus" / "uner" / "train.spacy", work / "corpus" / "uner" / "eval.spacy"
    corpus = work / "corpus" / system
    return corpus / "en_ewt-ud-train.spacy", corpus / "en_ewt-ud-dev.spacy"


def convert(task: str, work: Path) -> dict:
    """UD: both converters, train and dev, -n 10; returns doc/word counts and whether they
    agree. UNER: the document split, written once."""
    info = {}
    if task == "ner":
        sys.path.insert(0, str(HERE))
        from uner_split import write_split

        train_path, dev_path = write_split(work / "corpus" / "uner")
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab

        for split, path in (("train", train_path), ("eval", dev_path)):
            docs = list(DocBin().from_disk(path).get_docs(Vocab()))
            info[split] = {"docs": len(docs), "words": sum(len(d) for d in docs),
                           "entities": sum(len(d.ents) for d in docs)}
        return info
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


def efficiency_config(task: str, work: Path, training: dict) -> Path:
    """Write work/config.cfg: the config `spacy init config -p <components> -o efficiency`
    gives for the task, with these [training] settings replaced."""
    from confection import Config

    base = work / "init.cfg"
    run([PY, "-m", "spacy", "init", "config", str(base), "-p", TASKS[task][0], "-l", "en",
         "-o", "efficiency", "-F"])
    config = Config().from_disk(base, interpolate=False)
    config["training"].update(training)
    path = work / "config.cfg"
    config.to_disk(path)
    return path


def write_config(task: str, work: Path) -> Path:
    path = efficiency_config(task, work, {"max_steps": 0, "patience": 0,
                                          "logger": {"@loggers": "bench.BudgetLogger.v1"}})
    (work / "budget_code.py").write_text(BUDGET_CODE, encoding="utf-8")
    return path


def train(task: str, system: str, work: Path, config: Path, budget_s: float) -> dict:
    out = work / f"out_{system}"
    train_path, dev_path = corpus_paths(task, work, system)
    keys = TASKS[task][1]
    record = work / f"record_{system}.json"
    record.unlink(missing_ok=True)
    cmd = [PY, "-m", system, "train", str(config), "--output", str(out),
           "--code", str(work / "budget_code.py"),
           "--paths.train", str(train_path), "--paths.dev", str(dev_path)]
    print(f"  training {system} for {budget_s:.0f} s ...", flush=True)
    start = time.perf_counter()
    code, output, rss = run(cmd, log=work / f"train_{system}.log", cpus={0}, check=False,
                            timeout=budget_s + 900,
                            env={"TRAIN_BUDGET_S": str(budget_s), "TRAIN_RECORD": str(record),
                                 "TRAIN_SYSTEM": system, "TRAIN_SCORE_KEYS": ",".join(keys),
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
            **{f"best_dev_{k}_during_training": max(e[k] or 0 for e in evals) for k in keys},
            "n_evaluations": len(evals), "train_peak_rss_mib": rss, "process_wall_s": wall}


def infer(task: str, system: str, work: Path, model: str, texts_file: Path) -> dict:
    script = work / "infer.py"
    script.write_text(INFER_CODE, encoding="utf-8")
    dev = corpus_paths(task, work, "spacy")[1]
    keys = TASKS[task][1]
    result = {}
    env = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    for n_process in (1, 2):
        _code, output, rss = run([PY, str(script), system, model, str(dev), str(texts_file),
                                  str(n_process), ",".join(keys)], env=env, timeout=1800)
        line = [x for x in output.splitlines() if x.startswith("RESULT ")][-1]
        data = json.loads(line[len("RESULT "):])
        if n_process == 1:
            result.update({f"dev_{k}": data[k] for k in keys})
            result["infer_peak_rss_mib"] = rss
        result[f"infer_wps_n_process_{n_process}"] = data["infer_wps"]
        result["infer_words"] = data["infer_words"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--task", choices=sorted(TASKS), default="tagger-parser")
    parser.add_argument("--budget-min", type=float, default=15.0,
                        help="training minutes per system (default 15)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="default: /tmp/lexloom_train_<task>")
    parser.add_argument("--infer-docs", type=int, default=0,
                        help="train docs (of 10 sentences) to time inference on; 0: all")
    parser.add_argument("--infer-only", action="store_true",
                        help="keep the training figures of --output, re-time inference only")
    parser.add_argument("--output", type=Path, default=None,
                        help="default: benchmarks/results/train_<task>.json")
    args = parser.parse_args()
    task = args.task
    args.workdir = args.workdir or Path(f"/tmp/lexloom_train_{task}")
    args.output = args.output or HERE / "results" / f"train_{task.replace('-', '_')}.json"
    command = shlex.join([PY, *sys.argv])
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    budget_s = args.budget_min * 60
    print(f"command: {command}\nworkdir: {work}\ncores available: {os.cpu_count()}")
    corpus = convert(task, work)
    print(f"corpus: {json.dumps(corpus)}")
    config = write_config(task, work)
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    texts = [d.text for d in DocBin().from_disk(
        corpus_paths(task, work, "spacy")[0]).get_docs(Vocab())]
    if args.infer_docs:
        texts = texts[:args.infer_docs]
    texts_file = work / "infer_texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    results = {}
    if args.infer_only:
        previous = json.loads(args.output.read_text(encoding="utf-8"))
        results = {s: previous["results"][s] for s in SYSTEMS}
        command = previous["command"] + f"  (inference re-timed: {command})"
    else:
        for system in SYSTEMS:
            results[system] = train(task, system, work, config, budget_s)
    for system in SYSTEMS:
        results[system].update(infer(task, system, work, results[system]["model"], texts_file))

    keys = [f"dev_{k}" for k in TASKS[task][1]] + ["train_wps", "steps", "epochs", "infer_wps_n_process_1",
            "infer_wps_n_process_2", "train_peak_rss_mib", "infer_peak_rss_mib"]
    ratios = {k: results["lexloom"][k] / results["spacy"][k] for k in keys
              if results["spacy"].get(k)}
    report = {"command": command, "task": task, "budget_min_per_system": args.budget_min,
              "cores": "training: 1 (sched_setaffinity); inference: n_process cores",
              "config": f"spacy init config -p {TASKS[task][0]} -l en -o efficiency; max_steps=0, "
                        "patience=0, training stopped at the budget",
              "python": sys.version.split()[0], "corpus": corpus, "results": results,
              "ratio_lexloom_over_spacy": ratios}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\n{'':28}{'lexloom':>14}{'spaCy':>14}{'ratio':>9}")
    for key in keys:
        lx, sp = results["lexloom"][key], results["spacy"][key]
        fmt = (lambda v: f"{v:.4f}") if key.startswith("dev_") else (lambda v: f"{v:,.0f}")
        print(f"{key:28}{fmt(lx):>14}{fmt(sp):>14}{ratios.get(key, float('nan')):>9.2f}")
    print(f"\nwrote {args.output}\nreproduce: {command}")


if __name__ == "__main__":
    main()
