"""`lexloom pretrain`: pretrain a pipeline's tok2vec layer on raw text (the [pretraining]
block), writing model{N}.bin weights for [initialize] init_tok2vec."""
from pathlib import Path
from typing import Optional

import typer

from ._app import app


@app.command("pretrain", context_settings={"allow_extra_args": True,
                                           "ignore_unknown_options": True})
def pretrain_cli(
    ctx: typer.Context,
    config_path: Path = typer.Argument(..., help="Path to config file ('-' for stdin)",
                                       allow_dash=True),
    output_dir: Path = typer.Argument(..., help="Directory to write weights to on each epoch"),
    code_path: Path = typer.Option(None, "--code", "-c",
                                   help="Python file with additional code (registered "
                                        "functions) to import"),
    resume_path: Path = typer.Option(None, "--resume-path", "-r",
                                     help="Pretrained weights (model{N}.bin) to resume from"),
    epoch_resume: int = typer.Option(None, "--epoch-resume", "-er",
                                     help="The epoch to resume counting from with "
                                          "--resume-path (default: N + 1 from model{N}.bin)"),
    use_gpu: int = typer.Option(-1, "--gpu-id", "-g", help="GPU id, or -1 for the CPU"),
    skip_last: bool = typer.Option(False, "--skip-last", "-L",
                                   help="Don't save model-last.bin"),
):
    """Pretrain the tok2vec layer of a pipeline component on raw text with an approximate
    language-modelling objective (characters or static vectors). Weights are saved after
    each epoch; point initialize.init_tok2vec at one to start training from it. Override
    any setting on the command line, e.g. --paths.raw_text text.jsonl."""
    from ..errors import LexloomError
    from ..training.pretrain import pretrain_from_config
    from ._util import import_code, parse_config_overrides

    try:
        overrides = parse_config_overrides(list(ctx.args))
        import_code(code_path)
        pretrain_from_config(config_path, output_dir, resume_path=resume_path,
                             epoch_resume=epoch_resume, use_gpu=use_gpu, skip_last=skip_last,
                             overrides=overrides)
    except LexloomError as e:
        typer.echo(f"✘ {e}", err=True)
        raise typer.Exit(1)


def pretrain(config, output_dir: Path, resume_path: Optional[Path] = None,
             epoch_resume: Optional[int] = None, use_gpu: int = -1, silent: bool = True,
             skip_last: bool = False) -> dict:
    """Pretrain the tok2vec layer the config's [pretraining] block names (spaCy's
    spacy.cli.pretrain, i.e. training.pretrain.pretrain): weights to output_dir/model{N}.bin."""
    from ..training.pretrain import pretrain as run_pretraining

    return run_pretraining(config, output_dir, resume_path=resume_path,
                           epoch_resume=epoch_resume, use_gpu=use_gpu, silent=silent,
                           skip_last=skip_last)
