"""Example: a predicted Doc (what the pipeline sees) paired with a reference Doc (the gold).

The two may be tokenized differently; `Example.alignment` maps tokens across by characters
(native, see csrc/lexloom/align.hh), ignoring whitespace and case, and `get_aligned` reads a
reference attribute in the predicted tokenization, with None where no single value applies.
"""
from __future__ import annotations

import re
from collections.abc import Iterable as _IterableABC
from typing import Any, Callable, Iterable, Sequence

import numpy

from ..attrs import IDS, intify_attr
from ..errors import ExampleError, ExampleKeyError, LexloomError
from ..tokens import Doc, Span
from .alignment import Alignment
from .alignment_array import AlignmentArray
from .iob_utils import (biluo_tags_of_offsets, biluo_tags_to_spans, doc_to_biluo_tags,
                        warn_misaligned_entities)

# Friendly annotation keys (spaCy's) -> attribute names.
TOKEN_KEYS = {"words": "ORTH", "spaces": "SPACY", "tags": "TAG", "pos": "POS", "morphs": "MORPH",
              "lemmas": "LEMMA", "heads": "HEAD", "deps": "DEP", "sent_starts": "SENT_START"}
DOC_KEYS = ("cats", "entities", "spans", "links")
_IGNORED_KEYS = ("text", "raw", "ids", "brackets")
_ENT_IOB_O = 2


def _signature(doc: Doc) -> tuple:
    """Changes when the Doc's tokens change (retokenization), cheaply."""
    return len(doc), hash(doc.to_array("ORTH").tobytes())


