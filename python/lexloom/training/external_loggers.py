"""The training loggers spaCy gets from its `spacy-loggers` and `spacy-legacy` packages,
written for lexloom, so a config naming `@loggers = "spacy.WandbLogger.v5"` (or MLflow,
ClearML, Chain, Lookup, Cupy, PyTorch) trains unchanged without spaCy installed.

Each is a factory, resolved from [training.logger], that returns
`setup(nlp, stdout, stderr) -> (log_step, finalize)`, as the console logger in `loggers.py`
does: the loop calls `log_step(info)` after every step (info=None between evaluations) and
`finalize()` once at the end, also when training fails.

- Chain and Lookup loggers combine and filter other loggers; they need no extra package.
- Cupy and PyTorch loggers add GPU memory statistics to `info` for the loggers chained after
  them (they print nothing themselves), so they go before those loggers in a ChainLogger.
- Weights & Biases, MLflow and ClearML loggers send the config, the scores and the losses to
  those services. Their packages are optional: each is imported when the factory is called
  (while the config is resolved, as spaCy does), so a missing package stops training before
  it starts, with an error naming what to `pip install`.

The older versions of a logger (WandbLogger.v1-v4, MLflowLogger.v1, ClearMLLogger.v1) also
print the console table; the newest ones don't and are meant to be chained with
spacy.ConsoleLogger.v3.
"""
from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable
from types import ModuleType
from typing import IO, Any

from ..errors import ConfigError, ConfigSectionError, MissingPackageError
from ..registry import register
from ..util import SimpleFrozenList, dict_to_dot, dot_to_dict
from .loggers import LogStep, console_logger_v1

Setup = Callable[..., tuple[LogStep, Callable[[], None]]]
_NO_STEP = (lambda info: None, lambda: None)
_KEEP_ALL = SimpleFrozenList()  # default remove_config_values: upload the whole config


# ---- shared pieces ---------------------------------------------------------------------------


def _import_optional(module: str, pip_name: str, logger: str,
                     needed: tuple[str, ...] = ()) -> ModuleType:
    """The optional package a logger sends its records through, or an error that names the
    package to install (the loggers are registered whether or not it is installed)."""
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        raise MissingPackageError(
            f"[training.logger] {logger} needs the '{module}' package, which is not "
            f"installed. Install it with `pip install {pip_name}`, or name another logger "
            "(e.g. spacy.ConsoleLogger.v3) in [training.logger].") from e
    missing = [name for name in needed if not hasattr(mod, name)]
    if missing:
        raise MissingPackageError(
            f"[training.logger] {logger} needs {', '.join(missing)} from the '{module}' "
            f"package, which the installed version lacks. Upgrade it with "
            f"`pip install -U {pip_name}`.")
    return mod


def _stat_matcher(patterns: list[str] | None, logger: str) -> Callable[[str], bool]:
    """Whether an `info` key is one of the statistics a user asked for: any of the regular
    expressions is found in it (a plain word matches as a substring)."""
    compiled = []
    for pattern in patterns or ():
        try:
            compiled.append(re.compile(pattern, flags=re.MULTILINE))
        except re.error as e:
            raise ConfigError(
                f"[training.logger] {logger}: the regular expression `{pattern}` couldn't be "
                f"compiled ({e}). Escape special characters such as ( [ + with a backslash."
            ) from None
    return lambda key: any(regex.search(key) for regex in compiled)


def _uploaded_config(nlp, remove_config_values: list[str], logger: str) -> tuple[dict, dict]:
    """The interpolated config as a nested and a flat (dotted keys) dict, without the values
    a user keeps private (remove_config_values: dotted paths such as "paths.train")."""
    flat = dict_to_dot(nlp.config.interpolate())
    for key in remove_config_values:
        if key not in flat:
            raise ConfigSectionError(
                f"[training.logger] {logger}: remove_config_values names '{key}', which is "
                "not a value of the config. Give dotted paths to single values, such as "
                "'paths.train' or 'training.optimizer.learn_rate'.")
        del flat[key]
    return dot_to_dict(flat), flat


def _console(nlp, stdout: IO, stderr: IO, enabled: bool) -> tuple[LogStep, Callable[[], None]]:
    """The console table the older logger versions print beside their own records."""
    if not enabled:
        return _NO_STEP
    return console_logger_v1(progress_bar=False)(nlp, stdout, stderr)


