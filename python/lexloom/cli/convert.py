"""`lexloom convert`: CoNLL-U / IOB / CoNLL-2003 files -> .spacy (DocBin) files."""
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from tqdm import tqdm

from ..training.converters import CONVERTERS, autodetect_ner_format  # noqa: F401 (spaCy's names)
from ._app import app
from ._util import walk_directory  # noqa: F401 (spaCy's convert module offers it)


class FileTypes(str, Enum):
    """spaCy's --file-type choices."""
    json = "json"
    spacy = "spacy"


def convert(input_path: str | Path, output_dir: str | Path, *, file_type: str = "json",
            n_sents: int = 1, seg_sents: bool = False, model: str | None = None,
            morphology: bool = False, merge_subtokens: bool = False, converter: str,
            ner_map: str | Path | None = None, lang: str | None = None,
            concatenate: bool = False, silent: bool = True, msg: Any = None) -> list[Path]:
    """Convert a file (or every file of a folder, keeping its layout) to `.spacy` DocBins
    (file_type "spacy") or spaCy's JSON training format ("json"), one output file per input
    or one in all with `concatenate`; output_dir "-" writes to stdout. Returns the files
    written."""
    import srsly

    from ..errors import ConversionError
    from ..tokens import DocBin
    from ..training.converters import docs_from_file
    from ..training.gold_io import docs_to_json
    from ._util import say

    if file_type not in ("spacy", "json"):
        raise ConversionError(f"Unknown --file-type {file_type!r}: use spacy or json.")
    input_path = Path(input_path)
    vocab = nlp = None
    if model is not None:
        from .. import load

        nlp = load(model)
        vocab = nlp.vocab
    doc_files = [(loc, list(docs_from_file(loc, converter, n_sents, seg_sents=seg_sents,
                                           morphology=morphology,
                                           merge_subtokens=merge_subtokens, ner_map=ner_map,
                                           vocab=vocab, model=nlp)))
                 for loc in input_files(input_path, converter)]
    if concatenate:
        doc_files = [(input_path, [doc for _, docs in doc_files for doc in docs])]
    written = []
    for loc, docs in doc_files:
        if file_type == "json":
            data: Any = [docs_to_json(docs)]
        else:
            data = DocBin(docs=docs, store_user_data=True).to_bytes()
        if str(output_dir) == "-":
            if file_type == "json":
                srsly.write_json("-", data)
            else:
                sys.stdout.buffer.write(data)
            continue
        target = Path(output_dir) / (loc.relative_to(input_path) if loc != input_path
                                     else Path(loc.name))
        target = target.with_suffix(f".{file_type}")
        target.parent.mkdir(parents=True, exist_ok=True)
        if file_type == "json":
            srsly.write_json(target, data)
        else:
            target.write_bytes(data)
        written.append(target)
        if not silent:
            say("good", f"Generated output file ({len(docs)} documents): {target}")
    return written


def input_files(input_path: Path, converter: str) -> list[Path]:
    """The files to convert: `input_path` itself, or the files under the folder (hidden
    ones skipped); with a named converter, as spaCy, only those whose names end in its name
    (`-c iob` takes train.iob, not notes.conllu beside it), or every file where none does."""
    files = walk_directory(input_path)
    if input_path.is_dir() and converter != "auto":
        return [f for f in files if f.name.endswith(converter)] or files
    return files


@app.command("convert")
def convert_cli(
    input_path: Path = typer.Argument(..., help="Input file or directory", exists=True),
    output_dir: Path = typer.Argument("-", help="Output directory, or - for stdout",
                                      allow_dash=True),
    converter: str = typer.Option("auto", "--converter", "-c",
                                  help="conllu, conll, iob, iob2, ner or auto (by suffix)"),
    file_type: str = typer.Option("spacy", "--file-type", "-t", help="Output type: spacy"),
    n_sents: int = typer.Option(1, "--n-sents", "-n", help="Sentences per Doc"),
    seg_sents: bool = typer.Option(False, "--seg-sents", "-s", help="Segment sentences (NER)"),
    morphology: bool = typer.Option(False, "--morphology", "-m", help="Append morphology to tags"),
    merge_subtokens: bool = typer.Option(False, "--merge-subtokens", "-T",
                                         help="Merge CoNLL-U subtokens"),
    ner_map: Path = typer.Option(None, "--ner-map", "-nm", help="JSON file mapping NER labels"),
    lang: str = typer.Option(None, "--lang", "-l", help="Language (unused; for compatibility)"),
    model: str = typer.Option(None, "--model", "--base", "-b",
                              help="Pipeline whose sentence segmentation --seg-sents uses"),
    concatenate: bool = typer.Option(False, "--concatenate", "-C",
                                     help="Concatenate the output into one file"),
):
    """Convert annotated files to lexloom/spaCy's binary .spacy training format (or, with
    --file-type json, spaCy v2's JSON format)."""
    from ..errors import LexloomError
    from ..training.converters import convert as convert_file

    if file_type not in ("spacy", "json"):  # a usage error (exit status 2), as in spaCy
        raise typer.BadParameter(f"{file_type!r} is not one of 'json', 'spacy'.",
                                 param_hint="'--file-type' / '-t'")
    if converter == "auto" and input_path.is_dir():
        # "auto" picks a converter per suffix: a folder mixing formats is ambiguous
        from ._util import fail

        suffixes = sorted({p.suffix[1:] for p in walk_directory(input_path)})
        if len(suffixes) > 1:
            fail("All input files must be same type", ", ".join(suffixes))
    to_stdout = str(output_dir) == "-"
    if file_type == "json" or to_stdout or concatenate or model is not None:
        try:
            if not to_stdout:
                output_dir.mkdir(parents=True, exist_ok=True)
            convert(input_path, output_dir, file_type=file_type, n_sents=n_sents,
                    seg_sents=seg_sents, model=model, morphology=morphology,
                    merge_subtokens=merge_subtokens, converter=converter, ner_map=ner_map,
                    lang=lang, concatenate=concatenate, silent=to_stdout)
        except LexloomError as e:
            typer.echo(str(e), err=True)
            raise typer.Exit(1)
        return
    if not output_dir.exists():
        output_dir.mkdir(parents=True)
    files = input_files(input_path, converter)
    try:
        for file in files:
            target = output_dir / file.parent.relative_to(input_path) if input_path.is_dir() \
                else output_dir
            target.mkdir(parents=True, exist_ok=True)
            counted = [0]

            with tqdm(desc=file.name, unit=" docs", leave=False, disable=None) as bar:
                def progress(_doc):
                    counted[0] += 1
                    bar.update(1)

                out = convert_file(file, target, converter, n_sents, seg_sents=seg_sents,
                              morphology=morphology, merge_subtokens=merge_subtokens,
                              ner_map=ner_map, progress=progress)
            n_docs = counted[0]
            typer.echo(f"✔ Generated output file ({n_docs} documents): {out}")
    except LexloomError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1)
