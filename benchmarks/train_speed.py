"""Training words/s of the same pipeline in lexloom and spaCy 3.8: each system builds it from
one config, initializes on the same documents, then times `nlp.update` over the same batches
(one core, each in its own process, after one warm-up batch); the ratio is of CPU time, which
other jobs on the machine disturb less than wall time. A quick complement to
train_pipeline.py, whose budgeted runs include evaluations.

    /work/bench-venv/bin/python benchmarks/train_speed.py CONFIG TRAIN.spacy [--docs 400]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

CHILD = r'''
import json, os, sys, time
system, config, train, n_docs, batch_docs = sys.argv[1:6]
os.sched_setaffinity(0, {1})
if system == "lexloom":
    import lexloom
    from lexloom.training.corpus import Corpus
    from lexloom.util import load_config, load_model_from_config
    nlp = load_model_from_config(load_config(config), auto_fill=True)
else:
    import spacy
    from spacy.training import Corpus
    from spacy.util import load_config, load_model_from_config
    nlp = load_model_from_config(load_config(config), auto_fill=True)
egs = list(Corpus(train)(nlp))[:int(n_docs)]
optimizer = nlp.initialize(lambda: egs)
k = int(batch_docs)
batches = [egs[i:i + k] for i in range(0, len(egs), k)]
nlp.update(batches[0], sgd=optimizer)
start, cpu_start = time.perf_counter(), time.process_time()
words = 0
for batch in batches[1:]:
    nlp.update(batch, sgd=optimizer, drop=0.1)
    words += sum(len(eg.predicted) for eg in batch)
print("RESULT " + json.dumps({"words": words, "seconds": time.perf_counter() - start,
                              "cpu_seconds": time.process_time() - cpu_start}))
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config")
    parser.add_argument("train")
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--batch-docs", type=int, default=8)
    args = parser.parse_args()
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    out = {}
    for system in ("lexloom", "spacy"):
        result = subprocess.run([sys.executable, "-c", CHILD, system, args.config, args.train,
                                 str(args.docs), str(args.batch_docs)],
                                capture_output=True, text=True, env=env, check=True)
        line = [x for x in result.stdout.splitlines() if x.startswith("RESULT ")][-1]
        data = json.loads(line[len("RESULT "):])
        out[system] = data["words"] / data["cpu_seconds"]
        print(f"{system}: {out[system]:,.0f} words per CPU second, "
              f"{data['words'] / data['seconds']:,.0f} words/s wall ({data['words']} words)",
              flush=True)
    print(f"ratio lexloom/spaCy (CPU time): {out['lexloom'] / out['spacy']:.2f}")
    print("command: " + " ".join([sys.executable, *sys.argv]))


if __name__ == "__main__":
    main()
