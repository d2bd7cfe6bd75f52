"""Pretraining with the characters objective: lexloom vs spaCy 3.8 words/s on the same config,
and (with --accuracy) what lexloom's pretrained tok2vec does for a tagger + parser trained on
1,000 UD EWT sentences.

Run in an environment with spaCy 3.8.18 and this lexloom:
    python benchmarks/pretrain.py [--budget-s 180] [--workdir DIR]
    python benchmarks/pretrain.py --accuracy --pretrain-min 15 --train-steps 1500

Speed: the config `spacy init config -p tagger,parser -o efficiency --pretraining` writes
(tok2vec width 96, depth 4; [pretraining] defaults: characters objective, n_characters 4,
hidden 300, batches of 3,000 words), used unchanged by both except that the batcher is
wrapped by a time budget (registered for both libraries, loaded with --code): each system
runs `<system> pretrain` on Gutenberg raw text (`raw_text/text.jsonl`) on one core for
--budget-s seconds. Words/s = words of the batches trained / seconds from the first batch to
the end of the last (reading and tokenizing the text included, start-up excluded).

Accuracy (--accuracy): lexloom pretrains the same tok2vec for --pretrain-min minutes, then
`lexloom train` trains tagger + parser on the first 1,000 sentences of EWT train for
--train-steps steps twice, with and without [initialize] init_tok2vec (same seed), scoring
model-best on EWT dev. Error reduction = 1 - (1 - acc_pre) / (1 - acc_base).
Writes benchmarks/results/pretrain.json.
"""
from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_pipeline import run as run_command  # noqa: E402

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
PY = sys.executable
SYSTEMS = ("lexloom", "spacy")
ONE_CORE = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

# Registered for both libraries (loaded with --code): batch_by_words that stops after a time
# budget and records the words and seconds of the batches it handed out.
BUDGET_CODE = '''
import json, os, time

BUDGET = float(os.environ["PRETRAIN_BUDGET_S"])
RECORD = os.environ["PRETRAIN_RECORD"]


def budget_batcher(size, tolerance=0.2, discard_oversize=False, get_length=None):
    base = BATCH_BY_WORDS(size=size, tolerance=tolerance, discard_oversize=discard_oversize,
                          get_length=get_length)

    def batch(items):
        first = None
        words = 0
        n = 0
        last = None
        for b in base(items):
            now = time.perf_counter()
            if first is None:
                first = now
            else:
                words += last
                n += 1
                # batches 1..n are trained when the next one is asked for
                with open(RECORD, "w") as f:
                    json.dump({"words": words, "batches": n, "seconds": now - first}, f)
                if now - first > BUDGET:
                    return
            last = sum(len(eg.reference) if hasattr(eg, "reference") else len(eg) for eg in b)
            yield b

    return batch


if os.environ["PRETRAIN_SYSTEM"] == "lexloom":
    from lexloom.registry import registry as _reg
    from lexloom.training.batchers import configure_batch_by_words as BATCH_BY_WORDS
else:
    from spacy.util import registry as _reg
    from spacy.training.batchers import configure_minibatch_by_words as BATCH_BY_WORDS
_reg.batchers.register("bench.budget_batch_by_words.v1", func=budget_batcher)
'''


def run(cmd: list[str], *, log: Path | None = None, env: dict | None = None,
        cpus: set[int] | None = None, check: bool = True, timeout: float = 7200):
    """train_pipeline.run on one BLAS thread; returns (exit code, output)."""
    code, output, _rss = run_command(cmd, log=log, env={**ONE_CORE, **(env or {})}, cpus=cpus,
                                     check=check, timeout=timeout)
    return code, output


