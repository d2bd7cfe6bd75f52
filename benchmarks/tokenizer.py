"""Tokenizer throughput and agreement: lexloom vs spaCy 3.8, same texts, same process, one core.

Run in the benchmark environment (spaCy installed beside lexloom):
    python benchmarks/tokenizer.py [--jsonl ../shared/data/raw_text/text.jsonl] [--n 20000]
        [--conllu ../shared/data/ud_english_ewt/en_ewt-ud-dev.conllu] [--repeats 3]

Prints tokens/s for each system (cold: first pass with empty caches; warm: best of the
repeats), the ratio, token agreement, and start-up time; writes benchmarks/results/tokenizer.json.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"


def read_jsonl(path: Path, n: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if len(texts) >= n:
                break
            texts.append(json.loads(line)["text"])
    return texts


def read_conllu_texts(path: Path) -> list[str]:
    return [line[len("# text = "):].rstrip("\n") for line in path.open(encoding="utf-8")
            if line.startswith("# text = ")]


def spans(doc) -> list[tuple[int, int]]:
    return [(t.idx, t.idx + len(t.text)) for t in doc]


def agreement(texts, tok_a, tok_b) -> tuple[float, int, list]:
    """Fraction of B's tokens (char spans) that A also produced; some differing examples."""
    same = total = 0
    examples = []
    for text in texts:
        a, b = set(spans(tok_a(text))), spans(tok_b(text))
        total += len(b)
        hit = sum(1 for s in b if s in a)
        same += hit
        if hit < len(b) and len(examples) < 10:
            diff = [text[s:e] for s, e in b if (s, e) not in a][:5]
            examples.append(diff)
    return same / max(total, 1), total, examples


def throughput(tokenize, texts) -> tuple[float, int]:
    start = time.perf_counter()
    n = 0
    for text in texts:
        n += len(tokenize(text))
    return n / (time.perf_counter() - start), n


def startup_seconds(code: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", type=Path, default=DEFAULT_DATA / "raw_text" / "text.jsonl")
    ap.add_argument("--conllu", type=Path,
                    default=DEFAULT_DATA / "ud_english_ewt" / "en_ewt-ud-dev.conllu")
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--output", type=Path, default=HERE / "results" / "tokenizer.json")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    import lexloom
    import spacy

    texts = read_jsonl(args.jsonl, args.n)
    ud_texts = read_conllu_texts(args.conllu)
    results: dict = {"command": " ".join([Path(sys.executable).name] + sys.argv),
                     "n_texts": len(texts), "chars": sum(map(len, texts))}
    systems = {}
    for name, make in (("lexloom", lambda: lexloom.blank("en")),
                       ("spacy", lambda: spacy.blank("en"))):
        nlp = make()
        cold, n_tokens = throughput(nlp.tokenizer, texts)
        warm = max(throughput(nlp.tokenizer, texts)[0] for _ in range(args.repeats))
        systems[name] = {"cold_tokens_per_s": cold, "warm_tokens_per_s": warm,
                         "tokens": n_tokens}
    results["systems"] = systems
    results["ratio_cold"] = systems["lexloom"]["cold_tokens_per_s"] / systems["spacy"]["cold_tokens_per_s"]
    results["ratio_warm"] = systems["lexloom"]["warm_tokens_per_s"] / systems["spacy"]["warm_tokens_per_s"]

    ll, sp = lexloom.blank("en").tokenizer, spacy.blank("en").tokenizer
    for label, corpus in (("raw_text", texts), ("ud_ewt_dev", ud_texts)):
        agree, total, examples = agreement(corpus, ll, sp)
        results[f"agreement_{label}"] = agree
        results[f"agreement_{label}_tokens"] = total
        results[f"disagreements_{label}"] = examples

    results["startup_lexloom_s"] = startup_seconds("import lexloom; lexloom.blank('en')")
    results["startup_spacy_s"] = startup_seconds("import spacy; spacy.blank('en')")

    print(f"command: {results['command']}")
    print(f"texts: {len(texts)} paragraphs, {results['chars']:,} chars, one core")
    for name, r in systems.items():
        print(f"{name:>8}: cold {r['cold_tokens_per_s']:>12,.0f} tok/s   warm "
              f"{r['warm_tokens_per_s']:>12,.0f} tok/s   ({r['tokens']:,} tokens)")
    print(f"   ratio: cold {results['ratio_cold']:.2f}x   warm {results['ratio_warm']:.2f}x")
    for label in ("raw_text", "ud_ewt_dev"):
        print(f"agreement {label}: {results[f'agreement_{label}']:.5%} of "
              f"{results[f'agreement_{label}_tokens']:,} spaCy tokens")
    print(f"start-up (import + blank('en')): lexloom {results['startup_lexloom_s']:.3f} s, "
          f"spaCy {results['startup_spacy_s']:.3f} s")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
