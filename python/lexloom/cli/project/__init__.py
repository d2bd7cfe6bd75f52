"""`lexloom project`: spaCy's project workflows (clone, assets, run, ...) are the weasel
package's; with weasel installed its commands are mounted here, without it the command says
how to get them.

As in spaCy, `lexloom.cli.project.<module>` (assets, clone, document, dvc, pull, push,
remote_storage, run) is weasel's module of that name, and `lexloom.cli.project_run` & co. its
functions; importing them without weasel raises MissingPackageError."""
from __future__ import annotations

import importlib.util

import typer

from .._app import app

WEASEL_MISSING = ("`project` runs spaCy's project workflows through the weasel package, which "
                  "is not installed. Install it (pip install weasel) and run `weasel ...` or "
                  "`lexloom project ...`, or use spaCy's own project tooling.")


def project_available() -> bool:
    """Whether weasel (which implements the project commands) is installed."""
    return importlib.util.find_spec("weasel") is not None


def weasel_module(name: str):
    """weasel.cli.<name>, or MissingPackageError saying how to install weasel."""
    import importlib

    require_weasel()
    return importlib.import_module(f"weasel.cli.{name}")


def reexport_weasel(namespace: dict) -> None:
    """Fill the namespace of lexloom.cli.project.<name> with weasel.cli.<name>'s names."""
    module = weasel_module(namespace["__name__"].rsplit(".", 1)[-1])
    namespace.update({k: v for k, v in vars(module).items() if not k.startswith("__")})


def require_weasel():
    """weasel's typer app, or MissingPackageError saying how to install it."""
    from ...errors import MissingPackageError

    if not project_available():
        raise MissingPackageError(WEASEL_MISSING)
    from weasel import app as weasel_app

    return weasel_app


if project_available():
    app.add_typer(require_weasel(), name="project")
else:
    @app.command("project", context_settings={"allow_extra_args": True,
                                              "ignore_unknown_options": True})
    def project_cli(ctx: typer.Context):
        """Project workflows (clone, assets, run, ...): needs the weasel package."""
        typer.echo(f"✘ {WEASEL_MISSING}", err=True)
        raise typer.Exit(1)