def write_configs(work: Path) -> tuple[Path, Path]:
    """(the config spaCy's init config writes, the same with the budget batcher)."""
    from confection import Config

    base = work / "pretrain_init.cfg"
    run([PY, "-m", "spacy", "init", "config", str(base), "-p", "tagger,parser", "-l", "en",
         "-o", "efficiency", "--pretraining", "-F"])
    config = Config().from_disk(base, interpolate=False)
    batcher = dict(config["pretraining"]["batcher"])
    batcher["@batchers"] = "bench.budget_batch_by_words.v1"
    config["pretraining"]["batcher"] = batcher
    config["pretraining"]["max_epochs"] = 1
    path = work / "pretrain_budget.cfg"
    config.to_disk(path)
    (work / "budget_code.py").write_text(BUDGET_CODE, encoding="utf-8")
    return base, path


def pretrain_speed(system: str, work: Path, config: Path, raw: Path, budget_s: float) -> dict:
    out = work / f"pre_{system}"
    record = work / f"record_{system}.json"
    record.unlink(missing_ok=True)
    if out.exists():
        for p in out.iterdir():
            p.unlink()
    cmd = [PY, "-m", system, "pretrain", str(config), str(out), "--code",
           str(work / "budget_code.py"), "--paths.raw_text", str(raw)]
    print(f"  {system} pretrain for {budget_s:.0f} s ...", flush=True)
    start = time.perf_counter()
    run(cmd, log=work / f"pretrain_{system}.log", cpus={0}, timeout=budget_s + 900,
        env={"PRETRAIN_SYSTEM": system, "PRETRAIN_BUDGET_S": str(budget_s),
             "PRETRAIN_RECORD": str(record)})
    wall = time.perf_counter() - start
    rec = json.loads(record.read_text())
    log = [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]
    return {"words": rec["words"], "batches": rec["batches"], "seconds": rec["seconds"],
            "words_per_second": rec["words"] / rec["seconds"], "process_seconds": wall,
            "loss_per_word": log[-1]["loss"] / max(log[-1]["nr_word"], 1),
            "command": shlex.join(cmd)}


# ---- accuracy (lexloom only) --------------------------------------------------------------


def subset_corpus(work: Path, n_sents: int) -> tuple[Path, Path]:
    """EWT train's first n sentences (one Doc each) and EWT dev, as .spacy files."""
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        src = DATA / "ud_english_ewt" / f"en_ewt-ud-{split}.conllu"
        if not (corpus / f"{src.stem}.spacy").exists():
            run([PY, "-m", "lexloom", "convert", str(src), str(corpus), "--converter",
                 "conllu", "-n", "1"])
    from lexloom.tokens import DocBin
    from lexloom.vocab import Vocab

    small = corpus / f"train-{n_sents}.spacy"
    docs = list(DocBin().from_disk(corpus / "en_ewt-ud-train.spacy").get_docs(Vocab()))
    db = DocBin(store_user_data=False)
    for doc in docs[:n_sents]:
        db.add(doc)
    db.to_disk(small)
    return small, corpus / "en_ewt-ud-dev.spacy"


