"""`lexloom assemble`: build a pipeline from a config without training, and save it."""
from __future__ import annotations

import logging
from pathlib import Path

import typer

from ._app import app
from ._util import existing_path_or_dash, fail, say


def assemble(config_path: str | Path, output_path: str | Path | None = None, *,
             overrides: dict | None = None):
    """The pipeline the config describes, initialized without data (components sourced from
    trained pipelines keep their weights), saved to output_path when given."""
    from ..language import config_language
    from ..util import load_config

    config = load_config(config_path, overrides=overrides or {}, interpolate=False)
    nlp = config_language(config).from_config(config, auto_fill=True)
    sourced = [name for name, block in (config.get("components") or {}).items()
               if isinstance(block, dict) and "source" in block]
    with nlp.select_pipes(disable=[name for name in sourced if name in nlp.pipe_names]):
        nlp.initialize()
    if output_path is not None:
        Path(output_path).mkdir(parents=True, exist_ok=True)
        nlp.to_disk(output_path)
    return nlp


@app.command("assemble", context_settings={"allow_extra_args": True,
                                           "ignore_unknown_options": True})
def assemble_cli(
    ctx: typer.Context,
    config_path: Path = typer.Argument(..., help="Path to config file", allow_dash=True,
                                       callback=existing_path_or_dash),
    output_path: Path = typer.Argument(..., help="Output directory to store the assembled "
                                       "pipeline in"),
    code_path: Path | None = typer.Option(None, "--code", "-c",
                                             help="Python file with registered functions"),
    verbose: bool = typer.Option(False, "--verbose", "-V", "-VV",
                                 help="Display more information for debugging purposes"),
):
    """Assemble a pipeline from a config file, without training: override settings as
    --section.key value, register your own functions with --code."""
    from ..errors import LexloomError
    from ._util import import_code, parse_config_overrides

    if verbose:
        logging.getLogger("lexloom").setLevel(logging.DEBUG)
    if str(config_path) != "-" and not config_path.exists():
        fail("Config file not found", config_path)
    try:
        overrides = parse_config_overrides(list(ctx.args))
        import_code(code_path)
        say("info", "Initializing pipeline")
        existed = output_path.exists()
        assemble(config_path, output_path, overrides=overrides)
    except LexloomError as e:
        fail(str(e))
    say("good", "Initialized pipeline")
    if not existed:
        say("good", f"Created output directory: {output_path}")
    say("good", f"Saved pipeline to: {output_path}")
