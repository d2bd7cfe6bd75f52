"""`lexloom init nlp`: build a pipeline from a training config and initialize it on the
training data, without training: what `lexloom train` starts from."""
from __future__ import annotations

import logging
from pathlib import Path

import typer

from ._util import fail, say
from .init_config import init_app
from .init_config import init_app as init_cli  # noqa: F401  (spaCy's module has these names)
from .init_vectors import init_vectors_cli  # noqa: F401


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
    from ._util import import_code, parse_config_overrides

    if verbose:
        logging.getLogger("lexloom").setLevel(logging.DEBUG)
    try:
        overrides = parse_config_overrides(list(ctx.args))
        import_code(code_path)
        setup_gpu(use_gpu)
        init_pipeline(config_path, output_path, overrides=overrides, use_gpu=use_gpu)
    except LexloomError as e:
        fail(str(e))
    say("good", f"Saved initialized pipeline to {output_path}")


def _init_labels(nlp, output_path: str | Path) -> None:
    """Write each component's label data to output_path/{name}.json, the file a config's
    [initialize.components.{name}.labels] (spacy.read_labels.v1) reads back so training
    needn't rescan the corpus for labels."""
    import srsly

    output_path = Path(output_path)
    for name, component in nlp.pipeline:
        labels = getattr(component, "label_data", None)
        if labels is None:
            say("info", f"No label data found for component '{name}'")
            continue
        path = output_path / f"{name}.json"
        srsly.write_json(path, labels)
        say("good", f"Saving label data for component '{name}' to {path}")


@init_app.command("labels", context_settings={"allow_extra_args": True,
                                              "ignore_unknown_options": True})
def init_labels_cli(
    ctx: typer.Context,
    config_path: Path = typer.Argument(..., help="Path to config file", exists=True,
                                       allow_dash=True),
    output_path: Path = typer.Argument(..., help="Output directory for the labels"),
    code_path: Path | None = typer.Option(None, "--code", "-c",
                                          help="Python file with registered functions"),
    verbose: bool = typer.Option(False, "--verbose", "-V", "-VV",
                                 help="Display more information for debugging purposes"),
    use_gpu: int = typer.Option(-1, "--gpu-id", "-g", help="GPU ID or -1 for CPU"),
):
    """Write the labels each component finds in the training data as JSON files, to speed
    up training (it needn't preprocess the data to find them)."""
    from ..errors import LexloomError
    from ..training.loop import setup_gpu
    from ._util import import_code, parse_config_overrides

    if verbose:
        logging.getLogger("lexloom").setLevel(logging.DEBUG)
    overrides = parse_config_overrides(list(ctx.args))
    try:
        import_code(code_path)
        setup_gpu(use_gpu)
        output_path.mkdir(parents=True, exist_ok=True)
        nlp = init_pipeline(config_path, overrides=overrides, use_gpu=use_gpu)
    except LexloomError as e:
        fail(str(e))
    _init_labels(nlp, output_path)
