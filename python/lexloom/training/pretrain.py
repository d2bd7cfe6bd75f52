"""Pretraining: train the tok2vec layer of a pipeline on raw text with an approximate
language-modelling objective (`[pretraining.objective]`), and write its weights for
`[initialize] init_tok2vec`.

`pretrain(config, output_dir)` builds the pipeline from the config, takes the layer that
`[pretraining] component` / `layer` names (a Tok2VecListener stands for its upstream tok2vec),
wraps it in the objective's output layer and trains on `[pretraining] corpus`. After each epoch
(or every `n_save_epoch` epochs, and the last) it writes `model{epoch}.bin`, the tok2vec's
msgpack bytes with the optimizer's averaged weights, appends a record to `log.jsonl`, and at
the end writes `model-last.bin`. Files are written whole or not at all (temp file, rename).
"""
from __future__ import annotations

import difflib
import os
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import IO, Any, Iterable

from ..errors import ConfigError, DeserializationError, LexloomWarning, ModelError
from .initialize import _check_weights_fit, get_tok2vec_ref, resolve_corpus
from .loggers import divider, message, row

# The settings of [pretraining] (spaCy's default_config_pretraining.cfg).
PRETRAINING_KEYS = ("max_epochs", "dropout", "n_save_every", "n_save_epoch", "component",
                    "layer", "corpus", "batcher", "objective", "optimizer")
_ROW_WIDTHS = (3, 10, 10, 6, 4)  # and 3 spaces between columns: spaCy's table
_WEIGHTS_NAME = re.compile(r"model(\d+)\.bin")
_SHAPE_TEXT = "Give it a doc to infer shapes"


