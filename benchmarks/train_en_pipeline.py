"""Rebuild en_lexloom_sm, the English pipeline shipped inside the lexloom package
(python/lexloom/data/pipelines/en_lexloom_sm), from the public corpora in ../shared/data.

    python benchmarks/train_en_pipeline.py [--data DIR] [--workdir DIR] [--output DIR]
        [--steps-a N] [--steps-b N] [--only convert,a,b,assemble]
    python benchmarks/train_en_pipeline.py --only measure   # scores + words/s of --output

Everything goes through lexloom's own converter and training loop
(`lexloom.training.converters.convert`, `lexloom.training.loop.train_from_config`), so the
same result comes from `lexloom convert` / `lexloom train` with the configs this script
writes into --workdir. Seeds are fixed in the configs ([system] seed = 0): a rerun on the
same machine gives the same pipeline.

 run A: tok2vec, tagger, morphologizer, trainable_lemmatizer, parser on UD English EWT 2.16
        train (converted with -n 10), scored on EWT dev; the config is the efficiency config
        `lexloom init config -p tagger,morphologizer,trainable_lemmatizer,parser` writes, with
        only [training] max_steps / eval_frequency / patience changed (fixed step count).
 run B: ner with a tok2vec of its own (inline, not a listener, so it can be copied into A)
        on UNER English EWT v1; only UNER's dev file is public here, so it is split by
        document with benchmarks/uner_split.py (every 5th document to eval).
 assemble: A's model-best plus B's ner (nlp.add_pipe("ner", source=...)), meta with the
        licence of the data (CC BY-SA 4.0), sources and the dev scores; saved with to_disk.

On one core (OMP_NUM_THREADS=1, sched_setaffinity to one CPU) run A took 17.9 min and run B
1.9 min on the shared 2-core development machine; the figures of the last build are in the
pipeline's README.md (kept when the folder is rewritten).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUTPUT = REPO / "python" / "lexloom" / "data" / "pipelines" / "en_lexloom_sm"
DEFAULT_WORKDIR = Path("/tmp/train_en_lexloom_sm")

NAME = "lexloom_sm"          # meta name; the folder and load name are en_lexloom_sm
VERSION = "0.1.0"
PIPELINE_A = ["tagger", "morphologizer", "trainable_lemmatizer", "parser"]
# Run A: 17.9 min on one core here (3,500 steps took 9.8 min; the batch size compounds to
# 1,000 words by step ~2,300, so later steps cost about the same each). Dev scores had
# flattened by 5,000-6,000 steps.
STEPS_A = 6000
EVAL_A = 500
# Run B: UNER train is only ~20k words: eval ents_f peaks at step 1,500 (a 4,000-step run
# picked the same model-best), so 2,000 steps; ~2 min on one core.
STEPS_B = 2000
EVAL_B = 500
# B's ner keeps its own small tok2vec (inline, so it is self-contained when sourced).
NER_WIDTH = 64
NER_ROWS = [5000, 1000, 2500, 2500]

SOURCES = [
    {"name": "UD English EWT", "version": "2.16",
     "url": "https://github.com/UniversalDependencies/UD_English-EWT",
     "license": "CC BY-SA 4.0",
     "author": "Universal Dependencies contributors (Silveira et al. 2014)"},
    {"name": "UNER English EWT", "version": "v1",
     "url": "https://github.com/UniversalNER/UNER_English-EWT",
     "license": "CC BY-SA 4.0",
     "author": "Universal NER (Mayhew et al. 2024)"},
]


def pin_one_core() -> None:
    """Train on one core, as the figures in the README were measured."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def convert_corpora(data: Path, work: Path) -> dict[str, Path]:
    """UD EWT train/dev -> .spacy (10 sentences per doc); UNER EWT dev -> train/eval split."""
    from lexloom.training.converters import convert
    from uner_split import write_split

    ud = data / "ud_english_ewt"
    out = work / "corpus"
    out.mkdir(parents=True, exist_ok=True)
    paths = {"a_train": convert(ud / "en_ewt-ud-train.conllu", out, "conllu", n_sents=10),
             "a_dev": convert(ud / "en_ewt-ud-dev.conllu", out, "conllu", n_sents=10)}
    paths["b_train"], paths["b_dev"] = write_split(
        out / "uner", data / "uner_english_ewt" / "en_ewt-ud-dev.iob2")
    return paths


