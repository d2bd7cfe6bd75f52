"""Converters from annotated text formats to Docs, and `convert`, which writes `.spacy` files.

Each converter is a generator: `func(text, n_sents=..., source=path, ...)` yields Docs one at a
time, so a caller (the CLI) can wrap it in a progress bar; `convert` also takes a `progress`
callback that it calls with each Doc written.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ...errors import ConversionError
from ...line_reader import read_text
from .conll_ner_to_docs import conll_ner_to_docs
from .conllu_to_docs import conllu_to_docs
from .iob_to_docs import iob_to_docs
from .json_to_docs import json_to_docs

# Same keys as spaCy's `convert -c`; "iob2" (Universal NER files) is lexloom's addition.
CONVERTERS: dict[str, Callable[..., Iterator[Any]]] = {
    "conllubio": conllu_to_docs,
    "conllu": conllu_to_docs,
    "conll": conll_ner_to_docs,
    "ner": conll_ner_to_docs,
    "iob": iob_to_docs,
    "iob2": iob_to_docs,
    "json": json_to_docs,
}

AUTO = "auto"


def autodetect_ner_format(text: str) -> str | None:
    """"ner" (token per line), "iob" (sentence per line) or None, from the first 20 lines.

    Same guess as spaCy's, plus: a file whose token lines start with a numeric index and
    tab-separated columns (Universal NER) is "iob".
    """
    lines = text.split("\n")[:20]
    iob_re = re.compile(r"\S+\|(O|[IB]-\S+)")
    ner_re = re.compile(r"\S+\s+(O|[IB]-\S+)$")
    indexed_re = re.compile(r"^\d+\t\S[^\t]*\t(O|[BILU]-\S+)(\t|$)")
    guesses = {"ner": 0, "iob": 0, "indexed": 0}
    for line in lines:
        if indexed_re.match(line.rstrip("\r")):
            guesses["indexed"] += 1
        line = line.strip()
        if iob_re.search(line):
            guesses["iob"] += 1
        if ner_re.search(line):
            guesses["ner"] += 1
    if guesses["indexed"] and guesses["iob"] == 0:
        return "iob"
    if guesses["iob"] == 0 and guesses["ner"] > 0:
        return "ner"
    if guesses["ner"] == 0 and guesses["iob"] > 0:
        return "iob"
    return None


def resolve_converter(converter: str, input_path: Path) -> str:
    """The converter name for a file: by suffix for "auto", by content for ner/iob."""
    if converter == AUTO:
        converter = input_path.suffix[1:]
    if converter not in CONVERTERS:
        raise ConversionError(
            f"No converter for {converter!r} ({input_path}). Choose one with -c: "
            f"{', '.join(CONVERTERS)}.")
    if converter in ("ner", "iob", "iob2"):
        from ...line_reader import iter_lines

        head = []
        for line_no, line in iter_lines(input_path):
            head.append(line)
            if line_no >= 20:
                break
        detected = autodetect_ner_format("".join(head))
        if detected is not None:
            converter = detected
    return converter


def docs_from_file(input_path: str | Path, converter: str = AUTO, n_sents: int = 1, *,
                   seg_sents: bool = False, morphology: bool = False,
                   merge_subtokens: bool = False,
                   ner_map: dict[str, str] | str | Path | None = None,
                   vocab: Any = None, **kwargs: Any) -> Iterator[Any]:
    """Yield the Docs of one input file, converted with `converter` (or by its suffix)."""
    path = Path(input_path)
    name = resolve_converter(converter, path)
    if isinstance(ner_map, (str, Path)):
        from ...line_reader import read_json

        ner_map = read_json(ner_map, what="NER label map")
    text = read_text(path)
    try:
        yield from CONVERTERS[name](text, n_sents=n_sents, seg_sents=seg_sents,
                                    append_morphology=morphology,
                                    merge_subtokens=merge_subtokens, ner_map=ner_map,
                                    source=str(path), vocab=vocab, **kwargs)
    except ConversionError as e:  # every message names the file
        message = str(e).removeprefix("[lexloom] ")
        if str(path) in message:
            raise
        raise ConversionError(f"{path}: {message}") from None


def convert(input_path: str | Path, output_dir: str | Path, converter: str = AUTO,
            n_sents: int = 1, *, seg_sents: bool = False, morphology: bool = False,
            merge_subtokens: bool = False, ner_map: dict[str, str] | str | Path | None = None,
            progress: Callable[[Any], None] | None = None, **kwargs: Any) -> Path:
    """Convert one file to `<output_dir>/<stem>.spacy` and return that path.

    Defaults match `spacy convert`: one sentence per Doc (n_sents=1), user data stored.
    `progress`, if given, is called with each Doc as it is added.
    """
    from ...tokens.docbin import DocBin

    path = Path(input_path)
    if not path.is_file():
        raise ConversionError(f"{path}: no such input file.")
    out_dir = Path(output_dir)
    if not out_dir.is_dir():
        raise ConversionError(f"{out_dir}: the output directory does not exist.")
    docbin = DocBin(store_user_data=True)
    for doc in docs_from_file(path, converter, n_sents, seg_sents=seg_sents,
                              morphology=morphology, merge_subtokens=merge_subtokens,
                              ner_map=ner_map, **kwargs):
        docbin.add(doc)
        if progress is not None:
            progress(doc)
    output = out_dir / (path.stem + ".spacy")
    docbin.to_disk(output)
    return output


def convert_directory(input_dir: str | Path, output_dir: str | Path, converter: str = AUTO,
                      n_sents: int = 1, **kwargs: Any) -> list[Path]:
    """Convert every file under input_dir (of the converter's suffix when one is named),
    keeping the folder structure; returns the paths written."""
    root = Path(input_dir)
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")
                   and (converter == AUTO or p.suffix[1:] == converter))
    if not files:
        raise ConversionError(f"{root}: no input files found.")
    written = []
    for file in files:
        target = Path(output_dir) / file.parent.relative_to(root)
        target.mkdir(parents=True, exist_ok=True)
        written.append(convert(file, target, converter, n_sents, **kwargs))
    return written


def iter_docs(files: Iterable[str | Path], converter: str = AUTO, n_sents: int = 1,
              **kwargs: Any) -> Iterator[Any]:
    """All Docs of several files in order, for `--concatenate`."""
    for file in files:
        yield from docs_from_file(file, converter, n_sents, **kwargs)


__all__ = ["CONVERTERS", "convert", "convert_directory", "docs_from_file", "iter_docs",
           "autodetect_ner_format", "resolve_converter", "conllu_to_docs", "iob_to_docs",
           "conll_ner_to_docs", "json_to_docs"]