class Example:
    """A predicted Doc and its reference. `x` / `predicted` and `y` / `reference` name them."""

    def __init__(self, predicted: Doc, reference: Doc, *, alignment: Alignment | None = None):
        if not isinstance(predicted, Doc):
            # spaCy's code E972 is for None; another type is a plain TypeError there
            raise ExampleError(f"{'[E972] ' if predicted is None else ''}Example(predicted, "
                               f"reference): predicted must be a Doc, not "
                               f"{type(predicted).__name__}.")
        if not isinstance(reference, Doc):
            raise ExampleError(f"{'[E972] ' if reference is None else ''}Example(predicted, "
                               f"reference): reference must be a Doc, not "
                               f"{type(reference).__name__}. Use Example.from_dict(doc, "
                               "annotations) to build the reference from a dict.")
        self._x = predicted
        self._y = reference
        self._alignment = alignment
        self._signatures = (_signature(predicted), _signature(reference)) if alignment else None

    # ---- the two Docs ---------------------------------------------------------------

    @property
    def x(self) -> Doc:
        """The predicted Doc (what the pipeline annotates)."""
        return self._x

    @x.setter
    def x(self, doc: Doc) -> None:
        self._x = doc
        self._alignment = None

    @property
    def y(self) -> Doc:
        """The reference Doc (the gold annotation)."""
        return self._y

    @y.setter
    def y(self, doc: Doc) -> None:
        self._y = doc
        self._alignment = None

    predicted = x
    reference = y

    @property
    def text(self) -> str:
        return self.x.text

    def __len__(self) -> int:
        return len(self.x)

    def copy(self) -> "Example":
        return Example(self.x.copy(), self.y.copy())

    # ---- alignment ------------------------------------------------------------------

    @property
    def alignment(self) -> Alignment:
        """Recomputed only when either Doc's tokens changed since the last call."""
        signatures = (_signature(self.x), _signature(self.y))
        if self._alignment is None or signatures != self._signatures:
            self._alignment = Alignment.from_docs(self.x, self.y)
            self._signatures = signatures
        return self._alignment

    def get_aligned_array(self, field: str | int) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(values, known): the reference attribute per predicted token as uint64, and
        whether it is defined (the token aligns, and all its reference tokens agree)."""
        try:
            attr = intify_attr(field)
        except KeyError as e:
            raise ExampleKeyError(str(e.args[0])) from None  # E983, a KeyError as in spaCy
        x2y = self.alignment.x2y
        n = len(self.x)
        values = numpy.zeros(n, dtype=numpy.uint64)
        known = x2y.lengths > 0
        if x2y.data.size:
            gold = self.y.to_array([attr])
            per_link = gold[x2y.data]
            starts = x2y.starts[known]
            lo = numpy.minimum.reduceat(per_link, starts)
            hi = numpy.maximum.reduceat(per_link, starts)
            values[known] = lo
            known[known] = lo == hi
        return values, known

    def get_aligned(self, field: str | int, as_string: bool = False) -> list:
        """A reference token attribute in the predicted tokenization: one value per predicted
        token, None where it aligns to no reference token or to several that disagree."""
        values, known = self.get_aligned_array(field)
        out = values.astype(object)
        out[~known] = None
        output = out.tolist()
        name = field.upper() if isinstance(field, str) else field
        if as_string and name not in ("ENT_IOB", "SENT_START", IDS["ENT_IOB"], IDS["SENT_START"]):
            strings = self.y.vocab.strings
            output = [strings[v] if v is not None else None for v in output]
        return output

    def get_aligned_sent_starts(self) -> list:
        """True where a reference sentence starts (in predicted tokens), False elsewhere;
        all None when the reference has no sentence boundaries."""
        if not self.y.has_annotation("SENT_START"):
            return [None] * len(self.x)
        y2x = self.alignment.y2x
        out = [False] * len(self.x)
        for sent in self.y.sents:
            aligned = y2x[sent.start:sent.end]
            if aligned.size:
                out[int(aligned[0])] = True
        return out

    def get_aligned_parse(self, projectivize: bool = True) -> tuple[list, list]:
        """(heads, deps) of the reference in predicted tokens; None where a token or its head
        doesn't align one-to-one. With `projectivize` (spaCy's default), the reference tree's
        non-projective arcs are lifted first (labels "dep||headdep"), before alignment gaps
        can change which arcs need lifting; tokens without a label keep their original head."""
        x2y, y2x = self.alignment.x2y, self.alignment.y2x
        n = len(self.x)
        heads = [None] * n
        deps = [None] * n
        if not len(self.y):
            return heads, deps
        y_arr = self.y.to_array(["HEAD", "DEP"]).astype(numpy.int64)
        # a token without a label has no annotated head: its head is itself (token.head)
        offsets = numpy.where(y_arr[:, 1] != 0, y_arr[:, 0], 0)
        y_heads = (numpy.arange(len(self.y)) + offsets).tolist()
        y_deps = [t.dep_ for t in self.y]
        if projectivize:
            from ..parser_internals.arc_eager import projectivize as lift_arcs

            lifted_heads, lifted_deps = lift_arcs(y_heads, y_deps)
            y_heads = [h if y_deps[i] else y_heads[i] for i, h in enumerate(lifted_heads)]
            y_deps = [d if y_deps[i] else y_deps[i] for i, d in enumerate(lifted_deps)]
        single = numpy.nonzero(x2y.lengths == 1)[0]
        gold_i = x2y.data[x2y.starts[single]]
        for xi, gi in zip(single.tolist(), gold_i.tolist()):
            deps[xi] = y_deps[gi]
            gh = int(y_heads[gi])
            if y2x.lengths[gh] == 1:
                heads[xi] = int(y2x.data[y2x.starts[gh]])
        return heads, deps

    def get_aligned_spans_x2y(self, x_spans: Iterable[Span], allow_overlap: bool = False
                              ) -> list[Span]:
        """Predicted spans carried over to the reference (those whose text survives)."""
        return _aligned_spans(self.y, x_spans, self.alignment.x2y, allow_overlap)

    def get_aligned_spans_y2x(self, y_spans: Iterable[Span], allow_overlap: bool = False
                              ) -> list[Span]:
        """Reference spans carried over to the predicted tokens."""
        return _aligned_spans(self.x, y_spans, self.alignment.y2x, allow_overlap)

    def get_aligned_ents_and_ner(self) -> tuple[list[Span], list]:
        """Reference entities in predicted tokens, and their BILUO tags (None: unknown)."""
        if not self.y.has_annotation("ENT_IOB"):
            return [], [None] * len(self.x)
        x_ents = self.get_aligned_spans_y2x(self.y.ents, allow_overlap=False)
        tags: list = [None] * len(self.x)
        for ent in x_ents:
            _write_biluo(tags, ent.start, ent.end, ent.label_)
        iob, known = self.get_aligned_array("ENT_IOB")
        is_space = self.x.to_array("IS_SPACE") if len(self.x) else []
        for i in range(len(self.x)):
            if tags[i] is None and ((known[i] and iob[i] == _ENT_IOB_O) or is_space[i]):
                tags[i] = "O"
        return x_ents, tags

    def get_aligned_ner(self) -> list:
        return self.get_aligned_ents_and_ner()[1]

    def get_matching_ents(self, check_label: bool = True) -> list[Span]:
        """Predicted entities whose character offsets (and label) match a reference one."""
        gold = {(e.start_char, e.end_char): e.label for e in self.y.ents}
        return [e for e in self.x.ents if (e.start_char, e.end_char) in gold
                and (not check_label or gold[(e.start_char, e.end_char)] == e.label)]

    def split_sents(self) -> list["Example"]:
        """One Example per reference sentence (the Example itself if there are none)."""
        if not self.y.has_annotation("SENT_START"):
            return [self]
        y2x = self.alignment.y2x
        seen: set[int] = set()
        out = []
        for sent in self.y.sents:
            indices = [int(i) for i in y2x[sent.start:sent.end] if int(i) not in seen]
            if indices:
                x_sent = self.x[indices[0]:indices[-1] + 1]
                out.append(Example(x_sent.as_doc(), sent.as_doc()))
                seen.update(indices)
        return out

    # ---- dicts ----------------------------------------------------------------------

    @classmethod
    def from_dict(cls, predicted: Doc, example_dict: dict) -> "Example":
        """An Example whose reference is built from annotations, keyed as in spaCy: words,
        spaces, tags, pos, morphs, lemmas, heads (absolute), deps, sent_starts, entities
        (character offsets, BILUO/IOB tags or Spans), cats, spans, links; or the nested
        {"token_annotation": ..., "doc_annotation": ...} form that to_dict writes."""
        if not isinstance(predicted, Doc):
            raise ExampleError(f"[E976] Example.from_dict takes a Doc first, not "
                               f"{type(predicted).__name__}; make one with nlp.make_doc(text).")
        if not isinstance(example_dict, dict):
            raise ExampleError(f"[E976] Example.from_dict takes a dict of annotations second, not "
                               f"{type(example_dict).__name__}.")
        try:
            tok, doc_annot, text = _normalize_dict(example_dict)
            reference = _reference_doc(predicted.vocab, tok, doc_annot, text, predicted)
        except LexloomError:
            raise
        except (TypeError, AttributeError, KeyError, IndexError, ValueError,
                OverflowError) as e:
            error = ExampleKeyError if isinstance(e, KeyError) else ExampleError
            raise error(
                f"Example.from_dict: malformed annotations ({type(e).__name__}: {e}). Token "
                "annotations are lists with one value per word (words, tags, heads, ...); "
                "entities are (start_char, end_char, label) offsets or BILUO tags; cats, spans "
                "and links are dicts.") from None
        return cls(predicted, reference)

    def to_dict(self) -> dict:
        """The reference annotation in spaCy's nested dict form (from_dict reads it back)."""
        y = self.y
        return {
            "doc_annotation": {
                "cats": dict(y.cats),
                "entities": doc_to_biluo_tags(y),  # as spaCy: missing regions read "O"
                "spans": {key: [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in group]
                          for key, group in y.spans.items()},
                "links": {(e.start_char, e.end_char): {e.kb_id_: 1.0}
                          for e in y.ents if e.kb_id_},
            },
            "token_annotation": {
                "ORTH": [t.text for t in y],
                "SPACY": [bool(t.whitespace_) for t in y],
                "TAG": [t.tag_ for t in y],
                "LEMMA": [t.lemma_ for t in y],
                "POS": [t.pos_ for t in y],
                "MORPH": [str(t.morph) for t in y],
                "HEAD": [t.head.i for t in y],
                "DEP": [t.dep_ for t in y],
                "SENT_START": [int(bool(t.is_sent_start)) for t in y],
            },
        }

    def __str__(self) -> str:
        return str(self.to_dict())

    __repr__ = __str__  # spaCy's: the reference annotation


