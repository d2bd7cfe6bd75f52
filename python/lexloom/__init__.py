"""lexloom: an NLP runtime with a native core.

`import lexloom` loads only the native core, numpy and language data; thinc, torch and
transformers load on first use of a component that needs them.
"""
from __future__ import annotations

import os as _os

from . import errors
from .about import __version__
from .errors import LexloomError

__all__ = ["__version__", "blank", "load", "get_include", "errors", "LexloomError"]


def blank(lang: str, **overrides):
    """An empty pipeline (tokenizer only) for a language code such as "en"."""
    from .language import get_lang_class

    return get_lang_class(lang)(**overrides)


def load(path, *, disable=(), enable=(), exclude=(), config=None):
    """Load a pipeline saved with nlp.to_disk: config.cfg, meta.json, weights. No code in
    the folder runs: configs are text and weights are msgpack."""
    from pathlib import Path

    from .errors import DeserializationError
    from .language import Language
    from .util import load_config

    path = Path(path)
    if not (path / "config.cfg").exists():
        raise DeserializationError(f"{path} is not a lexloom pipeline folder: no config.cfg. "
                                   "Save one with nlp.to_disk(path).")
    cfg = load_config(path / "config.cfg", overrides=dict(config or {}))
    nlp = Language.from_config(cfg, disable=disable, enable=enable, exclude=exclude)
    return nlp.from_disk(path, exclude=exclude)


def get_include() -> str:
    """The folder with lexloom's C++ headers (lexloom/*.hh) and Cython .pxd files
    (lexloom/*.pxd): add it to the include path of an extension that cimports lexloom."""
    from . import strings  # a compiled module: the headers are installed beside it

    return _os.path.join(_os.path.dirname(strings.__file__), "include")
