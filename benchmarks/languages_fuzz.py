"""Every blank language's tokenizer against spaCy 3.8's on random strings: tokens, spaces and
norms for each string, same process.

    PYTHONPATH=<spaCy's site-packages> python benchmarks/languages_fuzz.py [--codes en,fr,...]
        [--n 2000] [--seed 7] [--json OUT]

The strings are 1 to 25 pieces drawn from letters of several scripts (with diacritics),
digits, punctuation, quotes, hyphens, and fragments that affix rules and special cases
react to (URLs, e-mail addresses, emoticons, "'s", "n't", "e.g.", "z.B.", "т.е.", Bengali
digits, Arabic and CJK words). Random text reaches the corners of prefix, suffix and infix
rules that real sentences seldom do. Prints, per language, how many strings differ and the
first ones. Segmenter languages (ja, ko, th, vi, zh) are left out.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEGMENTED = {"ja", "ko", "th", "vi", "zh"}

PIECES = (
    list("aeioubcdfgklmnprstvzAEIOUBCDKLMNPRSTčćšžđäöüßñçéèêàáíóúøåæłńśźżąęőűěřůýŕĺľ")
    + list("абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯіїєґёѓќљњџ")
    + list("αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔ") + list("0123456789")
    + list(" .,;:!?-–—'’\"“”„«»()[]{}/\\+=*&%$€£#@§°^~_|<>…")
    + ["http://a.b/c?d=1", "www.x.org", "a@b.com", ":)", ":-(", "<3", "...", "--", "''", "``",
       "'s", "n't", "e.g.", "U.S.", "Dr.", "z.B.", "т.е.", "г.", "১২", "كتاب", "日本", "한국"]
)


def all_codes() -> list[str]:
    root = HERE.parent / "python" / "lexloom" / "lang"
    return sorted(p.name for p in root.iterdir()
                  if p.is_dir() and not p.name.startswith("_") and p.name not in SEGMENTED)


def fuzz(code: str, n: int, seed: int) -> dict:
    import spacy

    import lexloom

    rng = random.Random(f"{seed}:{code}")
    ours, theirs = lexloom.blank(code), spacy.blank(code)
    differ = []
    for _ in range(n):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 25)))
        a = [(t.text, t.whitespace_, t.norm_) for t in ours(text)]
        b = [(t.text, t.whitespace_, t.norm_) for t in theirs(text)]
        if a != b:
            differ.append({"text": text, "lexloom": a, "spacy": b})
    return {"strings": n, "differ": len(differ), "examples": differ[:5]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--codes", default=None, help="comma-separated (default: every language)")
    ap.add_argument("--n", type=int, default=2000, help="random strings per language")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    codes = args.codes.split(",") if args.codes else all_codes()
    results = {}
    for code in codes:
        r = results[code] = fuzz(code, args.n, args.seed)
        line = f"{code}: {r['differ']} of {r['strings']} strings differ"
        if r["examples"]:
            line += f"; first: {r['examples'][0]['text']!r}"
        print(line, flush=True)
    same = [c for c, r in results.items() if r["differ"] == 0]
    print(f"{len(same)} of {len(results)} languages identical on every string")
    if args.json:
        args.json.write_text(json.dumps({"command": " ".join(["python"] + sys.argv),
                                         "results": results}, ensure_ascii=False, indent=1),
                             encoding="utf-8")


if __name__ == "__main__":
    main()
