"""Token-boundary agreement of lexloom's English chunk splitter with spaCy 3.8's tokenizer.

Run with the benchmark environment, which has spaCy (lexloom itself need not be built):

    /work/bench-venv/bin/python benchmarks/tokenizer_agreement.py

It imports the pure-Python splitter straight from python/, walks whitespace the way the
native driver does (plus the whole-text slow path that `phrase_bigrams` calls for), and
compares token spans (start, end) with `spacy.blank("en")` on UD English EWT dev (one doc
per sentence, then whole paragraphs and documents), EWT train, the first 20,000 Gutenberg
paragraphs and random stress texts. Agreement is the fraction of spaCy tokens whose span
also appears in lexloom's output. It also checks the rule tables against spaCy's (character
classes, special cases, stop words), the affix and URL regexes on every distinct chunk
seen, and `explain`. Prints the figures and the most frequent disagreements, and writes
them as JSON to benchmarks/results/tokenizer_agreement.json.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path("/work/shared/data")


def _import_lexloom_sources():
    """Load lexloom's pure-Python modules from the source tree without running
    lexloom/__init__.py, which may need the compiled core."""
    if "lexloom" not in sys.modules:
        import importlib.util

        pkg = types.ModuleType("lexloom")
        # The compiled modules (the native affix matcher) where lexloom is installed.
        spec = importlib.util.find_spec("lexloom")
        installed = list(spec.submodule_search_locations or []) if spec else []
        pkg.__path__ = [str(ROOT / "python" / "lexloom")] + installed
        sys.modules["lexloom"] = pkg
    import lexloom.lang.en as en
    import lexloom.tokenizer_split as ts

    return en, ts


def read_ewt(path: Path) -> tuple[list[str], list[str], list[str]]:
    """Sentences, paragraphs (sentences joined by a space) and documents (paragraphs
    joined by a blank line) from the `# text =` lines of a CoNLL-U file."""
    sentences: list[str] = []
    paragraphs: list[list[str]] = []
    documents: list[list[list[str]]] = []
    for line in path.read_text(encoding="utf8").splitlines():
        if line.startswith("# newdoc"):
            documents.append([])
        elif line.startswith("# newpar"):
            if not documents:
                documents.append([])
            paragraphs.append([])
            documents[-1].append(paragraphs[-1])
        elif line.startswith("# text = "):
            text = line[len("# text = "):]
            sentences.append(text)
            if not paragraphs:
                paragraphs.append([])
                documents.append([paragraphs[-1]])
            paragraphs[-1].append(text)
    paras = [" ".join(p) for p in paragraphs if p]
    docs = ["\n\n".join(" ".join(p) for p in d if p) for d in documents if d]
    return sentences, paras, docs


def read_jsonl(path: Path, limit: int) -> list[str]:
    out = []
    with path.open(encoding="utf8") as f:
        for line in f:
            if len(out) >= limit:
                break
            out.append(json.loads(line)["text"])
    return out


class ChunkTokenizer:
    """What the native driver does around `split`: walk whitespace, cache per chunk, and
    take the whole-text slow path (`tokenize`) when `phrase_bigrams` flags a boundary."""

    def __init__(self, splitter, iter_chunks):
        self.splitter = splitter
        self.iter_chunks = iter_chunks
        self.cache: dict[str, list] = {}
        self.split_seconds = 0.0
        self.bigrams = splitter.phrase_bigrams
        self.slow_docs = 0

    def __call__(self, text: str) -> list[tuple[int, int, str | None]]:
        out = []
        prev_last: str | None = None  # last token of the previous chunk
        hazard = False
        for start, end, space in self.iter_chunks(text):
            chunk = text[start:end]
            pieces = self.cache.get(chunk)
            if pieces is None:
                t0 = time.perf_counter()
                pieces = self.splitter.split(chunk)
                self.split_seconds += time.perf_counter() - t0
                self.cache[chunk] = pieces
            if prev_last is not None and (prev_last, pieces[0][0]) in self.bigrams:
                hazard = True
            prev_last = pieces[-1][0]
            pos = start
            for orth, norm in pieces:
                out.append((pos, pos + len(orth), norm))
                pos += len(orth)
            assert pos == end, (chunk, pieces)
        if hazard:
            self.slow_docs += 1
            out = []
            pos = 0
            for orth, norm, space in self.splitter.tokenize(text):
                out.append((pos, pos + len(orth), norm))
                pos += len(orth) + space
            assert pos == len(text)
        return out


def compare(name: str, texts: list[str], nlp, ours: ChunkTokenizer, show: int,
            lex_norm) -> dict:
    total = agreed = docs_exact = 0
    norm_total = norm_agreed = 0
    disagreements: collections.Counter = collections.Counter()
    t_spacy = t_ours = 0.0
    for text in texts:
        t0 = time.perf_counter()
        doc = nlp.tokenizer(text)
        t1 = time.perf_counter()
        toks = ours(text)
        t_ours += time.perf_counter() - t1
        t_spacy += t1 - t0
        theirs = [(t.idx, t.idx + len(t.text)) for t in doc]
        mine = {(s, e): norm for s, e, norm in toks}
        hits = sum(1 for span in theirs if span in mine)
        total += len(theirs)
        agreed += hits
        if hits == len(theirs) == len(mine):
            docs_exact += 1
        for t in doc:
            span = (t.idx, t.idx + len(t.text))
            if span in mine:
                norm_total += 1
                norm = mine[span]
                norm_agreed += (norm if norm is not None else lex_norm(t.text)) == t.norm_
        if hits != len(theirs) or len(mine) != len(theirs):
            _record_disagreements(text, theirs, list(mine), disagreements)
    result = {
        "corpus": name, "docs": len(texts), "spacy_tokens": total, "agreed": agreed,
        "agreement": agreed / total if total else 1.0, "docs_exact": docs_exact,
        "norm_agreement": norm_agreed / norm_total if norm_total else 1.0,
        "spacy_seconds": t_spacy, "lexloom_python_seconds": t_ours,
        "top_disagreements": [
            {"count": c, "context": ctx, "spacy": sp, "lexloom": lx}
            for (ctx, sp, lx), c in disagreements.most_common(show)],
    }
    print(f"{name}: {len(texts)} docs, {total} spaCy tokens, agreement "
          f"{result['agreement']:.6f} ({total - agreed} missed), exact docs "
          f"{docs_exact}/{len(texts)}, norm agreement {result['norm_agreement']:.6f}")
    for item in result["top_disagreements"]:
        print(f"    {item['count']:5d}  {item['context']!r}: spaCy {item['spacy']} | "
              f"lexloom {item['lexloom']}")
    return result


def _record_disagreements(text, theirs, mine, counter):
    """Group differing tokens by the whitespace-delimited stretch they fall in."""
    ours = set(mine)
    bad = [span for span in theirs if span not in ours] + [span for span in mine
                                                          if span not in set(theirs)]
    seen = set()
    for s, e in bad:
        lo = s
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        hi = e
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        if (lo, hi) in seen:
            continue
        seen.add((lo, hi))
        sp = [text[a:b] for a, b in theirs if lo <= a and b <= hi]
        lx = [text[a:b] for a, b in mine if lo <= a and b <= hi]
        counter[(text[lo:hi], tuple(sp), tuple(lx))] += 1


def fuzz_texts(n: int, rules: dict, seed: int = 0) -> list[str]:
    """Random texts packed with affix characters, special cases, URLs, numbers and odd
    whitespace: a stress test of the algorithm beyond what the corpora contain."""
    import random

    rng = random.Random(seed)
    keys = sorted(rules)
    words = ("hello world Don't can't U.S. U.K. Mr. e.g. etc. a.m. 5pm 10km 3.5 $5.00 US$10 "
             "20°C. well-known 1-2 3-year and/or A.B end.Next this,that 2+2 x^2 C++ O'Neil "
             "http://example.com/a?b=c www.spacy.io me@mail.com 192.168.0.1 8.8.8.8 "
             "ÄÖÜ naïve café Straße ΑΒΓ привет 東京 ♥ ☺ 🙂 ° ™ § % = + - -- --- — – ~ … ...").split()
    chars = list("()[]{}<>\"'`,.;:!?¡¿*&#_^@/\\|+-=%$£€¥~“”‘’«»…—–°·") + ["''", "``"]
    seps = ["", "", "", "", " ", " ", " ", "  ", "\n", "\t", "\u00a0", " \n "]
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            r = rng.random()
            if r < 0.3:
                parts.append(rng.choice(keys))
            elif r < 0.6:
                parts.append(rng.choice(words))
            else:
                parts.append("".join(rng.choice(chars) for _ in range(rng.randint(1, 3))))
            parts.append(rng.choice(seps))
        texts.append("".join(parts))
    return texts


def parity_checks(en, ts, chunks: list[str], explain_texts: list[str]) -> dict:
    """Rule tables and regex behaviour against spaCy's, on every distinct chunk seen."""
    import spacy
    from spacy.lang import char_classes as sc
    from spacy.lang.en.stop_words import STOP_WORDS as spacy_stops
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
    from lexloom.lang import char_classes as mc

    nlp = spacy.blank("en")
    out: dict = {}
    every_char = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for name in ("ALPHA", "ALPHA_LOWER", "ALPHA_UPPER", "ICONS", "CONCAT_QUOTES"):
        ours = set(re.findall(f"[{getattr(mc, name)}]", every_char))
        theirs = set(re.findall(f"[{getattr(sc, name)}]", every_char))
        out[f"class {name}"] = len(ours ^ theirs)
    rules_ours, rules_theirs = en.TOKENIZER_EXCEPTIONS, nlp.tokenizer.rules
    out["special cases differing"] = sum(rules_ours.get(k) != rules_theirs.get(k)
                                         for k in set(rules_ours) | set(rules_theirs))
    out["stop words differing"] = len(set(en.STOP_WORDS) ^ set(spacy_stops))
    from spacy.lang.en import English
    D = English.Defaults
    pairs = {
        "prefix": (ts.compile_prefix_regex(en.PREFIXES).match,
                   compile_prefix_regex(D.prefixes).search, lambda m: m and m.end()),
        "suffix": (ts.compile_suffix_regex(en.SUFFIXES).search,
                   compile_suffix_regex(D.suffixes).search, lambda m: m and m.start()),
        "infix": (ts.compile_infix_regex(en.INFIXES).finditer,
                  compile_infix_regex(D.infixes).finditer,
                  lambda it: [m.span() for m in it]),
        "url": (en.URL_MATCH, D.url_match, lambda m: m and m.span()),
    }
    probes = set(chunks)
    for chunk in chunks:  # also every suffix/prefix cut, as the affix loop sees them
        for i in range(1, min(len(chunk), 6)):
            probes.add(chunk[i:])
            probes.add(chunk[:-i])
    for name, (ours, theirs, key) in pairs.items():
        t0 = time.perf_counter()
        out[f"{name} regex differing"] = sum(key(ours(p)) != key(theirs(p)) for p in probes)
        print(f"  ({name}: {time.perf_counter() - t0:.1f} s)")
    out["probes"] = len(probes)
    splitter = en.make_splitter()
    t0 = time.perf_counter()
    out["explain texts differing"] = sum(splitter.explain(t) != nlp.tokenizer.explain(t)
                                         for t in explain_texts)
    out["explain texts"] = len(explain_texts)
    print(f"  (explain: {time.perf_counter() - t0:.1f} s)")
    for k, v in out.items():
        print(f"  parity: {k}: {v}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--paragraphs", type=int, default=20000)
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results"
                    / "tokenizer_agreement.json")
    ap.add_argument("--no-parity", action="store_true")
    ap.add_argument("--fuzz", type=int, default=20000, help="random stress texts (0: none)")
    args = ap.parse_args()

    import spacy

    t0 = time.perf_counter()
    en, ts = _import_lexloom_sources()
    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    splitter = en.make_splitter()
    t_build = time.perf_counter() - t0
    nlp = spacy.blank("en")
    print(f"command: {sys.executable} {' '.join(sys.argv)}")
    print(f"spaCy {spacy.__version__}; lexloom.lang.en import {t_import * 1000:.1f} ms "
          f"(after spaCy), make_splitter {t_build * 1000:.1f} ms")

    sentences, paragraphs, documents = read_ewt(DATA / "ud_english_ewt" / "en_ewt-ud-dev.conllu")
    train_sentences, _, train_documents = read_ewt(DATA / "ud_english_ewt"
                                                   / "en_ewt-ud-train.conllu")
    raw = read_jsonl(DATA / "raw_text" / "text.jsonl", args.paragraphs)
    results = []
    all_chunks: set[str] = set()
    for name, texts in [("ewt-dev sentences", sentences), ("ewt-dev paragraphs", paragraphs),
                        ("ewt-dev documents", documents),
                        ("ewt-train sentences", train_sentences),
                        ("ewt-train documents", train_documents),
                        (f"gutenberg first {len(raw)} paragraphs", raw),
                        (f"fuzz {args.fuzz} texts", fuzz_texts(args.fuzz, nlp.tokenizer.rules))]:
        if not texts:
            continue
        ours = ChunkTokenizer(splitter, ts.iter_chunks)
        results.append(compare(name, texts, nlp, ours, args.show, en.LEX_ATTRS["NORM"]))
        results[-1]["distinct_chunks"] = len(ours.cache)
        results[-1]["split_us_per_miss"] = 1e6 * ours.split_seconds / max(1, len(ours.cache))
        results[-1]["slow_path_docs"] = ours.slow_docs
        print(f"    split(): {len(ours.cache)} distinct chunks, "
              f"{results[-1]['split_us_per_miss']:.1f} us per miss; "
              f"{ours.slow_docs} docs needed the whole-text path")
        all_chunks.update(ours.cache)
    report = {"command": " ".join([sys.executable] + sys.argv), "spacy": spacy.__version__,
              "results": results}
    if not args.no_parity:
        explain_texts = (sentences[:600] + raw[:300]  # spaCy's explain is slow (~20 ms a call)
                         + fuzz_texts(600, nlp.tokenizer.rules, seed=1))
        report["parity"] = parity_checks(en, ts, sorted(all_chunks), explain_texts)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
