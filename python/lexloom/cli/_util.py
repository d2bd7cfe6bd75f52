"""Helpers the command modules share: status lines, walking input folders, running the app."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

COMMAND = "python -m lexloom"


def say(kind: str, text: str, detail: object = None) -> None:
    """Print one status line (ℹ / ✔ / ⚠ / ✘) to stdout."""
    from ..training.loggers import message

    print(message(kind, text, detail, stream=sys.stdout), flush=True)


def fail(text: str, detail: object = None) -> None:
    """Print a ✘ line and exit with status 1 (a command's error)."""
    say("fail", text, detail)
    raise typer.Exit(1)


def walk_directory(path: Path, suffix: str | None = None) -> list[Path]:
    """The files under `path` (or `path` itself), hidden ones skipped, optionally only those
    ending in `suffix`, sorted."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    found = []
    for child in sorted(path.rglob("*")):
        if any(part.startswith(".") for part in child.relative_to(path).parts):
            continue
        if child.is_file() and (suffix is None or child.name.endswith(suffix)):
            found.append(child)
    return found


def setup_cli() -> None:
    """Run the command line (what `python -m lexloom` does), with every registered function
    available to configs."""
    from ..util import _ensure_builtins
    from ._app import app

    _ensure_builtins()
    command = typer.main.get_command(app)
    command(prog_name=COMMAND)
