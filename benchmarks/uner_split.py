"""The deterministic document-level train/eval split of UNER English EWT dev used by the NER
benchmarks (only UNER's dev file is in ../shared/data).

The file's `# newdoc id = ...` lines group sentences into documents. Documents are sorted by
id; every 5th one (index % 5 == 0) goes to eval, the rest to train. Each document becomes one
Doc (sentence starts set, entities from the IOB2 column), written as a `.spacy` DocBin that
both lexloom and spaCy read.

    python benchmarks/uner_split.py [--input PATH] [--out-dir DIR]
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_INPUT = (Path(__file__).resolve().parents[2] / "shared" / "data" / "uner_english_ewt"
                 / "en_ewt-ud-dev.iob2")


@dataclass
class UnerDocument:
    doc_id: str
    sentences: list[tuple[list[str], list[str]]] = field(default_factory=list)

    @property
    def n_words(self) -> int:
        return sum(len(words) for words, _tags in self.sentences)


def read_uner(path: Path) -> list[UnerDocument]:
    """The file's documents in file order: per sentence its words and IOB2 tags."""
    docs: list[UnerDocument] = []
    words: list[str] = []
    tags: list[str] = []

    def end_sentence():
        if words:
            if not docs:
                docs.append(UnerDocument(f"doc-{len(docs)}"))
            docs[-1].sentences.append((list(words), list(tags)))
            words.clear()
            tags.clear()

    for line in Path(path).read_text(encoding="utf8").splitlines():
        if line.startswith("# newdoc id"):
            end_sentence()
            docs.append(UnerDocument(line.split("=", 1)[1].strip()))
        elif line.startswith("#"):
            continue
        elif not line.strip():
            end_sentence()
        else:
            cols = line.split("\t")
            words.append(cols[1])
            tags.append(cols[2])
    end_sentence()
    return docs


def split_documents(docs: list[UnerDocument]) -> tuple[list[UnerDocument], list[UnerDocument]]:
    """(train, eval): documents sorted by id, every 5th (index % 5 == 0) to eval."""
    ordered = sorted(docs, key=lambda d: d.doc_id)
    train = [d for i, d in enumerate(ordered) if i % 5 != 0]
    held = [d for i, d in enumerate(ordered) if i % 5 == 0]
    return train, held


def to_docs(vocab, documents: list[UnerDocument]) -> list:
    """One Doc per document (works with lexloom's or spaCy's Doc and Vocab)."""
    if "lexloom" in type(vocab).__module__:
        from lexloom.tokens import Doc
    else:
        from spacy.tokens import Doc
    out = []
    for document in documents:
        words, ents, starts = [], [], []
        for sent_words, sent_tags in document.sentences:
            words.extend(sent_words)
            ents.extend(sent_tags)
            starts.extend([True] + [False] * (len(sent_words) - 1))
        out.append(Doc(vocab, words=words, sent_starts=starts, ents=ents))
    return out


def write_split(out_dir: Path, input_path: Path = DEFAULT_INPUT) -> tuple[Path, Path]:
    """Write train.spacy and eval.spacy into out_dir (with lexloom's DocBin)."""
    import lexloom
    from lexloom.tokens import DocBin

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    train, held = split_documents(read_uner(input_path))
    vocab = lexloom.blank("en").vocab
    paths = []
    for name, documents in (("train", train), ("eval", held)):
        path = out_dir / f"{name}.spacy"
        DocBin(docs=to_docs(vocab, documents)).to_disk(path)
        paths.append(path)
    return paths[0], paths[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--out-dir", type=Path, default=Path("/tmp/uner_split"))
    args = parser.parse_args()
    train, held = split_documents(read_uner(args.input))
    for name, documents in (("train", train), ("eval", held)):
        n_ents = sum(sum(t.startswith("B-") for _w, tags in d.sentences for t in tags)
                     for d in documents)
        print(f"{name}: {len(documents)} documents, "
              f"{sum(len(d.sentences) for d in documents)} sentences, "
              f"{sum(d.n_words for d in documents)} words, {n_ents} entities")
    train_path, eval_path = write_split(args.out_dir, args.input)
    print(f"wrote {train_path} and {eval_path}")


if __name__ == "__main__":
    main()