def _is_checkpoint_step(info: dict, interval: int | None) -> bool:
    """A step where a checkpoint was saved and `interval` steps have passed since step 0."""
    return bool(interval and info.get("output_path")
                and info["step"] % interval == 0 and info["step"] != 0)


def _is_best(info: dict) -> bool:
    return info["score"] == max(info["checkpoints"])[0]


# ---- chaining and filtering ------------------------------------------------------------------


@register("loggers", "lexloom.ChainLogger.v1", "spacy.ChainLogger.v1")
def chain_logger_v1(logger1: Setup | None = None, logger2: Setup | None = None,
                    logger3: Setup | None = None, logger4: Setup | None = None,
                    logger5: Setup | None = None, logger6: Setup | None = None,
                    logger7: Setup | None = None, logger8: Setup | None = None,
                    logger9: Setup | None = None, logger10: Setup | None = None) -> Setup:
    """Up to ten loggers run as one, in order (logger1 first): the loop takes one logger, and
    a statistics logger must run before the ones that report what it adds."""
    loggers = [logger for logger in (logger1, logger2, logger3, logger4, logger5, logger6,
                                     logger7, logger8, logger9, logger10)
               if logger is not None]
    if not loggers:
        raise ConfigError("[training.logger] No loggers passed to spacy.ChainLogger.v1: set "
                          "logger1 (up to logger10) to a logger block, e.g. logger1 = "
                          "{\"@loggers\": \"spacy.ConsoleLogger.v3\"}.")

    def setup(nlp, stdout: IO | None = None, stderr: IO | None = None):
        stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
        handles = [logger(nlp, stdout, stderr) for logger in loggers]

        def log_step(info: dict | None) -> None:
            for step, _ in handles:
                step(info)

        def finalize() -> None:
            for _, fin in handles:
                fin()

        return log_step, finalize

    return setup


@register("loggers", "lexloom.LookupLogger.v1", "spacy.LookupLogger.v1")
def lookup_logger_v1(patterns: list[str]) -> Setup:
    """Prints `key -> value` for every statistic in `info` (nested keys dotted:
    "other_scores.tag_acc") that one of the regular expressions matches: a way to watch
    a few numbers, e.g. what the PyTorch logger adds, without a tracking service."""
    if len(patterns) == 0:
        raise ConfigError("[training.logger] spacy.LookupLogger.v1: the lookup logger should "
                          "receive at least one pattern (patterns = [\"score\"], ...).")
    matches = _stat_matcher(patterns, "spacy.LookupLogger.v1")

    def setup(nlp, stdout: IO | None = None, stderr: IO | None = None):
        out = stdout or sys.stdout

        def log_step(info: dict | None) -> None:
            if info is None:
                return
            for key, value in dict_to_dot(info).items():
                if matches(key):
                    out.write(f"{key} -> {value}\n")

        return log_step, lambda: None

    return setup


# ---- GPU memory statistics -------------------------------------------------------------------


@register("loggers", "lexloom.CupyLogger.v1", "spacy.CupyLogger.v1")
def cupy_logger_v1(prefix: str = "cupy") -> Setup:
    """Adds the CuPy memory pool's figures (MiB acquired / used / free, free blocks, and whose
    pool it is: "default", "pytorch" or "tensorflow") to `info` under `prefix.pool.*` at
    every evaluation, for the loggers chained after it. Needs cupy and a CUDA GPU, as
    spaCy's does."""
    cupy = _import_optional("cupy", "lexloom[cuda12x]", "spacy.CupyLogger.v1")
    try:
        cupy.cuda.runtime.getDeviceCount()
    except cupy.cuda.runtime.CUDARuntimeError:
        raise ConfigError("[training.logger] spacy.CupyLogger.v1: the 'cupy' library could be "
                          "loaded but GPU support couldn't be initialized - are a CUDA GPU "
                          "and its driver and libraries installed? On a CPU-only machine, "
                          "remove the CupyLogger from [training.logger].") from None

    def setup(nlp, stdout: IO | None = None, stderr: IO | None = None):
        def log_step(info: dict | None) -> None:
            if info is None:
                return
            from thinc.backends import context_pools

            # thinc may route cupy's allocations through PyTorch's or TensorFlow's pool, so
            # read the pool behind the active allocator, not cupy's default one.
            pool = cupy.cuda.get_allocator().__self__
            pools = context_pools.get()
            source = next((name for name in ("pytorch", "tensorflow")
                           if pools.get(name) == pool), "default")
            mib = 1024.0 ** 2
            info[f"{prefix}.pool.source"] = source
            info[f"{prefix}.pool.acquired_mib"] = pool.total_bytes() / mib
            info[f"{prefix}.pool.used_mib"] = pool.used_bytes() / mib
            info[f"{prefix}.pool.free_mib"] = pool.free_bytes() / mib
            info[f"{prefix}.pool.num_free_blocks"] = pool.n_free_blocks()

        return log_step, lambda: None

    return setup


