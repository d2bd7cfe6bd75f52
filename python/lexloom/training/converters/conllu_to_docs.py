"""CoNLL-U → Docs, matching `spacy convert -c conllu` (spaCy 3.8's conllu_to_docs).

What each column becomes (as in spaCy):
- FORM → the token; multi-word tokens (`4-5  don't`) give their syntactic words ("do", "n't")
  as tokens, with no space between them and the range's SpaceAfter after the last; with
  `merge_subtokens=True` the range's surface form is one token instead.
- MISC `SpaceAfter=No` → no trailing space; the last token of every sentence but a doc's last
  gets a space, as Doc.from_docs does.
- UPOS → POS ("_" → ""); XPOS → TAG (XPOS "_" → UPOS); FEATS → MORPH ("_" → "");
  LEMMA → LEMMA (verbatim, "_" included); HEAD → head ("0" or "_" → the token itself);
  DEPREL → DEP ("root" → "ROOT").
- Empty nodes (`8.1`) and the DEPS column are skipped.
- Entities come from MISC parts `B-PER`, `name=B-PER`, `NE=B-PER` (spaCy's pattern: not
  `NER=B-PER`, which spaCy leaves unread); if any token of the file has one, every token gets
  an entity tag (O when none).
- Sentence starts follow the tree: the leftmost token under each root starts a sentence.

Grouping: n_sents sentences per Doc, as spaCy does (`# newdoc` ignored), unless n_sents <= 0
(one Doc per `# newdoc` document, the whole file when there are none) or split_on_newdoc=True
(a `# newdoc` also closes the current Doc).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from ...attrs import POS_IDS
from ._util import (Sentence, entities_to_iob, fail, group_sentences, iob_entities, new_vocab,
                    sentences_to_doc)

MISC_NER_PATTERN = re.compile(r"^((?:name|NE)=)?([BILU])-([A-Z_]+)|O$")

_Row = tuple[int, list[str]]   # (line number, the 10 columns)


def conllu_to_docs(input_data: str, n_sents: int = 10, append_morphology: bool = False,
                   ner_map: dict[str, str] | None = None, merge_subtokens: bool = False, *,
                   source: str = "<string>", split_on_newdoc: bool = False, vocab: Any = None,
                   **_: Any) -> Iterator[Any]:
    """Yield Docs from CoNLL-U text; malformed lines raise ConversionError naming source:line."""
    raw_sents = list(read_conllu_rows(input_data, source))
    set_ents = any(_misc_has_ner(row[1][9]) for sent in raw_sents for row in sent[1])
    vocab = vocab if vocab is not None else new_vocab()
    sentences = (_sentence(rows, newdoc, source, set_ents=set_ents, ner_map=ner_map,
                           merge_subtokens=merge_subtokens, append_morphology=append_morphology)
                 for newdoc, rows in raw_sents)
    for group in group_sentences(sentences, n_sents, split_on_newdoc):
        starts = []
        for sent in group:
            starts.extend(_tree_sent_starts(sent.heads))
        yield sentences_to_doc(vocab, group, sent_starts=starts)


def read_conllu_rows(text: str, source: str = "<string>") -> Iterator[tuple[bool, list[_Row]]]:
    """(starts_new_doc, rows) for each sentence; every row checked to have 10 tab columns."""
    rows: list[_Row] = []
    newdoc = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            if rows:
                yield newdoc, rows
                rows, newdoc = [], False
            continue
        if line.startswith("#"):
            if line[1:].lstrip().startswith("newdoc"):
                if rows:    # a newdoc comment without a blank line before it
                    yield newdoc, rows
                    rows = []
                newdoc = True
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise fail(source, lineno, f"a CoNLL-U token line has 10 tab-separated columns "
                       f"(ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC); this one has "
                       f"{len(cols)}: {line[:80]!r}. Check that columns are separated by tabs.")
        rows.append((lineno, cols))
    if rows:
        yield newdoc, rows


def _misc_has_ner(misc: str) -> bool:
    return any(MISC_NER_PATTERN.match(part) for part in misc.split("|"))


def _int(value: str, what: str, source: str, lineno: int) -> int:
    try:
        return int(value)
    except ValueError:
        raise fail(source, lineno, f"{what} {value!r} is not an integer.") from None


def _sentence(rows: list[_Row], newdoc: bool, source: str, *, set_ents: bool,
              ner_map: dict[str, str] | None, merge_subtokens: bool,
              append_morphology: bool, ner_pattern: re.Pattern | str = MISC_NER_PATTERN
              ) -> Sentence:
    sent = Sentence(tags=[], pos=[], morphs=[], lemmas=[], heads=[], deps=[], newdoc=newdoc)
    assert sent.spaces is not None
    raw_heads: list[tuple[int, str]] = []
    ner_tags: list[str] = []
    ranges: list[tuple[int, int, str, bool, int]] = []   # start, end (1-based), form, space, line
    expected = 1
    range_end = 0
    range_space = True
    for lineno, cols in rows:
        id_, form, lemma, upos, xpos, feats, head, deprel, _deps, misc = cols
        if "." in id_:
            major, _, minor = id_.partition(".")
            if not (major.isdigit() and minor.isdigit()):
                raise fail(source, lineno, f"the empty-node ID {id_!r} is not of the form N.M.")
            continue
        if "-" in id_:
            first, _, last = id_.partition("-")
            start = _int(first, "the multi-word token range start", source, lineno)
            end = _int(last, "the multi-word token range end", source, lineno)
            if start != expected or end < start:
                raise fail(source, lineno, f"the multi-word token range {id_} should start at "
                           f"the next word ID, {expected}, and not end before it starts.")
            if range_end >= expected:
                raise fail(source, lineno, f"the multi-word token range {id_} starts inside the "
                           "previous range.")
            range_end, range_space = end, "SpaceAfter=No" not in misc
            ranges.append((start, end, form, range_space, lineno))
            continue
        index = _int(id_, "the word ID", source, lineno)
        if index != expected:
            raise fail(source, lineno, f"word IDs must run 1, 2, 3, ... within a sentence; "
                       f"expected {expected}, found {index}.")
        expected += 1
        sent.words.append(form)
        sent.lines.append(lineno)
        if index <= range_end:
            sent.spaces.append(range_space if index == range_end else False)
        else:
            sent.spaces.append("SpaceAfter=No" not in misc)
        if upos != "_" and upos not in POS_IDS:
            raise fail(source, lineno, f"the UPOS {upos!r} is not a universal POS tag "
                       f"({' '.join(t for t in POS_IDS if t)}).")
        feats = "" if feats == "_" else feats
        if feats and not all("=" in f for f in feats.split("|")):
            raise fail(source, lineno, f"FEATS {feats!r} is not '_' or Feature=Value pairs "
                       "separated by '|'.")
        sent.tags.append(upos if xpos == "_" else xpos)
        sent.pos.append("" if upos == "_" else upos)
        sent.morphs.append(feats)
        sent.lemmas.append(lemma)
        sent.deps.append("ROOT" if deprel == "root" else deprel)
        raw_heads.append((lineno, head))
        if set_ents:
            ner_tags.append(_ner_tag(misc, ner_map, ner_pattern))
    n = len(sent.words)
    if range_end > n:
        raise fail(source, ranges[-1][4], f"the multi-word token range "
                   f"{ranges[-1][0]}-{ranges[-1][1]} covers words the sentence does not have "
                   f"(it has {n}).")
    for i, (lineno, head) in enumerate(raw_heads):
        if head in ("0", "_"):
            sent.heads.append(i)
            continue
        value = _int(head, "HEAD", source, lineno)
        if not 0 <= value <= n:
            raise fail(source, lineno, f"HEAD {value} is out of range: the sentence has {n} "
                       "words (HEAD is 0 for the root or a word ID).")
        sent.heads.append(value - 1)
    if set_ents:
        sent.ents = entities_to_iob(n, iob_entities(ner_tags, sent.lines, source))
    if merge_subtokens and ranges:
        sent = _merge_ranges(sent, ranges)
    if append_morphology:
        sent.tags = [f"{t}__{m}" if m else t for t, m in zip(sent.tags, sent.morphs)]
    return sent


def _ner_tag(misc: str, ner_map: dict[str, str] | None,
             pattern: re.Pattern | str = MISC_NER_PATTERN) -> str:
    """The IOB tag of one MISC column: the first part `pattern` matches (its groups 2 and 3
    are the prefix and the label), O if none."""
    for part in misc.split("|"):
        match = re.match(pattern, part)
        if match:
            prefix, label = match.group(2), match.group(3)
            if prefix and label:
                if ner_map:
                    label = ner_map.get(label, label)
                    if label == "":
                        return "O"
                return f"{prefix}-{label}"
            return "O"
    return "O"


def _tree_sent_starts(heads: list[int] | None) -> list[bool]:
    """True at the leftmost token under each root (head == itself), as spaCy derives them."""
    if heads is None:
        return []
    n = len(heads)
    starts = [False] * n
    leftmost = list(range(n))
    for i in range(n):          # push each token's index up to its root
        j, steps = i, 0
        while heads[j] != j and steps <= n:
            j = heads[j]
            steps += 1
        if heads[j] == j and i < leftmost[j]:
            leftmost[j] = i
    for i in range(n):
        if heads[i] == i:
            starts[leftmost[i]] = True
    if n and not any(starts):
        starts[0] = True
    return starts


def _merge_ranges(sent: Sentence, ranges: list[tuple[int, int, str, bool, int]]) -> Sentence:
    """One token per multi-word token range (spaCy's merge_subtokens=True).

    The merged token takes the range's form and SpaceAfter, the subtokens' tags joined by "_",
    their lemmas joined by " ", the union of their features, and POS, head and dep from the
    range's syntactic root.
    """
    assert sent.heads is not None and sent.spaces is not None
    n = len(sent.words)
    new_index = list(range(n))
    spans = {start - 1: (end, form, space) for start, end, form, space, _ in ranges}
    out = Sentence(tags=[], pos=[], morphs=[], lemmas=[], heads=[], deps=[], newdoc=sent.newdoc,
                   ents=[] if sent.ents is not None else None)
    roots: list[int] = []
    i = 0
    while i < n:
        k = len(out.words)
        if i in spans:
            end, form, space = spans[i]
            members = list(range(i, end))
            root = _span_root(sent.heads, members)
            for m in members:
                new_index[m] = k
            out.words.append(form)
            out.spaces.append(space)
            out.tags.append("_".join(sent.tags[m] for m in members))
            out.pos.append(sent.pos[root])
            out.morphs.append(_merge_feats(sent.morphs[m] for m in members))
            out.lemmas.append(" ".join(sent.lemmas[m] for m in members))
            out.deps.append(sent.deps[root])
            if out.ents is not None and sent.ents is not None:
                out.ents.append(sent.ents[root] if sent.ents[i] == "O" or sent.ents[root] == "O"
                                else sent.ents[i])
            out.lines.append(sent.lines[i])
            roots.append(root)
            i = end
        else:
            new_index[i] = k
            out.words.append(sent.words[i])
            out.spaces.append(sent.spaces[i])
            for key in ("tags", "pos", "morphs", "lemmas", "deps"):
                getattr(out, key).append(getattr(sent, key)[i])
            if out.ents is not None and sent.ents is not None:
                out.ents.append(sent.ents[i])
            out.lines.append(sent.lines[i])
            roots.append(i)
            i += 1
    out.heads = [new_index[sent.heads[r]] for r in roots]
    if out.ents is not None:
        out.ents = _repair_iob(out.ents)
    return out


def _span_root(heads: list[int], members: list[int]) -> int:
    inside = set(members)
    candidates = [m for m in members if heads[m] == m or heads[m] not in inside]
    if not candidates:
        return members[0]
    return min(candidates, key=lambda m: (_depth(heads, m), m))


def _depth(heads: list[int], i: int) -> int:
    depth = 0
    while heads[i] != i and depth <= len(heads):
        i = heads[i]
        depth += 1
    return depth


def _merge_feats(feats: Any) -> str:
    fields: dict[str, set[str]] = {}
    for feat in feats:
        if not feat:
            continue
        for part in feat.split("|"):
            name, values = part.split("=", 1)
            fields.setdefault(name, set()).update(values.split(","))
    return "|".join(sorted(f"{name}={','.join(sorted(vals))}" for name, vals in fields.items()))


def _repair_iob(iob: list[str]) -> list[str]:
    """Turn an I- that no longer follows its entity into B- (after merging tokens)."""
    out = list(iob)
    for i, tag in enumerate(out):
        if tag.startswith("I-") and (i == 0 or out[i - 1][2:] != tag[2:] or out[i - 1] == "O"):
            out[i] = "B-" + tag[2:]
    return out


# ---- spaCy's public helpers of this module (spacy-conll and others import them) ----------

def _lines_to_rows(lines: list[str], source: str = "<string>") -> list[_Row]:
    rows = list(read_conllu_rows("\n".join(line.rstrip("\r\n") for line in lines
                                           if line.strip()), source))
    return rows[0][1] if rows else []


def has_ner(input_data: str, ner_tag_pattern: re.Pattern | str) -> bool:
    """Whether any MISC column of the CoNLL-U text has a part `ner_tag_pattern` matches."""
    return any(re.match(ner_tag_pattern, part)
               for _newdoc, rows in read_conllu_rows(input_data)
               for _lineno, cols in rows for part in cols[9].split("|"))


def get_entities(lines: list[str], tag_pattern: re.Pattern | str,
                 ner_map: dict[str, str] | None = None) -> list[str]:
    """The BILUO entity tags of one sentence's CoNLL-U token lines, from the MISC parts
    `tag_pattern` matches (groups 2 and 3: the IOB prefix and the label; O where none),
    labels renamed by `ner_map` ("" makes O). Multi-word ranges and empty nodes are skipped."""
    from ..iob_utils import iob_to_biluo

    tags = [_ner_tag(cols[9], ner_map, tag_pattern) for _lineno, cols in _lines_to_rows(lines)
            if "-" not in cols[0] and "." not in cols[0]]
    return iob_to_biluo(tags)


def conllu_sentence_to_doc(vocab: Any, lines: list[str], ner_tag_pattern: re.Pattern | str,
                           merge_subtokens: bool = False, append_morphology: bool = False,
                           ner_map: dict[str, str] | None = None, set_ents: bool = False) -> Any:
    """One Doc from one sentence's CoNLL-U token lines (comments left out), as
    conllu_to_docs makes each sentence; entities only with set_ents."""
    rows = _lines_to_rows([line for line in lines if not line.startswith("#")])
    return _sentence_doc(vocab, rows, ner_tag_pattern, merge_subtokens, append_morphology,
                         ner_map, set_ents)


MERGED_TOKEN_EXTENSIONS = ("merged_orth", "merged_lemma", "merged_morph", "merged_spaceafter")


def merge_conllu_subtokens(lines: list[str], doc: Any) -> Any:
    """Merge each multi-word token range (`4-5  don't`) of one sentence's CoNLL-U lines into
    one token of `doc`, whose tokens are the sentence's words in order.

    Every word of a range gets the range's merged values first, so whichever word the
    retokenizer keeps carries them: tag = the words' tags joined by "_", `_.merged_lemma` =
    their lemmas joined by " ", `_.merged_morph` = the union of their `_.merged_morph`
    features, `_.merged_orth` = its own text, `_.merged_spaceafter` = whether the range's
    last word has a space after it. The four Token extensions are registered if missing.
    Returns `doc`, retokenized in place.
    """
    from ...tokens import Token

    for name in MERGED_TOKEN_EXTENSIONS:
        if not Token.has_extension(name):
            Token.set_extension(name, default="")
    spans = []
    for line in lines:
        word_id = line.split("\t", 1)[0]
        if "-" not in word_id:
            continue
        first, last = word_id.split("-")
        span = doc[int(first) - 1:int(last)]
        spans.append(span)
        tag = "_".join(token.tag_ for token in span)
        lemma = " ".join(token.lemma_ for token in span)
        morph = _merge_feats(token._.merged_morph for token in span)
        space_after = bool(span[-1].whitespace_)
        for token in span:
            token._.merged_orth = token.orth_
            token._.merged_lemma = lemma
            token.tag_ = tag
            token._.merged_morph = morph
            token._.merged_spaceafter = space_after
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


def read_conllx(input_data: str, append_morphology: bool = False, merge_subtokens: bool = False,
                ner_tag_pattern: re.Pattern | str = "", ner_map: dict[str, str] | None = None
                ) -> Iterator[Any]:
    """One Doc per sentence of the CoNLL-U text; entities when any MISC column has a part
    `ner_tag_pattern` matches."""
    vocab = new_vocab()
    set_ents = has_ner(input_data, ner_tag_pattern)
    for _newdoc, rows in read_conllu_rows(input_data):
        yield _sentence_doc(vocab, rows, ner_tag_pattern, merge_subtokens, append_morphology,
                            ner_map, set_ents)


def _sentence_doc(vocab: Any, rows: list[_Row], ner_pattern: re.Pattern | str,
                  merge_subtokens: bool, append_morphology: bool,
                  ner_map: dict[str, str] | None, set_ents: bool) -> Any:
    """The Doc of one sentence's rows, its sentence starts from its tree."""
    sent = _sentence(rows, False, "<string>", set_ents=set_ents, ner_map=ner_map,
                     merge_subtokens=merge_subtokens, append_morphology=append_morphology,
                     ner_pattern=ner_pattern)
    return sentences_to_doc(vocab, [sent], sent_starts=_tree_sent_starts(sent.heads))
