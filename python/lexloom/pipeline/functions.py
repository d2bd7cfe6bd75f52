"""Rule components that retokenize or clean Docs (spaCy's pipeline functions):
merge_noun_chunks, merge_entities, merge_subtokens, token_splitter and doc_cleaner.

The merges go through Doc.retokenize() as one batch per Doc; the spans to merge are read
from the Doc's arrays, not built token by token.
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy

from ..attrs import DEP, LENGTH
from ..errors import DeserializationError, LexloomWarning, PipelineError, Warnings
from .pipe import register_factory


def _register_component(name: str, **meta):
    """@Language.component(name, **meta), imported late (see pipe.register_factory)."""
    from ..language import Language

    return Language.component(name, **meta)


def _merge_all(doc, starts, ends):
    """Merge every [starts[k], ends[k]) range of `doc` in one retokenize() batch. Each merged
    token takes its span root's tag and dep, as the components' attrs ask in spaCy."""
    if len(starts):
        with doc.retokenize() as retokenizer:
            retokenizer._merge_ranges(starts, ends)
    return doc


@_register_component("merge_noun_chunks", requires=["token.dep", "token.tag", "token.pos"],
                     retokenizes=True)
def merge_noun_chunks(doc):
    """Merge noun chunks into a single token."""
    if not doc.has_annotation("DEP"):
        return doc
    chunks = [(np.start, np.end) for np in doc.noun_chunks]
    return _merge_all(doc, [s for s, _ in chunks], [e for _, e in chunks])


@_register_component("merge_entities", requires=["doc.ents", "token.ent_iob", "token.ent_type"],
                     retokenizes=True)
def merge_entities(doc):
    """Merge entities into a single token (it keeps the entity's label as ENT_TYPE)."""
    if len(doc):
        with doc.retokenize() as retokenizer:
            retokenizer._merge_entities()
    return doc


@_register_component("merge_subtokens", requires=["token.dep"], retokenizes=True)
def merge_subtokens(doc, label: str = "subtok"):
    """Merge each run of tokens labelled `label` together with the token after it (what
    spaCy's Matcher pattern [{"DEP": label, "op": "+"}] plus filter_spans selects). A Doc
    with no dependency labels raises, as in spaCy: without a parser nothing could merge."""
    n = len(doc)
    if n == 0:
        return doc
    if not doc.has_annotation("DEP"):
        raise PipelineError(
            "[E155] merge_subtokens merges tokens by their dependency label, but this Doc has none "
            "(no token.dep is set). Put a parser before merge_subtokens in the pipeline, or "
            "remove merge_subtokens.")
    is_sub = doc.to_array(DEP) == doc.vocab.strings[label]
    edges = numpy.diff(numpy.concatenate(([0], is_sub.astype(numpy.int8), [0])))
    starts = numpy.flatnonzero(edges == 1)
    ends = numpy.minimum(numpy.flatnonzero(edges == -1) + 1, n)
    return _merge_all(doc, starts, ends)


class TokenSplitter:
    """Split every token of at least `min_length` characters into pieces of `split_length`
    characters (each piece its own head), e.g. to keep long strings from a transformer."""

    def __init__(self, min_length: int = 0, split_length: int = 0):
        self.min_length = min_length
        self.split_length = split_length

    def __call__(self, doc):
        if self.min_length > 0 and self.split_length > 0 and len(doc):
            long = numpy.flatnonzero(doc.to_array(LENGTH) >= self.min_length)
            if len(long):
                with doc.retokenize() as retokenizer:
                    for i in long.tolist():
                        token = doc[i]
                        text = token.text
                        step = self.split_length
                        orths = [text[j:j + step] for j in range(0, len(text), step)]
                        heads = [(token, k) for k in range(len(orths))]
                        retokenizer.split(token, orths, heads)
        return doc

    def _get_config(self) -> dict[str, Any]:
        return {"min_length": self.min_length, "split_length": self.split_length}

    def _set_config(self, config: dict[str, Any]) -> None:
        self.min_length = config.get("min_length", 0)
        self.split_length = config.get("split_length", 0)

    def to_bytes(self, **kwargs) -> bytes:
        return _cfg_to_bytes(self._get_config())

    def from_bytes(self, data: bytes, **kwargs) -> "TokenSplitter":
        self._set_config(_cfg_from_bytes(data, "TokenSplitter"))
        return self

    def to_disk(self, path, **kwargs) -> Path:
        return _cfg_to_disk(path, self._get_config())

    def from_disk(self, path, **kwargs) -> "TokenSplitter":
        self._set_config(_cfg_from_disk(path))
        return self


class DocCleaner:
    """Set Doc attributes to fixed values, e.g. drop `tensor` and `_.trf_data` to save memory
    once the components that need them have run. Dotted names reach into attributes."""

    def __init__(self, attrs: dict[str, Any], *, silent: bool = True):
        self.cfg: dict[str, Any] = {"attrs": dict(attrs), "silent": silent}

    def __call__(self, doc):
        silent = self.cfg["silent"]
        for attr, value in self.cfg["attrs"].items():
            obj = doc
            parts = attr.split(".")
            reachable = True
            for part in parts[:-1]:
                if hasattr(obj, part):
                    obj = getattr(obj, part)
                else:
                    reachable = False
                    if not silent:
                        warnings.warn(Warnings.W116.format(attr=attr), LexloomWarning)
            if reachable:
                if hasattr(obj, parts[-1]):
                    setattr(obj, parts[-1], value)
                elif not silent:
                    warnings.warn(Warnings.W116.format(attr=attr), LexloomWarning)
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return _cfg_to_bytes(self.cfg)

    def from_bytes(self, data: bytes, **kwargs) -> "DocCleaner":
        self.cfg.update(_cfg_from_bytes(data, "DocCleaner"))
        return self

    def to_disk(self, path, **kwargs) -> Path:
        return _cfg_to_disk(path, self.cfg)

    def from_disk(self, path, **kwargs) -> "DocCleaner":
        self.cfg.update(_cfg_from_disk(path))
        return self


# spaCy's layout: to_bytes is msgpack {"cfg": <json string>}; to_disk writes <path>/cfg (JSON).
def _cfg_to_bytes(cfg: dict) -> bytes:
    import srsly

    return srsly.msgpack_dumps({"cfg": srsly.json_dumps(cfg)})


def _cfg_from_bytes(data: bytes, owner: str) -> dict:
    import srsly

    try:
        msg = srsly.msgpack_loads(data)
        cfg = srsly.json_loads(msg["cfg"]) if "cfg" in msg else {}
    except (ValueError, TypeError, KeyError) as e:
        raise DeserializationError(f"{owner}.from_bytes: the data is not a serialised "
                                   f"{owner} ({type(e).__name__}: {e}).") from None
    if not isinstance(cfg, dict):
        raise DeserializationError(f"{owner}.from_bytes: cfg is not a dict.")
    return cfg


def _cfg_to_disk(path, cfg: dict) -> Path:
    """Write <path>/cfg; returns the folder, as spaCy's util.to_disk does."""
    import srsly

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    srsly.write_json(path / "cfg", cfg)
    return path


def _cfg_from_disk(path) -> dict:
    from ..line_reader import read_json

    file = Path(path) / "cfg"
    if not file.exists():
        raise DeserializationError(f"{file} is missing: the component's settings file.")
    cfg = read_json(file, what="component settings file")
    if not isinstance(cfg, dict):
        raise DeserializationError(f"{file} does not hold a JSON object.")
    return cfg


@register_factory("token_splitter", default_config={"min_length": 25, "split_length": 10},
                  retokenizes=True)
def make_token_splitter(nlp, name: str, *, min_length: int = 0,
                        split_length: int = 0) -> TokenSplitter:
    return TokenSplitter(min_length=min_length, split_length=split_length)


@register_factory("doc_cleaner",
                  default_config={"attrs": {"tensor": None, "_.trf_data": None}, "silent": True})
def make_doc_cleaner(nlp, name: str, *, attrs: dict[str, Any], silent: bool) -> DocCleaner:
    return DocCleaner(attrs, silent=silent)