_CUDA_MEM_POOLS = ("all", "large_pool", "small_pool")
_CUDA_MEM_METRICS = ("all", "current", "peak", "allocated", "free")


@register("loggers", "lexloom.PyTorchLogger.v1", "spacy.PyTorchLogger.v1")
def pytorch_logger_v1(prefix: str = "pytorch", device: int = 0, cuda_mem_pool: str = "all",
                      cuda_mem_metric: str = "all") -> Setup:
    """Adds PyTorch's CUDA memory statistics for `device` (torch.cuda.memory_stats, byte
    counts in MB) to `info` under `prefix.*` at every evaluation, for the loggers chained
    after it; only the pool (all / large_pool / small_pool) and metric (current, peak, ...)
    asked for. Without CUDA torch has no statistics, and nothing is added."""
    torch = _import_optional("torch", "lexloom[transformers]", "spacy.PyTorchLogger.v1")
    if cuda_mem_pool not in _CUDA_MEM_POOLS:
        raise ConfigError(f"[training.logger] spacy.PyTorchLogger.v1: got CUDA memory pool "
                          f"'{cuda_mem_pool}', but expected one of: {_CUDA_MEM_POOLS}")
    if cuda_mem_metric not in _CUDA_MEM_METRICS:
        raise ConfigError(f"[training.logger] spacy.PyTorchLogger.v1: got CUDA memory metric "
                          f"'{cuda_mem_metric}', but expected one of: {_CUDA_MEM_METRICS}")

    def in_mb(name: str, value: Any) -> tuple[str, Any]:
        if "_bytes" in name:
            return name.replace("_bytes", "_megabytes"), value / 1024.0 ** 2
        return name, value

    def setup(nlp, stdout: IO | None = None, stderr: IO | None = None):
        def log_step(info: dict | None) -> None:
            if info is None:
                return
            for stat, value in torch.cuda.memory_stats(device).items():
                parts = stat.split(".")
                if len(parts) == 3:      # e.g. allocated_bytes.large_pool.peak
                    name, pool, metric = parts
                    if pool != cuda_mem_pool or cuda_mem_metric not in ("all", metric):
                        continue
                    name, value = in_mb(name, value)
                    info[f"{prefix}.{name}.{pool}.{metric}"] = value
                elif len(parts) == 2:    # e.g. requested_bytes.current
                    name, metric = parts
                    if cuda_mem_metric not in ("all", metric):
                        continue
                    name, value = in_mb(name, value)
                    info[f"{prefix}.{name}.{metric}"] = value
                else:                    # a global count (num_ooms, ...) or a new statistic
                    info[f"{prefix}.{stat}"] = value

        return log_step, lambda: None

    return setup


# ---- Weights & Biases ------------------------------------------------------------------------


def _import_wandb(logger: str) -> ModuleType:
    wandb = _import_optional("wandb", "wandb", logger, needed=("init", "log"))
    if not (hasattr(wandb, "finish") or hasattr(wandb, "join")):
        raise MissingPackageError(f"[training.logger] {logger} needs wandb.finish (or the "
                                  "older wandb.join); upgrade with `pip install -U wandb`.")
    return wandb


def _finish_wandb(wandb: ModuleType) -> None:
    """Ends the run: wandb.finish, which older wandb calls join (spaCy calls join)."""
    (getattr(wandb, "finish", None) or wandb.join)()


def _wandb_dir_artifact(wandb: ModuleType, path: str, name: str, type: str,
                        metadata: dict | None = None, aliases: list[str] | None = None) -> None:
    """Uploads a folder (the corpus, a saved pipeline) as a versioned W&B artifact."""
    artifact = wandb.Artifact(name, type=type, metadata=metadata)
    artifact.add_dir(path, name=name)
    wandb.log_artifact(artifact, aliases=aliases)


