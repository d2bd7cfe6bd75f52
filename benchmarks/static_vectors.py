"""Static vectors end to end: train word2vec with gensim on raw text, convert the vectors with
`lexloom init vectors` and `spacy init vectors` (load time and peak memory, same file), then
train lexloom's tagger + parser on UD English EWT with and without include_static_vectors and
report the accuracies and the relative error reduction.

Run in an environment with gensim, spaCy 3.8.18 and lexloom (no torch needed):
    python3 -m venv /work/bench-vec-venv
    /work/bench-vec-venv/bin/pip install spacy==3.8.18 gensim scikit-build-core cython \
        cython-cmake numpy
    /work/bench-vec-venv/bin/pip install --no-build-isolation \
        -C build-dir=/tmp/bench-vec-build .
    /work/bench-vec-venv/bin/python benchmarks/static_vectors.py [--paragraphs 40000]
        [--dim 300] [--epochs 3] [--max-steps 1000] [--workdir DIR]

Steps:
 1. tokenize the first --paragraphs paragraphs of raw_text/text.jsonl with lexloom's English
    tokenizer (the same tokens as spaCy's) and train gensim Word2Vec (--dim, window 5,
    min_count 5, --epochs, 2 workers); save word2vec text (.txt) and binary (.bin);
 2. `lexloom init vectors en` on the .txt and on the .bin, `spacy init vectors en` on the .txt
    (spaCy reads no binary word2vec), each in its own process: wall time and peak RSS;
    then the time to load each converted pipeline (lexloom.load / spacy.load);
 3. convert EWT train/dev (`lexloom convert -n 10`), write the efficiency tagger + parser
    config (`lexloom init config -p tagger,parser`), and train it twice with
    --training.max_steps: include_static_vectors = false, and = true with
    [initialize] vectors = the converted folder. Scores: dev tag_acc, dep_uas, dep_las of
    model-best; relative error reduction = (err_without - err_with) / err_without.
Writes benchmarks/results/static_vectors.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
PY = sys.executable


def run(cmd, **kwargs) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB of the child, its output); raises on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{proc.stdout}\n{proc.stderr}")
    # ru_maxrss of children is the max over all children so far: measure each in order of
    # growing size, or read it from /usr/bin/time when available.
    return wall, max(peak, before) / 1024, proc.stdout + proc.stderr


def timed(cmd) -> tuple[float, float, str]:
    """Wall seconds and this command's own peak RSS (MiB), via /usr/bin/time -v."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", *map(str, cmd)], capture_output=True,
                          text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{proc.stdout}\n{proc.stderr}")
    rss = next(int(line.split()[-1]) for line in proc.stderr.splitlines()
               if "Maximum resident set size" in line) / 1024
    return wall, rss, proc.stdout + proc.stderr


def train_word2vec(args, work: Path) -> dict:
    import lexloom
    from gensim.models import Word2Vec

    nlp = lexloom.blank("en")
    sentences = []
    start = time.perf_counter()
    with open(DATA / "raw_text" / "text.jsonl", encoding="utf8") as f:
        for i, line in enumerate(f):
            if i >= args.paragraphs:
                break
            sentences.append([t.text for t in nlp(json.loads(line)["text"]) if not t.is_space])
    tokenize_s = time.perf_counter() - start
    n_tokens = sum(map(len, sentences))
    start = time.perf_counter()
    model = Word2Vec(sentences, vector_size=args.dim, window=5, min_count=5, workers=2,
                     epochs=args.epochs, seed=0)
    train_s = time.perf_counter() - start
    model.wv.save_word2vec_format(str(work / "w2v.txt"), binary=False)
    model.wv.save_word2vec_format(str(work / "w2v.bin"), binary=True)
    return {"paragraphs": len(sentences), "tokens": n_tokens, "tokenize_s": tokenize_s,
            "word2vec_train_s": train_s, "vocab": len(model.wv), "dim": args.dim,
            "epochs": args.epochs, "txt_mb": (work / "w2v.txt").stat().st_size / 2**20,
            "bin_mb": (work / "w2v.bin").stat().st_size / 2**20}


