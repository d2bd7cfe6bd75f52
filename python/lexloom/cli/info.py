"""`lexloom info`: versions and platform, for bug reports."""
import typer

from .. import info  # noqa: F401  (spaCy's spacy.cli.info)
from ._app import app


@app.command("info")
def info_cli(model: str = typer.Argument(None, help="An installed pipeline or a folder"),
             as_json: bool = typer.Option(False, "--json", help="Print JSON")):
    """Print lexloom's version, location, platform and languages, or a pipeline's meta."""
    from ..errors import LexloomError

    try:
        data = info(model)
    except LexloomError as e:
        typer.echo(f"✘ {e}", err=True)
        raise typer.Exit(1)
    if as_json:
        import srsly

        typer.echo(srsly.json_dumps(data, indent=2))
        return
    width = max(len(k) for k in data)
    for key, value in data.items():
        typer.echo(f"{key:<{width}}  {value}")
