"""Python and platform compatibility names, as spacy.compat offers them. cupy and thinc are
imported on first use of the names that need them, so importing this module stays cheap."""
from __future__ import annotations

import copyreg as copy_reg  # noqa: F401 (re-exported)
import importlib.metadata as importlib_metadata  # noqa: F401
import pickle  # noqa: F401 (spacy.compat's name; pickling Docs etc. in memory, never saved weights)
import sys
from typing import Any, Literal, Protocol, runtime_checkable  # noqa: F401 (re-exported)

is_windows = sys.platform.startswith("win")
is_linux = sys.platform.startswith("linux")
is_osx = sys.platform == "darwin"

_LAZY = ("CudaStream", "cupy", "copy_array", "Optimizer")


def _cupy() -> Any:
    try:
        import cupy
    except ImportError:
        return None
    return cupy


def __getattr__(name: str) -> Any:
    """cupy (None without it), cupy's CUDA Stream class (None without cupy), thinc's
    copy_array and Optimizer: loaded when first asked for."""
    if name == "cupy":
        value = _cupy()
    elif name == "CudaStream":
        cupy = _cupy()
        value = cupy.cuda.stream.Stream if cupy is not None else None
    elif name == "copy_array":
        from thinc.util import copy_array as value
    elif name == "Optimizer":
        from thinc.api import Optimizer as value
    else:
        raise AttributeError(f"module 'lexloom.compat' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
