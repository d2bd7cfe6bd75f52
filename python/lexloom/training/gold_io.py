"""spaCy v2's JSON training format: Docs to it (`docs_to_json`) and annotation dicts from it
(`read_json_file`, `json_to_annotations`). `converters.json_to_docs` turns it into Docs."""
from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import ConversionError, LexloomWarning
from ..tokens import Doc
from .iob_utils import offsets_to_biluo_tags

_LARGE_FILE = 1 << 30


def docs_to_json(docs: Doc | Iterable[Doc], doc_id: int = 0, ner_missing_tag: str = "O"
                 ) -> dict[str, Any]:
    """One JSON document {"id", "paragraphs"}: each Doc a paragraph of sentences of tokens,
    with the annotation layers the Doc has (tags, POS, morphs, lemmas, heads relative to
    the token, deps, BILUO "ner" tags), its cats, entities and entity links. The Docs need
    sentence boundaries."""
    if isinstance(docs, Doc):
        docs = [docs]
    paragraphs = []
    for doc in docs:
        entities = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        paragraph: dict[str, Any] = {
            "raw": None if doc.has_unknown_spaces else doc.text,
            "sentences": [],
            "cats": [{"label": label, "value": value} for label, value in doc.cats.items()],
            "entities": entities,
            "links": [{(ent.start_char, ent.end_char): {ent.kb_id_: 1.0}}
                      for ent in doc.ents if ent.kb_id_],
        }
        ner = offsets_to_biluo_tags(doc, entities, missing=ner_missing_tag)
        has = {attr: doc.has_annotation(attr) for attr in
               ("TAG", "POS", "MORPH", "LEMMA", "DEP", "ENT_IOB")}
        for sent in doc.sents:
            tokens = []
            for token in sent:
                item: dict[str, Any] = {"id": token.i, "orth": token.text,
                                        "space": token.whitespace_}
                if has["TAG"]:
                    item["tag"] = token.tag_
                if has["POS"]:
                    item["pos"] = token.pos_
                if has["MORPH"]:
                    item["morph"] = str(token.morph)
                if has["LEMMA"]:
                    item["lemma"] = token.lemma_
                if has["DEP"]:
                    item["head"] = token.head.i - token.i
                    item["dep"] = token.dep_
                if has["ENT_IOB"]:
                    item["ner"] = ner[token.i]
                tokens.append(item)
            paragraph["sentences"].append({"tokens": tokens, "brackets": []})
        paragraphs.append(paragraph)
    return {"id": doc_id, "paragraphs": paragraphs}


def read_json_file(loc: str | Path, docs_filter: Callable[[dict], bool] | None = None,
                   limit: int | None = None) -> Iterator[dict]:
    """The example dicts (one per paragraph) of a JSON training file, or of every file in a
    folder (sorted); `docs_filter(json_doc)` False skips a document."""
    path = Path(loc)
    if path.is_dir():
        for child in sorted(path.iterdir()):
            yield from read_json_file(child, docs_filter=docs_filter, limit=limit)
        return
    from ..line_reader import read_text

    for json_doc in _iterate_file(path, read_text(path)):
        if docs_filter is not None and not docs_filter(json_doc):
            continue
        yield from json_to_annotations(json_doc)


def _iterate_file(path: Path, text: str) -> Iterator[dict]:
    """json_iterate over a file's text; malformed JSON raises InputFileError naming the file."""
    from ..errors import InputFileError

    if not text.strip():
        raise InputFileError(f"{path}: the JSON training file is empty; it should hold a list "
                             "of documents (`lexloom convert` writes .spacy files instead).")
    try:
        for json_doc in json_iterate(text):
            if not isinstance(json_doc, dict):
                raise ValueError(f"a document is a JSON {type(json_doc).__name__}, not an object")
            yield json_doc
    except (ValueError, KeyError, TypeError, IndexError) as e:
        raise InputFileError(f"{path}: not a JSON training file (a list of documents with "
                             f"\"paragraphs\"): {e}. Is it truncated?") from None


def json_iterate(utf8_str: bytes | str) -> Iterator[dict]:
    """The documents of a JSON array one at a time, decoded as they are reached."""
    if len(utf8_str) > _LARGE_FILE:
        warnings.warn(f"The JSON training data is {len(utf8_str)} bytes; reading it needs about "
                      "that much memory. Convert it to .spacy files with `lexloom convert`.",
                      LexloomWarning, stacklevel=2)
    text = utf8_str.decode("utf8") if isinstance(utf8_str, bytes) else utf8_str
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    if pos < len(text) and text[pos] == "{":   # a single document, not in an array
        yield decoder.raw_decode(text, pos)[0]
        return
    if pos >= len(text) or text[pos] != "[":
        raise ConversionError("JSON training data must be a list of documents "
                              "([{\"id\": ..., \"paragraphs\": [...]}, ...]).")
    pos = _skip(text, pos + 1)
    while pos < len(text) and text[pos] != "]":
        try:
            item, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            raise ConversionError(f"JSON training data: {e}") from None
        yield item
        pos = _skip(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip(text, pos + 1)


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def json_to_annotations(doc: dict) -> Iterator[dict]:
    """One Example dict per paragraph of a JSON document: {"text", "token_annotation",
    "doc_annotation"}, heads made absolute, a layer included only when some token has it."""
    for paragraph in doc["paragraphs"]:
        cols: dict[str, list] = {k: [] for k in ("ids", "words", "spaces", "tags", "pos",
                                                 "morphs", "lemmas", "heads", "deps",
                                                 "sent_starts")}
        ner: list = []
        brackets: list = []
        for sent in paragraph["sentences"]:
            first = len(cols["words"])
            for i, token in enumerate(sent["tokens"]):
                cols["words"].append(token["orth"])
                cols["spaces"].append(token.get("space"))
                cols["ids"].append(token.get("id", first + i))
                cols["tags"].append(token.get("tag"))
                cols["pos"].append(token.get("pos"))
                cols["morphs"].append(token.get("morph"))
                cols["lemmas"].append(token.get("lemma"))
                cols["heads"].append(token["head"] + first + i if "head" in token else None)
                dep = token.get("dep")
                cols["deps"].append("ROOT" if dep is not None and dep.lower() == "root"
                                    else dep)
                ner.append(token.get("ner"))
                cols["sent_starts"].append(1 if i == 0 else -1)
            brackets.extend((b["first"] + first, b["last"] + first, b["label"])
                            for b in sent.get("brackets", []))
        token_annotation = {k: cols[k] for k in ("ids", "words", "spaces", "sent_starts")}
        token_annotation["brackets"] = brackets
        for key in ("tags", "pos", "morphs", "lemmas", "deps"):
            if any(cols[key]):
                token_annotation[key] = cols[key]
        if any(h is not None for h in cols["heads"]):
            token_annotation["heads"] = cols["heads"]
        yield {
            "text": paragraph.get("raw"),
            "token_annotation": token_annotation,
            "doc_annotation": {
                "cats": {c["label"]: c["value"] for c in paragraph.get("cats", [])},
                "entities": ner,
                "links": paragraph.get("links", []),
            },
        }


__all__ = ["docs_to_json", "json_iterate", "json_to_annotations", "read_json_file"]
