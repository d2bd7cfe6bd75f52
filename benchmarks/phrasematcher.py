"""PhraseMatcher speed and agreement: lexloom vs spaCy 3.8, same phrases, same paragraphs.

Each system runs in its own process (its own interpreter; OMP_NUM_THREADS=1):
    python benchmarks/phrasematcher.py --lexloom-python .venv/bin/python \
        --spacy-python /work/spacy-venv/bin/python [--phrases 100000] [--paragraphs 2000]

Phrases are 1-4 word n-grams of the raw-text paragraphs after the matched ones, spread over 50
keys (some phrases under several keys). Prints, per system: pattern tokenization time, add()
time, matching words/s (CPU time, best of 5), the ratio, and whether the matches (ids, spans
and order) are identical; writes benchmarks/results/phrasematcher.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_JSONL = HERE.parent.parent / "shared" / "data" / "raw_text" / "text.jsonl"


def make_phrases(jsonl: Path, skip: int, n: int) -> list[tuple[str, str]]:
    """n distinct (key, phrase text) pairs of 1-4 word n-grams from paragraphs after `skip`."""
    seen, out = set(), []
    with jsonl.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < skip:
                continue
            words = json.loads(line)["text"].split()
            for j in range(0, len(words), 3):
                for size in (1, 2, 3, 4):
                    phrase = " ".join(words[j:j + size])
                    if len(out) < n and (phrase, size) not in seen:
                        seen.add((phrase, size))
                        out.append((f"TERM{len(out) % 50}", phrase))
                        if len(out) % 7 == 0:  # some phrases under two keys
                            out.append((f"TERM{(len(out) + 13) % 50}", phrase))
            if len(out) >= n:
                return out[:n]
    return out


def worker(lib: str, jsonl: Path, n_phrases: int, n_paragraphs: int, attr: str) -> dict:
    if lib == "spacy":
        import spacy as L
        from spacy.matcher import PhraseMatcher
    else:
        import lexloom as L
        from lexloom.matcher import PhraseMatcher
    nlp = L.blank("en")
    with jsonl.open(encoding="utf-8") as f:
        texts = [json.loads(next(f))["text"] for _ in range(n_paragraphs)]
    pairs = make_phrases(jsonl, n_paragraphs, n_phrases)
    docs = list(nlp.tokenizer.pipe(texts))
    t0 = time.perf_counter()
    pattern_docs = list(nlp.tokenizer.pipe(p for _, p in pairs))
    t_tok = time.perf_counter() - t0
    by_key: dict[str, list] = {}
    for (key, _), doc in zip(pairs, pattern_docs):
        by_key.setdefault(key, []).append(doc)
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    t0 = time.perf_counter()
    for key, pats in by_key.items():
        matcher.add(key, pats)
    t_add = time.perf_counter() - t0
    best = float("inf")
    for _ in range(5):
        t0 = time.process_time()  # CPU time: the benchmark machine is shared
        results = [matcher(doc) for doc in docs]
        best = min(best, time.process_time() - t0)
    n_words = sum(len(d) for d in docs)
    digest = hashlib.sha1(repr(results).encode()).hexdigest()
    return {"lib": lib, "phrases": len(pairs), "paragraphs": len(docs), "words": n_words,
            "matches": sum(len(r) for r in results), "tokenize_patterns_s": t_tok,
            "add_s": t_add, "match_s": best, "words_per_s": n_words / best, "digest": digest}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lexloom-python", default=sys.executable)
    ap.add_argument("--spacy-python", default="/work/spacy-venv/bin/python")
    ap.add_argument("--jsonl", type=Path, default=DEFAULT_JSONL)
    ap.add_argument("--phrases", type=int, default=100_000)
    ap.add_argument("--paragraphs", type=int, default=2000)
    ap.add_argument("--attr", default="ORTH")
    ap.add_argument("--worker", choices=["lexloom", "spacy"])
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.jsonl, args.phrases, args.paragraphs,
                                args.attr)))
        return
    env = dict(os.environ, OMP_NUM_THREADS="1")
    res = {}
    for lib, py in (("lexloom", args.lexloom_python), ("spacy", args.spacy_python)):
        cmd = [py, __file__, "--worker", lib, "--jsonl", str(args.jsonl), "--phrases",
               str(args.phrases), "--paragraphs", str(args.paragraphs), "--attr", args.attr]
        out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
        res[lib] = json.loads(out.strip().splitlines()[-1])
    lx, sp = res["lexloom"], res["spacy"]
    print("command:", " ".join([sys.executable] + sys.argv))
    for r in (lx, sp):
        print(f"{r['lib']:8s} phrases={r['phrases']} words={r['words']} matches={r['matches']} "
              f"tokenize patterns {r['tokenize_patterns_s']:.2f}s  add {r['add_s']:.3f}s  "
              f"match {r['match_s']:.3f}s = {r['words_per_s']:,.0f} words/s")
    res["match_speedup"] = lx["words_per_s"] / sp["words_per_s"]
    res["add_speedup"] = sp["add_s"] / lx["add_s"]
    res["identical"] = lx["digest"] == sp["digest"]
    print(f"matching: lexloom/spaCy = {res['match_speedup']:.2f}x; add: "
          f"{res['add_speedup']:.2f}x; identical results: {res['identical']}")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "phrasematcher.json").write_text(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
