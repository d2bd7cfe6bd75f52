"""Training loggers and the console messages of `lexloom train` / `lexloom evaluate`.

A logger is `logger(nlp, stdout, stderr) -> (log_step, finalize)`; the loop calls
`log_step(info)` after every step, with info=None between evaluations, and `finalize()` at
the end. The console logger prints spaCy's table, one row per evaluation:

    E    #       LOSS TOK2VEC  LOSS TAGGER  TAG_ACC  SCORE
    ---  ------  ------------  -----------  -------  ------
      0       0          0.00        48.12    12.35    0.12

Between evaluations it shows progress on stderr: a tqdm bar when the config asks for one
(progress_bar = true / "eval" / "train"), otherwise a one-line live counter, only when
stderr is a terminal (so logs and pipes get exactly the table).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import IO, Any, Callable, Sequence

from ..errors import ConfigError
from ..registry import register

LogStep = Callable[[dict | None], None]

_ICONS = {"info": "ℹ", "good": "✔", "warn": "⚠", "fail": "✘"}
_COLORS = {"info": 4, "good": 2, "warn": 3, "fail": 1}


def message(kind: str, text: str, detail: Any = None, *, stream: IO | None = None) -> str:
    """One status line ("✔ Saved pipeline") plus an optional detail line, coloured on a
    terminal; returns the text (without trailing newline)."""
    stream = stream if stream is not None else sys.stdout
    icon = _ICONS[kind]
    if _is_tty(stream):
        line = f"\x1b[38;5;{_COLORS[kind]}m{icon} {text}\x1b[0m"
    else:
        line = f"{icon} {text}"
    return line + (f"\n{detail}" if detail is not None else "")


def divider(title: str, width: int = 80) -> str:
    """A blank line, then '==== title ====' as wide as spaCy's."""
    n = (width - len(title) - 4) // 2
    return f"\n{'=' * n} {title} {'=' * n}"


def row(values: Sequence[Any], widths: Sequence[int], aligns: Sequence[str] | None = None,
        spacing: int = 2) -> str:
    """One table row: each value padded to its width, right- or left-aligned."""
    aligns = aligns or ["l"] * len(widths)
    cells = []
    for value, width, align in zip(values, widths, aligns):
        text = str(value)
        cells.append(text.rjust(width) if align == "r" else text.ljust(width))
    return (" " * spacing).join(cells)


def table(data: dict, title: str | None = None, spacing: int = 3) -> str:
    """A two-column key/value table (used by `lexloom evaluate`)."""
    width = max((len(str(k)) for k in data), default=0)
    lines = [divider(title) + "\n"] if title else []
    lines += [f"{str(k).ljust(width)}{' ' * spacing}{v}" for k, v in data.items()]
    return "\n".join(lines)


def setup_table(cols: Sequence[str], widths: Sequence[int],
                max_width: int = 13) -> tuple[list[str], list[int], list[str]]:
    """Upper-cased headers (long ones shortened with '...'), their widths, alignments."""
    headers, final_widths = [], []
    for col, width in zip(cols, widths):
        if len(col) > max_width:
            col = col[: max_width - 3] + "..."
        headers.append(col.upper())
        final_widths.append(max(len(col), width))
    return headers, final_widths, ["r"] * len(final_widths)


