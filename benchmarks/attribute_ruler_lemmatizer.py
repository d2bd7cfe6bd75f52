"""en_core_web_sm's attribute_ruler + rule lemmatizer: lexloom vs spaCy 3.8 on pre-tagged
UD EWT sentences, each system in its own process (one thread), same input, same output.

    python benchmarks/attribute_ruler_lemmatizer.py --pipeline PATH/en_core_web_sm-3.8.0 \
        --spacy-python /work/spacy-venv/bin/python [--conllu FILE] [--n 100000] [--repeats 3]

Input: gold words, spacing, XPOS tags (what spaCy's tagger would predict) and gold heads and
deprels of every sentence of --conllu. Both systems build blank("en"), add the two components
and load them from the pipeline folder's attribute_ruler/ and lemmatizer/; only the two
components are timed (Docs are made beforehand). "cold" is the first pass (empty caches),
"warm" the best later pass on fresh Docs. Prints words/s for both, the ratios, token
agreement on (text, tag, pos, morph, lemma, dep), the command; writes JSON to
benchmarks/results/attribute_ruler_lemmatizer.json.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpora import read_conllu_rows

HERE = Path(__file__).resolve().parent
DEFAULT_CONLLU = HERE.parent.parent / "shared" / "data" / "ud_english_ewt" / "en_ewt-ud-train.conllu"


def worker(args) -> None:
    if args.worker == "spacy":
        import spacy as lib
        from spacy.tokens import Doc
    else:
        import lexloom as lib
        from lexloom.tokens import Doc
    sents = read_conllu_rows(args.conllu, args.n)
    nlp = lib.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    ruler.from_disk(Path(args.pipeline) / "attribute_ruler", exclude=["vocab"])
    lemmatizer.from_disk(Path(args.pipeline) / "lemmatizer", exclude=["vocab"])

    def make_docs():
        docs = []
        for s in sents:
            docs.append(Doc(nlp.vocab, words=[c[1] for c in s],
                            spaces=["SpaceAfter=No" not in c[9] for c in s],
                            tags=[c[4] if c[4] != "_" else "XX" for c in s],
                            heads=[int(c[6]) - 1 if c[6] != "0" else i for i, c in enumerate(s)],
                            deps=[c[7] for c in s]))
        return docs

    times = []
    for _ in range(args.repeats):
        docs = make_docs()
        start = time.perf_counter()
        for doc in docs:
            lemmatizer(ruler(doc))
        times.append(time.perf_counter() - start)
    words = sum(len(s) for s in sents)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"words": words, "sentences": len(sents), "seconds": times,
                   "tokens": [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_)
                               for t in doc] for doc in docs]}, f)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pipeline", required=True, help="en_core_web_sm folder (with config.cfg)")
    ap.add_argument("--spacy-python", default="python", help="an interpreter with spaCy 3.8")
    ap.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    ap.add_argument("--n", type=int, default=100000, help="sentences")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", type=Path, default=HERE / "results" / "attribute_ruler_lemmatizer.json")
    ap.add_argument("--worker", choices=["lexloom", "spacy"], help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return
    command = " ".join([Path(sys.executable).name] + sys.argv)
    env = dict(os.environ, OMP_NUM_THREADS="1")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, python in (("lexloom", sys.executable), ("spacy", args.spacy_python)):
            out = Path(tmp) / f"{name}.json"
            subprocess.run([python, __file__, "--worker", name, "--out", str(out),
                            "--pipeline", str(args.pipeline), "--conllu", str(args.conllu),
                            "--n", str(args.n), "--repeats", str(args.repeats)],
                           check=True, env=env)
            results[name] = json.loads(out.read_text(encoding="utf-8"))
    a, b = results["lexloom"], results["spacy"]
    tokens = sum(len(d) for d in b["tokens"])
    same = sum(x == y for da, db in zip(a["tokens"], b["tokens"]) for x, y in zip(da, db))
    same_docs = sum(da == db for da, db in zip(a["tokens"], b["tokens"]))
    words = b["words"]
    summary = {"command": command, "words": words, "sentences": b["sentences"],
               "token_agreement": same / tokens, "identical_docs": same_docs}
    print(f"command: {command}")
    print(f"{b['sentences']:,} sentences, {words:,} words, OMP_NUM_THREADS=1, one process each")
    for phase, pick in (("cold", lambda s: s[0]), ("warm", lambda s: min(s[1:] or s))):
        rates = {name: words / pick(r["seconds"]) for name, r in results.items()}
        ratio = rates["lexloom"] / rates["spacy"]
        summary[phase] = {**{f"{k}_words_per_s": v for k, v in rates.items()}, "ratio": ratio}
        print(f"  {phase}: lexloom {rates['lexloom']:>11,.0f} words/s   spaCy "
              f"{rates['spacy']:>9,.0f} words/s   ratio {ratio:.2f}x")
    print(f"  agreement (text, tag, pos, morph, lemma, dep): {same:,}/{tokens:,} tokens, "
          f"{same_docs:,}/{len(b['tokens']):,} docs identical")
    args.json.parent.mkdir(exist_ok=True)
    args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