def pretrain(config, output_dir: str | Path, resume_path: str | Path | None = None,
             epoch_resume: int | None = None, use_gpu: int = -1, silent: bool = True,
             skip_last: bool = False, *, max_steps: int = 0, stdout: IO | None = None) -> dict:
    """Pretrain the tok2vec layer [pretraining] names; returns a summary (words, loss, the
    epochs run, the files written, words per second).

    resume_path: tok2vec weights (a model{N}.bin) to start from; epoch_resume: the first epoch
    to run (default: N + 1 read from the file name). max_steps: stop after this many batches
    (0: run max_epochs), for quick runs and benchmarks with a fixed budget.
    """
    from thinc.api import fix_random_seed, set_gpu_allocator

    stdout = stdout or sys.stdout
    output_dir = Path(output_dir)
    raw_config = config
    config = config.interpolate() if not getattr(config, "is_interpolated", False) else config
    training = config.get("training") or {}
    if training.get("seed") is not None:
        fix_random_seed(int(training["seed"]))
    if use_gpu >= 0 and training.get("gpu_allocator"):
        set_gpu_allocator(training["gpu_allocator"])
    config.setdefault("initialize", {})["init_tok2vec"] = None  # made here, not loaded
    nlp, P, corpus = _build(config, raw_config)
    model = create_pretraining_model(nlp, P)
    optimizer = P["optimizer"]
    if resume_path is not None:
        epoch_resume = resume_model(model, resume_path, epoch_resume)
        if not silent:   # spaCy's two lines
            for line in (f"Resume training tok2vec from: {resume_path}",
                         f"Resuming from epoch: {epoch_resume}"):
                print(message("info", line, stream=stdout), file=stdout, flush=True)
        if epoch_resume >= P["max_epochs"]:
            # as spaCy: no epoch runs and model-last.bin holds the resumed weights
            warnings.warn(LexloomWarning(
                f"Resuming from {Path(resume_path).name} starts at epoch {epoch_resume}, but "
                f"[pretraining] max_epochs = {P['max_epochs']}: no epoch is left to run, so "
                "model-last.bin is the resumed model. Raise max_epochs to train on (e.g. "
                f"--pretraining.max_epochs {epoch_resume + 10})."), stacklevel=2)
    else:
        epoch_resume = 0
    nothing_to_run = epoch_resume >= P["max_epochs"]
    output_dir.mkdir(parents=True, exist_ok=True)
    loss_func = model.attrs["loss"]
    batcher = P["batcher"]
    tracker = ProgressTracker(frequency=10000)  # spaCy's pretrain passes 10,000
    say = (lambda text: None) if silent else \
        (lambda text: print(text, file=stdout, flush=True))
    title = f"Pre-training tok2vec layer - starting at epoch {epoch_resume}"
    if P["n_save_epoch"]:
        title += f" - saving every {P['n_save_epoch']} epoch"
    say(divider(title))
    say(row(("#", "# Words", "Total Loss", "Loss", "w/s"), _ROW_WIDTHS, ("r",) * 5, spacing=3))
    written: list[Path] = []

    def save(epoch: int, *, is_temp: bool = False, is_last: bool = False) -> None:
        name = "model-last.bin" if is_last else \
            f"model{epoch}{'.temp' if is_temp else ''}.bin"
        path = output_dir / name
        with model.use_params(optimizer.averages):
            _write_atomic(path, model.get_ref("tok2vec").to_bytes())
        record = {"nr_word": tracker.nr_word, "loss": tracker.loss,
                  "epoch_loss": tracker.epoch_loss, "epoch": epoch}
        _append_jsonl(output_dir / "log.jsonl", record)
        written.append(path)

    n_steps = 0
    last_epoch = epoch_resume
    started = time.perf_counter()
    try:
        for epoch in range(epoch_resume, P["max_epochs"]):
            last_epoch = epoch
            n_batches = 0
            for batch_id, batch in enumerate(batcher(corpus(nlp))):
                docs = ensure_docs(batch)
                if not docs or not any(len(doc) for doc in docs):
                    continue
                loss = make_update(model, docs, optimizer, loss_func)
                n_batches += 1
                n_steps += 1
                progress = tracker.update(epoch, loss, docs)
                if progress:
                    say(row(progress, _ROW_WIDTHS, ("r",) * 5, spacing=3))
                if P["n_save_every"] and batch_id % P["n_save_every"] == 0:
                    save(epoch, is_temp=True)
                if max_steps and n_steps >= max_steps:
                    break
            if n_batches == 0 and epoch == epoch_resume:
                raise ConfigError(f"The pretraining corpus [{P['corpus']}] gave no documents: "
                                  "check its path and its min_length / max_length settings.")
            progress = tracker.status(epoch)  # the epoch's last words
            if progress:
                say(row(progress, _ROW_WIDTHS, ("r",) * 5, spacing=3))
            if not P["n_save_epoch"] or epoch % P["n_save_epoch"] == 0 \
                    or epoch == P["max_epochs"] - 1 or (max_steps and n_steps >= max_steps):
                save(epoch)
            tracker.epoch_loss = 0.0
            if max_steps and n_steps >= max_steps:
                break
    finally:
        if not skip_last and (n_steps or nothing_to_run):
            save(P["max_epochs"], is_last=True)
    seconds = time.perf_counter() - started
    return {"nr_word": tracker.nr_word, "loss": tracker.loss, "steps": n_steps,
            "first_epoch": epoch_resume, "last_epoch": last_epoch,
            "seconds": seconds, "words_per_second": tracker.nr_word / max(seconds, 1e-9),
            "batch_losses": tracker.batch_losses, "files": [str(p) for p in written]}


# ---- building ---------------------------------------------------------------------------


