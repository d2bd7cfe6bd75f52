"""Entity annotation as per-token tags: IOB / BILUO conversions and character offsets.

BILUO tags are "B-X" (begins a multi-token entity), "I-X" (inside), "L-X" (last), "U-X"
(a one-token entity), "O" (outside any entity) and "-" / "" / None (unknown: the token's
entity annotation is missing, and training ignores it). Behaviour follows spaCy 3.8's
`spacy.training.iob_utils`, so data converted with either library gives the same tags.
"""
from __future__ import annotations

import bisect
import warnings
from typing import Iterable, Union

from ..errors import ExampleError
from ..tokens import Doc, Span

Offset = tuple[int, int, Union[str, int]]


def iob_to_biluo(tags: Iterable[str]) -> list[str]:
    """IOB (IOB1 or IOB2) tags to BILUO: each run of a B-/I- tag of one label becomes U-X
    or B-X I-X... L-X."""
    tags = list(tags)
    out: list[str] = []
    i, n = 0, len(tags)
    while i < n:
        if tags[i] == "O":
            out.append("O")
            i += 1
            continue
        tag = tags[i]
        if not isinstance(tag, str):
            raise ExampleError(f"IOB tag {i} is {tag!r}; use 'B-X', 'I-X' or 'O'.")
        # as spaCy: a bare "B" followed by "I" is a run without a label (B-, L-); only a
        # one-token run needs a label
        inside, last = "I" + tag[1:], "L" + tag[1:]
        j = i + 1
        while j < n and tags[j] in (inside, last):
            j += 1
        label = tag[2:]
        if j - i == 1:
            if not label:
                raise ExampleError(f"[E177] IOB tag {i} is {tag!r}, which has no label; use "
                                   "'B-X', 'I-X' or 'O' (entity tags look like 'B-PER' or "
                                   "'I-PER').")
            out.append(f"U-{label}")
        else:
            out.append(f"B-{label}")
            out.extend(f"I-{label}" for _ in range(j - i - 2))
            out.append(f"L-{label}")
        i = j
    return out


def biluo_to_iob(tags: Iterable[str | None]) -> list[str | None]:
    """BILUO tags to IOB2: U- becomes B-, L- becomes I-; None stays None."""
    out: list[str | None] = []
    for tag in tags:
        if tag is None:
            out.append(None)
        else:
            out.append(tag.replace("U-", "B-", 1).replace("L-", "I-", 1))
    return out


def offsets_to_biluo_tags(doc: Doc, entities: Iterable[Offset], missing: str = "O"
                          ) -> list[str]:
    """BILUO tags for (start_char, end_char, label) entities over the Doc's tokens.

    Tokens touched by no entity get `missing` ("O" by default; "-" marks them unknown).
    An entity whose offsets don't fall on token boundaries can't be tagged: its tokens get
    "-" and a warning (W030) says so. Entities without a label mark their tokens "O".
    Overlapping labelled entities raise ExampleError: a token belongs to one entity only."""
    entities = list(entities)
    tags = biluo_tags_of_offsets(doc, entities, missing)
    if "-" in tags and missing != "-":
        warn_misaligned_entities(doc, entities, stacklevel=3)
    return tags


def biluo_tags_of_offsets(doc: Doc, entities: list, missing: str = "O") -> list[str]:
    """offsets_to_biluo_tags without its warning (for callers that warn themselves)."""
    for ent in entities:
        if not isinstance(ent, (tuple, list)) or len(ent) < 3:
            raise ExampleError(f"Entity {ent!r} is not a (start_char, end_char, label) triple.")
    starts = {token.idx: token.i for token in doc}
    ends = {token.idx + len(token): token.i for token in doc}
    tags = ["-"] * len(doc)
    # labelled entities that cover characters, by start: one overlaps an earlier one when
    # it starts before the furthest end so far (empty or reversed ones cover nothing)
    labelled = sorted((e for e in entities if e[2] and e[0] < e[1]), key=lambda e: (e[0], e[1]))
    prev = None
    for ent in labelled:
        if prev is not None and ent[0] < prev[1]:
            raise ExampleError(
                f"[E103] Entities {tuple(prev[:3])!r} and {tuple(ent[:3])!r} overlap; a token can "
                "belong to one entity only. Keep one of them, or put overlapping spans in "
                "doc.spans instead of the entities.")
        if prev is None or ent[1] > prev[1]:
            prev = ent
    for start_char, end_char, label in ((e[0], e[1], e[2]) for e in entities):
        if not label:
            for token in doc:
                if start_char <= token.idx < end_char:
                    tags[token.i] = "O"
            continue
        first, last = starts.get(start_char), ends.get(end_char)
        if first is None or last is None:
            continue
        if first == last:
            tags[first] = f"U-{label}"
        else:
            tags[first] = f"B-{label}"
            for i in range(first + 1, last):
                tags[i] = f"I-{label}"
            tags[last] = f"L-{label}"
    # merged character ranges of all entities: tokens outside them are `missing`
    ranges: list[list[int]] = []
    for start_char, end_char in sorted((e[0], e[1]) for e in entities if e[0] < e[1]):
        if ranges and start_char <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], end_char)
        else:
            ranges.append([start_char, end_char])
    range_starts = [r[0] for r in ranges]
    for token in doc:
        lo, hi = token.idx, token.idx + len(token)
        k = bisect.bisect_right(range_starts, hi - 1) - 1
        if not (k >= 0 and ranges[k][1] > lo and hi > lo):
            tags[token.i] = missing
    return tags