def with_fixed_steps(config, steps: int, eval_frequency: int):
    """The config trained for exactly `steps` steps (no epoch limit, no early stop),
    evaluated every eval_frequency steps."""
    config["training"].update({"max_steps": steps, "max_epochs": 0,
                               "eval_frequency": eval_frequency, "patience": 0})
    return config


def config_a(steps: int, eval_frequency: int):
    """The efficiency starter config for run A, with a fixed number of steps."""
    from lexloom.training.config_templates import make_config

    config = make_config(lang="en", pipeline=PIPELINE_A, optimize="efficiency")
    return with_fixed_steps(config, steps, eval_frequency)


def config_b(steps: int, eval_frequency: int):
    """The efficiency ner config, with the shared tok2vec moved inline into the ner model
    (narrower, so the shipped folder stays small) and no tok2vec component."""
    from lexloom.training.config_templates import make_config

    config = make_config(lang="en", pipeline=["ner"], optimize="efficiency")
    tok2vec = config["components"].pop("tok2vec")["model"]
    tok2vec["encode"]["width"] = NER_WIDTH
    tok2vec["embed"]["width"] = NER_WIDTH
    tok2vec["embed"]["rows"] = list(NER_ROWS)
    config["components"]["ner"]["model"]["tok2vec"] = tok2vec
    config["nlp"]["pipeline"] = ["ner"]
    return with_fixed_steps(config, steps, eval_frequency)


def train_run(name: str, config, paths: tuple[Path, Path], work: Path) -> tuple[Path, float]:
    """Write the config, train with lexloom's loop; returns (model-best, wall seconds)."""
    from lexloom.training.loop import train_from_config

    cfg_path = work / f"{name}.cfg"
    config.to_disk(cfg_path, interpolate=False)
    out = work / f"model_{name}"
    if out.exists():
        shutil.rmtree(out)
    print(f"== run {name}: lexloom train {cfg_path} --output {out} "
          f"--paths.train {paths[0]} --paths.dev {paths[1]}", flush=True)
    start = time.perf_counter()
    train_from_config(cfg_path, out, overrides={"paths.train": str(paths[0]),
                                                "paths.dev": str(paths[1])})
    wall = time.perf_counter() - start
    print(f"== run {name}: {wall / 60:.1f} min", flush=True)
    (work / f"wall_{name}.json").write_text(json.dumps({"wall_s": wall}))
    return out / "model-best", wall


def dev_scores(model: Path, data: Path) -> dict:
    """Scores of a saved pipeline on a .spacy corpus (lexloom evaluate)."""
    from lexloom.training.loop import evaluate_pipeline

    return evaluate_pipeline(model, data)


def assemble(model_a: Path, model_b: Path, paths: dict[str, Path], output: Path) -> dict:
    """A's pipeline plus B's ner, with meta (licence, sources, dev scores); saved to output."""
    import lexloom

    from lexloom.training.corpus import Corpus

    scores_a = dev_scores(model_a, paths["a_dev"])
    nlp = lexloom.load(model_a)
    nlp_b = lexloom.load(model_b)
    nlp.add_pipe("ner", source=nlp_b)
    # the ner's scores as shipped: inside the whole pipeline (the parser's sentences first)
    scores_b = nlp.evaluate(list(Corpus(paths["b_dev"])(nlp)))
    keys_a = ["tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f"]
    keys_b = ["ents_p", "ents_r", "ents_f"]
    performance = {k: round(float(scores_a[k]), 4) for k in keys_a}
    performance.update({k: round(float(scores_b[k]), 4) for k in keys_b})
    performance["ents_per_type"] = {
        label: {k: round(float(v), 4) for k, v in per.items()}
        for label, per in (scores_b.get("ents_per_type") or {}).items()}
    meta = nlp.meta
    meta.update({
        "name": NAME, "version": VERSION, "lang": "en",
        "description": ("English pipeline trained with lexloom: tok2vec, tagger, "
                        "morphologizer, trainable_lemmatizer, parser (UD English EWT 2.16 "
                        "train) and ner (PER/LOC/ORG, UNER English EWT v1, own tok2vec). "
                        "Scores: UD EWT dev; ner on a held-out fifth of UNER EWT dev."),
        "license": "CC BY-SA 4.0", "author": "lexloom", "sources": SOURCES,
        "performance": performance,
    })
    nlp.meta = meta
    readme = output / "README.md"   # hand-written, with the measured figures: kept
    kept = readme.read_text(encoding="utf8") if readme.is_file() else None
    if output.exists():
        if not (output / "config.cfg").is_file():
            sys.exit(f"{output} exists and is not a pipeline folder; choose another --output.")
        shutil.rmtree(output)
    nlp.to_disk(output)
    _clear_training_paths(output / "config.cfg")
    if kept is not None:
        readme.write_text(kept, encoding="utf8")
    return performance


