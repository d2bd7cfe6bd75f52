"""Japanese tokenizer: lexloom's annotations against spaCy 3.8's on the same text, both over
SudachiPy (split modes A, B, C). Reports, per attribute, the share of tokens where the two
agree (words, UniDic tag, POS, lemma, norm, morph (Inflection, Reading), sub_tokens) and
lists the POS disagreements by (tag, spaCy POS, lexloom POS).

Run in the benchmark environment (spaCy + sudachipy + sudachidict_core beside lexloom):
    PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages \\
        .venv/bin/python benchmarks/ja_tokenizer_parity.py [--texts FILE] [--json OUT]
FILE: one text per line (default: the sample below, written for this check: news, chat,
forms, numbers, mixed scripts, spaces). Each library runs in its own process.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

SAMPLE = """\
東京タワーの近くに住んでいます。
吾輩は猫である。名前はまだ無い。
昨日、友達と一緒に新しいレストランで晩ご飯を食べました。
この本はとても面白かったので、もう一度読みたいと思っています。
政府は来年度の予算案を閣議決定し、国会に提出する方針だ。
選挙管理委員会は投票率が前回を下回ったと発表した。
彼女は毎朝六時に起きて、公園を三十分ほど散歩するそうです。
「明日は雨が降るかもしれない」と天気予報で言っていた。
株価は２・５％上昇し、終値は３万２０００円だった。
日本語を勉強している学生が増えている。
静かな部屋で音楽を聴くのが好きです。
もし時間があれば、一緒に映画を見に行きませんか？
その問題については、まだ議論する必要がある。
新型の電気自動車は1回の充電で500km走ることができる。
子供たちは楽しそうに遊んでいた。
会議は午後３時から第２会議室で行われます。
どんな困難があっても、あきらめないでください。
彼は東京大学を卒業した後、アメリカの会社に就職した。
すもももももももものうち
あの人が誰なのか、私にはわかりません。
食べたくないなら、無理に食べなくてもいいよ。
ここに名前と住所を書いてください。
iPhoneとAndroidのどちらが使いやすいですか？
約１０００人の観客がコンサートを楽しんだ。
そんなことを言われても困ります。
機能性食品の市場は年々拡大している。
I   like cheese.
雨が降ったり止んだりしている。
先生に褒められて、とても嬉しかった。
このようなケースは珍しくない。
""".splitlines()

RUN = '''
import json, sys
from collections import namedtuple
system, mode = sys.argv[1], sys.argv[2]
texts = json.load(sys.stdin)
if system == "spacy":
    from spacy.lang.ja import Japanese
else:
    from lexloom.lang.ja import Japanese
nlp = Japanese.from_config({"nlp": {"tokenizer": {"split_mode": None if mode == "-" else mode}}})
out = []
for text in texts:
    doc = nlp(text)
    subs = doc.user_data.get("sub_tokens")
    out.append({"words": [t.text for t in doc], "spaces": [t.whitespace_ for t in doc],
                "tag": [t.tag_ for t in doc], "pos": [t.pos_ for t in doc],
                "lemma": [t.lemma_ for t in doc], "norm": [t.norm_ for t in doc],
                "morph": [str(t.morph) for t in doc],
                "sub_tokens": None if subs is None else json.loads(json.dumps(subs))})
print(json.dumps(out, ensure_ascii=False))
'''


def annotate(system: str, mode: str, texts: list[str]) -> list[dict]:
    proc = subprocess.run([sys.executable, "-c", RUN, system, mode], input=json.dumps(texts),
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{system} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def compare(ref: list[dict], got: list[dict]) -> dict:
    agree: Counter = Counter()
    total = 0
    pos_diffs: Counter = Counter()
    same_words = 0
    for a, b in zip(ref, got):
        if a["words"] != b["words"] or a["spaces"] != b["spaces"]:
            continue
        same_words += 1
        total += len(a["words"])
        for key in ("tag", "pos", "lemma", "norm", "morph"):
            agree[key] += sum(x == y for x, y in zip(a[key], b[key]))
        agree["sub_tokens"] += len(a["words"]) if a["sub_tokens"] == b["sub_tokens"] else 0
        for tag, x, y in zip(a["tag"], a["pos"], b["pos"]):
            if x != y:
                pos_diffs[(tag, x, y)] += 1
    return {"texts": len(ref), "same_words_and_spaces": same_words, "tokens": total,
            "agreement": {k: (v / total if total else 0.0) for k, v in agree.items()},
            "pos_differences": [{"tag": t, "spacy": x, "lexloom": y, "count": n}
                                for (t, x, y), n in pos_diffs.most_common()]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    texts = (args.texts.read_text(encoding="utf-8").splitlines() if args.texts else SAMPLE)
    texts = [t for t in texts if t.strip()]
    results = {}
    for mode in ("-", "B", "C"):
        result = compare(annotate("spacy", mode, texts), annotate("lexloom", mode, texts))
        results["A (default)" if mode == "-" else mode] = result
        agreement = "  ".join(f"{k} {100 * v:.1f}%" for k, v in result["agreement"].items())
        print(f"split mode {mode if mode != '-' else 'A (default)'}: "
              f"{result['same_words_and_spaces']}/{result['texts']} texts with the same words "
              f"and spaces, {result['tokens']} tokens; {agreement}")
        for d in result["pos_differences"][:15]:
            print(f"    POS {d['tag']}: spaCy {d['spacy']}, lexloom {d['lexloom']} ({d['count']})")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "command": " ".join(sys.argv)},
                                        ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
