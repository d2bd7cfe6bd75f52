"""`lexloom debug profile`: which functions take the time when a pipeline annotates texts
(cProfile over nlp.pipe)."""
from __future__ import annotations

import cProfile
import itertools
import pstats
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import typer

from ._app import app
from ._util import fail, say
from .debug import debug_app


def profile(model: str, inputs: Path | None = None, n_texts: int = 10000) -> pstats.Stats:
    """Profile annotating up to n_texts texts (JSONL lines with a "text" key, from `inputs`
    or "-" for stdin; without inputs, the IMDB texts of ml_datasets) and print the
    functions sorted by own time. Returns the stats."""
    from .. import load

    if inputs is not None:
        texts = list(itertools.islice(_read_inputs(inputs), n_texts))
    else:
        try:
            import ml_datasets
        except ImportError:
            fail("This command, when run without an input file, needs the ml_datasets "
                 "library: pip install ml_datasets")
        imdb_train, _ = ml_datasets.imdb(train_limit=n_texts, dev_limit=0)
        texts = [text for text, _ in imdb_train]
        say("info", f"Loaded IMDB dataset and using {n_texts} examples")
    nlp = load(model)
    say("good", f"Loaded pipeline '{model}'")
    with tempfile.TemporaryDirectory() as tmp:
        stats_file = str(Path(tmp) / "Profile.prof")
        cProfile.runctx("parse_texts(nlp, texts)", {"parse_texts": parse_texts},
                        {"nlp": nlp, "texts": texts}, stats_file)
        stats = pstats.Stats(stats_file)
    print("\n=== Profile stats ===")
    stats.strip_dirs().sort_stats("time").print_stats()
    return stats


def parse_texts(nlp, texts: Sequence[str]) -> None:
    from tqdm import tqdm

    for _doc in nlp.pipe(tqdm(texts, disable=None), batch_size=16):
        pass


def _read_inputs(loc: Path | str) -> Iterator[str]:
    import srsly

    if str(loc) == "-":
        say("info", "Reading input from sys.stdin")
        for line in sys.stdin:
            if line.strip():
                yield srsly.json_loads(line)["text"]
        return
    path = Path(loc)
    if not path.is_file():
        fail("Not a valid input data file", loc)
    say("info", f"Using data from {path.name}")
    with path.open(encoding="utf8") as lines:
        for line in lines:
            if line.strip():
                yield srsly.json_loads(line)["text"]


@debug_app.command("profile")
@app.command("profile", hidden=True)
def profile_cli(
    model: str = typer.Argument(..., help="Trained pipeline to load"),
    inputs: Path | None = typer.Argument(None, help="Location of input file. '-' for stdin.",
                                            exists=True, allow_dash=True),
    n_texts: int = typer.Option(10000, "--n-texts", "-n",
                                help="Maximum number of texts to use if available"),
):
    """Profile which functions take the most time in a pipeline. Input: one JSON object per
    line with a "text" key, from a file or stdin."""
    profile(model, inputs=inputs, n_texts=n_texts)