def _wandb_log_scores(wandb: ModuleType, info: dict) -> None:
    wandb.log({"score": info["score"]})
    if info["losses"]:
        wandb.log({f"loss_{name}": value for name, value in info["losses"].items()})
    if isinstance(info["other_scores"], dict):
        wandb.log(info["other_scores"])


def _wandb_logger(logger: str, *, project_name: str, remove_config_values: list[str],
                  model_log_interval: int | None = None, log_dataset_dir: str | None = None,
                  entity: str | None = None, run_name: str | None = None,
                  log_best_dir: str | None = None, log_latest_dir: str | None = None,
                  log_custom_stats: list[str] | None = None, console: bool) -> Setup:
    """What every spacy.WandbLogger version does; later versions set more of the options."""
    wandb = _import_wandb(logger)

    def setup(nlp, stdout: IO | None = None, stderr: IO | None = None):
        matches = _stat_matcher(log_custom_stats, logger)
        console_step, console_finalize = _console(nlp, stdout or sys.stdout,
                                                  stderr or sys.stderr, console)
        config, _ = _uploaded_config(nlp, remove_config_values, logger)
        run = wandb.init(project=project_name, config=config, entity=entity, reinit=True)
        if run_name:
            wandb.run.name = run_name
        if log_dataset_dir:
            _wandb_dir_artifact(wandb, log_dataset_dir, name="dataset", type="dataset")

        def log_step(info: dict | None) -> None:
            console_step(info)
            if info is None:
                return
            _wandb_log_scores(wandb, info)
            if _is_checkpoint_step(info, model_log_interval):
                aliases = [f"epoch {info['epoch']} step {info['step']}", "latest"]
                if _is_best(info):
                    aliases.append("best")
                _wandb_dir_artifact(wandb, info["output_path"], name="pipeline_" + run.id,
                                    type="checkpoint", metadata=info, aliases=aliases)
            for key, value in info.items():
                if matches(key):
                    wandb.log({key: value})

        def finalize() -> None:
            if log_best_dir:
                _wandb_dir_artifact(wandb, log_best_dir, name="model_best", type="model")
            if log_latest_dir:
                _wandb_dir_artifact(wandb, log_latest_dir, name="model_last", type="model")
            console_finalize()
            _finish_wandb(wandb)

        return log_step, finalize

    return setup


@register("loggers", "lexloom.WandbLogger.v5", "spacy.WandbLogger.v5")
def wandb_logger_v5(project_name: str, remove_config_values: list[str] = _KEEP_ALL,
                    model_log_interval: int | None = None, log_dataset_dir: str | None = None,
                    entity: str | None = None, run_name: str | None = None,
                    log_best_dir: str | None = None, log_latest_dir: str | None = None,
                    log_custom_stats: list[str] | None = None) -> Setup:
    """Logs the config, scores and losses to a Weights & Biases run in `project_name`;
    optionally the corpus folder, checkpoints every `model_log_interval` steps, the best and
    last pipelines as artifacts, and the `info` entries matching `log_custom_stats`
    (regular expressions). Prints nothing: chain it with spacy.ConsoleLogger.v3."""
    return _wandb_logger("spacy.WandbLogger.v5", project_name=project_name,
                         remove_config_values=remove_config_values,
                         model_log_interval=model_log_interval,
                         log_dataset_dir=log_dataset_dir, entity=entity, run_name=run_name,
                         log_best_dir=log_best_dir, log_latest_dir=log_latest_dir,
                         log_custom_stats=log_custom_stats, console=False)


@register("loggers", "lexloom.WandbLogger.v4", "spacy.WandbLogger.v4")
def wandb_logger_v4(project_name: str, remove_config_values: list[str] = _KEEP_ALL,
                    model_log_interval: int | None = None, log_dataset_dir: str | None = None,
                    entity: str | None = None, run_name: str | None = None,
                    log_best_dir: str | None = None,
                    log_latest_dir: str | None = None) -> Setup:
    """As v5 without custom statistics, and printing the console table."""
    return _wandb_logger("spacy.WandbLogger.v4", project_name=project_name,
                         remove_config_values=remove_config_values,
                         model_log_interval=model_log_interval,
                         log_dataset_dir=log_dataset_dir, entity=entity, run_name=run_name,
                         log_best_dir=log_best_dir, log_latest_dir=log_latest_dir,
                         console=True)


