"""The training loop: batches in, updates, periodic evaluation, checkpoints out.

`train(nlp, output_path)` runs an initialized pipeline (see `init_nlp`) as its config's
[training] block says: dropout, gradient accumulation, early stopping after `patience`
steps without improvement, `max_epochs` (-1 streams the corpus), `max_steps`, an evaluation
every `eval_frequency` steps with the optimizer's parameter averages swapped in, and the
pipeline saved to `model-last` (each evaluation) and `model-best` (each improvement).
"""
from __future__ import annotations

import os
import random
import shutil
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

from ..errors import ConfigError
from .initialize import (fill_score_weights, init_nlp, load_training_config, resolve_corpus,
                         resolve_training)
from .loggers import divider, message

DIR_MODEL_BEST = "model-best"
DIR_MODEL_LAST = "model-last"


def train(nlp, output_path: str | Path | None = None, *, use_gpu: int = -1,
          stdout: IO | None = None, stderr: IO | None = None,
          distributed: Any = None) -> tuple[Any, Path | None]:
    """Train an initialized pipeline; returns (nlp, path of model-last or None).

    With an output path, the pipeline is saved to output_path/model-last after every
    evaluation and at the end (also when training stops on an error), and copied to
    output_path/model-best whenever the weighted dev score is the best so far.
    """
    from thinc.api import fix_random_seed, set_gpu_allocator

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    output_path = Path(output_path) if output_path is not None else None
    fill_score_weights(nlp)
    config = nlp.config.interpolate()
    if config["training"].get("seed") is not None:
        fix_random_seed(int(config["training"]["seed"]))
    if use_gpu >= 0 and config["training"].get("gpu_allocator"):
        set_gpu_allocator(config["training"]["gpu_allocator"])
    T = resolve_training(config)
    train_corpus = resolve_corpus(config, T["train_corpus"], nlp.config)
    dev_corpus = resolve_corpus(config, T["dev_corpus"], nlp.config)
    optimizer = T["optimizer"]
    frozen = T["frozen_components"]
    annotating = T["annotating_components"]
    before_to_disk = create_before_to_disk_callback(T["before_to_disk"])

    def save_checkpoint(is_best: bool) -> None:
        with use_params(nlp, optimizer.averages):
            replace_dir(output_path / DIR_MODEL_LAST, before_to_disk(nlp).to_disk)
        if is_best:
            replace_dir(output_path / DIR_MODEL_BEST,
                        lambda tmp: shutil.copytree(output_path / DIR_MODEL_LAST, tmp))

    if distributed is not None:
        train_corpus = distributed.shard(train_corpus)
    batches = create_train_batches(nlp, train_corpus, T["batcher"], T["max_epochs"],
                                   name=T["train_corpus"])
    evaluate = create_evaluation_callback(nlp, dev_corpus, T["score_weights"],
                                          name=T["dev_corpus"])
    before_step = None
    if distributed is not None:
        batches, evaluate, before_step = distributed.wrap(batches, evaluate)
        output_path = output_path if distributed.rank == 0 else None
    steps = train_while_improving(
        nlp, optimizer, batches, evaluate,
        dropout=T["dropout"], accumulate_gradient=T["accumulate_gradient"],
        patience=T["patience"], max_steps=T["max_steps"], eval_frequency=T["eval_frequency"],
        exclude=frozen, annotating_components=annotating, before_update=T["before_update"],
        before_step=before_step)
    clean_output_dir(output_path)
    say = _writer(stdout)
    say(message("info", f"Pipeline: {nlp.pipe_names}", stream=stdout))
    if frozen:
        say(message("info", f"Frozen components: {frozen}", stream=stdout))
    if annotating:
        say(message("info", f"Set annotations on update for: {annotating}", stream=stdout))
    say(message("info", f"Initial learn rate: {optimizer.learn_rate}", stream=stdout))
    with nlp.select_pipes(disable=[n for n in frozen if n in nlp.pipe_names]):
        log_step, finalize_logger = T["logger"](nlp, stdout, stderr)
    try:
        for _batch, info, is_best in steps:
            if is_best is not None:
                update_meta(T, nlp, info)
                if output_path is not None:
                    save_checkpoint(is_best)
                    info["output_path"] = str(output_path / DIR_MODEL_LAST)
            log_step(info if is_best is not None else None)
    except BaseException as e:
        if output_path is not None:
            say(message("warn", "Aborting and saving the final best model. Encountered "
                                f"exception: {e!r}", stream=stdout))
        raise
    finally:
        finalize_logger()
        if output_path is not None:
            save_checkpoint(False)
    if optimizer.averages:
        _apply_params(nlp, optimizer.averages)
    if output_path is None:
        return nlp, None
    say(message("good", "Saved pipeline to output directory", output_path / DIR_MODEL_LAST,
                stream=stdout))
    return nlp, output_path / DIR_MODEL_LAST


