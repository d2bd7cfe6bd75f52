"""`lexloom info`: versions and platform, for bug reports."""
import platform
import sys

import typer

from ._app import app


def info_dict() -> dict:
    import lexloom
    from lexloom.language import LANGUAGES

    return {
        "lexloom version": lexloom.__version__,
        "location": lexloom.__file__.rsplit("/", 1)[0],
        "platform": platform.platform(),
        "python version": sys.version.split()[0],
        "languages": ", ".join(sorted(LANGUAGES)),
        "include": lexloom.get_include(),
    }


@app.command("info")
def info_cli(model: str = typer.Argument(None, help="An installed pipeline or a folder"),
             as_json: bool = typer.Option(False, "--json", help="Print JSON")):
    """Print lexloom's version, location, platform and languages, or a pipeline's meta."""
    if model:
        from lexloom.loading import info

        data = info(model)
    else:
        data = info_dict()
    if as_json:
        import srsly

        typer.echo(srsly.json_dumps(data, indent=2))
        return
    width = max(len(k) for k in data)
    for key, value in data.items():
        typer.echo(f"{key:<{width}}  {value}")
