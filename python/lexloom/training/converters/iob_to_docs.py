"""IOB / IOB2 → Docs (`convert -c iob`), in the two layouts found in the wild.

1. Sentence per line, spaCy's own layout (spaCy 3.8's iob_to_docs): tokens separated by
   whitespace, fields by "|", either word|iob or word|tag|iob:

       I|PRP|O like|VBP|O London|NNP|B-GPE and|CC|O New|NNP|B-GPE York|NNP|I-GPE

   Every token must have as many fields as the first. Tags are "-" when absent, spaces are
   unknown (as from spaCy), n_sents lines make a Doc, blank lines included (as in spaCy, whose
   Docs of only blank lines are empty).

2. Token per line, tab-separated, with a leading word index: the Universal NER `.iob2` files
   (`index  token  tag  -  annotator`, `# sent_id` / `# text` / `# newdoc` comments, blank line
   between sentences). spaCy 3.8 cannot read these (`spacy convert -c iob` stops with E902),
   so lexloom reads them itself: word from column 2, entity tag from column 3, no POS tag, and
   spaces recovered from `# text` when the words can be found in it in order.

IOB1 ("I-X" opening an entity) and IOB2 are both accepted; entities follow spaCy's reading
(see `_util.iob_entities`).
"""
from __future__ import annotations

from functools import partial
from typing import Any, Iterator

from ._util import (Sentence, entities_to_iob, fail, group_sentences, iob_entities, new_vocab,
                    sentences_to_doc)

_fail = partial(fail, code="E902")  # spaCy's code for a malformed line


def iob_to_docs(input_data: str, n_sents: int = 10, *, source: str = "<string>",
                vocab: Any = None, split_on_newdoc: bool = False, **_: Any) -> Iterator[Any]:
    """Yield Docs from IOB text in either layout (detected from the first token line)."""
    vocab = vocab if vocab is not None else new_vocab()
    if detect_layout(input_data) == "columns":
        sentences = read_iob_columns(input_data, source)
    else:
        sentences = read_iob_pipes(input_data, source)
    for group in group_sentences(sentences, n_sents, split_on_newdoc):
        yield sentences_to_doc(vocab, group)


def detect_layout(text: str) -> str:
    """"columns" for token-per-line files with a numeric first column, else "pipes"."""
    for line in text.split("\n"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) >= 3 and fields[0].isdigit():
            return "columns"
        return "pipes"
    return "pipes"


def read_iob_pipes(text: str, source: str = "<string>") -> Iterator[Sentence]:
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            # spaCy counts a blank line as a sentence of n_sents (a file's final newline too),
            # so a group of blank lines becomes an empty Doc.
            yield Sentence(spaces=None, tags=[], ents=[])
            continue
        items = [token.split("|") for token in line.split()]
        width = len(items[0])
        if width not in (2, 3):
            raise _fail(source, lineno, f"the token {line.split()[0]!r} has {width} '|'-separated "
                        "field(s); expected word|iob or word|tag|iob (one sentence per line, "
                        "tokens separated by spaces). For token-per-line files use -c ner.")
        for k, fields in enumerate(items):
            if len(fields) != width:
                raise _fail(source, lineno, f"token {k + 1} ({'|'.join(fields)!r}) has "
                            f"{len(fields)} '|'-separated fields but the first token has {width}; "
                            "every token of a line needs the same fields.")
        words = [fields[0] for fields in items]
        lines = [lineno] * len(words)
        tags = [fields[1] for fields in items] if width == 3 else ["-"] * len(words)
        iob = [fields[-1] for fields in items]
        ents = entities_to_iob(len(words), iob_entities(iob, lines, source))
        yield Sentence(words=words, lines=lines, spaces=None, tags=tags, ents=ents)


def read_iob_columns(text: str, source: str = "<string>") -> Iterator[Sentence]:
    rows: list[tuple[int, list[str]]] = []
    sent_text: str | None = None
    newdoc = False
    width = None

    def finish() -> Sentence:
        words = [cols[1] for _, cols in rows]
        lines = [lineno for lineno, _ in rows]
        iob = [cols[2] for _, cols in rows]
        ents = entities_to_iob(len(words), iob_entities(iob, lines, source))
        spaces = _spaces_from_text(words, sent_text) if sent_text is not None else None
        return Sentence(words=words, lines=lines, spaces=spaces, ents=ents, newdoc=newdoc)

    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            if rows:
                yield finish()
                rows, sent_text, newdoc = [], None, False
            continue
        if line.startswith("#"):
            body = line[1:].strip()
            if body.startswith("newdoc"):
                if rows:
                    yield finish()
                    rows, sent_text = [], None
                newdoc = True
            elif body.startswith("text") and body[4:].lstrip().startswith("="):
                sent_text = body[4:].lstrip()[1:].strip()
            continue
        cols = line.split("\t")
        if width is None:
            width = len(cols)
        if len(cols) < 3 or len(cols) != width:
            n_cols = width if width and width >= 3 else "3 or more"
            raise _fail(source, lineno, f"expected {n_cols} "
                        f"tab-separated columns (index, token, IOB tag, ...), found {len(cols)}: "
                        f"{line[:80]!r}.")
        expected = len(rows) + 1
        if cols[0] != str(expected):
            raise _fail(source, lineno, f"the token index {cols[0]!r} should be {expected} "
                        "(indices run 1, 2, 3, ... within a sentence).")
        rows.append((lineno, cols))
    if rows:
        yield finish()


def _spaces_from_text(words: list[str], text: str) -> list[bool] | None:
    """Trailing-space flags found by locating the words in order in the sentence text."""
    spaces = []
    pos = 0
    for word in words:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if not text.startswith(word, pos):
            return None
        pos += len(word)
        spaces.append(pos < len(text) and text[pos].isspace())
    if text[pos:].strip():
        return None
    return spaces


def read_iob(raw_sents: list[str], vocab: Any, n_sents: int) -> Iterator[Any]:
    """spaCy's helper: Docs of n_sents lines each from word|iob or word|tag|iob lines (a
    blank line counts as one)."""
    for group in group_sentences(read_iob_pipes("\n".join(raw_sents)), n_sents):
        yield sentences_to_doc(vocab, group)