def warn_misaligned_entities(doc: Doc, entities: Iterable, stacklevel: int = 2) -> None:
    """Warn (W030, a UserWarning) that some character-offset entities don't fall on the
    Doc's token boundaries, so training will ignore their tokens."""
    text = doc.text if len(doc.text) <= 50 else doc.text[:50] + "..."
    ents = str(list(entities))
    ents = ents if len(ents) <= 50 else ents[:50] + "..."
    warnings.warn(
        f"[W030] Some entities could not be aligned with the tokens of the text {text!r} "
        f"(entities: {ents}). Check with lexloom.training.offsets_to_biluo_tags("
        "nlp.make_doc(text), entities); the misaligned tokens are tagged '-' and "
        "ignored in training.", UserWarning, stacklevel=stacklevel + 1)


def doc_to_biluo_tags(doc: Doc, missing: str = "O") -> list[str]:
    """BILUO tags of the Doc's own entities (`missing` for tokens outside them)."""
    return offsets_to_biluo_tags(
        doc, [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents], missing=missing)


def _doc_to_biluo_tags_with_partial(doc: Doc) -> list[str]:
    """BILUO tags of the Doc's entities, "O" where it says there is none and "-" where it has
    no entity annotation (what the augmenters give from_dict, so they keep partial NER)."""
    tags = doc_to_biluo_tags(doc, missing="-")
    for i, token in enumerate(doc):
        if token.ent_iob == 2:
            tags[i] = "O"
    return tags


def tags_to_entities(tags: Iterable[str | None]) -> list[tuple[str, int, int]]:
    """(label, first, last) token indices of the entities in BILUO tags; the end index is
    inclusive (add 1 for a Span). A missing tag outside an entity gives ("", i, i)."""
    tags = list(tags)
    entities: list[tuple[str, int, int]] = []
    start = None
    for i, tag in enumerate(tags):
        if tag is None or tag.startswith("-"):
            if start is not None:
                start = None
            else:
                entities.append(("", i, i))
        elif tag.startswith("O"):
            pass
        elif tag.startswith("I"):
            if start is None:
                raise ExampleError(f"[E067] Tag {i} is {tag!r}, an I- tag that continues no entity "
                                   f"(tags so far: {tags[:i + 1]}); entities start with B-.")
        elif tag.startswith("U"):
            entities.append((tag[2:], i, i))
        elif tag.startswith("B"):
            start = i
        elif tag.startswith("L"):
            if start is None:
                raise ExampleError(f"[E067] Tag {i} is {tag!r}, an L- tag that closes no entity "
                                   f"(tags so far: {tags[:i + 1]}); entities start with B-.")
            entities.append((tag[2:], start, i))
            start = None
        else:
            raise ExampleError(f"[E068] Tag {i} is {tag!r}; use 'B-X', 'I-X', 'L-X', 'U-X', 'O' or "
                               "'-' (missing).")
    return entities


def biluo_tags_to_spans(doc: Doc, tags: Iterable[str | None]) -> list[Span]:
    """Spans for the entities in BILUO tags (e.g. for doc.ents); missing tokens outside an
    entity come back as one-token Spans without a label."""
    return [Span(doc, first, last + 1, label=label)
            for label, first, last in tags_to_entities(tags)]


def biluo_tags_to_offsets(doc: Doc, tags: Iterable[str | None]) -> list[Offset]:
    """(start_char, end_char, label) of the entities in BILUO tags."""
    return [(span.start_char, span.end_char, span.label_)
            for span in biluo_tags_to_spans(doc, tags)]


def split_bilu_label(label: str) -> tuple[str, str]:
    """"B-PER" -> ["B", "PER"]; as spaCy's, the list of the parts around the first "-", so a
    label without one ("O") gives a single part."""
    return label.split("-", 1)  # type: ignore[return-value]


def remove_bilu_prefix(label: str) -> str:
    """"B-PER" -> "PER"."""
    return label.split("-", 1)[1]


offsets_from_biluo_tags = biluo_tags_to_offsets
spans_from_biluo_tags = biluo_tags_to_spans
biluo_tags_from_offsets = offsets_to_biluo_tags

__all__ = ["iob_to_biluo", "biluo_to_iob", "offsets_to_biluo_tags", "doc_to_biluo_tags",
           "tags_to_entities", "biluo_tags_to_spans", "biluo_tags_to_offsets",
           "split_bilu_label", "remove_bilu_prefix", "offsets_from_biluo_tags",
           "spans_from_biluo_tags", "biluo_tags_from_offsets"]
