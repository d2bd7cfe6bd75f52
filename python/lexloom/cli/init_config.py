"""`lexloom init config` and `lexloom init fill-config`: write a starter training config, or
fill a partial one with every default."""
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ._app import app

init_app = typer.Typer(
    name="init",
    help="Create configs and vectors to start training from.",
    no_args_is_help=True,
)
app.add_typer(init_app, name="init")


def _recommendations() -> dict[str, dict]:
    """The template's per-language recommendations in spaCy's shape (RecommendationSchema):
    {lang: {"word_vectors", "transformer": {"efficiency"|"accuracy": {"name",
    "size_factor"}} or None, "has_letters"}}, "__default__" for other languages."""
    from ..training.config_templates import (
        DEFAULT_RECOMMENDATION,
        RECOMMENDATIONS as TABLE,
        TRANSFORMER_SIZE_FACTOR,
    )

    def entry(vectors, transformer):
        trf = {"name": transformer, "size_factor": TRANSFORMER_SIZE_FACTOR}
        return {"word_vectors": vectors, "has_letters": True,
                "transformer": {"efficiency": trf, "accuracy": dict(trf)} if transformer
                else None}

    return {"__default__": entry(*DEFAULT_RECOMMENDATION),
            **{lang: entry(*pair) for lang, pair in TABLE.items()}}


# spacy.cli.init_config.RECOMMENDATIONS
RECOMMENDATIONS = _recommendations()


class Optimizations(str, Enum):
    efficiency = "efficiency"
    accuracy = "accuracy"


def init_config(*, lang: str = "en", pipeline: list[str] | str = ("tagger", "parser", "ner"),
                optimize: str = "efficiency", gpu: bool = False, pretraining: bool = False,
                silent: bool = True):
    """The starter training config `init config` writes (a Config), for a language,
    trainable components, efficiency / accuracy and CPU / GPU."""
    from ..training.config_templates import make_config, parse_pipeline

    names = parse_pipeline(pipeline) if isinstance(pipeline, str) else list(pipeline)
    config = make_config(lang=lang, pipeline=names, optimize=getattr(optimize, "value", optimize),
                         gpu=gpu, pretraining=pretraining)
    if not silent:
        typer.echo(f"ℹ Generated config template for {lang}: {', '.join(names)}")
    return config


def fill_config(output_file: Path, base_path: Path, *, pretraining: bool = False,
                diff: bool = False, silent: bool = False):
    """Fill the config at base_path with every default and write it to output_file ("-":
    stdout); returns (original config, filled config), spaCy's order."""
    from ..training.config_tools import fill_config as fill, unregistered_names
    from ..util import load_config
    from ._util import show_validation_error

    to_stdout = str(output_file) == "-"
    quiet = silent or to_stdout
    with show_validation_error(hint_fill=False):   # e.g. a ${...} naming no setting
        config = load_config(base_path)
        if pretraining and not silent:
            _warn_if_no_tok2vec(config, err=to_stdout)
        filled = fill(config, pretraining=pretraining)
    if not silent:
        for problem in unregistered_names(filled):
            typer.echo(f"⚠ Not filled: {problem}", err=True)
    before = config.to_str(interpolate=False)
    after = filled.to_str(interpolate=False)
    if not quiet:
        typer.echo("⚠ Nothing to auto-fill: the config is already complete" if before == after
                   else "✔ Auto-filled config with all values")
    if diff and not quiet:
        import difflib

        lines = difflib.unified_diff(before.splitlines(), after.splitlines(),
                                     str(base_path), str(output_file), lineterm="")
        typer.echo("\n".join(lines) or "No differences.")
    if to_stdout:
        typer.echo(after)
    else:
        _save(filled, Path(output_file), silent=silent)
        if not silent:
            _say_how_to_train(Path(output_file))
    return config, filled


def _warn_if_no_tok2vec(config, err: bool = False) -> None:
    """`--pretraining` pretrains the component named tok2vec unless the [pretraining] block
    is edited: say so where the pipeline has none (as spaCy does)."""
    if "tok2vec" not in config.get("nlp", {}).get("pipeline", []):
        typer.echo("⚠ No tok2vec component found in the pipeline. If your tok2vec component "
                   "has a different name, you may need to adjust the tok2vec_model reference "
                   "in the [pretraining] block. If you don't have a tok2vec component, make "
                   "sure to add it to your [components] and the pipeline specified in the "
                   "[nlp] block, so you can pretrain weights for it.", err=err)


