"""CoNLL-2003-style NER columns → Docs (`convert -c ner`), as spaCy 3.8's conll_ner_to_docs.

    -DOCSTART- -X- -X- O

    EU NNP B-NP B-ORG
    rejects VBZ B-VP O

One token per line, whitespace-separated columns: the first is the word, the last the IOB tag,
and when there are more than two the second is the POS tag (TAG; "-" otherwise). A blank line
ends a sentence; a line whose first column is `-DOCSTART-` ends a document, and then the file's
documents are kept (n_sents is ignored, as in spaCy). Without -DOCSTART- lines, n_sents sentences
make a Doc (n_sents <= 0: the whole file). Spaces are unknown, as from spaCy.

Differences from spaCy, both on malformed input: any `-DOCSTART-` line is a delimiter (spaCy
only recognises `-DOCSTART- -X- O O` and turns `-DOCSTART- -X- -X- O` into a token), and lines of
a sentence with differing column counts are an error (spaCy silently truncates them).
Sentence segmentation (`-s`) needs a model and is not offered.
"""
from __future__ import annotations

from typing import Any, Iterator

from ._util import (Sentence, entities_to_iob, fail, group_sentences, iob_entities, new_vocab,
                    sentences_to_doc)

DOCSTART = "-DOCSTART-"


def conll_ner_to_docs(input_data: str, n_sents: int = 10, seg_sents: bool = False, *,
                      source: str = "<string>", vocab: Any = None, **_: Any) -> Iterator[Any]:
    """Yield Docs from CoNLL NER columns; malformed lines raise ConversionError (file:line)."""
    if seg_sents:
        raise fail(source, None, "sentence segmentation (-s / seg_sents) is not available in "
                   "lexloom's converter; separate sentences with blank lines instead.")
    vocab = vocab if vocab is not None else new_vocab(norms=True)
    sentences = list(read_conll_ner(input_data, source))
    has_docstart = any(sent.newdoc for sent in sentences)
    if has_docstart:
        n_sents = 0
    for group in group_sentences(sentences, n_sents, split_on_newdoc=has_docstart):
        yield sentences_to_doc(vocab, group)


def read_conll_ner(text: str, source: str = "<string>") -> Iterator[Sentence]:
    rows: list[tuple[int, list[str]]] = []
    newdoc = False

    def finish() -> Sentence:
        width = len(rows[0][1])
        for lineno, cols in rows:
            if len(cols) != width:
                raise fail(source, lineno, f"this line has {len(cols)} columns but the "
                           f"sentence's first line (line {rows[0][0]}) has {width}; every line "
                           "of a sentence needs the same columns.")
        words = [cols[0] for _, cols in rows]
        lines = [lineno for lineno, _ in rows]
        tags = [cols[1] for _, cols in rows] if width > 2 else ["-"] * len(words)
        iob = [cols[-1] for _, cols in rows]
        ents = entities_to_iob(len(words), iob_entities(iob, lines, source))
        return Sentence(words=words, lines=lines, spaces=None, tags=tags, ents=ents,
                        newdoc=newdoc)

    for lineno, line in enumerate(text.split("\n"), start=1):
        cols = line.split()
        if not cols:
            if rows:
                yield finish()
                rows, newdoc = [], False
            continue
        if cols[0] == DOCSTART:
            if rows:
                yield finish()
                rows = []
            newdoc = True
            continue
        if len(cols) < 2:
            raise fail(source, lineno, f"a token line needs at least two columns (word and IOB "
                       f"tag), found {line.strip()!r}. For one sentence per line (word|tag|iob) "
                       "use -c iob.")
        rows.append((lineno, cols))
    if rows:
        yield finish()
