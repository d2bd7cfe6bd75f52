"""DependencyMatcher speed and agreement: lexloom vs spaCy 3.8 on gold UD EWT trees.

Each system runs in its own process (OMP_NUM_THREADS=1):
    python benchmarks/dependencymatcher.py --lexloom-python .venv/bin/python \
        --spacy-python /work/spacy-venv/bin/python [--sentences 2000]

Docs are built from the CoNLL-U dev file (words, heads, deps, POS; one Doc per 20 sentences);
the patterns use a mix of operators. Prints words/s for each system (CPU time, best of 3),
the ratio, and whether matches (ids, token lists and order) are identical; writes
benchmarks/results/dependencymatcher.json.
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

from corpora import read_conllu_rows

HERE = Path(__file__).resolve().parent
DEFAULT_CONLLU = HERE.parent.parent / "shared" / "data" / "ud_english_ewt" / "en_ewt-ud-dev.conllu"


def node(rid, attrs, left=None, op=None):
    d = {"RIGHT_ID": rid, "RIGHT_ATTRS": attrs}
    if left is not None:
        d.update(LEFT_ID=left, REL_OP=op)
    return d


PATTERNS = {
    "SVO": [[node("v", {"POS": "VERB"}), node("s", {"DEP": "nsubj"}, "v", ">"),
             node("o", {"DEP": "obj"}, "v", ">")]],
    "ADJ_NOUN": [[node("n", {"POS": "NOUN"}), node("a", {"POS": "ADJ"}, "n", ">--")]],
    "DET_CHAIN": [[node("d", {"POS": "DET"}), node("h", {}, "d", "<<"),
                   node("v", {"POS": "VERB"}, "h", "<")]],
    "PREP_OBJ": [[node("p", {"DEP": "case"}), node("n", {"POS": {"IN": ["NOUN", "PROPN"]}},
                                                   "p", "<+")]],
    "SIBS": [[node("a", {"POS": "ADJ"}), node("b", {"POS": "ADJ"}, "a", "$++")]],
    "NEXT": [[node("a", {"LOWER": "the"}), node("b", {}, "a", "."), node("c", {}, "b", ".*")]],
    "SUBTREE": [[node("v", {"DEP": "root"}), node("x", {"POS": "PRON"}, "v", ">>")]],
    "BEFORE": [[node("v", {"POS": "VERB"}), node("p", {"POS": "PUNCT"}, "v", ";*")]],
}


def worker(lib: str, conllu: Path, n_sents: int) -> dict:
    if lib == "spacy":
        import spacy as L
        from spacy.matcher import DependencyMatcher
        from spacy.tokens import Doc
    else:
        import lexloom as L
        from lexloom.matcher import DependencyMatcher
        from lexloom.tokens import Doc
    nlp = L.blank("en")
    sents = [[(c[1], c[3], int(c[6]), c[7]) for c in sent]
             for sent in read_conllu_rows(conllu, n_sents)]
    docs = []
    for i in range(0, len(sents), 20):
        words, pos, heads, deps = [], [], [], []
        for sent in sents[i:i + 20]:
            base = len(words)
            for j, (w, p, h, d) in enumerate(sent):
                words.append(w)
                pos.append(p)
                heads.append(base + h - 1 if h else base + j)
                deps.append(d)
        docs.append(Doc(nlp.vocab, words=words, pos=pos, heads=heads, deps=deps))
    matcher = DependencyMatcher(nlp.vocab)
    for key, pats in PATTERNS.items():
        matcher.add(key, pats)
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()  # CPU time: the benchmark machine is shared
        results = [matcher(doc) for doc in docs]
        best = min(best, time.process_time() - t0)
    n_words = sum(len(d) for d in docs)
    digest = hashlib.sha1(repr(results).encode()).hexdigest()
    return {"lib": lib, "docs": len(docs), "words": n_words,
            "matches": sum(len(r) for r in results), "match_s": best,
            "words_per_s": n_words / best, "digest": digest}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lexloom-python", default=sys.executable)
    ap.add_argument("--spacy-python", default="/work/spacy-venv/bin/python")
    ap.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    ap.add_argument("--sentences", type=int, default=2000)
    ap.add_argument("--worker", choices=["lexloom", "spacy"])
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.conllu, args.sentences)))
        return
    env = dict(os.environ, OMP_NUM_THREADS="1")
    res = {}
    for lib, py in (("lexloom", args.lexloom_python), ("spacy", args.spacy_python)):
        cmd = [py, __file__, "--worker", lib, "--conllu", str(args.conllu), "--sentences",
               str(args.sentences)]
        out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
        res[lib] = json.loads(out.strip().splitlines()[-1])
    lx, sp = res["lexloom"], res["spacy"]
    print("command:", " ".join([sys.executable] + sys.argv))
    for r in (lx, sp):
        print(f"{r['lib']:8s} docs={r['docs']} words={r['words']} matches={r['matches']} "
              f"match {r['match_s']:.3f}s = {r['words_per_s']:,.0f} words/s")
    res["speedup"] = lx["words_per_s"] / sp["words_per_s"]
    res["identical"] = lx["digest"] == sp["digest"]
    print(f"lexloom/spaCy = {res['speedup']:.2f}x; identical results: {res['identical']}")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "dependencymatcher.json").write_text(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
