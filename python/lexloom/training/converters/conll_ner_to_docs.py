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

Sentence segmentation as spaCy's: when the text has no blank line, its tokens are split into
sentences by a sentencizer (or by the parser of the pipeline `model`, when it has one), with
`-s`, or without it when n_sents <= 0 and there is no -DOCSTART- line; `-s` is ignored when
the text has blank lines.
"""
from __future__ import annotations

from functools import partial
from typing import Any, Iterator

from ._util import (Sentence, entities_to_iob, fail, group_sentences, iob_entities, new_vocab,
                    sentences_to_doc)

_fail = partial(fail, code="E903")  # spaCy's code for a malformed line

DOCSTART = "-DOCSTART-"


def conll_ner_to_docs(input_data: str, n_sents: int = 10, seg_sents: bool = False,
                      model: Any = None, *, source: str = "<string>", vocab: Any = None,
                      **_: Any) -> Iterator[Any]:
    """Yield Docs from CoNLL NER columns; malformed lines raise ConversionError (file:line)."""
    input_data = _segment_sentences(input_data, n_sents, seg_sents, model)
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
                raise _fail(source, lineno, f"this line has {len(cols)} columns but the "
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
            raise _fail(source, lineno, f"a token line needs at least two columns (word and IOB "
                        f"tag), found {line.strip()!r}. For one sentence per line (word|tag|iob) "
                        "use -c iob.")
        rows.append((lineno, cols))
    if rows:
        yield finish()


SPACY_DOC_DELIMITER = "-DOCSTART- -X- O O"


def _segment_sentences(input_data: str, n_sents: int, seg_sents: bool, model: Any) -> str:
    """The text with blank lines (and every n_sents sentences a -DOCSTART- line) added
    where spaCy's conll_ner_to_docs segments sentences automatically; else as it is."""
    if "\n\n" in input_data:  # sentence boundaries given: -s is ignored
        return input_data
    has_delimiter = SPACY_DOC_DELIMITER in input_data
    if has_delimiter and seg_sents:
        return segment_sents_and_docs(input_data, 0, "", model)
    if not has_delimiter and (seg_sents or n_sents <= 0):
        return segment_sents_and_docs(input_data, n_sents, SPACY_DOC_DELIMITER, model)
    return input_data


def segment_sents_and_docs(text: str, n_sents: int, doc_delimiter: str, model: Any = None,
                           msg: Any = None) -> str:
    """spaCy's helper: a blank line before each sentence the segmenter (the parser of the
    pipeline `model`, else a sentencizer) finds, and doc_delimiter before every n_sents-th,
    over the first column of each line. msg (a wasabi Printer) hears which segmenter."""
    from ...tokens import Doc

    nlp = None
    if model is not None:
        from ... import load

        nlp = load(model) if isinstance(model, (str, bytes)) or hasattr(model, "__fspath__") \
            else model
        if "parser" not in nlp.pipe_names:
            nlp = None
    lines = [line for line in text.strip().split("\n") if line.split()]
    words = [line.split()[0] for line in lines]
    if msg is not None:
        msg.info(f"Segmenting sentences with parser from model '{model}'." if nlp is not None
                 else "Segmenting sentences with sentencizer. (Use `-b model` for improved "
                 "parser-based sentence segmentation.)")
    if nlp is not None:
        doc = nlp(Doc(nlp.vocab, words=words))
    else:
        from ... import blank

        segmenter = blank("xx")
        doc = segmenter.create_pipe("sentencizer")(Doc(segmenter.vocab, words=words))
    out: list[str] = []
    count = 0
    for i, token in enumerate(doc):
        if token.is_sent_start:
            if n_sents and count % n_sents == 0:
                out.append(doc_delimiter)
            out.append("")
            count += 1
        out.append(lines[i])
    return "\n".join(out)


def segment_docs(input_data: str, n_sents: int, doc_delimiter: str) -> str:
    """spaCy's helper: doc_delimiter before every n_sents blank-line-separated sentences."""
    sents = input_data.split("\n\n")
    return "".join("\n\n" + doc_delimiter + "\n\n".join(sents[i:i + n_sents])
                   for i in range(0, len(sents), n_sents))


def n_sents_info(msg: Any, n_sents: int) -> None:
    """spaCy's helper: tell (a wasabi Printer) how sentences are grouped into Docs."""
    msg.info(f"Grouping every {n_sents} sentences into a document.")
    if n_sents == 1:
        msg.warn("To generate better training data, you may want to group sentences into "
                 "documents with `-n 10`.")
