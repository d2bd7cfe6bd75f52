"""spaCy v2's JSON training format -> Docs."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...tokens import Doc
from ..example import _guess_spaces, _normalize_dict, annotations_to_doc
from ..gold_io import json_iterate, json_to_annotations


def json_to_docs(input_data: str | bytes | list | dict, model: str | None = None,
                 **kwargs: Any) -> Iterator[Doc]:
    """One Doc per paragraph of JSON training data: a file's text, or the data docs_to_json
    returns (one document or a list). The Docs use the vocab of the pipeline `model` (a
    blank multi-language one by default). Other keyword arguments (the options of the other
    converters) are ignored."""
    from ... import blank, load

    if model is None:
        nlp = blank("xx")
    else:  # a pipeline's name or path, or a loaded pipeline
        nlp = model if hasattr(model, "vocab") else load(model)
    if isinstance(input_data, (str, bytes)):
        json_docs: Any = json_iterate(input_data)
    else:
        json_docs = [input_data] if isinstance(input_data, dict) else input_data
    for json_doc in json_docs:
        for example in json_to_annotations(json_doc):
            example["doc_annotation"]["links"] = _links(example["doc_annotation"]["links"])
            tok, doc_annot, text = _normalize_dict(example)
            spaces = tok.get("SPACY")
            if spaces is None or any(s is None for s in spaces):
                if text is not None:
                    tok["SPACY"] = _guess_spaces(text, tok.get("ORTH", []))
                else:  # no "raw" text: the spaces are unknown (doc.has_unknown_spaces), as
                    # in spaCy, and scorers leave tokenization unscored
                    tok.pop("SPACY", None)
            yield annotations_to_doc(nlp.vocab, tok, doc_annot)


def _links(links: Any) -> dict:
    """docs_to_json writes links as a list of {(start, end): {kb_id: 1.0}}: merge them."""
    if isinstance(links, dict):
        return links
    merged: dict = {}
    for item in links or []:
        merged.update(item)
    return merged


__all__ = ["json_to_docs"]