# ---- helpers for components ------------------------------------------------------------


def validate_examples(examples: Any, method: str) -> None:
    """Raise a clear error unless `examples` is an iterable of Example objects."""
    if not isinstance(examples, _IterableABC) or isinstance(examples, (str, Example)):
        raise ExampleError(f"[E978] {method} takes a list of Example objects, not "
                           f"{type(examples).__name__}.")
    wrong = sorted({type(eg).__name__ for eg in examples if not isinstance(eg, Example)})
    if wrong:
        raise ExampleError(f"[E978] {method} takes a list of Example objects, but got "
                           f"{', '.join(wrong)}. Make them with Example(doc, reference) or "
                           "Example.from_dict(nlp.make_doc(text), annotations).")


def validate_get_examples(get_examples: Callable[[], Iterable[Example]], method: str) -> None:
    """Raise a clear error unless `get_examples()` gives a non-empty list of Examples."""
    if get_examples is None or not callable(get_examples):
        raise ExampleError(f"[E930] {method} needs get_examples: a function that returns a list of "
                           f"Example objects (e.g. lambda: examples), not "
                           f"{type(get_examples).__name__}.")
    examples = get_examples()
    if not examples:
        raise ExampleError(f"[E930] {method}: get_examples() returned no examples; the component "
                           "needs a sample of training data to infer its labels and shapes.")
    validate_examples(examples, method)


