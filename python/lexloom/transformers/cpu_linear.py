"""float32 CPU inference of a torch model's nn.Linear layers through lexloom's products
(lexloom.blas.linear: the BLAS numpy links, OpenBLAS in numpy's wheels, or lexloom's AVX-512
kernel on packed weights) instead of torch's own (MKL in the PyPI builds).

About three quarters of a BERT-style encoder's CPU time is its Linear layers. On CPUs where
MKL does not pick its best kernels (AMD's, for one) OpenBLAS multiplies faster; on CPUs with
AVX-512, lexloom's kernel reading weights packed once per layer is faster than both (about
twice OpenBLAS's rate on a Zen 5 core). So lexloom times torch's product against its own
(packed where the CPU has the kernel) once per process on the model's largest Linear shape
and keeps the faster (`LEXLOOM_CPU_LINEAR`: "auto", the default; "packed", "blas" (numpy's
BLAS) or "torch" to force one). All compute the same float32 products; only the order of
the additions differs (results agree to float tolerance).

The packed copies (blas.pack) are kept per layer, as much memory again as the Linear
weights, and packed again when the weight tensor, its storage or its version counter
changes, or when a sample of its values does (as lexloom's other packed weights): an edit of
a few single values through `.data` or a numpy view moves no version counter and may go
unseen; "blas" reads the weights on every call.

"auto" keeps torch's layers when torch computes on several threads: the two thread pools
used in turns took the cores from each other (2-3x slower at 2 threads). Used only for
float32 inference on CPU tensors without autograd: training, GPU, bfloat16 and int8 keep
torch's layers.
"""
from __future__ import annotations

import os
import threading
import time
import weakref
from contextlib import contextmanager
from functools import partial
from typing import Iterator

from ..errors import ConfigError

CHOICES = ("auto", "packed", "blas", "torch")

# "auto"'s verdict per (out, in) weight shape, measured once per process: "torch", "blas" or
# "packed"
_FASTER: dict[tuple[int, int], str] = {}
# id(model) -> (blocks in use, the layers swapped to the BLAS) for models inside blas_linears
_PATCHED: dict[int, tuple[int, list]] = {}
_LOCK = threading.RLock()  # _FASTER's measurement, _PATCHED and the swaps
# layer -> _Packed: its weights packed for the AVX-512 kernel, kept while the layer lives
_PACKED: "weakref.WeakKeyDictionary[object, _Packed]" = weakref.WeakKeyDictionary()


def linear_backend() -> str:
    """LEXLOOM_CPU_LINEAR: "auto" (default), "packed", "blas" or "torch"."""
    value = os.environ.get("LEXLOOM_CPU_LINEAR", "auto").strip().lower() or "auto"
    if value not in CHOICES:
        raise ConfigError(
            f"LEXLOOM_CPU_LINEAR={value!r} is not allowed: use \"auto\" (measure which is "
            "faster, once per process), \"packed\" (lexloom's AVX-512 kernel on packed "
            "copies of the weights), \"blas\" (numpy's BLAS) or \"torch\".")
    return value


def _linears(model) -> list:
    import torch

    return [m for m in model.modules() if type(m) is torch.nn.Linear]


def _lexloom_kernel() -> str:
    """lexloom's fastest product here: "packed" where the CPU has the packed kernel, "blas"
    where numpy's BLAS was found, else "torch" (lexloom's portable loop is no match)."""
    from .. import blas

    if blas.has_packed_kernel():
        return "packed"
    return "blas" if blas.uses_blas() else "torch"


def _faster(shape: tuple[int, int], rows: int = 512, pairs: int = 7) -> str:
    """"torch", or lexloom's product (_lexloom_kernel) where it beats torch's linear on
    (rows, in) x (out, in)ᵀ here: the fastest of `pairs` calls each, taken in turns so that a
    burst of load elsewhere does not decide alone (~0.1 s, once per process and weight
    shape; one thread measures while others starting at the same moment wait for its
    verdict)."""
    if shape in _FASTER:
        return _FASTER[shape]
    with _LOCK:
        return _measure(shape, rows, pairs)


def _measure(shape: tuple[int, int], rows: int, pairs: int) -> str:
    if shape not in _FASTER:
        import torch

        own = _lexloom_kernel()
        if own == "torch":
            _FASTER[shape] = "torch"
            return "torch"
        n_out, n_in = shape
        gen = torch.Generator().manual_seed(0)
        # weights from a local generator (torch.nn.Linear's init would draw from the user's
        # seeded stream)
        layer = _Layer(torch.randn(n_out, n_in, generator=gen),
                       torch.randn(n_out, generator=gen))
        x = torch.randn(rows, n_in, generator=gen)
        # the two forwards exactly as the model would run them (each allocates its output)
        calls = {"torch": lambda: torch.nn.functional.linear(x, layer.weight, layer.bias),
                 own: lambda: _blas_forward(layer, x, packed=own == "packed")}
        best = dict.fromkeys(calls, float("inf"))
        with torch.inference_mode():
            # warm up in turns: a library's first calls in a process (buffers, dispatch, page
            # faults) are slower than its steady state, and decided the verdict alone
            for _ in range(3):
                for fn in calls.values():
                    fn()
            for _ in range(pairs):
                for name, fn in calls.items():
                    start = time.perf_counter()
                    fn()
                    best[name] = min(best[name], time.perf_counter() - start)
        _FASTER[shape] = own if best[own] < 0.95 * best["torch"] else "torch"
    return _FASTER[shape]


