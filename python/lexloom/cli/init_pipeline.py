"""`lexloom init nlp`: build a pipeline from a training config and initialize it on the
training data, without training: what `lexloom train` starts from."""
from __future__ import annotations

import logging
from pathlib import Path

import typer

from ._util import fail, say
from .init_config import init_app


def init_pipeline(config_path: str | Path, output_path: str | Path | None = None, *,
                  overrides: dict | None = None, use_gpu: int = -1):
    """The pipeline of a training config, initialized on its [training] train_corpus
    (labels, shapes, vectors, pretrained tok2vec weights), saved to output_path when
    given."""
    from ..training.initialize import init_nlp, load_training_config

    config = load_training_config(config_path, overrides or {})
    nlp = init_nlp(config, use_gpu=use_gpu)
    if output_path is not None:
        Path(output_path).mkdir(parents=True, exist_ok=True)
        nlp.to_disk(output_path)
    return nlp


@init_app.command("nlp", context_settings={"allow_extra_args": True,
                                           "ignore_unknown_options": True})
def init_pipeline_cli(
    ctx: typer.Context,
    config_path: Path = typer.Argument(..., help="Path to config file", exists=True,
                                       allow_dash=True),
    output_path: Path = typer.Argument(..., help="Output directory for the prepared data"),
    code_path: Path | None = typer.Option(None, "--code", "-c",
                                             help="Python file with registered functions"),
    verbose: bool = typer.Option(False, "--verbose", "-V", "-VV",
                                 help="Display more information for debugging purposes"),
    use_gpu: int = typer.Option(-1, "--gpu-id", "-g", help="GPU ID or -1 for CPU"),
):
    """Initialize a pipeline from a training config (labels, shapes, vectors) and save it,
    ready to train."""
    from ..errors import LexloomError
    from ..training.loop import setup_gpu
    from ..util import import_code, parse_overrides

    if verbose:
        logging.getLogger("lexloom").setLevel(logging.DEBUG)
    try:
        overrides = parse_overrides(list(ctx.args))
        import_code(code_path)
        setup_gpu(use_gpu)
        init_pipeline(config_path, output_path, overrides=overrides, use_gpu=use_gpu)
    except LexloomError as e:
        fail(str(e))
    say("good", f"Saved initialized pipeline to {output_path}")
