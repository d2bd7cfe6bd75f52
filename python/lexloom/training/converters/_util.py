"""Pieces the converters share: sentences with line numbers, entity tags, grouping into Docs."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

from ...errors import ConversionError


def fail(source: str, lineno: int | None, what: str, code: str | None = None
         ) -> ConversionError:
    """A ConversionError that starts with `file:line:` so an editor can jump to it, after
    spaCy's error code (E902, E903) where spaCy raises one for the same problem."""
    where = f"{source}:{lineno}" if lineno is not None else source
    return ConversionError(f"[{code}] {where}: {what}" if code else f"{where}: {what}")


@dataclass
class Sentence:
    """One sentence's annotation, token by token; `lines` gives each token's line number."""

    words: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    spaces: list[bool] | None = field(default_factory=list)   # None: not known
    tags: list[str] | None = None
    pos: list[str] | None = None
    morphs: list[str] | None = None
    lemmas: list[str] | None = None
    heads: list[int] | None = None          # absolute, within the sentence
    deps: list[str] | None = None
    ents: list[str] | None = None           # IOB strings "B-X" / "I-X" / "O", or None: unknown
    newdoc: bool = False                    # a "# newdoc" comment came before it


def iob_entities(tags: Sequence[str], lines: Sequence[int], source: str
                 ) -> list[tuple[str, int, int]]:
    """(label, start, end) spans from IOB1/IOB2/BILUO tags, read as spaCy reads them.

    An entity starts at any tag other than "O" and goes on while the next tag is I-<same label>
    or L-<same label>; so "I-X I-X" (IOB1) and "B-X I-X" (IOB2) are one entity, "B-X B-X" two.
    """
    entities = []
    n = len(tags)
    i = 0
    while i < n:
        tag = tags[i]
        if tag == "O":
            i += 1
            continue
        if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BILU":
            raise fail(source, lines[i], f"the entity tag {tag!r} is not O, B-<label>, "
                       "I-<label>, L-<label> or U-<label>.")
        label = tag[2:]
        inside, last = "I-" + label, "L-" + label
        j = i + 1
        while j < n and tags[j] in (inside, last):
            j += 1
        entities.append((label, i, j))
        i = j
    return entities


def entities_to_iob(n: int, entities: Iterable[tuple[str, int, int]]) -> list[str]:
    """IOB2 strings ("B-X", "I-X", "O") for n tokens from (label, start, end) spans."""
    iob = ["O"] * n
    for label, start, end in entities:
        iob[start] = "B-" + label
        for k in range(start + 1, end):
            iob[k] = "I-" + label
    return iob


def group_sentences(sentences: Iterable[Sentence], n_sents: int, split_on_newdoc: bool = False
                    ) -> Iterator[list[Sentence]]:
    """Groups of n_sents sentences (n_sents <= 0: all, or one per `# newdoc` document)."""
    group: list[Sentence] = []
    by_newdoc = split_on_newdoc or n_sents <= 0
    for sent in sentences:
        if group and ((by_newdoc and sent.newdoc) or (0 < n_sents <= len(group))):
            yield group
            group = []
        group.append(sent)
    if group:
        yield group


def sentences_to_doc(vocab: Any, sents: list[Sentence], sent_starts: list[bool | None] | None = None
                     ) -> Any:
    """One Doc from consecutive sentences, joined as spaCy's Doc.from_docs joins them.

    A sentence that does not end in whitespace gets a trailing space (unless it is the last),
    heads are shifted by the sentence offset, and each sentence's first token starts a
    sentence unless `sent_starts` is given.
    """
    from ...tokens import Doc

    words: list[str] = []
    spaces: list[bool] | None = []
    columns: dict[str, list | None] = {k: [] for k in ("tags", "pos", "morphs", "lemmas",
                                                        "heads", "deps", "ents")}
    starts: list[bool | None] = []
    for k, sent in enumerate(sents):
        offset = len(words)
        words.extend(sent.words)
        if spaces is not None:
            if sent.spaces is None:
                spaces = None
            else:
                spaces.extend(sent.spaces)
                if k < len(sents) - 1 and sent.words and not sent.words[-1].isspace():
                    spaces[-1] = True
        for key, values in columns.items():
            if values is None:
                continue
            sent_values = getattr(sent, key)
            if sent_values is None:
                columns[key] = None
            elif key == "heads":
                values.extend(h + offset for h in sent_values)
            else:
                values.extend(sent_values)
        starts.extend([True] + [False] * (len(sent.words) - 1) if sent.words else [])
    if sent_starts is not None:
        starts = sent_starts
    kwargs = {key: values for key, values in columns.items() if values is not None}
    return Doc(vocab, words=words, spaces=spaces, sent_starts=starts, **kwargs)


def _no_norm(text: str) -> str:
    return ""


def new_vocab(norms: bool = False) -> Any:
    """The Vocab a converter builds its Docs on, with the NORM values spaCy's converters give.

    spaCy's conllu and iob converters use a bare Vocab, whose lexemes have no NORM (0 in the
    saved arrays, so a pipeline later falls back to its own language's norms); its ner converter
    uses the multi-language ("xx") vocab, whose NORM is the lower-cased text after the base norm
    exceptions (norms=True). The exceptions table is taken from lexloom.lang when it has one.
    """
    from ...vocab import Vocab

    if not norms:
        return Vocab(lex_attr_getters={"NORM": _no_norm})
    try:
        from ...lang.norm_exceptions import BASE_NORMS  # type: ignore[import-not-found]
    except ImportError:
        BASE_NORMS = {}
    table = dict(BASE_NORMS)

    def norm(text: str) -> str:
        return table.get(text, text.lower())

    return Vocab(lex_attr_getters={"NORM": norm})
