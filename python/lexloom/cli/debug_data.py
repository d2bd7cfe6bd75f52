"""`lexloom debug data`: check training and development data against a config before
training: that it loads and initializes the pipeline, its size and overlap, the vocabulary,
and per component the labels it teaches (with the rare and missing ones)."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import typer

from ._util import fail, say
from .debug import debug_app

# Fewer training docs than this is little for a new pipeline; fewer than the minimum, too few.
BLANK_MODEL_THRESHOLD = 2000
BLANK_MODEL_MIN_THRESHOLD = 100
RARE_LABEL_THRESHOLD = 20


def debug_data(config_path: Path, *, config_overrides: dict[str, Any] | None = None,
               ignore_warnings: bool = False, verbose: bool = False, no_format: bool = True,
               silent: bool = True) -> dict[str, int]:
    """Run the checks and print them (warnings only without ignore_warnings); returns
    {"passed", "warnings", "errors"} counts and exits with status 1 when there are errors."""
    from ..language import Language
    from ..training.initialize import (
        load_training_config,
        resolve_corpus,
        resolve_training,
    )

    counts = Counter()

    def report(kind: str, text: str) -> None:
        counts[{"good": "passed", "warn": "warnings", "fail": "errors"}.get(kind, kind)] += 1
        if kind != "warn" or not ignore_warnings:
            say(kind, text)

    config = load_training_config(config_path, dict(config_overrides or {}))
    nlp = Language.from_config(config, auto_fill=True)
    interpolated = nlp.config.interpolate()
    T = resolve_training(interpolated)
    train_corpus = resolve_corpus(interpolated, T["train_corpus"], nlp.config)
    dev_corpus = resolve_corpus(interpolated, T["dev_corpus"], nlp.config)
    print("\n=== Data file validation ===")
    nlp.initialize(lambda: train_corpus(nlp))
    report("good", "Pipeline can be initialized with data")
    train = list(train_corpus(nlp))
    dev = list(dev_corpus(nlp))
    report("good", "Corpus is loadable")

    print("\n=== Training stats ===")
    print(f"Language: {nlp.lang}")
    print(f"Training pipeline: {', '.join(nlp.pipe_names)}")
    if T["frozen_components"]:
        print(f"Frozen components: {', '.join(T['frozen_components'])}")
    print(f"{len(train)} training docs")
    print(f"{len(dev)} evaluation docs")
    if not dev:
        report("fail", "No evaluation docs")
    overlap = len({eg.reference.text for eg in train} & {eg.reference.text for eg in dev})
    if overlap:
        report("warn", f"{overlap} training examples also in evaluation data")
    else:
        report("good", "No overlap between training and evaluation data")
    if len(train) < BLANK_MODEL_THRESHOLD:
        text = f"Low number of examples to train a new pipeline ({len(train)})"
        report("fail" if len(train) < BLANK_MODEL_MIN_THRESHOLD else "warn", text)
        if verbose:
            print(f"It's recommended to use at least {BLANK_MODEL_THRESHOLD} examples "
                  f"(minimum {BLANK_MODEL_MIN_THRESHOLD})")

    print("\n=== Vocab & Vectors ===")
    words = Counter(t.text for eg in train for t in eg.reference)
    say("info", f"{sum(words.values())} total word(s) in the data ({len(words)} unique)")
    for name, examples in (("training", train), ("dev", dev)):
        misaligned = sum(int((eg.alignment.x2y.lengths != 1).sum()) for eg in examples)
        if misaligned:
            report("warn", f"{misaligned} misaligned tokens in the {name} data")
    if verbose:
        print(f"10 most common words: {_labels(words.most_common(10))}")
    vectors = nlp.vocab.vectors
    if vectors.shape[0]:
        say("info", f"{vectors.shape[0]} vectors ({vectors.n_keys} keys) of width "
                    f"{vectors.shape[1]}")
    else:
        say("info", "No word vectors present in the package")

    factories = {name: nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    sections = (("ner", "Named Entity Recognition", _entity_labels),
                ("tagger", "Part-of-speech Tagging", _token_labels("tag_")),
                ("morphologizer", "Morphologizer (POS+Morph)", _token_labels("morph")),
                ("parser", "Dependency Parsing", _token_labels("dep_")),
                ("textcat", "Text Classification (Exclusive Classes)", _cat_labels),
                ("textcat_multilabel", "Text Classification (Multilabel)", _cat_labels),
                ("spancat", "Span Categorization", _span_labels))
    for factory, title, count in sections:
        if factory not in factories.values():
            continue
        print(f"\n=== {title} ===")
        train_labels, dev_labels = count(train), count(dev)
        say("info", f"{len(train_labels)} label(s) in train data")
        if verbose or len(train_labels) <= 30:
            print(_labels(train_labels.most_common()))
        rare = [label for label, n in train_labels.items() if n <= RARE_LABEL_THRESHOLD]
        if rare and len(train) >= BLANK_MODEL_MIN_THRESHOLD:
            report("warn", f"Low number of examples for label(s): {', '.join(sorted(rare))}")
        only_dev = sorted(set(dev_labels) - set(train_labels))
        if only_dev:
            report("warn", f"Label(s) in the dev data but not the training data: "
                           f"{', '.join(only_dev)}")
        elif train_labels:
            report("good", "All dev labels are in the training data")
        if not train_labels:
            report("fail", f"No {title} annotation in the training data")

    print("\n=== Summary ===")
    summary = {k: counts[k] for k in ("passed", "warnings", "errors")}
    say("good" if not summary["errors"] else "fail",
        f"{summary['passed']} checks passed, {summary['warnings']} warning(s), "
        f"{summary['errors']} error(s)")
    if summary["errors"]:
        sys.exit(1)
    return summary


def _labels(pairs) -> str:
    return ", ".join(f"'{label}' ({n})" for label, n in pairs)


def _entity_labels(examples) -> Counter:
    return Counter(ent.label_ for eg in examples for ent in eg.reference.ents)


def _token_labels(attr: str):
    def count(examples) -> Counter:
        return Counter(str(getattr(t, attr)) for eg in examples for t in eg.reference
                       if str(getattr(t, attr)))
    return count


def _cat_labels(examples) -> Counter:
    return Counter(label for eg in examples for label, v in eg.reference.cats.items() if v)


def _span_labels(examples) -> Counter:
    return Counter(span.label_ for eg in examples for group in eg.reference.spans.values()
                   for span in group)


@debug_app.command("data", context_settings={"allow_extra_args": True,
                                             "ignore_unknown_options": True})
def debug_data_cli(
    ctx: typer.Context,
    config_path: Path = typer.Argument(..., help="Path to config file", exists=True,
                                       allow_dash=True),
    code_path: Path | None = typer.Option(None, "--code-path", "--code", "-c",
                                             help="Python file with registered functions"),
    ignore_warnings: bool = typer.Option(False, "--ignore-warnings", "-IW",
                                         help="Ignore warnings, only show stats and errors"),
    verbose: bool = typer.Option(False, "--verbose", "-V",
                                 help="Print additional information and explanations"),
    no_format: bool = typer.Option(False, "--no-format", "-NF",
                                   help="Don't pretty-print the results"),
):
    """Analyze, debug and validate your training and development data: statistics, label
    counts and problems to fix before training."""
    from ..errors import LexloomError
    from ..util import import_code, parse_overrides

    try:
        import_code(code_path)
        debug_data(config_path, config_overrides=parse_overrides(list(ctx.args)),
                   ignore_warnings=ignore_warnings, verbose=verbose, no_format=no_format,
                   silent=False)
    except LexloomError as e:
        fail(str(e))
