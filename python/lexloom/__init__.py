"""lexloom: an NLP runtime with a native core.

`import lexloom` loads only the native core, numpy and language data; thinc, torch and
transformers load on first use of a component that needs them.
"""
from __future__ import annotations

import os as _os

from . import torch_deferral as _torch_deferral

_torch_deferral.install()

from . import errors  # noqa: E402
from .about import __version__  # noqa: E402
from .errors import LexloomError  # noqa: E402

__all__ = ["__version__", "blank", "load", "info", "get_include", "errors", "LexloomError",
           "require_gpu", "prefer_gpu", "set_gpu_allocator", "require_cpu"]


def blank(lang: str, **overrides):
    """An empty pipeline (tokenizer only) for a language code such as "en"."""
    from .language import get_lang_class

    return get_lang_class(lang)(**overrides)


def load(name, *, vocab=True, disable=(), enable=(), exclude=(), config=None):
    """Load a pipeline: an installed package by name ("en_core_web_sm", found without
    importing it), a folder saved with nlp.to_disk, or "blank:en". `disable`d components are
    loaded but don't run, `exclude`d ones aren't loaded, `enable` disables all others;
    `config` overrides settings ({"components.ner.moves": ...}). No code in the package or
    folder runs: configs are text and weights are msgpack."""
    from .loading import load_model

    return load_model(name, vocab=vocab, disable=disable, enable=enable, exclude=exclude,
                      config=config)


def info(model=None, *, markdown=False, silent=True, exclude=None):
    """Info about lexloom, or about an installed or saved pipeline (its meta.json)."""
    from .loading import info as _info

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
        raise LexloomError(f"No usable GPU {gpu_id} ({e}). require_gpu needs a CUDA GPU, "
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