# ---- entities as BILUO tags ---------------------------------------------------------------


def _write_biluo(tags: list, start: int, end: int, label: str) -> None:
    if end - start == 1:
        tags[start] = f"U-{label}"
        return
    tags[start] = f"B-{label}"
    for i in range(start + 1, end - 1):
        tags[i] = f"I-{label}"
    tags[end - 1] = f"L-{label}"


# ---- building the reference Doc -------------------------------------------------------


def _normalize_dict(example_dict: dict) -> tuple[dict, dict, str | None]:
    """(token annotations by attribute name, doc annotations, text) from any accepted form."""
    tok: dict = {}
    doc_annot: dict = {}
    known = sorted(set(TOKEN_KEYS) | set(TOKEN_KEYS.values()) | set(DOC_KEYS)
                   | {"ner", "token_annotation", "doc_annotation"} | set(_IGNORED_KEYS))

    def add_token_key(key: str, value: Any) -> None:
        if key in _IGNORED_KEYS:
            return
        name = TOKEN_KEYS.get(key.lower()) if key.lower() in TOKEN_KEYS else key.upper()
        if name not in TOKEN_KEYS.values() and name not in ("ENT_KB_ID", "NORM"):
            raise ExampleKeyError("[E983] "
                                  f"Example.from_dict: unknown annotation key {key!r}. Known "
                                  f"keys: {', '.join(known)}.")
        tok[name] = value

    for key, value in example_dict.items():
        if value is None or key in _IGNORED_KEYS:
            continue
        if key == "token_annotation":
            for k, v in value.items():
                if v is not None:
                    add_token_key(k, v)
        elif key == "doc_annotation":
            for k, v in value.items():
                if v is not None:
                    if k not in DOC_KEYS and k != "ner":
                        raise ExampleError(f"Example.from_dict: unknown doc annotation {k!r}; "
                                           f"known: {', '.join(DOC_KEYS)}.")
                    doc_annot["entities" if k == "ner" else k] = v
        elif key in DOC_KEYS or key == "ner":
            doc_annot["entities" if key == "ner" else key] = value
        else:
            add_token_key(key, value)
    text = example_dict.get("text", example_dict.get("raw"))
    return tok, doc_annot, text


