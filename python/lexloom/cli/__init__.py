"""The `lexloom` command line: a thin typer shell over library functions.

Importing the command modules registers their commands. As in spaCy, `lexloom.cli.<name>`
is then the function behind a command (convert, evaluate, info, ...) where spaCy exposes
one, and the module otherwise (assemble, benchmark_speed, init_pipeline, ...)."""
from . import (  # noqa: F401
               apply,
               assemble,
               benchmark_speed,
               convert,
               debug,
               debug_config,
    debug_data,
               debug_diff,
    debug_model,
               demo,
               download,
               evaluate,
               find_function,
               find_threshold,
               info,
               init_config,
               init_pipeline,
               init_vectors,
               package,
               pretrain,
               profile,
               project,
               train,
               validate,
)
from . import download as download_module  # noqa: F401
from ._app import app
from wasabi import msg  # noqa: F401  (spacy.cli.msg: the Printer plugin commands print with)
from ._util import setup_cli
from .apply import apply  # noqa: F811
from .assemble import assemble_cli
from .benchmark_speed import benchmark_speed_cli
from .convert import convert  # noqa: F811
from .debug_config import debug_config  # noqa: F811
from .debug_data import debug_data  # noqa: F811
from .debug_diff import debug_diff  # noqa: F811
from .debug_model import debug_model  # noqa: F811
from .download import download  # noqa: F811
from .evaluate import evaluate  # noqa: F811
from .find_function import find_function  # noqa: F811
from .find_threshold import find_threshold  # noqa: F811
from .info import info  # noqa: F811
from .init_config import fill_config, init_config  # noqa: F811
from .init_pipeline import init_pipeline_cli
from .link import link
from .package import package  # noqa: F811
from .pretrain import pretrain  # noqa: F811
from .profile import profile  # noqa: F811
from .train import train_cli
from .validate import validate  # noqa: F811

# spaCy's `from spacy.cli import project_run` & co.: weasel's functions, imported on first use
# (lexloom itself does not need weasel).
_PROJECT_FUNCTIONS = {"project_assets": "assets", "project_clone": "clone",
                      "project_document": "document", "project_update_dvc": "dvc",
                      "project_pull": "pull", "project_push": "push", "project_run": "run"}


def __getattr__(name: str):
    if name in _PROJECT_FUNCTIONS:
        from .project import weasel_module

        return getattr(weasel_module(_PROJECT_FUNCTIONS[name]), name)
    raise AttributeError(f"module 'lexloom.cli' has no attribute {name!r}")


__all__ = ["app", "apply", "assemble_cli", "benchmark_speed_cli", "convert", "debug_config",
           "debug_data", "debug_diff", "debug_model", "download", "evaluate", "fill_config", "find_function",
           "find_threshold", "info", "init_config", "init_pipeline_cli", "link", "package", "pretrain",
           "profile", "setup_cli", "train_cli", "validate"]
