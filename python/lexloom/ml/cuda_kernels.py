"""The CUDA kernels in lexloom/kernels/*.cu, compiled on first use with cupy.RawModule.

Each kernel is a thin ``__global__`` wrapper around the per-element functions of
csrc/lexloom/device_math.hh, the same functions lexloom's CPU loops call (so the CPU tests
run the arithmetic the GPU runs). The sources ship as package data (lexloom/kernels/), the
header with lexloom.get_include(); a module is compiled once per device and cached.

Dispatch: ``kernels_usable(ops)`` says whether a model's ops keep arrays on a GPU (thinc's
CupyOps after ``require_gpu()``); the launch helpers below return None when their module
cannot compile (a warning is given once), and callers then use thinc's cupy ops. Every
helper checks shapes, dtypes and index ranges on the host before a launch and raises
lexloom.errors.CudaKernelError rather than let a kernel read or write out of bounds.
Set LEXLOOM_CUDA_KERNELS=0 to use thinc's cupy ops throughout.
"""
from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import numpy

from ..errors import CudaKernelError, ModelError

KERNELS = ("hashembed", "ragged", "align", "seq2col")
THREADS = 256
MAX_BLOCKS = 65535 * 8  # grid-stride kernels: any grid covers any size
_REDUCE_OPS = {"sum": 0, "mean": 1, "max": 2, "first": 3, "last": 4}
_SOURCES = {"float32": "f32", "float16": "f16", "bfloat16": "bf16"}

# (kernel name, device id) -> RawModule, or None when compiling failed
_modules: Dict[Tuple[str, int], Any] = {}
_warned: set = set()


def kernel_dir() -> Path:
    """Installed next to the compiled modules; in a source checkout, the top-level kernels/."""
    from .. import strings

    installed = Path(strings.__file__).parent / "kernels"
    if installed.is_dir() and (installed / "ragged.cu").exists():
        return installed
    return Path(__file__).resolve().parents[3] / "kernels"


def include_dir() -> Path:
    """The folder holding lexloom/device_math.hh: lexloom.get_include() when installed,
    csrc/ in a source checkout."""
    from .. import get_include

    installed = Path(get_include())
    if (installed / "lexloom" / "device_math.hh").exists():
        return installed
    return Path(__file__).resolve().parents[3] / "csrc"


def kernel_source(name: str) -> str:
    path = kernel_dir() / f"{name}.cu"
    if not path.exists():
        raise ModelError(f"CUDA kernel source {path} is missing; reinstall lexloom.")
    return path.read_text(encoding="utf-8")


def compile_options() -> Tuple[str, ...]:
    # --fmad=false: no fused multiply-adds, so float results match the CPU loops' rounding.
    return ("-std=c++17", f"-I{include_dir()}", "--fmad=false")


def _compile(name: str):
    import cupy

    module = cupy.RawModule(code=kernel_source(name), options=compile_options())
    module.compile()
    return module


def load_module(name: str):
    """The compiled cupy.RawModule for kernels/<name>.cu on the current device (cached).
    Raises when cupy is missing or compiling fails; see `module_or_none`."""
    try:
        import cupy
    except ImportError:
        raise ModelError("CUDA kernels need cupy: pip install 'lexloom[cuda12x]'.") from None
    key = (name, int(cupy.cuda.runtime.getDevice()))
    if key not in _modules or _modules[key] is None:
        _modules[key] = _compile(name)
    return _modules[key]


def module_or_none(name: str):
    """load_module(name), or None (with one warning per kernel file) when it can't compile,
    so the caller falls back to thinc's cupy ops."""
    try:
        import cupy

        key = (name, int(cupy.cuda.runtime.getDevice()))
    except Exception:
        key = (name, -1)
    if key in _modules:
        return _modules[key]
    try:
        module = _compile(name)
    except Exception as err:  # nvrtc missing, compile error, no device...
        module = None
        if name not in _warned:
            _warned.add(name)
            warnings.warn(f"lexloom: the CUDA kernels in {name}.cu did not compile ({err}); "
                          "using thinc's cupy ops instead.", RuntimeWarning, stacklevel=3)
    _modules[key] = module
    return module


def kernels_enabled() -> bool:
    return os.environ.get("LEXLOOM_CUDA_KERNELS", "1").strip().lower() not in ("0", "false", "no")