def _build(config, raw_config=None):
    """The pipeline, the resolved [pretraining] block and its corpus reader."""
    from ..language import config_language
    from ..util import check_registered_names, resolve_with_context

    block = config.get("pretraining")
    if not isinstance(block, dict) or not block:
        raise ConfigError("The config has no [pretraining] block. Add the defaults with "
                          "`lexloom init fill-config config.cfg config.cfg --pretraining`.")
    unknown = [k for k in block if k not in PRETRAINING_KEYS]
    if unknown:
        close = difflib.get_close_matches(unknown[0], PRETRAINING_KEYS, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ConfigError(f"[pretraining] has no setting '{unknown[0]}'. Known: "
                          f"{', '.join(PRETRAINING_KEYS)}.{hint}")
    missing = [k for k in PRETRAINING_KEYS if k not in block]
    if missing:
        raise ConfigError(f"[pretraining] is missing {', '.join(missing)}. Fill the block with "
                          "`lexloom init fill-config config.cfg config.cfg --pretraining`.")
    nlp = config_language(config).from_config(config, auto_fill=True)
    check_registered_names(dict(block), "pretraining")
    P = resolve_with_context({"pretraining": dict(block)}, validate=False,
                             where="pretraining")["pretraining"]
    _check_settings(P)
    corpus = resolve_corpus(config, P["corpus"], raw_config)
    return nlp, P, corpus


def _check_settings(P: dict) -> None:
    def integer(key: str, low: int, optional: bool = False) -> None:
        value = P[key]
        if optional and value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ConfigError(f"[pretraining] {key} = {value!r} must be an integer >= {low}"
                              f"{' (or null)' if optional else ''}.")

    integer("max_epochs", 1)
    # 0 or null: no batch checkpoints / a model file every epoch (spaCy reads them as false)
    integer("n_save_every", 0, optional=True)
    integer("n_save_epoch", 0, optional=True)
    dropout = P["dropout"]
    if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) \
            or not 0.0 <= dropout < 1.0:
        raise ConfigError(f"[pretraining] dropout = {dropout!r} must be a number in [0, 1).")
    if not isinstance(P["corpus"], str):
        raise ConfigError(f"[pretraining] corpus must be the dotted name of a corpus block, "
                          f"such as \"corpora.pretrain\", not {P['corpus']!r}.")
    for key in ("batcher", "objective"):
        if not callable(P[key]):
            raise ConfigError(f"[pretraining.{key}] must name a registered function "
                              f"(@{'batchers' if key == 'batcher' else 'architectures'} = ...).")
    if P["component"] in (None, ""):
        raise ConfigError("[pretraining] component can't be null: name the component whose "
                          "tok2vec layer to pretrain (usually \"tok2vec\").")
    if not isinstance(P["layer"], str):
        raise ConfigError(f"[pretraining] layer = {P['layer']!r} must be a string: \"\" for "
                          "the whole model, or a reference name such as \"tok2vec\".")


def create_pretraining_model(nlp, P: dict):
    """The objective's network around the tok2vec layer [pretraining] names. Only the
    tok2vec (the model's "tok2vec" reference) is saved; the output layer is thrown away."""
    from thinc.api import set_dropout_rate

    from ..ml import ensure_registered
    from ..ml.ops import use_lexloom_ops

    ensure_registered()
    with nlp.select_pipes(enable=[]):
        nlp.initialize()
    tok2vec = get_tok2vec_ref(nlp, P)
    sample = [nlp.make_doc(_SHAPE_TEXT)]
    try:
        tok2vec.initialize(X=sample)
    except (ValueError, KeyError) as e:
        raise ConfigError(f"Could not initialize the layer [pretraining] names (component = "
                          f"'{P['component']}', layer = '{P['layer']}'): {e}. It must be a "
                          "tok2vec, a model taking Docs and giving one row per token.") from None
    model = P["objective"](nlp.vocab, tok2vec)
    model.initialize(X=sample)
    set_dropout_rate(model, P["dropout"])
    use_lexloom_ops(model)
    return model


# ---- resuming ---------------------------------------------------------------------------