def train_while_improving(nlp, optimizer, train_data: Iterable[tuple[int, list]],
                          evaluate: Callable[[], tuple[float, dict]], *, dropout,
                          eval_frequency: int, accumulate_gradient: int, patience: int,
                          max_steps: int, exclude: Iterable[str] = (),
                          annotating_components: Iterable[str] = (),
                          before_update: Callable | None = None,
                          before_step: Callable | None = None) -> Iterator[tuple]:
    """Yield (batch, info, is_best) after every optimizer step.

    is_best is None between evaluations, else whether this evaluation's score is the best
    so far. info holds epoch, step, score, other_scores, losses (summed since the last
    evaluation), checkpoints [(score, step)], seconds and words (seen so far).
    Stops after `patience` steps without a better score (0: never), or at max_steps.
    before_step(nlp, exclude), if given, runs after the gradients are computed and before
    the optimizer applies them (distributed training averages them there).
    """
    from thinc.api import constant

    dropouts = constant(dropout) if isinstance(dropout, (int, float)) else dropout
    exclude = list(exclude)
    annotating_components = list(annotating_components)
    results: list[tuple[float, int]] = []
    losses: dict[str, float] = {}
    words_seen = 0
    start = time.perf_counter()
    for step, (epoch, batch) in enumerate(train_data):
        if before_update is not None:
            before_update(nlp, {"step": step, "epoch": epoch})
        drop = next(dropouts)
        for subbatch in subdivide_batch(batch, accumulate_gradient):
            nlp.update(subbatch, drop=drop, losses=losses, sgd=False, exclude=exclude,
                       annotates=annotating_components)
        if before_step is not None:
            before_step(nlp, exclude)
        for name, proc in nlp.pipeline:
            if (name not in exclude and getattr(proc, "is_trainable", False)
                    and getattr(proc, "model", None) not in (None, True, False)):
                proc.finish_update(optimizer)
        optimizer.step_schedules()
        if step % eval_frequency == 0:
            with use_params(nlp, optimizer.averages):
                score, other_scores = evaluate()
            results.append((score, step))
            is_best = score == max(results)[0]
        else:
            score, other_scores, is_best = None, None, None
        words_seen += sum(len(eg.predicted) for eg in batch)
        info = {"epoch": epoch, "step": step, "score": score, "other_scores": other_scores,
                "losses": losses, "checkpoints": results,
                "seconds": int(time.perf_counter() - start), "words": words_seen}
        yield batch, info, is_best
        if is_best is not None:
            losses = {}
        best_score, neg_best_step = max((s, -st) for s, st in results)
        if patience and step - (-neg_best_step) >= patience:
            break
        if max_steps and step >= max_steps:
            break


def subdivide_batch(batch: list, accumulate_gradient: int) -> Iterator[list]:
    """Split a batch (sorted by length) into accumulate_gradient sub-batches."""
    batch = sorted(batch, key=lambda eg: len(eg.predicted))
    size = len(batch) // accumulate_gradient
    start = 0
    for _ in range(accumulate_gradient):
        sub = batch[start:start + size]
        if sub:
            yield sub
        start += len(sub)
    if batch[start:]:
        yield batch[start:]


def create_train_batches(nlp, corpus: Callable, batcher: Callable, max_epochs: int, *,
                         name: str = "corpora.train") -> Iterator[tuple[int, list]]:
    """(epoch, batch) pairs: the corpus is read once and shuffled every epoch, or re-read
    (streamed, in file order) each epoch when max_epochs is -1. 0: epochs without end."""
    if max_epochs < -1:
        raise ConfigError(f"[training] max_epochs = {max_epochs}: use a positive number, 0 "
                          "(no limit) or -1 (stream the corpus).")
    examples: Any = None
    if max_epochs >= 0:
        examples = list(corpus(nlp))
        if not examples:
            raise ConfigError(f"The training corpus [{name}] ({_corpus_where(corpus)}) has no "
                              "examples. Check that the .spacy files hold non-empty docs and "
                              "that limit / max_length don't filter every doc out.")
    epoch = 0
    while max_epochs < 1 or epoch < max_epochs:
        if max_epochs >= 0:
            random.shuffle(examples)
            epoch_examples = examples
        else:
            epoch_examples = _non_empty_stream(corpus(nlp), name, corpus, epoch)
        for batch in batcher(epoch_examples):
            if batch:
                yield epoch, batch
        epoch += 1


