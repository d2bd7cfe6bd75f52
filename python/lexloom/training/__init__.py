"""Training: Examples, corpora, batchers, augmenters, the loop, converters (spaCy's
`spacy.training` API)."""
from __future__ import annotations

import importlib

from .alignment import Alignment
from .example import Example, validate_examples, validate_get_examples

# Corpus readers, batchers, loggers and the loop import thinc: loaded on first use.
_LAZY = {"Corpus": "corpus", "JsonlCorpus": "corpus", "PlainTextCorpus": "corpus",
         "train": "loop", "init_nlp": "initialize", "batch_by_words": "batchers",
         "batch_by_sequence": "batchers", "batch_by_padded": "batchers",
         "minibatch_by_words": "batchers", "minibatch_by_padded_size": "batchers",
         "convert_vectors": "vectors", "read_vectors": "vectors", "init_vectors": "vectors",
         "load_vectors_into_model": "initialize", "console_logger": "loggers",
         "create_copy_from_base_model": "callbacks", "docs_to_json": "gold_io",
         "read_json_file": "gold_io", "dont_augment": "augment",
         "orth_variants_augmenter": "augment"}
_LAZY.update(dict.fromkeys(["iob_to_biluo", "biluo_to_iob", "offsets_to_biluo_tags",
                            "biluo_tags_to_offsets", "biluo_tags_to_spans", "tags_to_entities",
                            "split_bilu_label", "remove_bilu_prefix"], "iob_utils"))
# Submodules reachable as attributes (`spacy.training.loop`), as after spaCy's imports.
_SUBMODULES = ("align", "alignment", "alignment_array", "augment", "batchers", "callbacks",
               "converters", "corpus", "example", "gold_io", "initialize", "iob_utils",
               "loggers", "loop", "optimizers", "pretrain")


def ensure_registered() -> None:
    """Register the readers, batchers, loggers, augmenters, callbacks and optimizers configs
    name (spacy.Corpus.v1, spacy.lower_case.v1, Adam.v1, ...)."""
    from . import augment, batchers, callbacks, corpus, external_loggers, loggers  # noqa: F401
    from . import optimizers  # noqa: F401


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | set(_SUBMODULES))


__all__ = ["Alignment", "Corpus", "Example", "JsonlCorpus", "PlainTextCorpus",
           "biluo_tags_to_offsets", "biluo_tags_to_spans", "biluo_to_iob",
           "create_copy_from_base_model", "docs_to_json", "dont_augment", "iob_to_biluo",
           "minibatch_by_padded_size", "minibatch_by_words", "offsets_to_biluo_tags",
           "orth_variants_augmenter", "read_json_file", "remove_bilu_prefix",
           "split_bilu_label", "tags_to_entities", "validate_examples", "validate_get_examples"]
