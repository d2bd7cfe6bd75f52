"""lexloom: an NLP runtime with a native core.

`import lexloom` loads only the native core, numpy and language data; thinc, torch and
transformers load on first use of a component that needs them. spaCy's top-level names
(Language, Vocab, Example, registry, explain, the submodules...) are all here; the ones that
cost an import are loaded when first used (PEP 562).
"""
from __future__ import annotations

import importlib as _importlib
import os as _os
import sys as _sys
import types as _types
from typing import Any as _Any

from . import torch_deferral as _torch_deferral

_torch_deferral.install()

from . import errors
from .about import __version__
from .errors import Errors, LexloomError, setup_default_warnings
from .glossary import explain

setup_default_warnings()


class _Package(_types.ModuleType):
    """lexloom.registry is the registry class, as spacy.registry is, although the class lives
    in the submodule lexloom.registry: importing that submodule would otherwise bind the
    module object here."""

    def __setattr__(self, name: str, value: _Any) -> None:
        if name == "registry" and isinstance(value, _types.ModuleType):
            value = value.registry
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package

# Submodules, imported on first attribute access (lexloom.util, lexloom.tokens, ...).
_SUBMODULES = frozenset((
    "about", "attrs", "cli", "compat", "displacy", "errors", "git_info", "glossary", "kb",
    "lang", "language", "lexeme", "lookups", "matcher", "ml", "morphology", "parts_of_speech",
    "pipe_analysis", "pipeline", "registrations", "schemas", "scorer", "strings", "symbols",
    "tokenizer", "tokens", "training", "ty", "util", "vectors", "vocab",
))
# Names defined in a submodule: name -> module it comes from.
_LAZY_NAMES = {
    "Language": "language",
    "Vocab": "vocab",
    "Example": "training",
    "registry": "registry",
    "logger": "util",
    "populate_registry": "registrations",
    "REGISTRY_POPULATED": "registrations",
    "ConfigSchema": "schemas",
    "ConfigSchemaInit": "schemas",
    "ConfigSchemaNlp": "schemas",
    "ConfigSchemaPretrain": "schemas",
    "ConfigSchemaTraining": "schemas",
}

# The public names: those loaded above, the lazy ones and the submodules.
__all__ = [
    "REGISTRY_POPULATED",
    "Config",
    "ConfigSchema",
    "ConfigSchemaInit",
    "ConfigSchemaNlp",
    "ConfigSchemaPretrain",
    "ConfigSchemaTraining",
    "Errors",
    "Example",
    "Language",
    "LexloomError",
    "Vocab",
    "__version__",
    "about",
    "attrs",
    "blank",
    "cli",
    "compat",
    "displacy",
    "errors",
    "explain",
    "get_include",
    "git_info",
    "glossary",
    "info",
    "kb",
    "lang",
    "language",
    "lexeme",
    "load",
    "logger",
    "lookups",
    "matcher",
    "ml",
    "morphology",
    "parts_of_speech",
    "pipe_analysis",
    "pipeline",
    "populate_registry",
    "prefer_gpu",
    "registrations",
    "registry",
    "require_cpu",
    "require_gpu",
    "schemas",
    "scorer",
    "set_gpu_allocator",
    "setup_default_warnings",
    "strings",
    "symbols",
    "tokenizer",
    "tokens",
    "training",
    "ty",
    "util",
    "vectors",
    "vocab",
]


def __getattr__(name: str) -> _Any:
    """Submodules and the names that live in them, imported when first asked for."""
    if name in _SUBMODULES:
        value = _import_submodule(name)
    elif name in _LAZY_NAMES:
        value = getattr(_import_submodule(_LAZY_NAMES[name], name), name)
        if name == "REGISTRY_POPULATED":  # a flag that changes: always read it fresh
            return value
    elif name == "Config":
        from confection import Config as value
    else:
        raise AttributeError(f"module 'lexloom' has no attribute {name!r}")
    globals()[name] = value
    return value