def _guess_spaces(text: str, words: Sequence[str]) -> list[bool]:
    """Whether each word is followed by a space in `text` (True where a word isn't found)."""
    spaces = []
    pos = 0
    for word in words:
        start = text.find(word, pos)
        if start < 0:
            spaces.append(True)
            continue
        pos = start + len(word)
        spaces.append(pos < len(text) and text[pos] == " ")
    return spaces


def _ternary(value: Any) -> int:
    """SENT_START values as spaCy reads them: True/1 -> 1, None/0 -> 0, anything else -> -1."""
    if value is True:
        return 1
    if value is None:
        return 0
    if value is False:
        return -1
    return 1 if value == 1 else 0 if value == 0 else -1


def _check_strings(name: str, values: Sequence, allow_none: bool = True) -> list:
    values = list(values)
    for i, v in enumerate(values):
        if not (isinstance(v, str) or (allow_none and v is None)):
            raise ExampleError(f"[E969] Example.from_dict: {name}[{i}] is {v!r}; {name} must be "
                               "strings ('' or None for missing).")
    return values


def _from_dict_message(e: Exception) -> str:
    """A Doc error's message, said to come from Example.from_dict: "[lexloom] [E190] heads..."
    becomes "[E190] Example.from_dict: heads..." (LexloomError adds "[lexloom]" again)."""
    msg = str(e).removeprefix("[lexloom] ")
    code = re.match(r"\[E\d+\] ", msg)
    code = code.group(0) if code else ""
    return f"{code}Example.from_dict: {msg[len(code):]}"


def annotations_to_doc(vocab: Any, tok_annot: dict, doc_annot: dict) -> Doc:
    """A Doc from token annotations keyed by attribute (ORTH, SPACY, TAG, POS, MORPH, LEMMA,
    HEAD (absolute), DEP, SENT_START) and doc annotations (entities, spans, cats, links):
    the reference half of Example.from_dict, given the words."""
    if not tok_annot.get("ORTH"):
        raise ExampleError("annotations_to_doc needs the words: tok_annot['ORTH'] (and "
                           "tok_annot['SPACY'] for the spaces).")
    return _reference_doc(vocab, tok_annot, doc_annot, None, None)


