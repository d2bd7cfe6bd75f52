"""The `lexloom` command line: a thin typer shell over library functions."""
from ._app import app
from . import (convert, debug, debug_config, demo, evaluate, info, init_config,  # noqa: F401
               init_vectors, pretrain, train)  # (importing them registers the commands)

__all__ = ["app"]
