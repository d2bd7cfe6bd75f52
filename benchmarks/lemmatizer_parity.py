"""Language-specific lemmatizers: lexloom's lemmas against spaCy 3.8's on the same tokens.
For each language, the same words with the same POS and morphology go through a blank
pipeline's lemmatizer in its default mode in each library (Russian and Ukrainian: pymorphy3;
Italian, Polish and Irish: pos_lookup; Catalan, Dutch, Greek and Macedonian: rule; the tables
from spacy-lookups-data), and the lemmas are compared.

Inputs are drawn (seeded) from the resources the lemmatizers read: for Italian and Polish the
words of each POS table, also capitalised and, for Polish, with "nie"/"naj" prefixes, under
their own and under other POS; for Russian and Ukrainian words of pymorphy3's dictionary with
the POS and features of one of their analyses, sometimes with another POS or with features
dropped, so that every branch of the filtering runs.

Run in the benchmark environment (spaCy, spacy-lookups-data, pymorphy3, pymorphy3-dicts-uk):
    PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages \\
        .venv/bin/python benchmarks/lemmatizer_parity.py [--n 5000] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

UPOS = ["NOUN", "PROPN", "VERB", "ADJ", "ADV", "DET", "PRON", "NUM", "ADP", "AUX", "PART",
        "CCONJ", "PUNCT", "X"]

LEMMATIZE = '''
import json, sys, importlib
system, lang = sys.argv[1:3]
tokens = json.load(sys.stdin)
lib = importlib.import_module(system)
Doc = importlib.import_module(system + ".tokens").Doc
nlp = lib.blank(lang)
nlp.add_pipe("lemmatizer")
nlp.initialize()
lemmatizer = nlp.get_pipe("lemmatizer")
out = []
for words, pos, morphs in tokens:
    doc = Doc(nlp.vocab, words=words, pos=pos, morphs=morphs)
    out.append([t.lemma_ for t in lemmatizer(doc)])
print(json.dumps({"mode": lemmatizer.mode, "lemmas": out}, ensure_ascii=False))
'''


def lookup_inputs(lang: str, n: int, rng: random.Random) -> list:
    import srsly
    import spacy_lookups_data

    root = Path(spacy_lookups_data.__file__).parent / "data"
    tables = {}
    for path in root.glob(f"{lang}_lemma_lookup*.json.gz"):
        name = path.name.removeprefix(f"{lang}_lemma_lookup").removesuffix(".json.gz")
        tables[name.lstrip("_") or "all"] = list(srsly.read_gzip_json(path))
    pos_of = {"noun": ["NOUN", "PROPN"], "verb": ["VERB"], "adj": ["ADJ"], "adv": ["ADV"],
              "det": ["DET"], "pron": ["PRON", "PART"], "num": ["NUM"], "adp": ["ADP"],
              "aux": ["AUX"], "part": ["PART"], "other": ["X", "INTJ", "SCONJ"],
              "all": UPOS}
    tokens = []
    for _ in range(n):
        table = rng.choice(sorted(tables))
        word = rng.choice(tables[table])
        pos = rng.choice(pos_of.get(table, UPOS)) if rng.random() < 0.8 else rng.choice(UPOS)
        roll = rng.random()
        if roll < 0.15:
            word = word.capitalize()
        elif roll < 0.25 and lang == "pl":
            word = rng.choice(["nie", "naj", "nienaj"]) + word
        elif roll < 0.3:
            word = word.upper()
        tokens.append(([word], [pos], [""]))
    return tokens


def irish_inputs(lang: str, n: int, rng: random.Random) -> list:
    """Words of the Irish POS tables with an initial mutation put on them (eclipsis,
    t-/h-prothesis, lenition, the old script's dotted consonants) or not, in three casings,
    under the POS the lemmatizer reads and others, with and without the morphology that
    sends verbal nouns and participles down their own branch."""
    tokens = lookup_inputs(lang, n, rng)
    mutations = ["", "", "", "bhf", "mb", "gc", "nd", "ng", "bp", "dt", "n", "n-", "bh-f",
                 "m-b", "t", "t-", "h", "h-", "ts"]
    dotted = dict(zip("bcdfgmpst", "ḃċḋḟġṁṗṡṫ"))
    morphs = ["", "", "VerbForm=Vnoun", "VerbForm=Inf|Form=HPref", "VerbForm=Part",
              "Form=HPref", "Case=Gen"]
    pos_choices = ["NOUN", "PROPN", "ADJ", "ADP", "VERB", "DET", "X"]
    out = []
    for (word,), (pos,), _ in tokens:
        roll = rng.random()
        if roll < 0.15 and word[:1].lower() in dotted:
            word = dotted[word[:1].lower()] + word[1:]
        elif roll < 0.3 and word[:1].lower() in dotted:
            word = word[:1] + "h" + word[1:]
        else:
            word = rng.choice(mutations) + word
        out.append(([word], [rng.choice(pos_choices) if rng.random() < 0.3 else pos],
                    [rng.choice(morphs)]))
    return out


def rule_inputs(lang: str, n: int, rng: random.Random) -> list:
    """Words from the rule tables (lookup keys, index lemmas, exception forms) and inflected
    forms made by appending common endings, under the POS the tables cover and others."""
    import srsly
    import spacy_lookups_data

    root = Path(spacy_lookups_data.__file__).parent / "data"
    words: list[tuple[str, str]] = []
    for kind in ("lookup", "index", "exc"):
        path = root / f"{lang}_lemma_{kind}.json.gz"
        if not path.exists():
            continue
        table = srsly.read_gzip_json(path)
        if kind == "lookup":
            words += [(w, "") for w in rng.sample(list(table), min(len(table), 4 * n))]
        else:
            for pos, entries in table.items():
                entries = list(entries)
                words += [(w, pos.upper()) for w in rng.sample(entries, min(len(entries), n))]
    endings = ["", "", "s", "en", "es", "a", "i", "е", "ες", "ού", "та", "ите", "јќи"]
    tokens = []
    for _ in range(n):
        word, pos = rng.choice(words)
        word = word + rng.choice(endings)
        if not pos or rng.random() < 0.3:
            pos = rng.choice(UPOS)
        if rng.random() < 0.15:
            word = word.capitalize()
        tokens.append(([word], [pos], [""]))
    return tokens


def pymorphy_inputs(lang: str, n: int, rng: random.Random) -> list:
    import pymorphy3

    from lexloom.lang.ru.lemmatizer import oc2ud

    analyser = pymorphy3.MorphAnalyzer(lang=lang)
    words = []
    for i, (word, tag, normal, *_rest) in enumerate(analyser.dictionary.iter_known_words()):
        if i % 37 == 0:
            words.append((word, str(tag)))
        if len(words) >= 20 * n:
            break
    tokens = []
    for word, tag in rng.sample(words, n):
        pos, feats = oc2ud(tag)
        if rng.random() < 0.15:
            pos = rng.choice(UPOS)
        feats = {k: v for k, v in feats.items() if rng.random() < 0.85}
        morph = "|".join(f"{k}={v}" for k, v in sorted(feats.items()))
        if rng.random() < 0.1:
            word = word.capitalize()
        tokens.append(([word], [pos], [morph]))
    tokens.append((["«", "»", "!"], ["PUNCT"] * 3, [""] * 3))
    return tokens


def lemmatize(system: str, lang: str, tokens: list) -> dict:
    proc = subprocess.run([sys.executable, "-c", LEMMATIZE, system, lang],
                          input=json.dumps(tokens), capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{system} ({lang}) failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5000, help="tokens per language")
    ap.add_argument("--langs", default="ru,uk,it,pl,ga,ca,nl,el,mk")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    results = {}
    for lang in args.langs.split(","):
        rng = random.Random(0)
        make = (pymorphy_inputs if lang in ("ru", "uk") else
                lookup_inputs if lang in ("it", "pl") else
                irish_inputs if lang == "ga" else rule_inputs)
        tokens = make(lang, args.n, rng)
        ref, got = lemmatize("spacy", lang, tokens), lemmatize("lexloom", lang, tokens)
        flat = [(w, p, m, a, b) for (ws, ps, ms), la, lb in zip(tokens, ref["lemmas"], got["lemmas"])
                for w, p, m, a, b in zip(ws, ps, ms, la, lb)]
        differ = [f for f in flat if f[3] != f[4]]
        results[lang] = {"mode": got["mode"], "spacy_mode": ref["mode"], "tokens": len(flat),
                         "equal": len(flat) - len(differ),
                         "examples": [dict(zip(("word", "pos", "morph", "spacy", "lexloom"), d))
                                      for d in differ[:20]]}
        print(f"{lang} ({got['mode']}): {len(flat) - len(differ)} / {len(flat)} lemmas equal")
        for d in differ[:8]:
            print(f"    {d[0]!r} {d[1]} {d[2]!r}: spaCy {d[3]!r}, lexloom {d[4]!r}")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "command": " ".join(sys.argv)},
                                        ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