def convert(work: Path) -> dict:
    out = {}
    lexloom_cli = [PY, "-m", "lexloom"]
    spacy_cli = [PY, "-m", "spacy"]
    for name, cmd in (
        ("lexloom_txt", lexloom_cli + ["init", "vectors", "en", work / "w2v.txt",
                                       work / "vec_lexloom"]),
        ("lexloom_bin", lexloom_cli + ["init", "vectors", "en", work / "w2v.bin",
                                       work / "vec_lexloom_bin"]),
        ("spacy_txt", spacy_cli + ["init", "vectors", "en", work / "w2v.txt",
                                   work / "vec_spacy"]),
    ):
        wall, rss, _ = timed(cmd)
        out[name] = {"init_vectors_s": round(wall, 2), "peak_rss_mib": round(rss, 1)}
        print(f"{name:12s} init vectors {wall:6.2f} s  peak RSS {rss:7.1f} MiB", flush=True)
    load = ("import sys, time; t = time.perf_counter(); import {lib}; nlp = {lib}.load(sys.argv[1]);"
            " v = nlp.vocab.vectors; print(time.perf_counter() - t, v.shape[0], v.n_keys)")
    for name, lib, folder in (("lexloom_txt", "lexloom", "vec_lexloom"),
                              ("spacy_txt", "spacy", "vec_spacy")):
        wall, rss, text = timed([PY, "-c", load.format(lib=lib), work / folder])
        seconds, rows, keys = text.split()[:3]
        out[name].update({"load_s": round(float(seconds), 3), "load_process_s": round(wall, 2),
                          "load_peak_rss_mib": round(rss, 1), "rows": int(rows),
                          "keys": int(keys)})
        print(f"{name:12s} load {float(seconds):6.3f} s (process {wall:5.2f} s)  peak RSS "
              f"{rss:7.1f} MiB  rows {rows} keys {keys}", flush=True)
    ratio = out["spacy_txt"]["init_vectors_s"] / out["lexloom_txt"]["init_vectors_s"]
    out["init_vectors_speedup_txt"] = round(ratio, 2)
    out["load_speedup"] = round(out["spacy_txt"]["load_s"] / out["lexloom_txt"]["load_s"], 2)
    return out


def first_sentences(path: Path, n: int) -> Path:
    """A copy of a .spacy corpus cut after its first n sentences (whole docs of 10)."""
    import lexloom
    from lexloom.tokens import DocBin

    vocab = lexloom.blank("en").vocab
    kept, count = [], 0
    for doc in DocBin().from_disk(path).get_docs(vocab):
        if count >= n:
            break
        kept.append(doc)
        count += len(list(doc.sents))
    out = path.with_name(f"{path.stem}-{n}-sentences.spacy")
    DocBin(docs=kept).to_disk(out)
    print(f"training on the first {count} sentences ({len(kept)} docs)", flush=True)
    return out


def train_pair(args, work: Path) -> dict:
    corpus = work / "corpus"
    corpus.mkdir(exist_ok=True)
    for split in ("train", "dev"):
        run([PY, "-m", "lexloom", "convert", DATA / "ud_english_ewt" / f"en_ewt-ud-{split}.conllu",
             corpus, "-n", "10"])
    train_path = corpus / "en_ewt-ud-train.spacy"
    if args.train_sentences:
        train_path = first_sentences(train_path, args.train_sentences)
    cfg = work / "base.cfg"
    run([PY, "-m", "lexloom", "init", "config", cfg, "-p", "tagger,parser", "--force"])
    text = cfg.read_text()
    results = {}
    for label, static in (("without", False), ("with", True)):
        variant = text.replace("include_static_vectors = false",
                               f"include_static_vectors = {str(static).lower()}")
        (work / f"{label}.cfg").write_text(variant)
        cmd = [PY, "-m", "lexloom", "train", work / f"{label}.cfg", "--output", work / label,
               "--paths.train", train_path,
               "--paths.dev", corpus / "en_ewt-ud-dev.spacy",
               "--training.max_steps", str(args.max_steps),
               "--training.eval_frequency", str(args.eval_frequency)]
        if static:
            cmd += ["--paths.vectors", work / "vec_lexloom"]
        wall, rss, _ = timed(cmd)
        meta = json.loads((work / label / "model-best" / "meta.json").read_text())
        scores = meta.get("performance", {})
        results[label] = {"train_s": round(wall, 1), "peak_rss_mib": round(rss, 1),
                          **{k: scores.get(k) for k in ("tag_acc", "dep_uas", "dep_las")}}
        print(f"{label:8s} static vectors: tag_acc {scores.get('tag_acc')} dep_uas "
              f"{scores.get('dep_uas')} dep_las {scores.get('dep_las')} ({wall:.0f} s)",
              flush=True)
    for key in ("tag_acc", "dep_uas", "dep_las"):
        a, b = results["without"].get(key), results["with"].get(key)
        if a is not None and b is not None and a < 1:
            results[f"{key}_error_reduction"] = round((b - a) / (1 - a), 4)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paragraphs", type=int, default=40000)
    parser.add_argument("--dim", type=int, default=300)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--max-steps", type=int, default=1000)
    parser.add_argument("--eval-frequency", type=int, default=200)
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--train-sentences", type=int, default=0,
                        help="train on the first N sentences of UD EWT train (0: all)")
    parser.add_argument("--reuse", type=Path, default=None,
                        help="JSON of an earlier run with the same --workdir: keep its word2vec "
                             "and conversion figures and files, only train")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/static_vectors_bench"))
    parser.add_argument("--json", type=Path, default=HERE / "results" / "static_vectors.json")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    result = {"command": " ".join([Path(PY).name, *sys.argv])}
    if args.reuse is not None:
        earlier = json.loads(args.reuse.read_text())
        result["word2vec"], result["convert"] = earlier["word2vec"], earlier["convert"]
        result["command"] = earlier["command"] + " && " + result["command"]
    else:
        result["word2vec"] = train_word2vec(args, args.workdir)
        print(json.dumps(result["word2vec"]), flush=True)
        result["convert"] = convert(args.workdir)
    if not args.skip_training:
        result["train"] = train_pair(args, args.workdir)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