def _say_how_to_train(config_file: Path) -> None:
    """The next step, as spaCy's init config / fill-config print it."""
    typer.echo("You can now add your data and train your pipeline:")
    typer.echo(f"lexloom train {config_file.name} --paths.train ./train.spacy "
               "--paths.dev ./dev.spacy")


@init_app.command("config")
def init_config_cli(
    output_file: Path = typer.Argument(..., help="File to write the config to, or - for stdout",
                                       allow_dash=True),
    lang: str = typer.Option("en", "--lang", "-l", help="Language code"),
    pipeline: str = typer.Option(
        "tagger,parser,ner", "--pipeline", "-p",
        help="Comma-separated trainable components (tok2vec / transformer are added as needed)"),
    optimize: Optimizations = typer.Option(
        Optimizations.efficiency, "--optimize", "-o",
        help="efficiency: smaller, faster model; accuracy: larger, slower, more accurate"),
    gpu: bool = typer.Option(False, "--gpu", "-G",
                             help="Train on GPU: share a transformer instead of a tok2vec"),
    pretraining: bool = typer.Option(False, "--pretraining", "-pt",
                                     help="Add the blocks for `lexloom pretrain`"),
    force_overwrite: bool = typer.Option(False, "--force", "-F",
                                         help="Overwrite the output file"),
):
    """Write a complete starter config for training: the same config `spacy init config`
    writes for these options."""
    from ..errors import LexloomError
    from ..training.config_templates import make_config, parse_pipeline

    to_stdout = str(output_file) == "-"
    if not to_stdout and output_file.exists() and not force_overwrite:
        typer.echo(f"✘ {output_file} already exists. Pass --force (-F) to overwrite it.",
                   err=True)
        raise typer.Exit(1)
    names = parse_pipeline(pipeline)
    try:
        config = make_config(lang=lang, pipeline=names, optimize=optimize.value, gpu=gpu,
                             pretraining=pretraining)
    except LexloomError as e:
        typer.echo(f"✘ {e}", err=True)
        raise typer.Exit(1)
    if to_stdout:
        if pretraining:
            _warn_if_no_tok2vec(config, err=True)
        typer.echo(config.to_str(interpolate=False))
        return
    transformer = config["components"].get("transformer", {}).get("model", {}).get("name")
    typer.echo("ℹ Generated config template specific for your use case")
    typer.echo(f"- Language: {lang}")
    typer.echo(f"- Pipeline: {', '.join(n for n in names if n not in ('tok2vec', 'transformer'))}"
               .rstrip())
    typer.echo(f"- Optimize for: {optimize.value}")
    typer.echo(f"- Hardware: {'GPU' if gpu else 'CPU'}")
    typer.echo(f"- Transformer: {transformer}")
    if pretraining:
        _warn_if_no_tok2vec(config)
    typer.echo("✔ Auto-filled config with all values")
    _save(config, output_file)
    _say_how_to_train(output_file)


@init_app.command("fill-config")
def init_fill_config_cli(
    base_path: Path = typer.Argument(..., help="The config to fill", exists=True,
                                     dir_okay=False),
    output_file: Path = typer.Argument(Path("-"), help="Where to write it, or - for stdout",
                                       allow_dash=True),
    pretraining: bool = typer.Option(False, "--pretraining", "-pt",
                                     help="Add the blocks for `lexloom pretrain`"),
    diff: bool = typer.Option(False, "--diff", "-D", help="Show what was added"),
    code_path: Optional[Path] = typer.Option(
        None, "--code-path", "--code", "-c",
        help="Python file with your own registered functions, imported first"),
):
    """Fill a partial config with every default: the default config, each component
    factory's defaults and those of every registered function it names."""
    from ..errors import LexloomError
    from ._util import import_code

    try:
        import_code(code_path)
        fill_config(output_file, base_path, pretraining=pretraining, diff=diff)
    except LexloomError as e:
        typer.echo(f"✘ {e}", err=True)
        raise typer.Exit(1)


def save_config(config, output_file: Path, is_stdout: bool = False, silent: bool = False) -> None:
    """spaCy's: write the config (uninterpolated) to output_file, or print it."""
    if is_stdout:
        typer.echo(config.to_str(interpolate=False))
    else:
        _save(config, Path(output_file), silent=silent)


def _save(config, output_file: Path, silent: bool = False) -> None:
    output_file.parent.mkdir(parents=True, exist_ok=True)
    config.to_disk(output_file, interpolate=False)
    if not silent:
        typer.echo(f"✔ Saved config\n{output_file}")