def _non_empty_stream(examples: Iterable, name: str, corpus, epoch: int) -> Iterator:
    n = 0
    for eg in examples:
        n += 1
        yield eg
    if n == 0 and epoch == 0:
        raise ConfigError(f"The training corpus [{name}] ({_corpus_where(corpus)}) has no "
                          "examples to stream.")


def _corpus_where(corpus) -> str:
    path = getattr(corpus, "path", None)
    return str(path) if path is not None else repr(corpus)


def create_evaluation_callback(nlp, dev_corpus: Callable, weights: dict, *,
                               name: str = "corpora.dev") -> Callable[[], tuple[float, dict]]:
    """evaluate() -> (weighted score, all scores) on the dev corpus, read afresh on every
    call as spaCy's loop reads it (a custom reader may give another sample each time)."""
    weights = {k: v for k, v in (weights or {}).items() if v is not None}

    def evaluate() -> tuple[float, dict]:
        examples = list(dev_corpus(nlp))
        if not examples:
            raise ConfigError(f"The dev corpus [{name}] ({_corpus_where(dev_corpus)}) has "
                              "no examples to evaluate on.")
        scores = nlp.evaluate(examples)
        scores = {k: v for k, v in scores.items() if v is not None}
        used = {k: v for k, v in weights.items() if k in scores}
        for key in used:
            if isinstance(scores[key], bool) or not isinstance(scores[key], (int, float)):
                raise ConfigError(f"[training.score_weights] weights '{key}', whose score is a "
                                  f"{type(scores[key]).__name__}, not a number.")
        return float(sum(scores[k] * v for k, v in used.items())), scores

    return evaluate


def update_meta(training: dict, nlp, info: dict) -> None:
    """Record the latest scores (per [training] score_weights) and losses in
    nlp.meta["performance"], as written to model-best / model-last."""
    T = training
    performance = {metric: info["other_scores"].get(metric, 0.0)
                   for metric in T["score_weights"] if metric is not None}
    for name in nlp.pipe_names:
        if name in info["losses"] and name not in T.get("frozen_components", ()):
            performance[f"{name}_loss"] = info["losses"][name]
    meta = nlp.meta
    meta["performance"] = performance
    nlp.meta = meta


def create_before_to_disk_callback(callback: Callable | None) -> Callable:
    """Wrap [training] before_to_disk: the wrapper returns nlp unchanged without a callback,
    and checks that the callback returns a pipeline."""
    from ..language import Language

    def before_to_disk(nlp):
        if callback is None:
            return nlp
        result = callback(nlp)
        if not isinstance(result, Language):
            raise ConfigError(f"[E914] [training] before_to_disk must return the pipeline "
                              f"(a Language), but returned {type(result).__name__}.")
        return result

    return before_to_disk


