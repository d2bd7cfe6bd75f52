"""The `lexloom` command line: a thin typer shell over library functions."""
from ._app import app
from . import convert, demo, info  # noqa: F401  (register commands)

__all__ = ["app"]