def linear_choice(model) -> str:
    """How float32 CPU inference of `model` should run its Linear layers: "torch" (its own
    layers), "blas" (lexloom.blas.linear on numpy's BLAS) or "packed" (on packed weights)."""
    backend = linear_backend()
    linears = _linears(model) if backend != "torch" else []
    if not linears:
        return "torch"
    from .. import blas

    if backend == "packed":
        backend = _lexloom_kernel()
    if backend == "blas":
        return "blas" if blas.uses_blas() else "torch"
    if backend != "auto":
        return backend
    import torch

    if torch.get_num_threads() > 1:
        # torch's pool computes the rest of each layer: the BLAS's pool beside it would take
        # the cores from it in turns (lexloom.blas.share_cores_with_torch)
        return "torch"
    largest = max(linears, key=lambda m: m.weight.numel())
    return _faster(tuple(largest.weight.shape))


class _Layer:
    """A Linear layer's parameters, for the measurement (weakly referable, as _PACKED keys)."""

    __slots__ = ("weight", "bias", "__weakref__")

    def __init__(self, weight, bias):
        self.weight, self.bias = weight, bias


class _Packed:
    """One layer's weights packed (blas.PackedWeights), with the numpy view they were packed
    from: the same view each call, so that the packer's Snapshot sees edits in place that
    change its sample (an optimizer step changes every value). Another weight tensor, new
    storage under the same one (`weight.data = ...`, a dtype round trip) or an in-place torch
    update of the Parameter (its version counter) makes a new entry."""

    __slots__ = ("tensor", "source", "view", "packer")

    def __init__(self, tensor, source: tuple, view):
        from .. import blas

        self.tensor, self.source, self.view = tensor, source, view
        self.packer = blas.PackedWeights()


def _version(tensor) -> int:
    try:
        return tensor._version
    except RuntimeError:  # an inference tensor: no counter (the Snapshot still follows)
        return -1


def _packed_weights(module, weight):
    """`weight` (module's float32 CPU weight, C-contiguous) packed for blas.linear, from
    _PACKED or packed now."""
    entry = _PACKED.get(module)
    # (the view keeps the storage it was made from alive: new storage has another address)
    source = (weight.data_ptr(), tuple(weight.shape), _version(weight))
    if entry is None or entry.tensor is not weight or entry.source != source:
        entry = _Packed(weight, source, weight.detach().numpy())
        _PACKED[module] = entry
    return entry.packer.of(entry.view)


def linear_gelu(module, x):
    """gelu(module(x)) (torch's exact gelu) in one pass where `module` runs on packed
    weights (blas_linears with packed=True swapped its forward): the packed kernel applies
    the GELU as it stores the product. None elsewhere: the caller runs the layer and the
    activation as usual."""
    forward = module.__dict__.get("forward")
    if not (isinstance(forward, partial) and forward.func is _blas_forward
            and forward.keywords.get("packed")):
        return None
    return _blas_forward(module, x, packed=True, gelu=True)


def _blas_forward(module, x, packed: bool = False, gelu: bool = False):
    import torch

    weight, bias = module.weight, module.bias
    if (torch.is_grad_enabled() or x.dtype != torch.float32 or x.device.type != "cpu"
            or weight.dtype != torch.float32 or weight.device.type != "cpu"
            or weight.dim() != 2 or x.shape[-1] == 0
            or (bias is not None and (bias.dtype != torch.float32
                                      or tuple(bias.shape) != (weight.shape[0],)))):
        out = torch.nn.functional.linear(x, weight, bias)   # (a broadcast bias, say)
        return torch.nn.functional.gelu(out) if gelu else out
    from .. import blas

    rows = x.reshape(-1, x.shape[-1])
    if rows.stride(-1) != 1 or (rows.shape[0] > 1 and rows.stride(0) < rows.shape[1]):
        rows = rows.contiguous()   # (rows that overlap: an expanded input)
    packed_weights = None
    if packed and weight.is_contiguous() and blas.has_packed_kernel():
        packed_weights = _packed_weights(module, weight)
    fused = gelu and packed_weights is not None
    out = torch.empty((rows.shape[0], weight.shape[0]), dtype=torch.float32)
    blas.linear(rows.numpy(), weight.detach().contiguous().numpy(),
                None if bias is None else bias.detach().numpy(), out.numpy(),
                packed=packed_weights, activation="gelu" if fused else None)
    out = out.view(*x.shape[:-1], weight.shape[0])
    return torch.nn.functional.gelu(out) if gelu and not fused else out


@contextmanager
def blas_linears(model, packed: bool = False) -> Iterator[None]:
    """Within the block, `model`'s nn.Linear layers compute through lexloom.blas.linear
    (float32 CPU tensors, no autograd; anything else goes to torch as before), on packed
    copies of their weights with `packed` (linear_choice "packed"). Threads
    sharing the model share the swap: the layers go back to torch's forward when the last
    block using them ends, not under another thread's call."""
    with _LOCK:
        users, patched = _PATCHED.get(id(model), (0, []))
        if not users:
            patched = [module for module in _linears(model) if "forward" not in module.__dict__]
            for module in patched:
                module.forward = partial(_blas_forward, module, packed=packed)
        _PATCHED[id(model)] = (users + 1, patched)
    try:
        yield
    finally:
        with _LOCK:
            users, patched = _PATCHED.pop(id(model))
            if users > 1:
                _PATCHED[id(model)] = (users - 1, patched)
            else:
                for module in patched:
                    module.__dict__.pop("forward", None)