def _reference_doc(vocab: Any, tok: dict, doc_annot: dict, text: str | None,
                   predicted: Doc | None) -> Doc:
    if "ORTH" in tok or predicted is None:
        words = _check_strings("words", tok["ORTH"], allow_none=False)
        spaces = tok.get("SPACY")
        if spaces is None and text is not None:
            spaces = _guess_spaces(text, words)
    else:
        words = [t.text for t in predicted]
        spaces = tok.get("SPACY", [bool(t.whitespace_) for t in predicted])
    n = len(words)
    for name, values in tok.items():
        if len(values) != n:
            key = next((k for k, v in TOKEN_KEYS.items() if v == name), name)
            raise ExampleError("[E971] "
                               f"Example.from_dict: {n} words but {len(values)} {key}; give one "
                               "value per word (None for missing).")
    if spaces is not None:
        spaces = [bool(s) for s in spaces]
    heads = tok.get("HEAD")
    deps = tok.get("DEP")
    # spaCy drops SENT_START when heads are given, even heads it then treats as missing
    use_sent_starts = heads is None
    if heads is not None and deps is None:
        # A head without a dependency label is missing (as in spaCy): the tokens are their
        # own heads, and the parser learns no arcs from them. Out of range is still an error.
        bad = next((i for i, h in enumerate(heads) if h is not None and not (
            isinstance(h, (int, numpy.integer)) and 0 <= h < n)), None)
        if bad is not None:
            raise ExampleError("[E190] "
                               f"Example.from_dict: heads[{bad}] is {heads[bad]!r}; heads are "
                               f"token indices in 0..{n - 1} (absolute, not relative).")
        heads = None
    if deps is not None and not any(deps):
        heads = deps = None  # no labelled arc: there is no parse (to_dict writes this)
        use_sent_starts = True
    # labels without heads (as spaCy's from_dict): the labels alone, no tree, so no
    # sentence starts from one (Doc(deps=...) would make every token a root)
    labels_only = _check_strings("deps", deps) if deps is not None and heads is None else None
    if labels_only is not None:
        deps = None
    sent_starts = None
    if "SENT_START" in tok and use_sent_starts:
        sent_starts = [_ternary(v) for v in tok["SENT_START"]]
    morphs = tok.get("MORPH")
    try:
        doc = Doc(vocab, words=words, spaces=spaces,
                  tags=_check_strings("tags", tok["TAG"]) if "TAG" in tok else None,
                  pos=_check_strings("pos", tok["POS"]) if "POS" in tok else None,
                  morphs=morphs,
                  lemmas=_check_strings("lemmas", tok["LEMMA"]) if "LEMMA" in tok else None,
                  heads=heads,
                  deps=_check_strings("deps", deps) if deps is not None else None,
                  sent_starts=sent_starts)
    except ExampleError:
        raise
    except ValueError as e:  # DocError: say where it came from (keeping spaCy's code)
        raise ExampleError(_from_dict_message(e)) from None
    if labels_only is not None:
        doc.from_array(["DEP"], numpy.asarray(
            [[vocab.strings.add(d) if d else 0] for d in labels_only], dtype=numpy.uint64))
    if "NORM" in tok:
        for token, norm in zip(doc, _check_strings("norms", tok["NORM"])):
            if norm:
                token.norm_ = norm
    if doc_annot.get("entities") is not None:
        _set_entities(doc, doc_annot["entities"])
    if "ENT_KB_ID" in tok:
        _set_kb_ids(doc, {i: kb for i, kb in enumerate(tok["ENT_KB_ID"]) if kb})
    if doc_annot.get("links"):
        _set_links(doc, doc_annot["links"])
    cats = doc_annot.get("cats")
    if cats:
        if not isinstance(cats, dict):
            raise ExampleError(f"Example.from_dict: cats must be a dict of label -> score, not "
                               f"{type(cats).__name__}.")
        doc.cats.update(cats)
    if doc_annot.get("spans"):
        _set_spans(doc, doc_annot["spans"])
    return doc


def _set_entities(doc: Doc, ents: Any) -> None:
    if not isinstance(ents, (list, tuple)):
        raise ExampleError("[E973] Example.from_dict: entities must be a list of (start_char, "
                           "end_char, label) offsets, BILUO tags or Spans.")
    if len(ents) == 0:
        doc.set_ents([], default="outside")
        return
    first = ents[0]
    if isinstance(first, Span):
        spans = [e for e in ents if e.label]
        missing = [e for e in ents if not e.label]
        doc.set_ents([Span(doc, s.start, s.end, label=s.label) for s in spans],
                     missing=[Span(doc, s.start, s.end) for s in missing], default="outside")
        return
    if isinstance(first, (list, tuple)):
        _set_entity_offsets(doc, ents)
        return
    ents = list(ents)
    if len(ents) < len(doc):
        # as spaCy: the tags make entities (and missing spans), every other token is "O"
        ents += ["O"] * (len(doc) - len(ents))
    elif len(ents) > len(doc) and all(tag == "O" for tag in ents[len(doc):]):
        del ents[len(doc):]  # trailing "O" tags set nothing (spaCy ignores them too)
    if len(ents) != len(doc):
        raise ExampleError(f"Example.from_dict: {len(doc)} words but {len(ents)} entity tags.")
    # spaCy's strict BILUO reader: a missing tag is ("", i, i), a B- that no L- closes
    # (IOB input) makes no entity, a stray I-/L- raises E067 and anything else E068
    _set_entities(doc, biluo_tags_to_spans(doc, ents))