def _import_submodule(module: str, name: str | None = None) -> _Any:
    """lexloom.<module>; a submodule this install lacks is an AttributeError (as for any
    missing attribute), not an import error from deep inside."""
    try:
        return _importlib.import_module(f"{__name__}.{module}")
    except ModuleNotFoundError as e:
        if e.name != f"{__name__}.{module}":
            raise
        raise AttributeError(f"module 'lexloom' has no attribute {name or module!r} "
                             f"(lexloom.{module} is not available)") from None


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def blank(name: str, *, vocab: _Any = True, config: _Any = None, meta: dict | None = None):
    """An empty pipeline (tokenizer only) for a language code such as "en" (or "eng").
    `config` (nested or dotted keys) overrides the language's default config."""
    from .util import dot_to_dict, get_lang_class

    cls = get_lang_class(name)
    if not config:  # the common case builds without resolving a config (no thinc import)
        return cls(vocab=vocab, meta=meta if meta is not None else {})  # as from_config
    return cls.from_config(dot_to_dict(dict(config)), vocab=vocab, meta=meta or {})


def load(name, *, vocab=True, disable=(), enable=(), exclude=(), config=None):
    """Load a pipeline: an installed package by name ("en_core_web_sm", found without
    importing it), a folder saved with nlp.to_disk, or "blank:en". `disable`d components are
    loaded but don't run, `exclude`d ones aren't loaded, `enable` disables all others;
    `config` overrides settings ({"components.ner.moves": ...}). No code in the package or
    folder runs: configs are text and weights are msgpack."""
    from .loading import load_model

    return load_model(name, vocab=vocab, disable=disable, enable=enable, exclude=exclude,
                      config=config)


def info(model=None, *, markdown=False, silent=True, exclude=None, url=False):
    """Info about lexloom, or about an installed or saved pipeline (its meta.json). `url`
    (a download link for the pipeline) needs the network, which lexloom never uses to
    load pipelines: it raises, naming the alternatives."""
    from .loading import info as _info

    if url:
        raise errors.PipelineNotFoundError(
            "info(url=True) looks up download links online; lexloom loads pipelines only "
            "from installed packages and folders. Install the package with pip, or pass a "
            "saved pipeline folder to lexloom.load().")
    return _info(model, markdown=markdown, silent=silent, exclude=exclude)


def get_include() -> str:
    """The folder with lexloom's C++ headers (lexloom/*.hh) and Cython .pxd files
    (lexloom/*.pxd): add it to the include path of an extension that cimports lexloom."""
    from . import strings  # a compiled module: the headers are installed beside it

    return _os.path.join(_os.path.dirname(strings.__file__), "include")


def require_gpu(gpu_id: int = 0) -> bool:
    """Run models on GPU `gpu_id` (thinc's CupyOps; torch on the same device); raises when
    no GPU can be used."""
    from thinc.api import require_gpu as _require_gpu

    try:
        return _require_gpu(gpu_id)
    except (ValueError, ImportError) as e:
        raise errors.GPUError(f"No usable GPU {gpu_id} ({e}). require_gpu needs a CUDA GPU, "
                              "cupy (pip install 'lexloom[cuda12x]') and a CUDA build of "
                              "torch; use prefer_gpu() to fall back to the CPU.") from None


def prefer_gpu(gpu_id: int = 0) -> bool:
    """Use GPU `gpu_id` if one is usable; returns whether it is (else the CPU is used)."""
    from thinc.api import prefer_gpu as _prefer_gpu

    try:
        return bool(_prefer_gpu(gpu_id))
    except (ValueError, ImportError):
        return False


def require_cpu() -> bool:
    """Run models on the CPU again."""
    from thinc.api import require_cpu as _require_cpu

    return _require_cpu()


def set_gpu_allocator(allocator: str) -> None:
    """Route cupy's GPU allocations through "pytorch" (or "tensorflow"), so one memory pool
    serves both and they don't run each other out of memory."""
    if allocator not in ("pytorch", "tensorflow"):
        raise errors.ConfigError(f"set_gpu_allocator takes 'pytorch' or 'tensorflow', not "
                                 f"{allocator!r}.")
    from thinc.api import set_gpu_allocator as _set_gpu_allocator

    _set_gpu_allocator(allocator)
