"""`lexloom train`: train a pipeline from a config, with `--section.key value` overrides."""
from __future__ import annotations

import logging
from pathlib import Path

import typer

from ._app import app
from ._util import existing_path_or_dash


@app.command("train", context_settings={"allow_extra_args": True,
                                        "ignore_unknown_options": True})
def train_cli(
    ctx: typer.Context,
    config_path: Path = typer.Argument(..., help="Path to config file ('-' for stdin)",
                                       allow_dash=True, callback=existing_path_or_dash),
    output_path: Path = typer.Option(None, "--output", "--output-path", "-o",
                                     help="Output directory for model-best and model-last"),
    code_path: Path = typer.Option(None, "--code", "-c",
                                   help="Python file with additional code (registered "
                                        "functions) to import"),
    verbose: bool = typer.Option(False, "--verbose", "-V", "-VV",
                                 help="Display more information for debugging"),
    use_gpu: int = typer.Option(-1, "--gpu-id", "-g", help="GPU id, or -1 for the CPU"),
    ray_address: str | None = typer.Option(
        None, "--ray", metavar="ADDRESS",
        help="Train data-parallel on a Ray cluster (pip install 'lexloom[ray]'): --ray local "
             "starts a local one, --ray auto / HOST:PORT joins one."),
    n_workers: int = typer.Option(2, "--n-workers", help="Ray training workers (with --ray)"),
):
    """Train or update a pipeline. Settings come from the config; override any of them on
    the command line, e.g. --paths.train ./train.spacy --training.max_steps 1000."""
    from ..errors import LexloomError
    from ..training.loop import train_from_config
    from ._util import import_code, parse_config_overrides

    if verbose:
        logging.basicConfig(format="%(levelname)s: %(message)s")
        logging.getLogger("lexloom").setLevel(logging.DEBUG)
    try:
        overrides = parse_config_overrides(list(ctx.args))
        import_code(code_path)
        if ray_address is not None:
            from ..distributed import train as ray_train

            result = ray_train(config_path, output_path, address=ray_address,
                               n_workers=n_workers, overrides=overrides, code=code_path)
            typer.echo(f"✔ Trained on {n_workers} Ray workers: {result['steps']} steps, "
                       f"{result['words']} words, "
                       f"{result['words'] / max(result['seconds'], 1e-9):,.0f} words/s")
            return
        train_from_config(config_path, output_path, use_gpu=use_gpu, overrides=overrides)
    except LexloomError as e:
        typer.echo(f"✘ {e}", err=True)
        raise typer.Exit(1)


def train(config_path: str | Path, output_path: str | Path | None = None, *,
          use_gpu: int = -1, overrides: dict | None = None):
    """Train the pipeline a config describes (with dotted overrides), saving model-best and
    model-last under output_path; returns (nlp, path of model-last or None)."""
    from ..training.loop import train_from_config

    return train_from_config(config_path, output_path, use_gpu=use_gpu,
                             overrides=dict(overrides or {}))