def resume_model(model, resume_path: str | Path, epoch_resume: int | None) -> int:
    """Load tok2vec weights to continue from; returns the first epoch to run. A file of
    another architecture is refused before anything changes."""
    import srsly

    resume_path = Path(resume_path)
    if resume_path.is_dir():
        raise ConfigError(f"--resume-path {resume_path} is a directory; give a weights file "
                          "such as model4.bin.")
    if not resume_path.exists():
        raise ConfigError(f"--resume-path {resume_path}: no such file.")
    if epoch_resume is None:
        found = _WEIGHTS_NAME.search(resume_path.name)
        if not found:
            from ..error_codes import Errors

            raise ConfigError(f"{Errors.E1020} --resume-path {resume_path.name} is not named "
                              "model{N}.bin, so the epoch to resume from is unknown: pass "
                              "--epoch-resume.")
        epoch_resume = int(found.group(1)) + 1
    elif epoch_resume < 0:
        raise ConfigError(f"--epoch-resume must be >= 0, got {epoch_resume}.")
    data = resume_path.read_bytes()
    try:
        msg = srsly.msgpack_loads(data)
    except (ValueError, TypeError, KeyError, OverflowError,
            srsly.msgpack.exceptions.UnpackException) as e:
        raise DeserializationError(f"--resume-path {resume_path} is not a tok2vec weights file "
                                   f"({type(e).__name__}: {e}).") from None
    tok2vec = model.get_ref("tok2vec")
    _check_weights_fit(tok2vec, msg, resume_path, "the tok2vec being pretrained")
    try:
        tok2vec.from_bytes(data)
    except (ValueError, KeyError, TypeError) as e:
        raise ModelError(f"--resume-path {resume_path} doesn't fit the tok2vec being "
                         f"pretrained ({e}). Resume with the config that wrote it.") from None
    return int(epoch_resume)


# ---- one step ---------------------------------------------------------------------------


def ensure_docs(examples_or_docs: Iterable) -> list:
    """Docs from a batch of Docs or Examples (their reference Docs)."""
    from ..tokens import Doc

    docs = []
    for item in examples_or_docs:
        docs.append(item if isinstance(item, Doc) else item.reference)
    return docs


def make_update(model, docs: list, optimizer, loss_func) -> float:
    """One step over a batch: forward, loss, backward, optimizer; returns the batch loss."""
    predictions, backprop = model.begin_update(docs)
    loss, gradients = loss_func(model.ops, docs, predictions)
    backprop(gradients)
    model.finish_update(optimizer)
    return float(loss)


class ProgressTracker:
    """Words, losses and speed so far. A table row every `frequency` words, as spaCy prints
    them (its loss column is the loss since the previous row), and one at each epoch's end."""

    def __init__(self, frequency: int = 1_000_000) -> None:
        self.frequency = frequency
        self.loss = 0.0
        self.prev_loss = 0.0
        self.epoch_loss = 0.0
        self.nr_word = 0
        self.last_update = 0
        self.words_per_epoch: Counter = Counter()
        self.batch_losses: list[float] = []
        self.last_time = time.perf_counter()

    def update(self, epoch: int, loss: float, docs: list) -> tuple | None:
        """Count a batch; the row to print when `frequency` words have passed, else None."""
        self.loss += loss
        self.epoch_loss += loss
        n_words = sum(len(doc) for doc in docs)
        self.words_per_epoch[epoch] += n_words
        self.nr_word += n_words
        self.batch_losses.append(loss / max(n_words, 1))
        if self.nr_word - self.last_update < self.frequency:
            return None
        return self.status(epoch)

    def status(self, epoch: int) -> tuple | None:
        """The row for the words since the previous row (None when there were none)."""
        words = self.nr_word - self.last_update
        if words <= 0:
            return None
        now = time.perf_counter()
        wps = words / max(now - self.last_time, 1e-9)
        row = (epoch, self.nr_word, _smart_round(self.loss, 10),
               _smart_round(self.loss - self.prev_loss, 6), int(wps))
        self.last_update, self.last_time, self.prev_loss = self.nr_word, now, self.loss
        return row