@register("loggers", "lexloom.WandbLogger.v3", "spacy.WandbLogger.v3")
def wandb_logger_v3(project_name: str, remove_config_values: list[str] = _KEEP_ALL,
                    model_log_interval: int | None = None, log_dataset_dir: str | None = None,
                    entity: str | None = None, run_name: str | None = None) -> Setup:
    """As v4 without uploading the best and last pipelines at the end."""
    return _wandb_logger("spacy.WandbLogger.v3", project_name=project_name,
                         remove_config_values=remove_config_values,
                         model_log_interval=model_log_interval,
                         log_dataset_dir=log_dataset_dir, entity=entity, run_name=run_name,
                         console=True)


@register("loggers", "lexloom.WandbLogger.v2", "spacy.WandbLogger.v2")
def wandb_logger_v2(project_name: str, remove_config_values: list[str] = _KEEP_ALL,
                    model_log_interval: int | None = None,
                    log_dataset_dir: str | None = None) -> Setup:
    """As v3 without choosing the W&B entity or the run's name."""
    return _wandb_logger("spacy.WandbLogger.v2", project_name=project_name,
                         remove_config_values=remove_config_values,
                         model_log_interval=model_log_interval,
                         log_dataset_dir=log_dataset_dir, console=True)


@register("loggers", "lexloom.WandbLogger.v1", "spacy.WandbLogger.v1")
def wandb_logger_v1(project_name: str,
                    remove_config_values: list[str] = _KEEP_ALL) -> Setup:
    """The console table plus the config, scores and losses sent to W&B."""
    return _wandb_logger("spacy.WandbLogger.v1", project_name=project_name,
                         remove_config_values=remove_config_values, console=True)


@register("loggers", "spacy-legacy.WandbLogger.v1")
def wandb_logger_legacy_v1(project_name: str,
                           remove_config_values: list[str] = _KEEP_ALL) -> Setup:
    """spacy-legacy's first W&B logger: as spacy.WandbLogger.v1, except that it starts the
    run (without naming an entity) before printing the table's header."""
    logger = "spacy-legacy.WandbLogger.v1"
    wandb = _import_wandb(logger)

    def setup(nlp, stdout: IO | None = None, stderr: IO | None = None):
        config, _ = _uploaded_config(nlp, remove_config_values, logger)
        wandb.init(project=project_name, config=config, reinit=True)
        console_step, console_finalize = _console(nlp, stdout or sys.stdout,
                                                  stderr or sys.stderr, True)

        def log_step(info: dict | None) -> None:
            console_step(info)
            if info is not None:
                _wandb_log_scores(wandb, info)

        def finalize() -> None:
            console_finalize()
            _finish_wandb(wandb)

        return log_step, finalize

    return setup


# ---- MLflow ----------------------------------------------------------------------------------


def _mlflow_logger(logger: str, *, run_id: str | None, experiment_id: str | None,
                   run_name: str | None, nested: bool, tags: dict[str, Any] | None,
                   remove_config_values: list[str], log_custom_stats: list[str] | None = None,
                   console: bool) -> Setup:
    """What every spacy.MLflowLogger version does."""
    mlflow = _import_optional("mlflow", "mlflow", logger,
                              needed=("start_run", "log_params", "log_metric",
                                      "log_metrics", "log_artifacts", "end_run"))

    def setup(nlp, stdout: IO | None = None, stderr: IO | None = None):
        matches = _stat_matcher(log_custom_stats, logger)
        console_step, console_finalize = _console(nlp, stdout or sys.stdout,
                                                  stderr or sys.stderr, console)
        _, flat = _uploaded_config(nlp, remove_config_values, logger)
        mlflow.start_run(run_id=run_id, experiment_id=experiment_id, run_name=run_name,
                         nested=nested, tags=tags)
        # MLflow takes at most 100 parameters a call; '@' is not allowed in their names
        items = [(key.replace("@", ""), value) for key, value in flat.items()]
        for start in range(0, len(items), 100):
            mlflow.log_params(dict(items[start:start + 100]))

        def log_step(info: dict | None) -> None:
            console_step(info)
            if info is None:
                return
            score, losses, other_scores = info["score"], info["losses"], info["other_scores"]
            if score is not None:
                mlflow.log_metric("score", score)
            if losses:
                mlflow.log_metrics({f"loss_{name}": value for name, value in losses.items()})
            if isinstance(other_scores, dict):
                mlflow.log_metrics({key: value for key, value in dict_to_dot(other_scores).items()
                                    if isinstance(value, (int, float))})
            if info.get("output_path") and _is_best(info):
                # spaCy re-loads the pipeline for mlflow.spacy.log_model, which needs spaCy
                # itself; the saved folder is uploaded as it is instead.
                mlflow.log_artifacts(info["output_path"], artifact_path="best")
            custom = {key: value for key, value in info.items() if matches(key)}
            if custom:
                mlflow.log_metrics(custom)

        def finalize() -> None:
            console_finalize()
            mlflow.end_run()

        return log_step, finalize

    return setup


