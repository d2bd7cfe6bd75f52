"""Tok2Vec forward + backward speed: lexloom vs spaCy 3.8, same config, same weights, same
sentences, same process, one core.

Run in the benchmark environment (spaCy installed beside lexloom):
    python benchmarks/tok2vec_layers.py [--n 2000] [--batch-size 64] [--repeats 5]
        [--conllu ../shared/data/ud_english_ewt/en_ewt-ud-train.conllu]

Each library tokenises the first --n `# text = ` sentences with its own blank("en") (not
timed), builds the model from the same config block through its own registry, and lexloom's
model gets a copy of spaCy's initial weights, so both compute the same function (the script
checks the outputs agree). lexloom runs twice: with the ops lexloom's pipelines attach to
their models (lexloom.ml.ops: numpy's BLAS for matrix products) and with spaCy's ops
(thinc's NumpyOps, blis gemm), which isolates what lexloom's own embedding code gains. Timed, per batch: begin_update + backprop of
  - tok2vec: the whole Tok2Vec (MultiHashEmbed + MaxoutWindowEncoder)
  - embed:   MultiHashEmbed alone (features, hashed tables, Maxout mixing)
  - hash:    the hashed-embedding part of it (features -> concatenated table rows)
Figures are words per CPU second (process time, pinned to one core), best of --repeats
passes, the systems interleaved, one BLAS thread; ratios are lexloom / spaCy. Writes
benchmarks/results/tok2vec_layers.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CONLLU = (HERE.parent.parent / "shared" / "data" / "ud_english_ewt"
                  / "en_ewt-ud-train.conllu")

CONFIG = """
[model]
@architectures = "spacy.Tok2Vec.v2"
[model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,2500]
include_static_vectors = false
[model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
"""


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def read_conllu_texts(path: Path, n: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("# text = "):
                texts.append(line[len("# text = "):].rstrip("\n"))
                if len(texts) >= n:
                    break
    return texts


def copy_weights(source, target) -> None:
    """Give `target` the parameters of `source`: the same network, node by node in order of
    (layer name, parameter name), which holds whatever extra wrapper nodes either has."""
    def params(model):
        found = [(node.name, name, node) for node in model.walk() for name in node.param_names]
        return sorted(found, key=lambda item: (item[0], item[1]))

    src, dst = params(source), params(target)
    assert [(a, b) for a, b, _ in src] == [(a, b) for a, b, _ in dst], "different networks"
    for (_, name, a), (_, _, b) in zip(src, dst):
        value = a.get_param(name)
        assert value.shape == b.get_param(name).shape
        b.set_param(name, value.copy())


def run_layers(layers, batch):
    """begin_update through `layers` in sequence, then backprop with dY = Y."""
    callbacks = []
    X = batch
    for layer in layers:
        X, callback = layer.begin_update(X)
        callbacks.append(callback)
    dY = X
    for callback in reversed(callbacks):
        dY = callback(dY)


def time_pass(layers, batches) -> float:
    """CPU seconds of one pass (process time: on a shared machine, time other processes take
    from our core doesn't count)."""
    start = time.process_time()
    for batch in batches:
        run_layers(layers, batch)
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"  # before numpy loads: one core, one BLAS thread

    import lexloom
    import numpy
    import spacy
    import thinc
    from thinc.api import Config, fix_random_seed
    from spacy.util import registry as spacy_registry

    from lexloom.ml import ensure_registered
    from lexloom.ml.ops import use_lexloom_ops
    from lexloom.registry import registry as lexloom_registry

    ensure_registered()
    texts = read_conllu_texts(args.conllu, args.n)
    fix_random_seed(0)
    spacy_model = spacy_registry.resolve(Config().from_str(CONFIG))["model"]
    lexloom_model = lexloom_registry.resolve(Config().from_str(CONFIG))["model"]
    use_lexloom_ops(lexloom_model)  # what lexloom's Language does to its components' models
    blis_model = lexloom_registry.resolve(Config().from_str(CONFIG))["model"]  # spaCy's ops
    spacy_nlp, lexloom_nlp = spacy.blank("en"), lexloom.blank("en")
    spacy_docs = [spacy_nlp(text) for text in texts]
    lexloom_docs = [lexloom_nlp(text) for text in texts]
    systems = {}
    for name, docs, model in (("spacy", spacy_docs, spacy_model),
                              ("lexloom, blis gemm", lexloom_docs, blis_model),
                              ("lexloom", lexloom_docs, lexloom_model)):
        batches = [docs[i:i + args.batch_size] for i in range(0, len(docs), args.batch_size)]
        model.initialize(X=docs[:10])
        embed = model.get_ref("embed")
        systems[name] = {
            "batches": batches,
            "words": sum(len(doc) for doc in docs),
            "parts": {"tok2vec": [model], "embed": [embed], "hash": embed.layers[:3]},
        }
    copy_weights(spacy_model, lexloom_model)
    copy_weights(spacy_model, blis_model)
    same_tokens = [[t.text for t in d] for d in spacy_docs] == \
        [[t.text for t in d] for d in lexloom_docs]
    max_diff = {}
    sample_s, sample_l = spacy_docs[:args.batch_size], lexloom_docs[:args.batch_size]
    for name, model in (("lexloom, blis gemm", blis_model), ("lexloom", lexloom_model)):
        ys, yl = spacy_model.predict(sample_s), model.predict(sample_l)
        max_diff[name] = max(float(numpy.abs(a - b).max()) for a, b in zip(ys, yl) if a.size)

    best: dict = {name: {} for name in systems}
    for name in systems:  # warm-up pass (allocations, caches)
        for layers in systems[name]["parts"].values():
            time_pass(layers, systems[name]["batches"][:4])
    for _ in range(args.repeats):
        for part in ("tok2vec", "embed", "hash"):
            for name, s in systems.items():
                seconds = time_pass(s["parts"][part], s["batches"])
                best[name][part] = min(best[name].get(part, float("inf")), seconds)

    results: dict = {
        "command": " ".join([Path(sys.executable).name] + sys.argv),
        "sentences": len(texts), "batch_size": args.batch_size, "repeats": args.repeats,
        "cpu": _cpu_name(),
        "versions": {"lexloom": lexloom.about.__lexloom_version__, "spacy": spacy.__version__,
                     "thinc": thinc.__version__, "numpy": numpy.__version__},
        "same_tokens": same_tokens, "max_abs_output_diff_first_batch": max_diff,
        "systems": {}, "ratio_to_spacy": {},
    }
    for name in systems:
        words = systems[name]["words"]
        results["systems"][name] = {
            "words": words,
            **{f"{part}_words_per_s": words / best[name][part] for part in best[name]},
            **{f"{part}_cpu_seconds": best[name][part] for part in best[name]},
        }
    for name in systems:
        if name != "spacy":
            results["ratio_to_spacy"][name] = {
                part: results["systems"][name][f"{part}_words_per_s"]
                / results["systems"]["spacy"][f"{part}_words_per_s"]
                for part in ("tok2vec", "embed", "hash")}

    print(f"command: {results['command']}")
    print(f"{len(texts)} sentences of {args.conllu.name}, batches of {args.batch_size}, one core "
          f"({results['cpu']}), forward + backward, best of {args.repeats}")
    print(f"same tokens: {same_tokens}; same weights, outputs differ from spaCy's by at most "
          + ", ".join(f"{v:.2g} ({k})" for k, v in max_diff.items()))
    print(f"{'words/s':>26}  {'tok2vec':>10}  {'embed':>10}  {'hash part':>10}")
    for name in systems:
        r = results["systems"][name]
        print(f"{name:>26}  {r['tok2vec_words_per_s']:>10,.0f}  {r['embed_words_per_s']:>10,.0f}  "
              f"{r['hash_words_per_s']:>10,.0f}")
    for name, ratio in results["ratio_to_spacy"].items():
        print(f"{name + ' / spaCy':>26}  {ratio['tok2vec']:>9.2f}x  {ratio['embed']:>9.2f}x  "
              f"{ratio['hash']:>9.2f}x")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "tok2vec_layers.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
