"""`lexloom apply`: annotate texts (.spacy, .jsonl or plain text files) with a pipeline and
save the Docs to one .spacy file."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

import typer

from ._app import app
from ._util import fail, say, walk_directory


def apply(data_path: Path, output_file: Path, model: str, json_field: str, batch_size: int,
          n_process: int) -> None:
    """Run the pipeline `model` over every file under data_path (.spacy: its Docs; .jsonl:
    the `json_field` of each line; anything else: the whole file is one text) and save the annotated
    Docs, user data included, to output_file (".spacy" added when it has no suffix)."""
    from tqdm import tqdm

    from .. import load
    from ..tokens import DocBin

    docbin = DocBin(store_user_data=True)
    output_file = Path(output_file)
    if output_file.suffix == "":
        output_file = output_file.with_suffix(".spacy")
    paths = walk_directory(Path(data_path))
    if not paths:
        docbin.to_disk(output_file)
        say("warn", f"Did not find data to process, {data_path} seems to be an empty "
                    "directory.")
        return
    nlp = load(model)
    say("good", f"Loaded model {model}")
    streams: list[Iterable] = []
    texts = []
    for path in paths:
        if path.suffix == ".spacy":
            streams.append(_stream_docbin(path, nlp.vocab))
        elif path.suffix == ".jsonl":
            streams.append(_stream_jsonl(path, json_field))
        else:
            texts.append(path)
    if texts:
        streams.append(_stream_texts(texts))
    for doc in tqdm(nlp.pipe(chain(*streams), batch_size=batch_size, n_process=n_process),
                    disable=None, unit=" docs"):
        docbin.add(doc)
    docbin.to_disk(output_file)


def _stream_docbin(path: Path, vocab) -> Iterator:
    from ..tokens import DocBin

    yield from DocBin().from_disk(path).get_docs(vocab)


def _stream_jsonl(path: Path, field: str) -> Iterator[str]:
    from ..line_reader import iter_jsonl

    for i, record in iter_jsonl(path, what="input JSONL"):
        if not isinstance(record, dict) or field not in record:
            from ..errors import ConversionError

            raise ConversionError(f"{path}, line {i}: no field '{field}'. Name the field that "
                                  "holds the text with --text-key.")
        yield record[field]


def _stream_texts(paths: Iterable[Path]) -> Iterator[str]:
    """Each text file is one document (as in spaCy); read through line_reader, so bad bytes
    or a huge line name the file and line."""
    from ..line_reader import read_text

    for path in paths:
        yield read_text(path)


@app.command("apply")
def apply_cli(
    model: str = typer.Argument(..., help="Model name or path"),
    data_path: Path = typer.Argument(..., help="Location of the documents to predict on: a "
                                     "'.spacy' file, a '.jsonl' file, text files, or a folder",
                                     exists=True),
    output_file: Path = typer.Argument(..., help="Output .spacy file (with --ray: a folder "
                                       "of shards)"),
    code_path: Path | None = typer.Option(None, "--code", "-c",
                                             help="Python file with registered functions"),
    text_key: str = typer.Option("text", "--text-key", "-tk",
                                 help="Key with the text in .jsonl files"),
    force_overwrite: bool = typer.Option(False, "--force", "-F",
                                         help="Overwrite the output file"),
    use_gpu: int = typer.Option(-1, "--gpu-id", "-g", help="GPU ID or -1 for CPU."),
    batch_size: int = typer.Option(1, "--batch-size", "-b", help="Batch size."),
    n_process: int = typer.Option(1, "--n-process", "-n", help="Number of processes to use."),
    ray_address: str | None = typer.Option(
        None, "--ray", metavar="ADDRESS",
        help="Run on a Ray cluster (pip install 'lexloom[ray]'): --ray local starts a local "
             "one, --ray auto / HOST:PORT joins one. The output is then a folder of .spacy "
             "shards (read them in order with lexloom.distributed.read_output)."),
    ray_actors: int | None = typer.Option(None, "--ray-actors",
                                          help="Ray actors (default: one per n_process CPUs)"),
    ray_format: str = typer.Option("spacy", "--ray-format",
                                   help="With --ray: 'spacy' shards of Docs, or 'parquet' "
                                        "tables of token annotations (one row per doc)"),
):
    """Apply a pipeline to documents and save them to a .spacy file, annotated."""
    from ..training.loop import setup_gpu
    from ._util import import_code

    if ray_address is None and ray_format != "spacy":
        fail("--ray-format applies to --ray runs; without --ray the output is one .spacy file.")
    if ray_address is None and output_file.is_dir():
        # a usage error (exit status 2), as spaCy's typer check of the argument gives
        raise typer.BadParameter(f"{output_file} is a folder; without --ray the output is one "
                                 ".spacy file.", param_hint="'OUTPUT_FILE'")
    if output_file.exists() and not force_overwrite:
        fail("Output file already exists; use --force (-F) to overwrite it.")
    if not data_path.exists():
        fail(f"Couldn't find data path: {data_path}")
    import_code(code_path)
    if ray_address is not None:
        from ..distributed import apply as ray_apply
        from ..errors import LexloomError

        try:
            ray_apply(model, data_path, output_file, address=ray_address, num_actors=ray_actors,
                      batch_size=batch_size, n_process=n_process, text_key=text_key,
                      code=code_path, output_format=ray_format, overwrite=force_overwrite,
                      echo=lambda line: say("info", line))
        except LexloomError as e:
            fail(str(e))
        return
    setup_gpu(use_gpu)
    from ..errors import LexloomError

    try:
        apply(data_path, output_file, model, text_key, batch_size, n_process)
    except LexloomError as e:  # a bad input file: a message and exit 1, as spaCy's
        fail(str(e).removeprefix("[lexloom] "))