@register("loggers", "lexloom.MLflowLogger.v2", "spacy.MLflowLogger.v2")
def mlflow_logger_v2(run_id: str | None = None, experiment_id: str | None = None,
                     run_name: str | None = None, nested: bool = False,
                     tags: dict[str, Any] | None = None,
                     remove_config_values: list[str] = _KEEP_ALL,
                     log_custom_stats: list[str] | None = None) -> Setup:
    """Logs the config as parameters and the scores and losses as metrics to an MLflow run
    (a new one, or the existing `run_id`), uploads the best pipeline, and logs the `info`
    entries matching `log_custom_stats`. Prints nothing: chain it with
    spacy.ConsoleLogger.v3."""
    return _mlflow_logger("spacy.MLflowLogger.v2", run_id=run_id, experiment_id=experiment_id,
                          run_name=run_name, nested=nested, tags=tags,
                          remove_config_values=remove_config_values,
                          log_custom_stats=log_custom_stats, console=False)


@register("loggers", "lexloom.MLflowLogger.v1", "spacy.MLflowLogger.v1")
def mlflow_logger_v1(run_id: str | None = None, experiment_id: str | None = None,
                     run_name: str | None = None, nested: bool = False,
                     tags: dict[str, Any] | None = None,
                     remove_config_values: list[str] = _KEEP_ALL) -> Setup:
    """As v2 without custom statistics, and printing the console table."""
    return _mlflow_logger("spacy.MLflowLogger.v1", run_id=run_id, experiment_id=experiment_id,
                          run_name=run_name, nested=nested, tags=tags,
                          remove_config_values=remove_config_values, console=True)


# ---- ClearML ---------------------------------------------------------------------------------


def _clearml_report(task, info: dict, model_log_interval: int | None,
                    best_model, last_model, log_best_dir: str | None,
                    log_latest_dir: str | None) -> None:
    """Scores and losses as ClearML scalars at iteration `step`; a nested score (per-type
    P/R/F) becomes one graph with a line per entry."""
    report = task.get_logger().report_scalar
    step = info["step"]
    if info.get("score"):
        report("Score", "Score", iteration=step, value=info["score"])
    for name, value in (info.get("losses") or {}).items():
        report(title=f"loss_{name}", series=f"loss_{name}", iteration=step, value=value)
    other_scores = info.get("other_scores")
    if isinstance(other_scores, dict):
        for metric, value in other_scores.items():
            if isinstance(value, dict):
                for series, sub_value in dict_to_dot(value).items():
                    report(title=metric, series=series, iteration=step, value=sub_value)
            elif isinstance(value, (int, float)):
                report(metric, metric, iteration=step, value=value)
    if _is_checkpoint_step(info, model_log_interval):
        if log_latest_dir:
            last_model.update_weights_package(weights_path=log_latest_dir,
                                              auto_delete_file=False,
                                              target_filename="last_model")
        if log_best_dir and _is_best(info):
            best_model.update_weights_package(weights_path=log_best_dir,
                                              auto_delete_file=False,
                                              target_filename="best_model")


