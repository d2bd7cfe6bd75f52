"""Transformer support: Hugging Face models as Thinc layers (model.py), span getters,
annotation setters, the wordpiece alignment (alignment.py, native), the listener layer and
the output types (data.py).

Importing this package loads nothing heavy; its names load their modules (thinc, torch,
transformers) on first use, e.g. `lexloom.transformers.TransformerData`.
`lexloom.transformers.registry` is lexloom's registry, with the `span_getters` and
`annotation_setters` catalogues, as in spacy-transformers.

spacy-transformers' module layout is here too (data_classes, align, truncate, util,
layers.*, pipeline_component, architectures), so code written for it runs with
`import lexloom.transformers as spacy_transformers`.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "TransformerData": "data", "FullTransformerBatch": "data", "WordpieceBatch": "data",
    "ModelOutput": "data", "HFObjects": "data", "TransformerModel": "model",
    "TransformerListener": "listener", "Tok2VecTransformer": "tok2vec",
    "get_doc_spans": "span_getters", "get_sent_spans": "span_getters",
    "null_annotation_setter": "annotation_setters",
}


# spacy-transformers' module names, for `import lexloom.transformers as spacy_transformers`
_SUBMODULES = frozenset({
    "align", "annotation_setters", "architectures", "data_classes", "layers",
    "pipeline_component", "span_getters", "truncate", "util"})


def __getattr__(name: str):
    if name == "registry":
        from ..registry import registry

        return registry
    if name in ("Transformer", "install_extensions"):
        from ..pipeline import transformer

        return getattr(transformer, name)
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lexloom.transformers' has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = ["registry", "Transformer", "install_extensions", *_EXPORTS]


def __dir__() -> list[str]:
    """The lazy names too, so dir() and tab completion list what spacy_transformers offers."""
    return sorted(set(globals()) | set(__all__) | _SUBMODULES)