def replace_dir(target: Path, write: Callable[[Path], Any]) -> None:
    """Write a folder whole or not at all: `write(tmp)` fills a fresh sibling folder, which
    then takes target's place by rename. A run killed while saving (a lost worker, Ctrl-C)
    leaves the previous checkpoint (or a `.old` copy of it) intact instead of a half-written
    one that a resume would read."""
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    for leftover in (tmp, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    try:
        write(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def clean_output_dir(path: Path | None) -> None:
    """Remove model-best / model-last left by an earlier run, so no stale component
    folders survive into the new ones."""
    if path is None or not path.exists():
        return
    for sub in (path / DIR_MODEL_BEST, path / DIR_MODEL_LAST):
        if sub.exists():
            try:
                shutil.rmtree(sub)
            except OSError as e:
                raise ConfigError(f"Can't remove the old {sub} ({e.strerror or e}); delete it "
                                  "or choose another --output.") from None


# ---- parameter averages ------------------------------------------------------------------


def _models(nlp) -> list:
    seen, models = set(), []
    for _name, proc in nlp.components:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk") and id(model) not in seen:
            seen.add(id(model))
            models.append(model)
    return models


@contextmanager
def use_params(nlp, params: dict | None):
    """Within the block, every component's model uses `params` (e.g. optimizer.averages)
    where they have an entry; the trained values come back afterwards."""
    if not params:
        yield
        return
    if callable(getattr(type(nlp), "use_params", None)):
        with nlp.use_params(params):
            yield
        return
    with ExitStack() as stack:
        for _name, proc in nlp.components:
            model = getattr(proc, "model", None)
            if callable(getattr(proc, "use_params", None)):
                stack.enter_context(proc.use_params(params))
            elif model is not None and hasattr(model, "use_params"):
                stack.enter_context(model.use_params(params))
        yield


def _apply_params(nlp, params: dict) -> None:
    """Replace the models' parameters by `params` for good (the averages, after training)."""
    for model in _models(nlp):
        for node in model.walk():
            for name in node.param_names:
                key = (node.id, name)
                if key in params:
                    node.set_param(name, node.ops.asarray(params[key]).copy())


# ---- the whole command ------------------------------------------------------------------


def setup_gpu(use_gpu: int, stdout: IO | None = None) -> None:
    """Put thinc on GPU `use_gpu` (>= 0), or say that training runs on the CPU."""
    stdout = stdout or sys.stdout
    if use_gpu < 0:
        print(message("info", "Using CPU", stream=stdout), file=stdout, flush=True)
        return
    from thinc.api import require_gpu

    try:
        require_gpu(use_gpu)
    except (ValueError, ImportError, RuntimeError) as e:
        raise ConfigError(f"--gpu-id {use_gpu}: no usable GPU ({e}). Install cupy "
                          "(pip install 'lexloom[cuda12x]') or use --gpu-id -1 for the CPU.") \
            from None
    print(message("info", f"Using GPU: {use_gpu}", stream=stdout), file=stdout, flush=True)


def train_from_config(config_path: str | Path, output_path: str | Path | None = None, *,
                      use_gpu: int = -1, overrides: dict | None = None,
                      stdout: IO | None = None, stderr: IO | None = None):
    """What `lexloom train` does: load the config with overrides, initialize, train."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    say = _writer(stdout)
    if str(config_path) != "-" and not Path(config_path).exists():
        raise ConfigError(f"Config file not found: {config_path}")
    if output_path is None:
        say(message("info", "No output directory provided", stream=stdout))
    else:
        output_path = Path(output_path)
        if not output_path.exists():
            output_path.mkdir(parents=True)
            say(message("good", f"Created output directory: {output_path}", stream=stdout))
        say(message("info", f"Saving to output directory: {output_path}", stream=stdout))
    setup_gpu(use_gpu, stdout)
    config = load_training_config(config_path, overrides)
    say(divider("Initializing pipeline"))
    nlp = init_nlp(config, use_gpu=use_gpu, stdout=stdout)
    say(message("good", "Initialized pipeline", stream=stdout))
    say(divider("Training pipeline"))
    return train(nlp, output_path, use_gpu=use_gpu, stdout=stdout, stderr=stderr)


def evaluate_pipeline(model: str | Path, data_path: str | Path, *, gold_preproc: bool = False,
                      per_component: bool = False) -> dict:
    """What `lexloom evaluate` computes: load a saved pipeline, score it on a .spacy
    corpus. Returns nlp.evaluate's scores (with "speed" in words per second)."""
    from thinc.api import fix_random_seed

    from .. import load
    from .corpus import Corpus

    fix_random_seed(0)
    data_path = Path(data_path)
    if not data_path.exists():
        raise ConfigError(f"Evaluation data not found: {data_path}")
    nlp = load(model)
    examples = list(Corpus(data_path, gold_preproc=gold_preproc)(nlp))
    if not examples:
        raise ConfigError(f"The evaluation data {data_path} has no (non-empty) documents.")
    if per_component:
        return nlp.evaluate(examples, per_component=True)
    return nlp.evaluate(examples)


def _writer(stream: IO) -> Callable[[str], None]:
    def write(text: str) -> None:
        print(text, file=stream, flush=True)

    return write


__all__ = ["train", "train_while_improving", "update_meta", "create_before_to_disk_callback",
           "replace_dir", "subdivide_batch", "create_train_batches",
           "create_evaluation_callback", "use_params", "clean_output_dir", "train_from_config",
           "evaluate_pipeline", "setup_gpu", "init_nlp", "DIR_MODEL_BEST", "DIR_MODEL_LAST"]
