"""DocBin interoperability and speed, lexloom against spaCy 3.8, on a converted UD treebank.

Run with the benchmark environment, where both libraries are installed:

    /work/bench-venv/bin/pip install /work/main     # when lexloom there is older than the tree
    /work/bench-venv/bin/python benchmarks/docbin_interop.py \
        [--input shared/data/ud_english_ewt/en_ewt-ud-dev.conllu] [--n-sents 10] [--repeat 5]

What it checks (exit status 1 if any check fails):
1. converter parity: lexloom's conllu converter writes the same DocBin payload as spaCy's;
2. lexloom writes, spaCy reads: every token annotation, cats, span groups and user data equal
   what spaCy's own conversion holds; and spaCy writes, lexloom reads, likewise;
3. (when the UNER file is there) the Universal NER `.iob2` dev file converts with the entity
   counts its README states.
What it measures: DocBin.to_bytes (write) and DocBin.from_bytes + get_docs (read) for both
libraries, best of --repeat runs, as MB/s of `.spacy` bytes and tokens/s, and the
lexloom/spaCy ratio. Figures are printed and written as JSON to --json.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import srsly
from timing import best_time

ROOT = Path(__file__).resolve().parent.parent
SHARED = next((p for p in (ROOT / "shared", ROOT.parent / "shared", Path("/work/shared"))
               if (p / "data").is_dir()), ROOT / "shared")
DEFAULT_INPUT = SHARED / "data" / "ud_english_ewt" / "en_ewt-ud-dev.conllu"
UNER_DEV = SHARED / "data" / "uner_english_ewt" / "en_ewt-ud-dev.iob2"


def decorate(doc, span_cls):
    """Give a doc the annotations a converter does not set: cats, a span group, user data."""
    doc.cats = {"LONG": float(len(doc) > 100), "SHORT": float(len(doc) < 20)}
    spans = [span_cls(doc, t.i, t.i + 1, label=t.pos_ or "X") for t in doc if t.i % 7 == 0]
    doc.spans["every7"] = spans
    doc.user_data[("._.", "n_tokens", None, None)] = len(doc)
    if len(doc):
        doc.user_data[("._.", "first", doc[0].idx, None)] = doc[0].text


def describe(doc):
    return {
        "tokens": [(t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.head.i,
                    t.dep_, t.ent_iob_, t.ent_type_, bool(t.is_sent_start)) for t in doc],
        "has_unknown_spaces": doc.has_unknown_spaces,
        "cats": dict(doc.cats),
        "spans": {k: [(s.start, s.end, s.label_) for s in g] for k, g in doc.spans.items()},
        "user_data": dict(doc.user_data),
    }


def compare(expected, got, what):
    if len(expected) != len(got):
        return [f"{what}: {len(got)} docs, expected {len(expected)}"]
    problems = []
    for i, (a, b) in enumerate(zip(expected, got)):
        da, db = describe(a), describe(b)
        if da != db:
            keys = [k for k in da if da[k] != db[k]]
            detail = ""
            if "tokens" in keys:
                j = next(j for j, (x, y) in enumerate(zip(da["tokens"], db["tokens"])) if x != y) \
                    if len(da["tokens"]) == len(db["tokens"]) else -1
                detail = f" first token diff at {j}: {da['tokens'][j]} vs {db['tokens'][j]}"
            problems.append(f"{what}: doc {i} differs in {keys}{detail}")
            if len(problems) >= 5:
                break
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--n-sents", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" /
                        "docbin_interop.json")
    args = parser.parse_args()

    import spacy
    from spacy.tokens import DocBin as SpacyDocBin, Span as SpacySpan
    from spacy.training.converters import conllu_to_docs as spacy_conllu

    import lexloom
    from lexloom.tokens import Span as LexSpan
    from lexloom.tokens.docbin import DocBin as LexDocBin
    from lexloom.training.converters import conllu_to_docs as lex_conllu, iob_to_docs
    from lexloom.vocab import Vocab as LexVocab

    command = " ".join([sys.executable, *sys.argv])
    text = args.input.read_text(encoding="utf-8")
    print(f"$ {command}")
    print(f"spaCy {spacy.__version__} | lexloom {lexloom.about.__lexloom_version__} "
          f"({lexloom.__file__}) | Python {platform.python_version()} | input {args.input} | "
          f"n_sents {args.n_sents}")
    failures: list[str] = []

    # 1. converter parity (before decorating: the converters' own output)
    start = time.perf_counter()
    spacy_docs = list(spacy_conllu(text, n_sents=args.n_sents, no_print=True))
    spacy_convert_s = time.perf_counter() - start
    start = time.perf_counter()
    lex_docs = list(lex_conllu(text, n_sents=args.n_sents))
    lex_convert_s = time.perf_counter() - start
    spacy_payload = zlib.decompress(SpacyDocBin(store_user_data=True, docs=spacy_docs).to_bytes())
    lex_payload = zlib.decompress(LexDocBin(store_user_data=True, docs=lex_docs).to_bytes())
    parity = spacy_payload == lex_payload
    if not parity:
        a, b = srsly.msgpack_loads(spacy_payload), srsly.msgpack_loads(lex_payload)
        failures.append("converter parity: payload differs in "
                        f"{[k for k in a if a[k] != b.get(k)]}")
    n_tokens = sum(len(d) for d in spacy_docs)
    print(f"converted {len(spacy_docs)} docs, {n_tokens} tokens; lexloom converter payload "
          f"{'==' if parity else '!='} spaCy converter payload")
    print(f"conllu -> Docs (one run): spaCy {spacy_convert_s:.2f} s, lexloom {lex_convert_s:.2f} s "
          f"({spacy_convert_s / lex_convert_s:.2f} x spaCy's speed)")

    for doc in spacy_docs:
        decorate(doc, SpacySpan)
    for doc in lex_docs:
        decorate(doc, LexSpan)

    # 2. cross reading
    lex_bytes = LexDocBin(store_user_data=True, docs=lex_docs).to_bytes()
    spacy_bytes = SpacyDocBin(store_user_data=True, docs=spacy_docs).to_bytes()
    read_by_spacy = list(SpacyDocBin().from_bytes(lex_bytes).get_docs(spacy.blank("en").vocab))
    read_by_lex = list(LexDocBin().from_bytes(spacy_bytes).get_docs(LexVocab()))
    failures += compare(spacy_docs, read_by_spacy, "lexloom-written, spaCy-read")
    failures += compare(lex_docs, read_by_lex, "spaCy-written, lexloom-read")
    same_bytes = zlib.decompress(lex_bytes) == zlib.decompress(spacy_bytes)
    spacy_read_ok = not any("spaCy-read" in f for f in failures)
    lex_read_ok = not any("lexloom-read" in f for f in failures)
    print(f"lexloom-written -> spaCy-read: {'OK' if spacy_read_ok else 'FAIL'}; "
          f"spaCy-written -> lexloom-read: {'OK' if lex_read_ok else 'FAIL'}; "
          f"payloads byte-identical: {same_bytes}")

    # 3. UNER
    uner = None
    if UNER_DEV.exists():
        uner_docs = list(iob_to_docs(UNER_DEV.read_text(encoding="utf-8"), n_sents=1,
                                     source=str(UNER_DEV)))
        labels = Counter(e.label_ for d in uner_docs for e in d.ents)
        uner = {"docs": len(uner_docs), "tokens": sum(len(d) for d in uner_docs),
                "entities": dict(sorted(labels.items())),
                "unknown_space_docs": sum(d.has_unknown_spaces for d in uner_docs)}
        expected = {"LOC": 399, "ORG": 224, "PER": 343}
        if uner["entities"] != expected or uner["docs"] != 2001 or uner["tokens"] != 25149:
            failures.append(f"UNER dev: {uner}, expected 2001 docs, 25149 tokens, {expected}")
        print(f"UNER dev .iob2 (spaCy cannot convert it): {uner}")

    # 4. speed
    mb = len(spacy_bytes) / 1e6
    timings = {}
    timings["spacy_write"], _ = best_time(
        lambda: SpacyDocBin(store_user_data=True, docs=spacy_docs).to_bytes(), args.repeat)
    timings["lexloom_write"], _ = best_time(
        lambda: LexDocBin(store_user_data=True, docs=lex_docs).to_bytes(), args.repeat)
    spacy_vocab, lex_vocab = spacy.blank("en").vocab, LexVocab()
    timings["spacy_read"], _ = best_time(
        lambda: list(SpacyDocBin().from_bytes(spacy_bytes).get_docs(spacy_vocab)), args.repeat)
    timings["lexloom_read"], _ = best_time(
        lambda: list(LexDocBin().from_bytes(spacy_bytes).get_docs(lex_vocab)), args.repeat)
    figures = {}
    print(f"\n.spacy size {len(spacy_bytes)} bytes ({mb:.3f} MB), {n_tokens} tokens, "
          f"best of {args.repeat}")
    print(f"{'':16}{'seconds':>10}{'MB/s':>10}{'tokens/s':>14}")
    for key, seconds in timings.items():
        figures[key] = {"seconds": seconds, "MB_per_s": mb / seconds,
                        "tokens_per_s": n_tokens / seconds}
        print(f"{key:16}{seconds:10.4f}{mb / seconds:10.2f}{n_tokens / seconds:14,.0f}")
    ratios = {op: timings[f"spacy_{op}"] / timings[f"lexloom_{op}"] for op in ("write", "read")}
    for op, ratio in ratios.items():
        print(f"lexloom {op} speed = {ratio:.2f} x spaCy's")

    result = {
        "command": command, "spacy": spacy.__version__,
        "lexloom": lexloom.about.__lexloom_version__,
        "python": platform.python_version(), "machine": platform.machine(),
        "input": str(args.input), "n_sents": args.n_sents, "docs": len(spacy_docs),
        "tokens": n_tokens, "spacy_bytes": len(spacy_bytes), "converter_parity": parity,
        "payload_identical": same_bytes, "uner": uner, "timings": figures,
        "convert_seconds": {"spacy": spacy_convert_s, "lexloom": lex_convert_s},
        "speed_ratio_lexloom_over_spacy": ratios, "failures": failures,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    for failure in failures:
        print("FAIL", failure)
    print("all interop checks passed" if not failures else f"{len(failures)} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