def _clearml_logger(logger: str, *, project_name: str, task_name: str,
                    remove_config_values: list[str], model_log_interval: int | None,
                    log_dataset_dir: str | None, log_best_dir: str | None,
                    log_latest_dir: str | None, log_custom_stats: list[str] | None = None,
                    console: bool) -> Setup:
    """What every spacy.ClearMLLogger version does."""
    clearml = _import_optional("clearml", "clearml", logger,
                               needed=("Task", "Dataset", "OutputModel"))

    def setup(nlp, stdout: IO | None = None, stderr: IO | None = None):
        matches = _stat_matcher(log_custom_stats, logger)
        console_step, console_finalize = _console(nlp, stdout or sys.stdout,
                                                  stderr or sys.stderr, console)
        config, _ = _uploaded_config(nlp, remove_config_values, logger)
        task = clearml.Task.init(project_name=project_name, task_name=task_name,
                                 output_uri=True)
        for section, value in config.items():
            task.connect(value, name=section)
        if log_dataset_dir:
            dataset = clearml.Dataset.create(dataset_project=project_name,
                                             dataset_name=os.path.basename(log_dataset_dir))
            dataset.add_files(log_dataset_dir)
            dataset.finalize(auto_upload=True)
            task.set_user_properties({"name": "Created Dataset ID", "value": dataset.id})
        # models attached to the task now; their weights are replaced at checkpoints
        best_model = (clearml.OutputModel(task=task, framework="spaCy", name="Best Model")
                      if log_best_dir else None)
        last_model = (clearml.OutputModel(task=task, framework="spaCy", name="Last Model")
                      if log_latest_dir else None)

        def log_step(info: dict | None) -> None:
            console_step(info)
            if info is None:
                return
            _clearml_report(task, info, model_log_interval, best_model, last_model,
                            log_best_dir, log_latest_dir)
            for key, value in info.items():
                if matches(key):
                    task.get_logger().report_scalar(title=f"loss_{key}", series=f"loss_{key}",
                                                    iteration=info["step"], value=value)

        def finalize() -> None:
            console_finalize()
            task.flush(wait_for_uploads=True)
            task.close()

        return log_step, finalize

    return setup


@register("loggers", "lexloom.ClearMLLogger.v2", "spacy.ClearMLLogger.v2")
def clearml_logger_v2(project_name: str, task_name: str,
                      remove_config_values: list[str] = _KEEP_ALL,
                      model_log_interval: int | None = None,
                      log_dataset_dir: str | None = None, log_best_dir: str | None = None,
                      log_latest_dir: str | None = None,
                      log_custom_stats: list[str] | None = None) -> Setup:
    """Logs the config, scores and losses to a ClearML task `task_name` in `project_name`;
    optionally the corpus folder as a ClearML Dataset, the best and last pipelines every
    `model_log_interval` steps, and the `info` entries matching `log_custom_stats`. Prints
    nothing: chain it with spacy.ConsoleLogger.v3."""
    return _clearml_logger("spacy.ClearMLLogger.v2", project_name=project_name,
                           task_name=task_name, remove_config_values=remove_config_values,
                           model_log_interval=model_log_interval,
                           log_dataset_dir=log_dataset_dir, log_best_dir=log_best_dir,
                           log_latest_dir=log_latest_dir, log_custom_stats=log_custom_stats,
                           console=False)


@register("loggers", "lexloom.ClearMLLogger.v1", "spacy.ClearMLLogger.v1")
def clearml_logger_v1(project_name: str, task_name: str,
                      remove_config_values: list[str] = _KEEP_ALL,
                      model_log_interval: int | None = None,
                      log_dataset_dir: str | None = None, log_best_dir: str | None = None,
                      log_latest_dir: str | None = None) -> Setup:
    """As v2 without custom statistics, and printing the console table."""
    return _clearml_logger("spacy.ClearMLLogger.v1", project_name=project_name,
                           task_name=task_name, remove_config_values=remove_config_values,
                           model_log_interval=model_log_interval,
                           log_dataset_dir=log_dataset_dir, log_best_dir=log_best_dir,
                           log_latest_dir=log_latest_dir, console=True)


__all__ = ["chain_logger_v1", "clearml_logger_v1", "clearml_logger_v2", "cupy_logger_v1",
           "lookup_logger_v1", "mlflow_logger_v1", "mlflow_logger_v2", "pytorch_logger_v1",
           "wandb_logger_legacy_v1", "wandb_logger_v1", "wandb_logger_v2", "wandb_logger_v3",
           "wandb_logger_v4", "wandb_logger_v5"]
