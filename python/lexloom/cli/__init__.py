"""The `lexloom` command line: a thin typer shell over library functions."""
from ._app import app
from . import convert, debug, debug_config, demo, evaluate, info, init_config, pretrain, train  # noqa: F401  (register commands)

__all__ = ["app"]