def _smart_round(figure: float, width: int = 10, max_decimal: int = 4) -> str:
    """Large numbers as integers, small ones with as many decimals as fit the width."""
    n_decimal = min(width - (len(str(int(figure))) + 1), max_decimal)
    return str(int(figure)) if n_decimal <= 1 else f"{figure:.{n_decimal}f}"


# ---- files ------------------------------------------------------------------------------


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _append_jsonl(path: Path, record: dict[str, Any]) -> None:
    import srsly

    with path.open("a", encoding="utf-8") as file_:
        file_.write(srsly.json_dumps(record) + "\n")


def pretrain_from_config(config_path: str | Path, output_dir: str | Path, *,
                         resume_path: str | Path | None = None, epoch_resume: int | None = None,
                         use_gpu: int = -1, skip_last: bool = False,
                         overrides: dict | None = None, stdout: IO | None = None) -> dict:
    """What `lexloom pretrain` does: load the config with overrides, save it (not
    interpolated) in the output directory, pretrain."""
    from ..util import load_config
    from .initialize import check_overrides
    from .loop import setup_gpu

    stdout = stdout or sys.stdout

    def say(kind: str, text: str, detail: Any = None) -> None:
        print(message(kind, text, detail, stream=stdout), file=stdout, flush=True)

    if str(config_path) != "-" and not Path(config_path).exists():
        raise ConfigError(f"Config file not found: {config_path}")
    output_dir = Path(output_dir)
    if output_dir.exists() and not output_dir.is_dir():
        raise ConfigError(f"The output path {output_dir} is a file; give a directory.")
    if output_dir.exists() and any(output_dir.iterdir()):
        if resume_path is not None:
            say("warn", "Output directory is not empty.", "If you're resuming a run in this "
                "directory, the weights of the epochs run again are overwritten.")
        else:
            say("warn", "Output directory is not empty.", "It is better to use an empty "
                "directory or a new path, which is created for you.")
    if resume_path is not None:   # spaCy's CLI checks these before anything is written
        if Path(resume_path).is_dir():
            raise ConfigError(f"--resume-path should be a weights file, but {resume_path} is "
                              "a directory.")
        if epoch_resume is None and not _WEIGHTS_NAME.search(Path(resume_path).name):
            raise ConfigError("You have to use the --epoch-resume setting when using a "
                              f"renamed weight file for --resume-path ({resume_path}).")
        if epoch_resume is not None and epoch_resume < 0:
            raise ConfigError("The argument --epoch-resume has to be greater or equal to 0. "
                              f"{epoch_resume} is invalid")
    setup_gpu(use_gpu, stdout)
    say("info", f"Loading config from: {config_path}")
    raw_config = load_config(config_path)
    if overrides:
        from ..util import _config_from_str

        filled = _filled(raw_config)
        check_overrides(filled, overrides, source=str(config_path))
        raw_config = _config_from_str(raw_config.to_str(), overrides, False,
                                      source=str(config_path))
    if not raw_config.get("pretraining"):
        raise ConfigError("The [pretraining] block in your config is empty. Add the defaults "
                          "with `lexloom init fill-config config.cfg config.cfg --pretraining`.")
    if not output_dir.exists():
        output_dir.mkdir(parents=True)
        say("good", f"Created output directory: {output_dir}")
    raw_config.to_disk(output_dir / "config.cfg")
    say("good", "Saved config file in the output directory")
    summary = pretrain(raw_config, output_dir, resume_path=resume_path,
                       epoch_resume=epoch_resume, use_gpu=use_gpu, silent=False,
                       skip_last=skip_last, stdout=stdout)
    say("good", "Successfully finished pretrain")
    return summary


def _filled(raw_config):
    from ..language import Language

    return Language.default_config.merge(raw_config)


__all__ = ["pretrain", "pretrain_from_config", "create_pretraining_model", "get_tok2vec_ref",
           "resume_model", "make_update", "ensure_docs", "ProgressTracker"]
