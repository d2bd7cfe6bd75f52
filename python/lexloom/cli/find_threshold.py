"""`lexloom find-threshold`: the decision threshold of a component (textcat_multilabel,
spancat, ...) that maximizes a score on a development corpus."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy
import typer

from ..errors import ThresholdComponentError
from ._app import app
from ._util import fail, say


def find_threshold(model: str, data_path: Path, pipe_name: str, threshold_key: str,
                   scores_key: str, *, n_trials: int = 11, use_gpu: int = -1,
                   gold_preproc: bool = False, silent: bool = True
                   ) -> tuple[float, float, dict[float, float]]:
    """Evaluate the pipeline with the component's `threshold_key` setting (a dotted path in
    its config, e.g. "threshold") at n_trials evenly spaced values in [0, 1]; returns (best
    threshold, its `scores_key` score, {threshold: score})."""
    from .. import load
    from ..errors import ConfigError
    from ..training.corpus import Corpus
    from ..training.loggers import row
    from ..training.loop import setup_gpu

    if not silent:
        setup_gpu(use_gpu)
    data_path = Path(data_path)
    if not data_path.exists():
        fail("Evaluation data not found", data_path)
    nlp = load(model)
    if pipe_name not in nlp.component_names:
        raise ThresholdComponentError(f"No component '{pipe_name}' in the pipeline; it has: "
                            f"{', '.join(nlp.component_names)}.")
    pipe = nlp.get_pipe(pipe_name)
    if not hasattr(pipe, "scorer"):
        raise ThresholdComponentError(f"'{pipe_name}' has no scorer, so no threshold can be "
                                      "tuned on it.")
    if type(pipe).__name__ == "TextCategorizer":
        say("warn", "The `textcat` component doesn't use a threshold as it's not applicable to "
                    "the concept of exclusive classes. All thresholds will yield the same "
                    "results.")
    keys = threshold_key.split(".")
    cfg = getattr(pipe, "cfg", None)
    in_cfg = isinstance(cfg, dict) and _has_path(cfg, keys)
    # a component that reads its threshold at construction only (a factory argument, not in
    # .cfg): the pipeline is loaded again per trial with the setting overridden, as spaCy does
    component_config = nlp.config["components"].get(pipe_name, {})
    if not in_cfg and not _has_path(component_config, keys):
        raise ConfigError(f"Failed to look up `{threshold_key}` in the config of "
                          f"'{pipe_name}'. Its settings: {sorted(cfg or component_config)}.")
    if not silent:
        say("info", f"Optimizing for {scores_key} for component '{pipe_name}' with "
                    f"{n_trials} trials.")
    examples = list(Corpus(data_path, gold_preproc=gold_preproc)(nlp))
    original = _get_path(cfg, keys) if in_cfg else None
    widths = (10, 10)
    scores: dict[float, float] = {}
    if not silent:
        print(row(["Threshold", scores_key], widths))
    try:
        for threshold in numpy.linspace(0, 1, n_trials):
            threshold = float(threshold)
            if in_cfg:
                _set_path(cfg, keys, threshold)
                result = nlp.evaluate(examples)
            else:
                trial = load(model, config={f"components.{pipe_name}.{threshold_key}":
                                            threshold})
                result = trial.evaluate(examples)
            if scores_key not in result:
                raise ConfigError(f"Failed to look up score `{scores_key}` in evaluation "
                                  f"results. Available: {sorted(result)}.")
            score = result[scores_key]
            if not isinstance(score, (int, float)) or isinstance(score, bool):
                raise ConfigError(f"The score '{scores_key}' is not numeric; threshold "
                                  "optimization only works for numeric scores.")
            scores[threshold] = float(score)
            if not silent:
                print(row([round(threshold, 3), round(float(score), 3)], widths))
    finally:
        if in_cfg:
            _set_path(cfg, keys, original)
    best = max(scores, key=lambda t: scores[t])
    if len(set(scores.values())) == 1:
        hint = "" if type(pipe).__name__ != "MultiLabel_TextCategorizer" or \
            scores_key in ("cats_macro_f", "cats_micro_f") else \
            " Use `cats_macro_f` or `cats_micro_f` when optimizing the threshold for " \
            "`textcat_multilabel`."
        say("warn", "All scores are identical. Verify that all settings are correct." + hint)
    elif not silent:
        print(f"\nBest threshold: {round(best, 4)} with {scores_key} value of {scores[best]}.")
    return best, scores[best], scores


def _has_path(cfg: dict, keys: list[str]) -> bool:
    node: Any = cfg
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


def _get_path(cfg: dict, keys: list[str]) -> Any:
    for key in keys:
        cfg = cfg[key]
    return cfg


def _set_path(cfg: dict, keys: list[str], value: Any) -> None:
    for key in keys[:-1]:
        cfg = cfg[key]
    cfg[keys[-1]] = value


@app.command("find-threshold")
def find_threshold_cli(
    model: str = typer.Argument(..., help="Model name or path"),
    data_path: Path = typer.Argument(..., help="Location of binary evaluation data in .spacy "
                                     "format", exists=True),
    pipe_name: str = typer.Argument(..., help="Name of pipe to examine thresholds for"),
    threshold_key: str = typer.Argument(..., help="Key of threshold attribute in component's "
                                        "configuration"),
    scores_key: str = typer.Argument(..., help="Metric to optimize"),
    n_trials: int = typer.Option(11, "--n_trials", "-n",
                                 help="Number of trials to determine optimal thresholds"),
    code_path: Path | None = typer.Option(None, "--code", "-c",
                                             help="Python file with registered functions"),
    use_gpu: int = typer.Option(-1, "--gpu-id", "-g", help="GPU ID or -1 for CPU"),
    gold_preproc: bool = typer.Option(False, "--gold-preproc", "-G",
                                      help="Use gold preprocessing"),
    verbose: bool = typer.Option(False, "--verbose", "-V", "-VV",
                                 help="Display more information for debugging purposes"),
):
    """Run prediction trials for a trained component with varying thresholds to maximize
    the specified metric."""
    from ..errors import LexloomError
    from ._util import import_code

    if verbose:
        logging.getLogger("lexloom").setLevel(logging.DEBUG)
    try:
        import_code(code_path)
        find_threshold(model, data_path, pipe_name, threshold_key, scores_key,
                       n_trials=n_trials, use_gpu=use_gpu, gold_preproc=gold_preproc,
                       silent=False)
    except LexloomError as e:
        fail(str(e))
