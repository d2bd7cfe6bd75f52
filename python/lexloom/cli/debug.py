"""`lexloom debug ...`: the sub-app that checks configs and data before training."""
import typer

from ._app import app

debug_app = typer.Typer(
    name="debug",
    help="Check configs and training data, and report what is wrong and where.",
    no_args_is_help=True,
)
app.add_typer(debug_app, name="debug")