def _set_entity_offsets(doc: Doc, offsets: Sequence) -> None:
    """Character-offset entities, read through their BILUO tags as spaCy reads them: the
    tokens of an entity off the token boundaries are missing ("-", with warning W030),
    those of an unlabelled one outside, and overlapping labelled ones raise E103."""
    tags = biluo_tags_of_offsets(doc, list(offsets))
    if "-" in tags:
        warn_misaligned_entities(doc, offsets, stacklevel=5)  # from_dict's caller
    _set_entities(doc, biluo_tags_to_spans(doc, tags))


def _set_kb_ids(doc: Doc, kb_by_token: dict[int, str]) -> None:
    if not kb_by_token:
        return
    arr = doc.to_array("ENT_KB_ID").reshape((-1, 1))
    for i, kb in kb_by_token.items():
        arr[i, 0] = doc.vocab.strings.add(kb)
    doc.from_array(["ENT_KB_ID"], arr)


def _set_links(doc: Doc, links: dict) -> None:
    """links: {(start_char, end_char): {kb_id: 1.0, other: 0.0}} -> ENT_KB_ID on the tokens."""
    by_token = {}
    for (start, end), candidates in links.items():
        chosen = [kb for kb, p in candidates.items() if p == 1.0]
        if len(chosen) > 1:
            raise ExampleError(f"Example.from_dict: the link at {(start, end)} has several "
                               f"gold KB ids {chosen}; mark exactly one with 1.0.")
        if not chosen:
            continue
        span = doc.char_span(start, end)
        if span is None:
            raise ExampleError("[E981] "
                               f"Example.from_dict: the link at {(start, end)} doesn't match "
                               "token boundaries.")
        by_token.update({i: chosen[0] for i in range(span.start, span.end)})
    _set_kb_ids(doc, by_token)


def _set_spans(doc: Doc, spans_data: dict) -> None:
    if not isinstance(spans_data, dict):
        raise ExampleError("[E879] Example.from_dict: spans must be a dict of key -> list of "
                           "(start_char, end_char[, label[, kb_id]]).")
    for key, items in spans_data.items():
        spans = []
        for item in items:
            if not isinstance(item, (list, tuple)) or len(item) < 2:
                raise ExampleError(f"[E879] Example.from_dict: span {item!r} under {key!r} is not "
                                   "(start_char, end_char[, label[, kb_id]]).")
            label = item[2] if len(item) > 2 else 0
            kb_id = item[3] if len(item) > 3 else 0
            span = doc.char_span(item[0], item[1], label=label, kb_id=kb_id)
            if span is None:
                raise ExampleError(f"[E855] Example.from_dict: span {item!r} under {key!r} doesn't "
                                   "match token boundaries.")
            spans.append(span)
        doc.spans[key] = spans


def _aligned_spans(doc: Doc, spans: Iterable[Span], align: AlignmentArray,
                   allow_overlap: bool) -> list[Span]:
    seen: set[int] = set()
    out = []
    for span in spans:
        indices = align[span.start:span.end].tolist()
        if not allow_overlap:
            indices = [i for i in indices if i not in seen]
        if not indices:
            continue
        aligned = Span(doc, indices[0], indices[-1] + 1, label=span.label)
        if _squash(aligned.text) == _squash(span.text):
            out.append(aligned)
            seen.update(indices)
    return out


def _squash(text: str) -> str:
    return text.lower().strip().replace(" ", "")


__all__ = ["Alignment", "AlignmentArray", "Example", "annotations_to_doc", "validate_examples",
           "validate_get_examples"]
