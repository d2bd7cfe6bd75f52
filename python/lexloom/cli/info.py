"""`lexloom info`: versions and platform, for bug reports."""
import typer

from .. import info  # noqa: F401  (spaCy's spacy.cli.info)
from ..loading import info_lexloom as info_spacy  # noqa: F401  (spaCy's names)
from ..loading import info_model  # noqa: F401
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
        data = info(model, markdown=False, silent=True, url=url)
    except LexloomError as e:
        typer.echo(f"✘ {e}", err=True)
        raise typer.Exit(1)
    if silent:
        return
    data = {k: v for k, v in data.items() if k not in excluded}  # info() returns every key
    if as_json:
        import srsly

        typer.echo(srsly.json_dumps(data, indent=2))
        return
    title = f"Info about pipeline '{model}'" if model else "Info about lexloom"
    shown = _display(data, pipeline=bool(model))
    if markdown:
        typer.echo(markdown_info(shown, title))
        return
    from ..training.loggers import table

    typer.echo("\n" + table(shown, title) + "\n")


def _display(data: dict, pipeline: bool) -> dict:
    """The rows spaCy's `info` shows: about the library, labels capitalised as spaCy's
    ("Location", "Python version") and the pipelines as "name (version), ..."; a
    pipeline's meta as it is."""
    if pipeline:
        return dict(data)
    shown = {}
    for i, (key, value) in enumerate(data.items()):
        if isinstance(value, dict) and key == "pipelines":
            value = ", ".join(f"{name} ({version})" for name, version in value.items())
        key = key.replace("_", " ")   # info() returns spaCy's keys ("python_version")
        if key != "spacy version" and i:
            key = key[:1].upper() + key[1:]
        shown["spaCy version" if key == "spacy version" else key] = value
    return shown


def get_markdown(data: dict, title: str | None = None,
                 exclude: list[str] | None = None) -> str:
    """spaCy's: `data` as a Markdown list under an optional level-2 title, without the
    `exclude` keys (and values that are paths here), framed by blank lines."""
    kept = {k: v for k, v in data.items() if k not in set(exclude or ())}
    return f"\n{markdown_info(kept, title)}\n"


def markdown_info(data: dict, title: str | None) -> str:
    """spaCy's get_markdown: a level-2 title (none for None) and a "- **key:** value" list,
    leaving out values that are paths on this machine (and empty strings), ending in a blank
    line (spaCy's also starts with one)."""
    from pathlib import Path

    items = []
    for key, value in data.items():
        if isinstance(value, str):
            try:
                if Path(value).exists():
                    continue
            except (OSError, ValueError):
                pass
        items.append(f"- **{key}:** {value}")
    heading = f"## {title}\n\n" if title else ""
    return heading + "\n".join(items) + "\n"
