"""`lexloom convert`: CoNLL-U / IOB / CoNLL-2003 files -> .spacy (DocBin) files."""
from pathlib import Path

import typer
from tqdm import tqdm

from ._app import app


@app.command("convert")
def convert_cli(
    input_path: Path = typer.Argument(..., help="Input file or directory", exists=True),
    output_dir: Path = typer.Argument(..., help="Output directory"),
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
):
    """Convert annotated files to lexloom/spaCy's binary .spacy training format."""
    from ..errors import LexloomError
    from ..training.converters import convert

    if file_type != "spacy":
        typer.echo(f"[lexloom] --file-type {file_type!r} is not supported; use 'spacy'.", err=True)
        raise typer.Exit(1)
    if not output_dir.exists():
        output_dir.mkdir(parents=True)
    files = sorted(p for p in input_path.rglob("*") if p.is_file()) if input_path.is_dir() \
        else [input_path]
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

                out = convert(file, target, converter, n_sents, seg_sents=seg_sents,
                              morphology=morphology, merge_subtokens=merge_subtokens,
                              ner_map=ner_map, progress=progress)
            n_docs = counted[0]
            typer.echo(f"✔ Generated output file ({n_docs} documents): {out}")
    except LexloomError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1)