def kernels_usable(ops) -> bool:
    """Whether lexloom's CUDA kernels should run for `ops`: its arrays live on a GPU (cupy)
    and LEXLOOM_CUDA_KERNELS is not 0. (Whether they compile is found out at first use.)"""
    xp = getattr(ops, "xp", None)
    return (xp is not None and getattr(xp, "__name__", "") == "cupy"
            and getattr(ops, "device_type", "gpu") == "gpu" and kernels_enabled())


# ------------------------------------------------------------------ checks and launches

def _grid(total: int) -> Tuple[Tuple[int], Tuple[int]]:
    return (max(1, min(MAX_BLOCKS, (int(total) + THREADS - 1) // THREADS)),), (THREADS,)


def _check(arr, name: str, ndim: int, dtypes: Tuple[str, ...], contiguous: bool = True):
    if not hasattr(arr, "dtype") or not hasattr(arr, "shape"):
        raise CudaKernelError(f"{name} must be a cupy array, got {type(arr).__name__}.")
    if type(arr).__module__.split(".")[0] == "numpy":
        raise CudaKernelError(f"{name} is a numpy array: the CUDA kernels need device arrays "
                              "(cupy.asarray), or use lexloom's CPU ops.")
    if arr.ndim != ndim:
        raise CudaKernelError(f"{name} must be {ndim}-dimensional, got shape {tuple(arr.shape)}.")
    if str(arr.dtype) not in dtypes:
        raise CudaKernelError(f"{name} must have dtype {' or '.join(dtypes)}, got {arr.dtype}.")
    if contiguous and not arr.flags.c_contiguous:
        raise CudaKernelError(f"{name} must be C-contiguous; pass cupy.ascontiguousarray({name}).")
    return arr


def _row_stride(arr, name: str) -> int:
    """Row stride in elements of a 2-D float32 array whose rows are contiguous."""
    if arr.shape[1] > 1 and arr.strides[1] != 4:
        raise CudaKernelError(f"{name} must have contiguous rows (column stride 4 bytes).")
    if arr.strides[0] % 4 != 0:
        raise CudaKernelError(f"{name} has a row stride that is not a whole number of floats.")
    if arr.shape[0] > 1 and arr.strides[0] // 4 < arr.shape[1]:
        raise CudaKernelError(f"{name}'s rows overlap (row stride < width).")
    return int(arr.strides[0] // 4) if arr.shape[0] > 1 else int(arr.shape[1])


def _row_segments(xp, ends, total: int):
    """The segment of each of `total` rows, given the segments' (int64) ends: the first b
    with ends[b] > row (empty segments own no rows). On the device, no host copy."""
    return xp.searchsorted(ends, xp.arange(total, dtype="int64"), side="right").astype("int32")


def check_lengths(xp, lengths, n_rows: Optional[int], what: str, positive: bool = False):
    """int32 lengths, each >= 0 (> 0 when `positive`), summing to n_rows (when given); returns
    (lengths int32, starts int64 (B,), total)."""
    lengths = xp.asarray(lengths)
    if lengths.ndim != 1:
        raise CudaKernelError(f"{what}: lengths must be 1-dimensional, got shape "
                              f"{tuple(lengths.shape)}.")
    if lengths.size and lengths.dtype.kind not in "iu":
        raise CudaKernelError(f"{what}: lengths must hold integers, got {lengths.dtype}.")
    lengths = xp.ascontiguousarray(lengths.astype("int32"))
    if lengths.size == 0:
        if n_rows:
            raise CudaKernelError(f"{what}: no lengths given for {n_rows} rows.")
        return lengths, xp.zeros(0, dtype="int64"), 0
    low = int(lengths.min())
    if low < (1 if positive else 0):
        raise CudaKernelError(f"{what}: sequence lengths must be {'> 0' if positive else '>= 0'}"
                              f", got a length of {low}.")
    ends = xp.cumsum(lengths, dtype="int64")
    total = int(ends[-1])
    if n_rows is not None and total != n_rows:
        raise CudaKernelError(f"{what}: lengths sum to {total} but the array has {n_rows} rows; "
                              "they must be equal.")
    if total > 2**31 - 1:
        raise CudaKernelError(f"{what}: {total} rows is more than int32 indices can hold.")
    return lengths, ends - lengths, total


def _check_index_range(xp, idx, limit: int, name: str, what: str) -> None:
    if idx.size and (int(idx.min()) < 0 or int(idx.max()) >= limit):
        bad = int(xp.argmax((idx < 0) | (idx >= limit)))
        raise CudaKernelError(f"{what}: {name}[{bad}] = {int(idx.reshape(-1)[bad])} is outside "
                              f"[0, {limit}).")


def _ids(ids, what: str):
    if getattr(ids, "ndim", None) != 1:
        raise CudaKernelError(f"{what}: ids must be 1-dimensional, got shape "
                              f"{tuple(getattr(ids, 'shape', ()))}.")
    if str(ids.dtype) in ("int64", "uint64"):
        ids = ids.view("uint64")
    else:
        raise CudaKernelError(f"{what}: ids must be uint64 (or int64) attribute ids, got "
                              f"{ids.dtype}.")
    if ids.strides[0] % 8 != 0:
        raise CudaKernelError(f"{what}: ids have a stride that is not a whole number of ids.")
    return ids, int(ids.strides[0] // 8)


def hash_rows(ids, seed: int, n_rows: int):
    """(n,) uint64 ids -> (n, 4) uint32 hashed rows on the GPU (the CPU's ml_ops.hash_rows)."""
    import cupy

    ids, stride = _ids(ids, "hash_rows")
    if not 0 <= int(seed) < 2**32 or not 1 <= int(n_rows) < 2**32:
        raise CudaKernelError(f"hash_rows: seed must be in [0, 2**32) and n_rows in [1, 2**32), "
                              f"got {seed} and {n_rows}.")
    module = module_or_none("hashembed")
    if module is None:
        return None
    n = ids.shape[0]
    rows = cupy.empty((n, 4), dtype="uint32")
    if n:
        module.get_function("hash_rows")(*_grid(n * 4), (
            ids, numpy.int64(n), numpy.int64(stride), numpy.uint32(seed), numpy.uint32(n_rows),
            rows))
    return rows


def hash_gather_sum(table, ids, seed: int, out=None):
    """Fused hash + gather-sum: (out (n, width) float32, rows (n, 4) uint32), or None when the
    module can't compile. `out` may be a column block of a wider matrix (contiguous rows)."""
    import cupy

    what = "hash_gather_sum"
    _check(table, "table", 2, ("float32",))
    ids, stride = _ids(ids, what)
    if not 0 <= int(seed) < 2**32:
        raise CudaKernelError(f"{what}: seed must be in [0, 2**32), got {seed}.")
    n_rows, width = int(table.shape[0]), int(table.shape[1])
    if n_rows < 1 or n_rows >= 2**32:
        raise CudaKernelError(f"{what}: the table must have between 1 and 2**32 - 1 rows, got "
                              f"{n_rows}.")
    n = int(ids.shape[0])
    out, ld = _out_block(out, n, width, what)
    module = module_or_none("hashembed")
    if module is None:
        return None
    rows = cupy.empty((n, 4), dtype="uint32")
    if n and width:
        module.get_function("hash_gather_sum")(*_grid(n * width), (
            ids, numpy.int64(n), numpy.int64(stride), numpy.uint32(seed), table,
            numpy.uint32(n_rows), numpy.int64(width), rows, out, numpy.int64(ld)))
    elif n:  # a zero-width table: only the rows (for the backward pass)
        rows = hash_rows(ids, seed, n_rows)
        if rows is None:
            return None
    return out, rows


def _out_block(out, n: int, width: int, what: str):
    """(out, its row stride): a new (n, width) float32 array, or the caller's, checked (it
    may be a column block of a wider matrix)."""
    import cupy

    if out is None:
        out = cupy.empty((n, width), dtype="float32")
    _check(out, "out", 2, ("float32",), contiguous=False)
    if tuple(out.shape) != (n, width):
        raise CudaKernelError(f"{what}: out must have shape ({n}, {width}), got "
                              f"{tuple(out.shape)}.")
    return out, _row_stride(out, "out")


def _check_rows(rows, n_rows: int, what: str):
    _check(rows, "rows", 2, ("uint32", "int32"))
    rows = rows.view("uint32")  # negatives become >= 2**31 and fail the range check
    if rows.size and int(rows.max()) >= n_rows:
        raise CudaKernelError(f"{what}: a row index {int(rows.max())} is out of range for a "
                              f"table of {n_rows} rows.")
    return rows


def gather_sum(table, rows, out=None):
    """out[i] = sum over k of table[rows[i, k]]; None when the module can't compile."""

    what = "gather_sum"
    _check(table, "table", 2, ("float32",))
    rows = _check_rows(rows, int(table.shape[0]), what)
    n, k, width = int(rows.shape[0]), int(rows.shape[1]), int(table.shape[1])
    out, ld = _out_block(out, n, width, what)
    module = module_or_none("hashembed")
    if module is None:
        return None
    if n and width:
        module.get_function("gather_sum")(*_grid(n * width), (
            table, numpy.int64(width), rows, numpy.int64(n), numpy.int32(k), out,
            numpy.int64(ld)))
    return out


def scatter_add(d_table, rows, d_out, deterministic: bool = False):
    """d_table[rows[i, k]] += d_out[i], in place; returns d_table, or None when the module
    can't compile. `deterministic` sorts the row indices once on the host side (cupy) and
    reduces each row's run in a fixed order instead of using atomics."""
    import cupy

    what = "scatter_add"
    _check(d_table, "d_table", 2, ("float32",))
    rows = _check_rows(rows, int(d_table.shape[0]), what)
    _check(d_out, "d_out", 2, ("float32",), contiguous=False)
    n, k, width = int(rows.shape[0]), int(rows.shape[1]), int(d_table.shape[1])
    if tuple(d_out.shape) != (n, width):
        raise CudaKernelError(f"{what}: d_out must have shape ({n}, {width}), got "
                              f"{tuple(d_out.shape)}.")
    ld = _row_stride(d_out, "d_out")
    module = module_or_none("hashembed")
    if module is None:
        return None
    if not n or not width:
        return d_table
    if not deterministic:
        module.get_function("scatter_add")(*_grid(n * width), (
            d_table, numpy.int64(width), rows, numpy.int64(n), numpy.int32(k), d_out,
            numpy.int64(ld)))
        return d_table
    flat = rows.reshape(-1)
    order = cupy.argsort(flat).astype("int64")  # cupy sorts are always stable
    sorted_rows = flat[order]
    change = cupy.nonzero(sorted_rows[1:] != sorted_rows[:-1])[0] + 1
    run_starts = cupy.concatenate([cupy.zeros(1, dtype="int64"), change.astype("int64"),
                                   cupy.asarray([flat.shape[0]], dtype="int64")])
    n_runs = int(run_starts.shape[0] - 1)
    module.get_function("scatter_add_sorted")(*_grid(n_runs * width), (
        d_table, numpy.int64(width), rows, order, run_starts, numpy.int64(n_runs),
        numpy.int32(k), d_out, numpy.int64(ld)))
    return d_table


def _source(X, what: str) -> Tuple[Any, str]:
    dt = str(X.dtype)
    if dt == "float32":
        return X, "f32"
    if dt == "float16":
        return X.view("uint16"), "f16"
    if dt == "bfloat16":  # ml_dtypes / cupy extension types
        return X.view("uint16"), "bf16"
    raise CudaKernelError(f"{what}: rows must be float32, float16 or bfloat16, got {dt}.")


def ragged_reduce(X, lengths, op: str, *, bfloat16: bool = False):
    """Ragged reduction `op` of (T, O) rows (float32 / float16; uint16 bits of bfloat16 with
    bfloat16=True) into (B, O) float32: returns (Y, aux) like thinc's reduce_* (aux: which
    for max, starts_ends for first, lasts for last, None otherwise), or None when the module
    can't compile."""
    import cupy

    what = f"reduce_{op}"
    if op not in _REDUCE_OPS:
        raise CudaKernelError(f"unknown ragged reduction {op!r}; use one of {sorted(_REDUCE_OPS)}.")
    _check(X, "X", 2, ("float32", "float16", "uint16", "bfloat16"))
    if bfloat16:
        if str(X.dtype) != "uint16":
            raise CudaKernelError(f"{what}: bfloat16=True needs the uint16 bits, got {X.dtype}.")
        data, suffix = X, "bf16"
    elif str(X.dtype) == "uint16":
        raise CudaKernelError(f"{what}: uint16 rows are only read as bfloat16 bits "
                              "(pass bfloat16=True).")
    else:
        data, suffix = _source(X, what)
    code = _REDUCE_OPS[op]
    lengths, starts, total = check_lengths(cupy, lengths, int(X.shape[0]), what,
                                           positive=code >= 2)
    B, O = int(lengths.shape[0]), int(X.shape[1])
    module = module_or_none("ragged")
    if module is None:
        return None
    # every element is written by the kernel; `which` only for max (a dummy otherwise)
    Y = cupy.empty((B, O), dtype="float32") if B and O else cupy.zeros((B, O), dtype="float32")
    which = cupy.zeros((B, O) if op == "max" else (1, 1), dtype="int32")
    if B and O:
        module.get_function(f"ragged_reduce_{suffix}")(*_grid(B * O), (
            data, starts, lengths, numpy.int64(B), numpy.int64(O), numpy.int32(code), Y, which))
    if op == "max":
        return Y, which
    if op == "first":
        return Y, cupy.concatenate([starts, cupy.asarray([total], dtype="int64")]).astype("int32")
    if op == "last":
        return Y, (starts + lengths - 1).astype("int32")
    return Y, None


def ragged_backward(dY, lengths, op: str, which=None):
    """The gradient (sum(lengths), O) float32 of reduce_sum / reduce_mean / reduce_max;
    None when the module can't compile."""
    import cupy

    what = f"backprop_reduce_{op}"
    if op not in ("sum", "mean", "max"):
        raise CudaKernelError(f"{what}: use scatter_rows for first / last.")
    _check(dY, "dY", 2, ("float32",))
    lengths, starts, total = check_lengths(cupy, lengths, None, what, positive=op == "max")
    B, O = int(lengths.shape[0]), int(dY.shape[1])
    if dY.shape[0] != B:
        raise CudaKernelError(f"{what}: the gradient has {dY.shape[0]} rows for {B} sequences.")
    if op == "max":
        _check(which, "which", 2, ("int32",))
        if tuple(which.shape) != (B, O):
            raise CudaKernelError(f"{what}: which has shape {tuple(which.shape)}, expected "
                                  f"{(B, O)}; pass the which reduce_max returned.")
        if which.size and (int(which.min()) < 0
                           or bool((which >= lengths[:, None]).any())):
            raise CudaKernelError(f"{what}: which holds a row outside its sequence.")
    else:
        which = cupy.zeros((1, 1), dtype="int32")
    module = module_or_none("ragged")
    if module is None:
        return None
    dX = cupy.empty((total, O), dtype="float32")  # every element is written
    if total and O:
        row_seg = _row_segments(cupy, starts + lengths, total)
        module.get_function("ragged_backward")(*_grid(total * O), (
            dY, starts, lengths, row_seg, numpy.int64(total), numpy.int64(O),
            numpy.int32(_REDUCE_OPS[op]), which, dX))
    return dX


def scatter_rows(dY, rows, n_rows: int):
    """dX (n_rows, O) zeros with dX[rows[b]] = dY[b] (backward of first / last)."""
    import cupy

    what = "scatter_rows"
    _check(dY, "dY", 2, ("float32",))
    rows = cupy.ascontiguousarray(cupy.asarray(rows).astype("int32"))
    if rows.ndim != 1 or rows.shape[0] != dY.shape[0]:
        raise CudaKernelError(f"{what}: need one row index per gradient row.")
    _check_index_range(cupy, rows, int(n_rows), "rows", what)
    module = module_or_none("ragged")
    if module is None:
        return None
    B, O = int(dY.shape[0]), int(dY.shape[1])
    dX = cupy.zeros((int(n_rows), O), dtype="float32")
    if B and O:
        module.get_function("scatter_rows")(*_grid(B * O), (
            dY, rows, numpy.int64(B), numpy.int64(O), dX))
    return dX


def align_mean(X, indices, lengths, *, bfloat16: bool = False):
    """Wordpiece -> token pooling on the GPU (ragged_ops.align_mean's twin): (n_tokens, O)
    float32, or None when the module can't compile. X float32 or float16 rows, or the
    uint16 bits of bfloat16 rows with bfloat16=True."""
    import cupy

    what = "align_mean"
    _check(X, "X", 2, ("uint16",) if bfloat16 else ("float32", "float16"))
    data, suffix = (X, "bf16") if bfloat16 else _source(X, what)
    indices = cupy.ascontiguousarray(cupy.asarray(indices).astype("int32"))
    lengths, starts, total = check_lengths(cupy, lengths, int(indices.shape[0]), what)
    _check_index_range(cupy, indices, int(X.shape[0]), "indices", what)
    module = module_or_none("align")
    if module is None:
        return None
    T, O = int(lengths.shape[0]), int(X.shape[1])
    Y = cupy.zeros((T, O), dtype="float32")
    if T and O:
        module.get_function(f"align_mean_{suffix}")(*_grid(T * O), (
            data, numpy.int64(O), indices, starts, lengths, numpy.int64(T), Y))
    return Y


def align_scatter(dY, indices, lengths, n_pieces: int):
    """The adjoint of align_mean: (n_pieces, O) float32, or None."""
    import cupy

    what = "align_scatter"
    _check(dY, "dY", 2, ("float32",))
    indices = cupy.ascontiguousarray(cupy.asarray(indices).astype("int32"))
    lengths, starts, total = check_lengths(cupy, lengths, int(indices.shape[0]), what)
    if dY.shape[0] != lengths.shape[0]:
        raise CudaKernelError(f"{what}: the gradient has {dY.shape[0]} rows for "
                              f"{lengths.shape[0]} tokens.")
    _check_index_range(cupy, indices, int(n_pieces), "indices", what)
    module = module_or_none("align")
    if module is None:
        return None
    T, O = int(lengths.shape[0]), int(dY.shape[1])
    dX = cupy.zeros((int(n_pieces), O), dtype="float32")
    if T and O:
        module.get_function("align_scatter")(*_grid(T * O), (
            dY, numpy.int64(O), indices, starts, lengths, numpy.int64(T), dX))
    return dX


def _bounds(lengths, n: int, what: str):
    import cupy

    if lengths is None:
        lengths = cupy.asarray([n], dtype="int32")
    lengths, starts, total = check_lengths(cupy, lengths, n, what)
    ends = starts + lengths
    seg = _row_segments(cupy, ends, total)
    return cupy.ascontiguousarray(cupy.stack([starts[seg], ends[seg]], axis=1).astype("int64"))


def seq2col(X, nW: int, lengths=None):
    """thinc's seq2col on the GPU: (N, (2 nW + 1) I) float32, or None."""
    import cupy

    what = "seq2col"
    _check(X, "X", 2, ("float32",))
    if int(nW) < 0:
        raise CudaKernelError(f"{what}: nW must be >= 0, got {nW}.")
    N, I = int(X.shape[0]), int(X.shape[1])
    bounds = _bounds(lengths, N, what)
    module = module_or_none("seq2col")
    if module is None:
        return None
    Y = cupy.zeros((N, (2 * int(nW) + 1) * I), dtype="float32")
    if Y.size:
        module.get_function("seq2col")(*_grid(Y.size), (
            X, numpy.int64(I), numpy.int32(nW), bounds, numpy.int64(N), Y))
    return Y


def backprop_seq2col(dY, nW: int, lengths=None):
    """The adjoint of seq2col: (N, I) float32, or None."""
    import cupy

    what = "backprop_seq2col"
    _check(dY, "dY", 2, ("float32",))
    if int(nW) < 0 or dY.shape[1] % (2 * int(nW) + 1):
        raise CudaKernelError(f"{what}: {dY.shape[1]} columns is not a multiple of "
                              f"2 * nW + 1 (nW = {nW}).")
    N, I = int(dY.shape[0]), int(dY.shape[1] // (2 * int(nW) + 1))
    bounds = _bounds(lengths, N, what)
    module = module_or_none("seq2col")
    if module is None:
        return None
    dX = cupy.zeros((N, I), dtype="float32")
    if dX.size:
        module.get_function("backprop_seq2col")(*_grid(dX.size), (
            dY, numpy.int64(I), numpy.int32(nW), bounds, numpy.int64(N), dX))
    return dX


# ------------------------------------------------------------------ layer-level dispatch

POOLING_LAYERS = {"reduce_sum": "sum", "reduce_mean": "mean", "reduce_max": "max",
                  "reduce_first": "first", "reduce_last": "last"}


def pool(layer_name: str, X, lengths):
    """The forward of thinc's reduce_* pooling layer `layer_name` on the GPU kernels:
    (Y, backprop(dY) -> dX), or None when the layer is another kind or the kernels can't
    compile (run the layer itself then)."""
    import cupy

    op = POOLING_LAYERS.get(layer_name)
    if op is None:
        return None
    result = ragged_reduce(cupy.ascontiguousarray(X), lengths, op)
    if result is None:
        return None
    Y, aux = result
    n_rows = int(X.shape[0])

    def backprop(dY):
        dY = cupy.ascontiguousarray(dY, dtype="float32")
        if op in ("sum", "mean", "max"):
            return ragged_backward(dY, lengths, op, aux)
        return scatter_rows(dY, aux[:-1] if op == "first" else aux, n_rows)

    return Y, backprop
