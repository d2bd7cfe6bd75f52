"""`lexloom info`: versions and platform, for bug reports."""
import typer

from .. import info  # noqa: F401  (spaCy's spacy.cli.info)
from ._app import app


@app.command("info")
def info_cli(model: str = typer.Argument(None, help="An installed pipeline or a folder"),
             markdown: bool = typer.Option(False, "--markdown", "-md",
                                           help="Print as Markdown (for bug reports)"),
             silent: bool = typer.Option(False, "--silent", "-s", "-S",
                                         help="Print nothing (spaCy's flag)"),
             exclude: str = typer.Option("labels", "--exclude", "-e",
                                         help="Comma-separated keys to leave out"),
             url: bool = typer.Option(False, "--url", "-u",
                                      help="The pipeline's download link (needs the network)"),
             as_json: bool = typer.Option(False, "--json", help="Print JSON")):
    """Print lexloom's version, location, platform and languages, or a pipeline's meta."""
    from ..errors import LexloomError

    excluded = [key.strip() for key in exclude.split(",") if key.strip()]
    try:
        if url and not model:
            raise typer.BadParameter("--url needs a pipeline name.")
        data = info(model, markdown=markdown and not as_json, silent=True, exclude=excluded,
                    url=url)
    except LexloomError as e:
        typer.echo(f"✘ {e}", err=True)
        raise typer.Exit(1)
    if silent:
        return
    if isinstance(data, str):  # markdown
        typer.echo(data)
        return
    if as_json:
        import srsly

        typer.echo(srsly.json_dumps(data, indent=2))
        return
    width = max(len(k) for k in data)
    for key, value in data.items():
        typer.echo(f"{key:<{width}}  {value}")
