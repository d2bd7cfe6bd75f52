"""entity_ruler throughput: lexloom vs spaCy 3.8, same paragraphs, same patterns, each in its
own process with OMP_NUM_THREADS=1.

    python benchmarks/entity_ruler.py [--jsonl ../shared/data/raw_text/text.jsonl] [--n 2000]
        [--phrases 10000] [--token-patterns 100] [--repeats 3]
        [--lexloom-python PY] [--spacy-python PY]

Patterns are drawn from the paragraphs themselves (so they match): 10,000 distinct 1-3 word
phrases and 100 token patterns (LOWER / IN / IS_TITLE / LIKE_NUM, with ? + operators).
Prints, for each system, the time to add the patterns, words/s of tokenizer + entity_ruler,
words/s of the entity_ruler alone (on pre-tokenized Docs, best of the repeats), the ratio,
and whether the entities agree; writes benchmarks/results/entity_ruler.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from corpora import read_jsonl_texts

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "raw_text" / "text.jsonl"


def make_patterns(texts: list[str], n_phrases: int, n_token: int, seed: int = 0) -> list[dict]:
    """Deterministic patterns from whitespace-split words (no library needed, so both
    processes build the same list)."""
    rng = random.Random(seed)
    words = [w.strip(".,;:!?\"'()[]“”‘’") for t in texts for w in t.split()]
    words = [w for w in words if w.isalpha()]
    phrases: dict[str, None] = {}
    while len(phrases) < n_phrases:
        n = rng.choice((1, 2, 2, 3))
        i = rng.randrange(len(words) - n)
        phrases[" ".join(words[i:i + n])] = None
    labels = ["PERSON", "ORG", "GPE", "WORK", "EVENT", "MISC"]
    patterns: list[dict] = []
    for k, phrase in enumerate(phrases):
        entry = {"label": labels[k % len(labels)], "pattern": phrase}
        if k % 5 == 0:
            entry["id"] = f"p{k}"
        patterns.append(entry)
    lowers = sorted({w.lower() for w in words})
    for k in range(n_token):
        a, b, c = (rng.choice(lowers) for _ in range(3))
        kind = k % 4
        if kind == 0:
            pattern = [{"IS_TITLE": True}, {"LOWER": a}]
        elif kind == 1:
            pattern = [{"LOWER": {"IN": [a, b, c]}}, {"IS_TITLE": True, "OP": "+"}]
        elif kind == 2:
            pattern = [{"LIKE_NUM": True}, {"LOWER": {"IN": [a, b]}, "OP": "?"}, {"LOWER": c}]
        else:
            pattern = [{"LOWER": a}, {"LOWER": "of"}, {"IS_TITLE": True}]
        patterns.append({"label": "TOK", "pattern": pattern, "id": f"t{k}"})
    return patterns


def worker(args) -> None:
    lib = __import__(args.lib)
    texts = read_jsonl_texts(Path(args.jsonl), args.n)
    patterns = make_patterns(texts, args.phrases, args.token_patterns)
    nlp = lib.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    start = time.perf_counter()
    ruler.add_patterns(patterns)
    add_s = time.perf_counter() - start
    docs = list(nlp.tokenizer.pipe(texts))  # warm the tokenizer cache
    n_words = sum(len(d) for d in docs)
    full_s, ruler_s = [], []
    for _ in range(args.repeats):
        start = time.perf_counter()
        out = [nlp(t) for t in texts]
        full_s.append(time.perf_counter() - start)
        docs = list(nlp.tokenizer.pipe(texts))
        start = time.perf_counter()
        for d in docs:
            ruler(d)
        ruler_s.append(time.perf_counter() - start)
    ents = [[(e.start, e.end, e.label_, e.ent_id_) for e in d.ents] for d in out]
    digest = hashlib.sha1(json.dumps(ents).encode()).hexdigest()
    print(json.dumps({"lib": args.lib, "version": lib.__version__ if hasattr(lib, "__version__")
                      else "", "patterns": len(patterns), "paragraphs": len(texts),
                      "words": n_words, "add_patterns_s": add_s,
                      "pipeline_words_per_s": n_words / min(full_s),
                      "ruler_words_per_s": n_words / min(ruler_s),
                      "n_ents": sum(len(e) for e in ents), "ents_sha1": digest}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", default=str(DEFAULT_DATA))
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--phrases", type=int, default=10000)
    ap.add_argument("--token-patterns", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--lib", choices=["lexloom", "spacy"])
    ap.add_argument("--lexloom-python", default=sys.executable)
    ap.add_argument("--spacy-python", default=sys.executable)
    ap.add_argument("--json", default=str(HERE / "results" / "entity_ruler.json"))
    args = ap.parse_args()
    if args.lib:
        worker(args)
        return
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    results = {}
    for lib, python in (("spacy", args.spacy_python), ("lexloom", args.lexloom_python)):
        cmd = [python, __file__, "--lib", lib, "--jsonl", args.jsonl, "--n", str(args.n),
               "--phrases", str(args.phrases), "--token-patterns", str(args.token_patterns),
               "--repeats", str(args.repeats)]
        out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
        results[lib] = json.loads(out.strip().splitlines()[-1])
    sp, lx = results["spacy"], results["lexloom"]
    print(f"command: {' '.join(sys.argv)}")
    print(f"{sp['paragraphs']} paragraphs, {sp['words']:,} words, {sp['patterns']:,} patterns")
    print(f"{'':28}{'spaCy':>14}{'lexloom':>14}{'ratio':>8}")
    for key, label in (("add_patterns_s", "add_patterns (s)"),
                       ("pipeline_words_per_s", "tokenizer+ruler words/s"),
                       ("ruler_words_per_s", "entity_ruler words/s")):
        ratio = (sp[key] / lx[key]) if key.endswith("_s") and not key.endswith("per_s") \
            else lx[key] / sp[key]
        print(f"{label:28}{sp[key]:>14,.2f}{lx[key]:>14,.2f}{ratio:>7.2f}x")
    same = sp["ents_sha1"] == lx["ents_sha1"]
    print(f"entities: spaCy {sp['n_ents']:,}, lexloom {lx['n_ents']:,}, identical: {same}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"command": sys.argv, **results,
                                           "identical": same}, indent=2))


if __name__ == "__main__":
    main()
