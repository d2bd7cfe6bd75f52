"""The CUDA kernels in lexloom/kernels/*.cu, compiled on first use with cupy.RawModule.

Only used when cupy and a GPU are present; every kernel has a CPU twin in csrc/ (the one
lexloom runs without a GPU), and tests compare the two where a GPU exists.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import ModelError


def kernel_dir() -> Path:
    """Installed next to the compiled modules; in a source checkout, the top-level kernels/."""
    from .. import strings

    installed = Path(strings.__file__).parent / "kernels"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "kernels"


def kernel_source(name: str) -> str:
    path = kernel_dir() / f"{name}.cu"
    if not path.exists():
        raise ModelError(f"CUDA kernel source {path} is missing; reinstall lexloom.")
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_module(name: str):
    """The cupy.RawModule for kernels/<name>.cu."""
    try:
        import cupy
    except ImportError:
        raise ModelError("CUDA kernels need cupy: pip install 'lexloom[cuda12x]'.") from None
    return cupy.RawModule(code=kernel_source(name), options=("-std=c++14",))