def accuracy(work: Path, base_config: Path, raw: Path, args) -> dict:
    from confection import Config

    train_path, dev_path = subset_corpus(work, args.n_sents)
    config = Config().from_disk(base_config, interpolate=False)
    config["pretraining"]["max_epochs"] = 1000
    batcher = dict(config["pretraining"]["batcher"])
    batcher["@batchers"] = "bench.budget_batch_by_words.v1"
    config["pretraining"]["batcher"] = batcher
    config["training"]["max_steps"] = args.train_steps
    config["training"]["max_epochs"] = 0
    config["training"]["patience"] = 0
    config["training"]["eval_frequency"] = args.eval_frequency
    path = work / "accuracy.cfg"
    config.to_disk(path)
    out = work / "pre_long"
    budget = args.pretrain_min * 60
    record = work / "record_long.json"
    print(f"  lexloom pretrain for {args.pretrain_min} min ...", flush=True)
    # the budget batcher ends the first epoch when the time is spent; one epoch of the raw
    # text is ~7M words, more than the budget covers
    run([PY, "-m", "lexloom", "pretrain", str(path), str(out), "--code",
         str(work / "budget_code.py"), "--paths.raw_text", str(raw),
         "--pretraining.max_epochs", "1"], log=work / "pretrain_long.log", cpus={0},
        env={"PRETRAIN_SYSTEM": "lexloom", "PRETRAIN_BUDGET_S": str(budget),
             "PRETRAIN_RECORD": str(record)}, timeout=budget + 900)
    weights = out / "model0.bin"
    results = {"pretrain": json.loads(record.read_text()), "weights": str(weights)}
    for name, init in (("baseline", None), ("pretrained", weights)):
        dest = work / f"train_{name}"
        cmd = [PY, "-m", "lexloom", "train", str(path), "--output", str(dest),
               "--paths.train", str(train_path), "--paths.dev", str(dev_path),
               "--training.seed", str(args.seed)]
        if init is not None:
            cmd += ["--paths.init_tok2vec", str(init)]
        print(f"  lexloom train ({name}) for {args.train_steps} steps ...", flush=True)
        _code, output = run(cmd, log=work / f"train_{name}.log", cpus={0})
        meta = json.loads((dest / "model-best" / "meta.json").read_text())
        perf = meta["performance"]
        results[name] = {k: perf.get(k) for k in ("tag_acc", "dep_uas", "dep_las")}
        results[name]["loaded_line"] = next((line for line in output.splitlines()
                                             if "Loaded pretrained" in line), None)
    reduction = {}
    for key in ("tag_acc", "dep_uas", "dep_las"):
        base, pre = results["baseline"][key], results["pretrained"][key]
        if base is not None and pre is not None and base < 1.0:
            reduction[key] = 1.0 - (1.0 - pre) / (1.0 - base)
    results["error_reduction"] = reduction
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--budget-s", type=float, default=180.0,
                        help="pretraining seconds per system for the speed comparison")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/lexloom_pretrain_bench"))
    parser.add_argument("--raw", type=Path, default=DATA / "raw_text" / "text.jsonl")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--accuracy", action="store_true")
    parser.add_argument("--pretrain-min", type=float, default=15.0)
    parser.add_argument("--train-steps", type=int, default=1500)
    parser.add_argument("--eval-frequency", type=int, default=100)
    parser.add_argument("--n-sents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "pretrain.json")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    base, budget_config = write_configs(args.workdir)
    result: dict = {"command": shlex.join([PY] + sys.argv), "budget_s": args.budget_s}
    if not args.skip_speed:
        speed = {s: pretrain_speed(s, args.workdir, budget_config, args.raw, args.budget_s)
                 for s in SYSTEMS}
        speed["ratio"] = speed["lexloom"]["words_per_second"] / \
            speed["spacy"]["words_per_second"]
        result["speed"] = speed
        print(f"\npretraining words/s, one core, {args.budget_s:.0f} s each, config of "
              "`spacy init config -p tagger,parser --pretraining`:")
        for s in SYSTEMS:
            r = speed[s]
            print(f"  {s:8s} {r['words_per_second']:10,.0f} w/s  ({r['words']:,} words, "
                  f"{r['batches']} batches, {r['seconds']:.1f} s; loss/word "
                  f"{r['loss_per_word']:.3f})")
        print(f"  ratio    {speed['ratio']:.2f}x")
    if args.accuracy:
        acc = accuracy(args.workdir, base, args.raw, args)
        result["accuracy"] = acc
        print(f"\ntagger + parser on {args.n_sents} EWT train sentences, {args.train_steps} "
              f"steps, scored on EWT dev (model-best); pretraining "
              f"{acc['pretrain']['words']:,} words in {acc['pretrain']['seconds']:.0f} s:")
        for key in ("tag_acc", "dep_uas", "dep_las"):
            print(f"  {key:8s} baseline {acc['baseline'][key]:.4f}  pretrained "
                  f"{acc['pretrained'][key]:.4f}  error reduction "
                  f"{acc['error_reduction'].get(key, float('nan')):+.1%}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nwrote {args.json}\nreproduce: {result['command']}")


if __name__ == "__main__":
    main()
