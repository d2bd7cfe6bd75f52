"""Training data: converters from CoNLL-U / IOB / CoNLL NER files to `.spacy` DocBins."""
from __future__ import annotations

from .example import Example

# Corpus readers, batchers, loggers and the loop import thinc: loaded on first use.
_LAZY = {"Corpus": "corpus", "JsonlCorpus": "corpus", "PlainTextCorpus": "corpus",
         "train": "loop", "init_nlp": "initialize", "batch_by_words": "batchers",
         "batch_by_sequence": "batchers", "batch_by_padded": "batchers",
         "convert_vectors": "vectors", "read_vectors": "vectors", "init_vectors": "vectors",
         "load_vectors_into_model": "initialize"}
_LAZY.update(dict.fromkeys(["iob_to_biluo", "biluo_to_iob", "offsets_to_biluo_tags",
                            "biluo_tags_to_offsets", "biluo_tags_to_spans"], "iob_utils"))


def ensure_registered() -> None:
    """Register the readers, batchers and loggers configs name (spacy.Corpus.v1, ...)."""
    from . import batchers, corpus, loggers  # noqa: F401


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
