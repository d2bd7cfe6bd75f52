"""`lexloom link`: spaCy 2's shortcut links, gone since spaCy 3; the command only says so."""
from __future__ import annotations

from ._app import app
from ._util import say


@app.command("link", no_args_is_help=True, deprecated=True, hidden=True)
def link(*args, **kwargs) -> None:
    """As of spaCy v3.0, symlinks like "en" are not supported anymore. You can load trained
    pipeline packages using their full names or from a directory path."""
    say("warn", "As of spaCy v3.0, model symlinks are not supported anymore. You can load "
                "trained pipeline packages using their full names or from a directory path.")
