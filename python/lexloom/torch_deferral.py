"""Keep torch out of processes that never run a torch model.

thinc imports torch as it is itself imported, whenever torch is installed: about 200 MB of
resident memory and a second of start-up in every process that loads any pipeline, though
only transformer components use torch. `install()` (run by `import lexloom`) hides torch
while `thinc.compat` executes, so thinc starts as it does where torch is absent; when torch
is imported later (a transformer component, or the user's own code), the thinc modules
already loaded are told, with the values thinc itself would have computed. Where torch is
imported before thinc, nothing changes.

thinc's fix_random_seed seeds torch only where thinc knew of torch when it was called, so
the seed it got while torch was deferred is kept and given to torch as torch arrives: a
model with torch layers (TorchBiLSTMEncoder, a transformer's dropout) built after
fix_random_seed(n) starts from the torch state it would have had in spaCy.
"""
from __future__ import annotations

import functools
import importlib.abc
import sys
from typing import Optional

__all__ = ["install"]


def _is_torch(name: str) -> bool:
    return name == "torch" or name.startswith("torch.")


class _HideTorch(importlib.abc.MetaPathFinder):
    """On sys.meta_path only while thinc.compat executes: `import torch` fails there as if
    torch were not installed, which thinc.compat handles."""

    def find_spec(self, name, path=None, target=None):
        if _is_torch(name):
            raise ImportError("torch is imported on first use (lexloom.torch_deferral)",
                              name=name)
        return None


class _Loader(importlib.abc.Loader):
    """The real loader of a module, with something run around its execution."""

    def __init__(self, loader, around):
        self.loader = loader
        self.around = around

    def __getattr__(self, name):  # get_resource_reader, is_package, get_source, ...
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.around(lambda: self.loader.exec_module(module))


def _exec_hiding_torch(execute) -> None:
    hide = _HideTorch()
    sys.meta_path.insert(0, hide)
    try:
        execute()
    finally:
        sys.meta_path.remove(hide)


# The seed of the last fix_random_seed call made while torch was deferred (None: none, or
# torch was there to take it).
_pending_seed: Optional[int] = None


def _exec_then_wrap_util(execute) -> None:
    """Run thinc.util, then wrap (before thinc.api and thinc.backends import them by name)
    its fix_random_seed, so the seed is kept for torch, and its assert_pytorch_installed,
    so what needs torch (set_gpu_allocator("pytorch"), torch2xp) imports it first."""
    execute()
    util = sys.modules.get("thinc.util")
    _import_torch_where_asserted(util)
    original = getattr(util, "fix_random_seed", None)
    if original is None or getattr(original, "_lexloom_keeps_seed", False):
        return

    @functools.wraps(original)
    def fix_random_seed(seed: int = 0) -> None:
        global _pending_seed
        original(seed)
        compat = sys.modules.get("thinc.compat")
        deferred = compat is not None and getattr(compat, "torch", None) is None
        _pending_seed = seed if deferred else None

    fix_random_seed._lexloom_keeps_seed = True
    util.fix_random_seed = fix_random_seed


def _import_torch_where_asserted(util) -> None:
    original = getattr(util, "assert_pytorch_installed", None)
    if original is None or getattr(original, "_lexloom_imports_torch", False):
        return

    @functools.wraps(original)
    def assert_pytorch_installed() -> None:
        compat = sys.modules.get("thinc.compat")
        if compat is not None and getattr(compat, "torch", None) is None:
            try:
                import torch  # noqa: F401  (thinc is told as it arrives)
            except ImportError:
                pass   # not installed: thinc's own error follows
        original()

    assert_pytorch_installed._lexloom_imports_torch = True
    util.assert_pytorch_installed = assert_pytorch_installed


def _seed_arriving_torch(torch, compat, cuda: bool) -> None:
    """What thinc's fix_random_seed does to torch, for the seed it got before torch came."""
    global _pending_seed
    seed, _pending_seed = _pending_seed, None
    if seed is None:
        return
    torch.manual_seed(seed % 0xFFFF_FFFF_FFFF_FFFF)
    if getattr(compat, "has_cupy_gpu", False) and cuda:
        torch.cuda.manual_seed_all(seed)
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False


def _exec_then_tell_thinc(execute) -> None:
    execute()
    compat = sys.modules.get("thinc.compat")
    if compat is not None and getattr(compat, "torch", None) is None:
        _tell_thinc_about_torch(compat)


def _tell_thinc_about_torch(compat) -> None:
    """Give every loaded thinc module the torch globals thinc.compat computes when it finds
    torch at import."""
    import torch
    import torch.utils.dlpack  # noqa: F401  (thinc.compat imports it too)
    from packaging.version import Version

    version = Version(str(torch.__version__))
    mps = hasattr(torch.backends, "mps") and torch.backends.mps.is_built()
    cuda = torch.cuda.device_count() != 0
    values = {
        "torch": torch,
        "has_torch": True,
        "has_torch_cuda_gpu": cuda,
        "has_torch_gpu": cuda,
        "has_torch_mps": mps,
        "has_torch_mps_gpu": mps and torch.backends.mps.is_available(),
        "torch_version": version,
        "has_torch_amp": (version >= Version("1.9.0")
                          and not torch.cuda.amp.common.amp_definitely_not_available()),
    }
    values["has_gpu"] = bool(getattr(compat, "has_cupy_gpu", False) or values["has_torch_mps_gpu"])
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "thinc" or name.startswith("thinc.")):
            continue
        for key, value in values.items():
            if key in vars(module):
                setattr(module, key, value)
    _seed_arriving_torch(torch, compat, cuda)
    _follow_active_gpu(torch, cuda)


def _follow_active_gpu(torch, cuda: bool) -> None:
    """thinc's require_gpu(n) puts torch on GPU n only where it knew of torch; with torch
    arriving later, put it on the GPU cupy is using now."""
    backends = sys.modules.get("thinc.backends")
    if not cuda or backends is None:
        return
    if type(backends.get_current_ops()).__name__ == "CupyOps":
        import cupy

        torch.cuda.set_device(cupy.cuda.Device().id)


class _DeferTorch(importlib.abc.MetaPathFinder):
    """Wraps the loaders of thinc.compat (hide torch while it runs, unless torch is loaded
    already), of thinc.util (keep fix_random_seed's seed for torch, import torch where
    thinc asserts it) and of torch (tell thinc afterwards)."""

    def find_spec(self, name, path=None, target=None):
        if name == "thinc.compat":
            if "torch" in sys.modules:
                return None
            around = _exec_hiding_torch
        elif name == "thinc.util":
            if "torch" in sys.modules:
                return None
            around = _exec_then_wrap_util
        elif name == "torch":
            around = _exec_then_tell_thinc
        else:
            return None
        spec = self._real_spec(name, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _Loader(spec.loader, around)
        return spec

    def _real_spec(self, name, path, target) -> Optional[object]:
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                return spec
        return None


def install() -> None:
    """Put the deferral in front of the import system once; a no-op where thinc is already
    imported (it has found torch or not by then)."""
    if "thinc.compat" in sys.modules:
        return
    if not any(isinstance(finder, _DeferTorch) for finder in sys.meta_path):
        sys.meta_path.insert(0, _DeferTorch())