def _clear_training_paths(config_path: Path) -> None:
    """The saved config names no corpus of this machine: [paths] train / dev are null (pass
    --paths.train / --paths.dev to train or evaluate with it)."""
    from confection import Config

    config = Config().from_disk(config_path, interpolate=False)
    for key in ("train", "dev"):
        config["paths"][key] = None
    config.to_disk(config_path)


def measure(output: Path, paths: dict[str, Path], texts: Path, n_texts: int) -> dict:
    """The saved pipeline's own scores (UD EWT dev; ner on the UNER eval split) and its
    nlp.pipe words/s on one thread over the first n_texts paragraphs of texts (JSONL with a
    "text" field), timed after one warm-up batch."""
    import lexloom

    scores_a = dev_scores(output, paths["a_dev"])
    scores_b = dev_scores(output, paths["b_dev"])
    nlp = lexloom.load(output)
    with open(texts, encoding="utf8") as f:
        lines = [json.loads(line)["text"] for _, line in zip(range(n_texts), f)]
    list(nlp.pipe(lines[:200]))   # warm-up: first-call allocations
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(lines))
    elapsed = time.perf_counter() - start
    keys = ["tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f"]
    shown = output.relative_to(REPO) if output.is_relative_to(REPO) else output
    result = {"pipeline": str(shown), "scores": {k: round(float(scores_a[k]), 4) for k in keys},
              "speed": {"texts": len(lines), "words": words, "seconds": round(elapsed, 2),
                        "words_per_s": round(words / elapsed),
                        "threads": os.environ.get("OMP_NUM_THREADS")},
              "size_bytes": sum(p.stat().st_size for p in output.rglob("*") if p.is_file())}
    result["scores"].update({k: round(float(scores_b[k]), 4)
                             for k in ("ents_p", "ents_r", "ents_f")})
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--steps-a", type=int, default=STEPS_A)
    parser.add_argument("--eval-a", type=int, default=EVAL_A)
    parser.add_argument("--steps-b", type=int, default=STEPS_B)
    parser.add_argument("--eval-b", type=int, default=EVAL_B)
    parser.add_argument("--texts", type=Path, default=None,
                        help="JSONL paragraphs for the speed figure (default: "
                             "<data>/raw_text/text.jsonl)")
    parser.add_argument("--n-texts", type=int, default=5000)
    parser.add_argument("--only", default="convert,a,b,assemble",
                        help="comma-separated phases to run (later ones reuse --workdir): "
                             "convert, a, b, assemble, measure (scores + words/s of --output; "
                             "writes benchmarks/results/en_lexloom_sm.json)")
    args = parser.parse_args()
    phases = set(args.only.split(","))
    pin_one_core()
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    paths = {"a_train": corpus / "en_ewt-ud-train.spacy", "a_dev": corpus / "en_ewt-ud-dev.spacy",
             "b_train": corpus / "uner" / "train.spacy", "b_dev": corpus / "uner" / "eval.spacy"}
    if "convert" in phases:
        paths = convert_corpora(args.data, work)
    if "a" in phases:
        train_run("a", config_a(args.steps_a, args.eval_a), (paths["a_train"], paths["a_dev"]),
                  work)
    if "b" in phases:
        train_run("b", config_b(args.steps_b, args.eval_b), (paths["b_train"], paths["b_dev"]),
                  work)
    if "assemble" in phases:
        performance = assemble(work / "model_a" / "model-best", work / "model_b" / "model-best",
                               paths, args.output)
        print(json.dumps(performance, indent=1))
        print(f"saved {args.output}")
    if "measure" in phases:
        result = measure(args.output, paths, args.texts or args.data / "raw_text" / "text.jsonl",
                         args.n_texts)
        result["command"] = "python benchmarks/train_en_pipeline.py --only measure"
        out = HERE / "results" / "en_lexloom_sm.json"
        out.write_text(json.dumps(result, indent=1) + "\n")
        print(json.dumps(result, indent=1))
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
