"""Thinc layers and model architectures: hashed embeddings, feature extraction, the Tok2Vec
family, the parser's model, the architectures of ml.models. The modules here import thinc
(slow), so this package imports none of them itself: `import lexloom` and `lexloom.blank`
never load thinc. spaCy's names here (everything of ml.models, the layers, `callbacks`...)
are imported on first use, by module __getattr__. Code that builds models from configs calls
`ensure_registered()` first, so every architecture name resolves.
"""
from __future__ import annotations

import importlib
import importlib.util

# Submodules spaCy's spacy.ml offers as attributes; ml.models' own go through it.
# (extract_ngrams and extract_spans are not among them: spaCy's names are the functions,
# which ml.models puts here when it is imported.)
_SUBMODULES = ("models", "callbacks", "featureextractor", "staticvectors", "tb_framework",
               "parser_model", "_character_embed", "_precomputable_affine")


def __getattr__(name: str):
    if name.startswith("_") and name not in _SUBMODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in ("extract_ngrams", "extract_spans"):
        from . import models  # noqa: F401  (sets them here: the functions)

        return globals()[name]
    if name == "create_models_with_nvtx_range":
        from .callbacks import create_models_with_nvtx_range

        return create_models_with_nvtx_range
    if importlib.util.find_spec(f"{__name__}.{name}") is not None:
        # any other submodule: `from . import cuda_kernels` inside a module that ml.models
        # itself imports would otherwise import ml.models half-way through that module
        return importlib.import_module(f".{name}", __name__)
    from . import models

    return getattr(models, name)


def __dir__() -> list:
    from . import models

    return sorted(set(globals()) | set(_SUBMODULES) | {"create_models_with_nvtx_range"}
                  | set(dir(models)))


def ensure_registered() -> None:
    """Import the layer modules, registering their functions under their `lexloom.*` names
    and the `spacy.*` names spaCy configs use. Idempotent and cheap after the first call."""
    from . import (  # noqa: F401  # noqa: F401
        attr_serialization,
        callbacks,
        charembed,
        extract_ngrams,
        extract_spans,
        featureextractor,
        hashembed,
        models,
        staticvectors,
    )


__all__ = ["callbacks", "create_models_with_nvtx_range", "ensure_registered", "models"]