def _is_tty(stream: IO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@register("loggers", "lexloom.ConsoleLogger.v1", "spacy.ConsoleLogger.v1",
          "spacy-legacy.ConsoleLogger.v1")
def console_logger_v1(progress_bar: bool = False):
    """The progress table on stdout; progress_bar: a tqdm bar to the next evaluation."""
    return console_logger_v3(progress_bar="eval" if progress_bar else None)


@register("loggers", "lexloom.ConsoleLogger.v2", "spacy.ConsoleLogger.v2",
          "spacy-legacy.ConsoleLogger.v2")
def console_logger_v2(progress_bar: bool = False, console_output: bool = True,
                      output_file: str | Path | None = None):
    """As v1, optionally also writing one JSON line per evaluation to `output_file`."""
    return console_logger_v3(progress_bar="eval" if progress_bar else None,
                             console_output=console_output, output_file=output_file)


console_logger = console_logger_v2  # spaCy's spacy.training.loggers.console_logger


@register("loggers", "lexloom.ConsoleLogger.v3", "spacy.ConsoleLogger.v3")
def console_logger_v3(progress_bar: str | None = None, console_output: bool = True,
                      output_file: str | Path | None = None):
    """progress_bar: None, "eval" (steps to the next evaluation) or "train" (steps to
    max_steps)."""
    if progress_bar not in (None, "eval", "train"):
        raise ConfigError(f"[E1048] [training.logger] progress_bar = {progress_bar!r} is not "
                          "one of \"eval\", \"train\" or null.")
    log_path = Path(output_file) if output_file else None

    def setup(nlp, stdout: IO | None = None,
              stderr: IO | None = None) -> tuple[LogStep, Callable]:
        return _ConsoleLogger(nlp, stdout or sys.stdout, stderr or sys.stderr, progress_bar,
                              console_output, log_path).handles()

    return setup


class _ConsoleLogger:
    def __init__(self, nlp, stdout: IO, stderr: IO, progress_bar: str | None,
                 console_output: bool, log_path: Path | None):
        self.stdout, self.stderr = stdout, stderr
        self.progress_bar = progress_bar
        self.console_output = console_output
        self.log_stream = None
        if log_path is not None:
            if log_path.exists():
                self.write(message("warn", f"Saving logs is disabled because {log_path} "
                                           "already exists.", stream=stdout))
            else:
                log_path.parent.mkdir(parents=True, exist_ok=True)
                self.write(message("info", f"Saving results to {log_path}", stream=stdout))
                self.log_stream = log_path.open("w", encoding="utf-8")
        training = nlp.config["training"]
        self.max_steps = int(training.get("max_steps") or 0)
        self.eval_frequency = int(training.get("eval_frequency") or 1)
        self.pipes = [name for name, proc in nlp.pipeline
                      if getattr(proc, "is_trainable", False)]
        self.score_cols = [col for col, weight in (training.get("score_weights") or {}).items()
                           if weight is not None]
        loss_cols = [f"Loss {name}" for name in self.pipes]
        self.headers, self.widths, self.aligns = setup_table(
            ["E", "#"] + loss_cols + self.score_cols + ["Score"],
            [3, 6] + [8] * len(loss_cols) + [6] * len(self.score_cols) + [6])
        self.bar = None
        self.live = _is_tty(stderr)
        self.steps_since_eval = 0
        self.last_step_time = time.perf_counter()
        if console_output:
            self.write(row(self.headers, self.widths))
            self.write(row(["-" * w for w in self.widths], self.widths))

    def write(self, text: str) -> None:
        print(text, file=self.stdout, flush=True)

    def handles(self) -> tuple[LogStep, Callable[[], None]]:
        return self.log_step, self.finalize

    def log_step(self, info: dict | None) -> None:
        if info is None:
            self._progress()
            return
        self._clear_progress()
        losses = {name: float(info["losses"].get(name, 0.0)) for name in self.pipes}
        scores = {}
        for col in self.score_cols:
            value = info["other_scores"].get(col, 0.0)
            try:
                value = float(value if value is not None else 0.0)
            except (TypeError, ValueError):
                raise ConfigError(f"[E916] [training.score_weights] names '{col}', whose score "
                                  f"is a {type(value).__name__}, not a number; only numeric scores "
                                  "can be weighted or shown.") from None
            scores[col] = value if col == "speed" else value * 100
        if self.log_stream is not None:
            record = {"epoch": info["epoch"], "step": info["step"], "losses": losses,
                      "scores": scores, "score": float(info["score"])}
            # compact, as spaCy's srsly.json_dumps writes it
            self.log_stream.write(json.dumps(record, separators=(",", ":")) + "\n")
            self.log_stream.flush()
        if self.console_output:
            values = ([info["epoch"], info["step"]]
                      + [f"{v:.2f}" for v in losses.values()]
                      + [f"{v:.2f}" for v in scores.values()]
                      + [f"{float(info['score']):.2f}"])
            self.write(row(values, self.widths, self.aligns))
            self._start_progress(info)

    # ---- progress between evaluations -------------------------------------------------

    def _start_progress(self, info: dict) -> None:
        self.steps_since_eval = 0
        self.epoch = info["epoch"]
        if self.progress_bar is None:
            return
        from tqdm import tqdm

        if self.progress_bar == "train":
            total, initial, desc = self.max_steps or None, info["step"], \
                f"Last Eval Epoch: {info['epoch']}"
        else:
            total, initial, desc = self.eval_frequency, 0, f"Epoch {info['epoch'] + 1}"
        self.bar = tqdm(total=total, initial=initial, desc=desc, disable=None, leave=False,
                        file=self.stderr)

    def _progress(self) -> None:
        self.steps_since_eval += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.live and self.console_output:
            now = time.perf_counter()
            if now - self.last_step_time >= 0.2:   # redraw at most 5 times a second
                self.last_step_time = now
                self.stderr.write(f"\r  {self.steps_since_eval}/{self.eval_frequency} steps "
                                  "to the next evaluation")
                self.stderr.flush()

    def _clear_progress(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        elif self.live and self.console_output and self.steps_since_eval:
            self.stderr.write("\r\x1b[K")
            self.stderr.flush()

    def finalize(self) -> None:
        self._clear_progress()
        if self.log_stream is not None:
            self.log_stream.close()
            self.log_stream = None


__all__ = ["console_logger", "console_logger_v1", "console_logger_v2", "console_logger_v3",
           "message", "divider", "row", "table", "setup_table"]
