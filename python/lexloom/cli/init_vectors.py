"""`lexloom init vectors LANG VECTORS_FILE OUTPUT_DIR`: convert word vectors into a pipeline
folder that [initialize] vectors = "OUTPUT_DIR" loads."""
import logging
import time
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .init_config import init_app


class VectorsMode(str, Enum):
    default = "default"
    floret = "floret"


@init_app.command("vectors")
def init_vectors_cli(
    lang: str = typer.Argument(..., help="The language of the nlp object to create"),
    vectors_loc: Path = typer.Argument(..., help="Vectors file: word2vec text or binary, "
                                       "fastText .vec or floret; plain, .gz or .zip", exists=True,
                                       dir_okay=False),
    output_dir: Path = typer.Argument(..., help="Pipeline output directory"),
    prune: int = typer.Option(-1, "--prune", "-p", help="Optional number of vectors to prune to"),
    truncate: int = typer.Option(0, "--truncate", "-t", help="Optional number of vectors to "
                                 "truncate to when reading in vectors file"),
    mode: VectorsMode = typer.Option(VectorsMode.default, "--mode", "-m",
                                     help="Vectors mode: default or floret"),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="Optional name for the word "
                                       "vectors, e.g. en_core_web_lg.vectors"),
    verbose: bool = typer.Option(False, "--verbose", "-V", "-VV",
                                 help="Display more information for debugging purposes"),
    attr: str = typer.Option("ORTH", "--attr", "-a", help="Optional token attribute to use "
                             "for vectors, e.g. LOWER or NORM"),
    jsonl_loc: Optional[Path] = typer.Option(None, "--lexemes-jsonl", "-j", hidden=True,
                                             help="Location of JSONL-formatted attributes "
                                             "file"),
):
    """Convert word vectors for use with lexloom. Writes a blank pipeline holding the vectors,
    for the [initialize] block of a training config (vectors = "OUTPUT_DIR")."""
    from ..errors import LexloomError
    from ..training.vectors import init_vectors

    if verbose:
        logging.getLogger("lexloom").setLevel(logging.DEBUG)
    if jsonl_loc is not None and not Path(jsonl_loc).is_file():
        typer.echo(f"✘ Can't read file: {jsonl_loc}", err=True)
        raise typer.Exit(1)
    typer.echo(f"ℹ Creating blank nlp object for language '{lang}'")
    typer.echo(f"ℹ Reading vectors from {vectors_loc}")
    start = time.perf_counter()
    try:
        nlp = init_vectors(lang, vectors_loc, output_dir, prune=prune, truncate=truncate,
                           mode=mode.value, name=name, attr=attr, lexemes_jsonl=jsonl_loc)
    except LexloomError as e:
        typer.echo(f"✘ {e}", err=True)
        raise typer.Exit(1)
    table = nlp.vocab.vectors
    elapsed = time.perf_counter() - start
    if table.mode == "floret":
        typer.echo(f"✔ Successfully converted {table.shape[0]} vectors (floret, width "
                   f"{table.shape[1]}) in {elapsed:.1f}s")
    else:
        typer.echo(f"✔ Successfully converted {table.n_keys} keys, {table.shape[0]} unique "
                   f"vectors (width {table.shape[1]}) in {elapsed:.1f}s")
    typer.echo(f"✔ Saved nlp object with vectors to output directory. You can now use the "
               f"path to it in your config as the 'vectors' setting in [initialize].\n"
               f"{output_dir.resolve()}")
