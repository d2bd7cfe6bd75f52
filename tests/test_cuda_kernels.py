"""The CUDA twins of the native kernels: shipped, compilable with nvcc (warnings are errors),
dispatched only for GPU ops, checked before a launch, and equal to the CPU versions where a
GPU exists (skipped cleanly without nvcc / a GPU). The shared arithmetic itself is tested on
CPU in tests/test_device_math.py."""
import shutil
import subprocess
import sys
import types
import warnings
from pathlib import Path

import numpy
import pytest
from lexloom.errors import CudaKernelError, ModelError
from lexloom.ml import cuda_kernels
from lexloom.ml.cuda_kernels import KERNELS, include_dir, kernel_dir, kernel_source

from lexloom import ml_ops, ragged_ops

ENTRIES = {
    "hashembed": ("hash_rows", "hash_gather_sum", "gather_sum", "scatter_add",
                  "scatter_add_sorted"),
    "ragged": ("ragged_reduce_f32", "ragged_reduce_f16", "ragged_reduce_bf16",
               "ragged_backward", "scatter_rows"),
    "align": ("align_mean_f32", "align_mean_f16", "align_mean_bf16", "align_scatter"),
    "seq2col": ("seq2col", "backprop_seq2col"),
}


def test_kernel_sources_and_header_are_installed_with_the_package():
    assert {p.stem for p in kernel_dir().glob("*.cu")} == set(KERNELS)  # every file compiled
    for name in KERNELS:
        assert (kernel_dir() / f"{name}.cu").exists()
        source = kernel_source(name)
        assert '#include "lexloom/device_math.hh"' in source
        for entry in ENTRIES[name]:
            assert f"void {entry}(" in source
    assert (include_dir() / "lexloom" / "device_math.hh").exists()
    assert any(opt == f"-I{include_dir()}" for opt in cuda_kernels.compile_options())


@pytest.mark.skipif(shutil.which("g++") is None, reason="g++ is not installed")
def test_shared_header_is_plain_cxx_without_cuda_headers(tmp_path):
    src = tmp_path / "use.cc"
    src.write_text('#include "lexloom/device_math.hh"\n'
                   'float f(const float* x) { return lexloom::dm::ragged_sum_at(x, 1, 3, 0); }\n')
    run = subprocess.run(["g++", "-std=c++17", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                          f"-I{include_dir()}", str(src)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr


@pytest.mark.skipif(shutil.which("nvcc") is None, reason="nvcc is not installed")
@pytest.mark.parametrize("arch", ["sm_80", "sm_90"])
def test_kernels_compile_with_nvcc_warnings_as_errors(tmp_path, arch):
    for name in KERNELS:
        out = tmp_path / f"{name}.ptx"
        run = subprocess.run(["nvcc", "-std=c++17", f"-arch={arch}", "-Werror", "all-warnings",
                              f"-I{include_dir()}", "--ptx", str(kernel_dir() / f"{name}.cu"),
                              "-o", str(out)], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, f"{name}.cu ({arch}):\n{run.stderr}"
        ptx = out.read_text()
        for entry in ENTRIES[name]:
            assert f".entry {entry}(" in ptx


# ------------------------------------------------------------------ dispatch decision

class _FakeOps:
    def __init__(self, xp_name, device_type="gpu"):
        self.xp = types.ModuleType(xp_name)
        self.device_type = device_type


def test_kernels_are_used_only_for_gpu_ops(monkeypatch):
    from lexloom.ml.ops import LexloomOps
    from thinc.api import NumpyOps

    monkeypatch.delenv("LEXLOOM_CUDA_KERNELS", raising=False)
    assert cuda_kernels.kernels_usable(_FakeOps("cupy"))
    assert not cuda_kernels.kernels_usable(_FakeOps("numpy", "cpu"))
    assert not cuda_kernels.kernels_usable(NumpyOps())
    assert not cuda_kernels.kernels_usable(LexloomOps())
    monkeypatch.setenv("LEXLOOM_CUDA_KERNELS", "0")
    assert not cuda_kernels.kernels_usable(_FakeOps("cupy"))


def test_a_kernel_that_does_not_compile_falls_back_with_one_warning(monkeypatch):
    calls = []

    def failing(name):
        calls.append(name)
        raise RuntimeError("nvrtc: error")

    monkeypatch.setattr(cuda_kernels, "_compile", failing)
    monkeypatch.setattr(cuda_kernels, "_modules", {})
    monkeypatch.setattr(cuda_kernels, "_warned", set())
    with pytest.warns(RuntimeWarning, match="did not compile"):
        assert cuda_kernels.module_or_none("ragged") is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cuda_kernels.module_or_none("ragged") is None  # cached: no retry, no warning
    assert calls == ["ragged"]


def test_hashembed_takes_the_kernel_path_only_on_gpu_ops(monkeypatch):
    from lexloom.ml import hashembed

    seen = []
    monkeypatch.setattr(hashembed, "_embed_cuda", lambda *a: seen.append("cuda") or None)
    monkeypatch.setattr(hashembed, "_embed_generic",
                        lambda model, keys, is_train: (seen.append("generic") or
                                                       (numpy.zeros((len(keys), 4), "f"),
                                                        lambda d: None)))
    model = hashembed.HashEmbed(4, 10, seed=1)
    model.initialize()
    ids = numpy.arange(3, dtype="uint64")
    model.predict(ids)  # numpy ops: the native CPU path, neither of the two
    assert seen == []
    monkeypatch.setattr(hashembed, "uses_native", lambda model: False)  # as with CupyOps
    model.predict(ids)  # not GPU ops (fake non-native CPU ops): thinc's ops only
    assert seen == ["generic"]
    monkeypatch.setattr(hashembed.cuda_kernels, "kernels_usable", lambda ops: True)
    model.predict(ids)  # GPU ops, but the kernel path said None (no module): thinc's ops
    assert seen == ["generic", "cuda", "generic"]


# ------------------------------------------------------------------ checks before a launch

def test_arguments_are_checked_before_a_launch():
    with pytest.raises(CudaKernelError, match="numpy array"):
        cuda_kernels._check(numpy.zeros((2, 2), "f"), "X", 2, ("float32",))
    with pytest.raises(CudaKernelError, match="lengths sum to 3"):
        cuda_kernels.check_lengths(numpy, [1, 2], 4, "reduce_sum")
    with pytest.raises(CudaKernelError, match="must be > 0"):
        cuda_kernels.check_lengths(numpy, [1, 0], 1, "reduce_max", positive=True)
    with pytest.raises(CudaKernelError, match="must be >= 0"):
        cuda_kernels.check_lengths(numpy, [3, -1], 2, "reduce_sum")
    with pytest.raises(CudaKernelError, match=r"indices\[1\] = 7 is outside \[0, 5\)"):
        cuda_kernels._check_index_range(numpy, numpy.array([0, 7, 1]), 5, "indices", "align")
    lengths, starts, total = cuda_kernels.check_lengths(numpy, [2, 0, 3], 5, "reduce_sum")
    assert lengths.dtype == numpy.int32 and starts.tolist() == [0, 2, 2] and total == 5
    assert issubclass(CudaKernelError, ModelError)
    # each row's segment (backward / seq2col launches), empty segments owning no rows
    seg = cuda_kernels._row_segments(numpy, starts + lengths, total)
    assert seg.tolist() == [0, 0, 2, 2, 2]


def test_gpu_check_fails_cleanly_without_a_gpu():
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "gpu_check.py"
    if _gpu_available():
        pytest.skip("a GPU is present; the script would run its full check")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 2, run.stderr
    assert '"status": "no GPU"' in run.stdout
    assert "Traceback" not in run.stderr


# ------------------------------------------------------------------ on a GPU

def _gpu_available() -> bool:
    try:
        import cupy

        return cupy.cuda.runtime.getDeviceCount() > 0
    except Exception:
        return False


needs_gpu = pytest.mark.skipif(not _gpu_available(), reason="needs cupy and a CUDA GPU")


@pytest.mark.gpu
@needs_gpu
def test_gpu_hash_gather_and_scatter_equal_the_cpu_twins():
    import cupy

    rng = numpy.random.default_rng(0)
    table = rng.standard_normal((50, 8)).astype("float32")
    ids = rng.integers(0, 2**63, size=300, dtype="uint64")
    d_out = rng.standard_normal((300, 8)).astype("float32")
    out, rows = cuda_kernels.hash_gather_sum(cupy.asarray(table), cupy.asarray(ids), 7)
    cpu_out, cpu_rows = ml_ops.hash_gather_sum(table, ids, 7)
    numpy.testing.assert_array_equal(rows.get(), cpu_rows)
    numpy.testing.assert_array_equal(out.get(), cpu_out)
    for deterministic in (False, True):
        d_table = cuda_kernels.scatter_add(cupy.zeros_like(cupy.asarray(table)), rows,
                                           cupy.asarray(d_out), deterministic=deterministic)
        expected = ml_ops.scatter_add(numpy.zeros_like(table), cpu_rows, d_out)
        numpy.testing.assert_allclose(d_table.get(), expected, rtol=1e-5, atol=1e-5)


@pytest.mark.gpu
@needs_gpu
@pytest.mark.parametrize("op", ["sum", "mean", "max", "first", "last"])
def test_gpu_ragged_reductions_equal_the_cpu_twins(op):
    import cupy

    rng = numpy.random.default_rng(1)
    lengths = rng.integers(1, 5, size=200).astype("int32")
    X = rng.standard_normal((int(lengths.sum()), 16)).astype("float32")
    Y, aux = cuda_kernels.ragged_reduce(cupy.asarray(X), cupy.asarray(lengths), op)
    cpu_Y, cpu_which = ragged_ops.reduce_f32(X, lengths, op)
    numpy.testing.assert_array_equal(Y.get(), cpu_Y)
    if op == "max":
        numpy.testing.assert_array_equal(aux.get(), cpu_which)


def test_listener_pooling_takes_the_kernel_path_on_gpu_ops(tmp_path, monkeypatch):
    """The wiring of the listener's GPU pooling, with a CPU stand-in for the kernels: same
    vectors as thinc's layer, and training runs through its backprop."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _trf import make_tiny_bert
    from lexloom.training.example import Example

    import lexloom
    from lexloom.transformers import listener as listener_mod

    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {"name": str(make_tiny_bert(tmp_path))}})
    nlp.add_pipe("tagger", config={"model": {"tok2vec": {
        "@architectures": "spacy-transformers.TransformerListener.v1", "grad_factor": 1.0,
        "upstream": "*", "pooling": {"@layers": "reduce_mean.v1"}}}})
    egs = [Example.from_dict(nlp.make_doc("the cats sat ."), {"tags": ["D", "N", "V", "."]})]
    optimizer = nlp.initialize(lambda: egs)
    doc = nlp("the cats  sat")
    tok2vec = nlp.get_pipe("tagger").model.get_ref("tok2vec")
    expected = tok2vec.predict([doc])[0]
    calls = []

    def fake_pool(layer_name, X, lengths):
        calls.append(layer_name)
        Y = ragged_ops.reduce_mean(X, lengths)
        return Y, lambda dY: ragged_ops.backprop_reduce_mean(dY, lengths)

    monkeypatch.setattr(listener_mod.cuda_kernels, "kernels_usable", lambda ops: True)
    monkeypatch.setattr(listener_mod.cuda_kernels, "pool", fake_pool)
    numpy.testing.assert_allclose(tok2vec.predict([doc])[0], expected, rtol=1e-6, atol=1e-7)
    assert calls == ["reduce_mean"]
    losses = nlp.update(egs, sgd=optimizer)
    assert len(calls) >= 2 and numpy.isfinite(losses["tagger"])


# ------------------------------------------------------------------ launches, without a GPU
# A stand-in for cupy (numpy underneath) whose RawModule checks every launch against the
# kernel's signature parsed from its .cu file: argument count, scalar types (numpy scalars of
# the exact width: a Python int or a wrong width would be read as garbage by the kernel) and
# the dtype of each pointer argument. Catches the launch bugs a GPU run would show as wrong
# values or illegal memory accesses.

_C_TYPES = {"float": "float32", "i64": "int64", "u64": "uint64", "u32": "uint32",
            "i32": "int32", "int": "int32", "half_bits": "uint16", "bf16_bits": "uint16"}


def _signatures():
    import re

    sigs = {}
    for name in KERNELS:
        for m in re.finditer(r'extern "C" __global__ void (\w+)\((.*?)\)\s*\{',
                             kernel_source(name), re.S):
            params = []
            for p in m.group(2).split(","):
                words = p.replace("*", " * ").replace("__restrict__", "").split()
                base = next(w for w in words if w in _C_TYPES)
                params.append(("ptr" if "*" in words else "val", _C_TYPES[base]))
            sigs[m.group(1)] = params
    return sigs


class _DeviceArray(numpy.ndarray):
    """A numpy array that `_check` takes for a device array."""

    def get(self):
        return numpy.asarray(self)


def _fake_cupy(launches):
    sigs = _signatures()

    class Launcher:
        def __init__(self, name):
            self.name = name

        def __call__(self, grid, block, args):
            params = sigs[self.name]
            assert len(grid) == 1 and len(block) == 1 and grid[0] >= 1 and block[0] >= 1
            assert len(args) == len(params), f"{self.name}: {len(args)} args, {len(params)} params"
            for i, ((kind, dtype), arg) in enumerate(zip(params, args)):
                if kind == "ptr":
                    assert isinstance(arg, numpy.ndarray), f"{self.name} arg {i}: not an array"
                    assert str(arg.dtype) == dtype, f"{self.name} arg {i}: {arg.dtype} != {dtype}"
                    assert arg.flags.c_contiguous or arg.ndim == 2, f"{self.name} arg {i}"
                else:
                    assert isinstance(arg, numpy.generic), f"{self.name} arg {i}: {type(arg)}"
                    assert str(arg.dtype) == dtype, f"{self.name} arg {i}: {arg.dtype} != {dtype}"
            launches.append(self.name)

    class RawModule:
        def __init__(self, code, options):
            assert any(o.startswith("-I") for o in options)
            self.names = set(sigs)

        def compile(self):
            pass

        def get_function(self, name):
            assert name in sigs, name
            return Launcher(name)

    fake = types.ModuleType("cupy")

    def on_device(result):
        if isinstance(result, numpy.ndarray):
            return result.view(_DeviceArray)
        if isinstance(result, tuple):
            return tuple(on_device(r) for r in result)
        return result

    def numpy_function(name):
        fn = getattr(numpy, name)
        if not callable(fn) or isinstance(fn, type):
            return fn
        return lambda *a, **k: on_device(fn(*a, **k))

    fake.__getattr__ = numpy_function
    fake.RawModule = RawModule
    fake.cuda = types.SimpleNamespace(runtime=types.SimpleNamespace(getDevice=lambda: 0,
                                                                    getDeviceCount=lambda: 1))
    return fake


def test_every_launch_matches_its_kernel_signature(monkeypatch):
    launches = []
    monkeypatch.setitem(sys.modules, "cupy", _fake_cupy(launches))
    monkeypatch.setattr(cuda_kernels, "_modules", {})
    ck = cuda_kernels

    def dev(a):
        return numpy.ascontiguousarray(a).view(_DeviceArray)

    rng = numpy.random.default_rng(0)
    table = dev(rng.standard_normal((20, 8)).astype("float32"))
    ids = dev(rng.integers(0, 2**63, size=12, dtype="uint64"))
    ck.hash_rows(ids, 3, 20)
    out, rows = ck.hash_gather_sum(table, ids, 3)
    rows = dev(ml_ops.hash_rows(numpy.asarray(ids), 3, 20))
    ck.gather_sum(table, rows)
    wide = dev(numpy.zeros((12, 20), "float32"))
    ck.gather_sum(table, rows, out=wide[:, 4:12])  # a column block: row stride 20
    d_out = dev(rng.standard_normal((12, 8)).astype("float32"))
    ck.scatter_add(dev(numpy.zeros((20, 8), "f")), rows, d_out)
    ck.scatter_add(dev(numpy.zeros((20, 8), "f")), rows, d_out, deterministic=True)
    lengths = dev(numpy.array([2, 1, 3], "int32"))
    X = dev(rng.standard_normal((6, 8)).astype("float32"))
    for op in ("sum", "mean", "max", "first", "last"):
        ck.ragged_reduce(X, lengths, op)
    ck.ragged_reduce(dev(numpy.asarray(X).astype("float16")), lengths, "mean")
    ck.ragged_reduce(dev(numpy.asarray(X).view("uint32")[:, ::2].astype("uint16")), lengths,
                     "sum", bfloat16=True)
    dY = dev(rng.standard_normal((3, 8)).astype("float32"))
    ck.ragged_backward(dY, lengths, "mean")
    ck.ragged_backward(dY, lengths, "max", dev(numpy.zeros((3, 8), "int32")))
    ck.scatter_rows(dY, dev(numpy.array([0, 2, 5], "int32")), 6)
    Y, fn = ck.pool("reduce_first", X, lengths)
    fn(dY)
    idx = dev(numpy.array([0, 1, 5, 5], "int32"))
    tok_lengths = dev(numpy.array([2, 0, 2], "int32"))
    ck.align_mean(X, idx, tok_lengths)
    ck.align_mean(dev(numpy.asarray(X).astype("float16")), idx, tok_lengths)
    ck.align_mean(dev(numpy.zeros((6, 8), "uint16")), idx, tok_lengths, bfloat16=True)
    ck.align_scatter(dY, idx, tok_lengths, 6)
    ck.seq2col(X, 1, lengths)
    ck.backprop_seq2col(dev(numpy.zeros((6, 24), "float32")), 1, lengths)
    assert set(launches) == set(_signatures()), set(_signatures()) - set(launches)
    with pytest.raises(CudaKernelError, match="out of range"):
        ck.gather_sum(table, dev(numpy.asarray(rows) + 20))
    with pytest.raises(CudaKernelError, match="outside"):
        ck.align_mean(X, dev(numpy.array([0, 9, 1, 1], "int32")), tok_lengths)


def test_gpu_check_covers_every_kernel_with_well_formed_launches(monkeypatch):
    """benchmarks/gpu_check.py's part (a), run against the signature-checking stand-in:
    every kernel is launched, with the right argument types (the values are not computed)."""
    launches = []
    fake = _fake_cupy(launches)
    monkeypatch.setitem(sys.modules, "cupy", fake)
    monkeypatch.setattr(cuda_kernels, "_modules", {})
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import gpu_check

    results = gpu_check.check_kernels(fake, quick=True, scale=0.01)
    assert len(results) >= 30 and all("kernel" in r for r in results)
    assert set(launches) == set(_signatures())


def _nvrtc():
    """libnvrtc (what cupy.RawModule compiles with; no GPU needed), or None."""
    import ctypes
    import ctypes.util
    import glob
    import os

    candidates = [os.environ.get("LEXLOOM_NVRTC_LIB", ""), ctypes.util.find_library("nvrtc") or ""]
    for base in sys.path:
        candidates += sorted(glob.glob(os.path.join(base, "nvidia", "cuda_nvrtc", "lib",
                                                    "libnvrtc.so*")))
    for path in candidates:
        if path and "builtins" not in path and "alt" not in path:
            try:
                return ctypes.CDLL(path)
            except OSError:
                continue
    return None


def test_kernels_compile_with_nvrtc_as_cupy_does():
    """The exact options cupy.RawModule gets (compile_options), through libnvrtc: the header
    must work without standard headers. Set LEXLOOM_NVRTC_LIB to the library to run it."""
    import ctypes

    lib = _nvrtc()
    if lib is None:
        pytest.skip("libnvrtc not found (pip install nvidia-cuda-nvrtc-cu12, or set "
                    "LEXLOOM_NVRTC_LIB)")
    for name in KERNELS:
        for arch in ("compute_80", "compute_90"):
            prog = ctypes.c_void_p()
            assert lib.nvrtcCreateProgram(ctypes.byref(prog), kernel_source(name).encode(),
                                          f"{name}.cu".encode(), 0, None, None) == 0
            opts = [o.encode() for o in cuda_kernels.compile_options()]
            opts.append(f"--gpu-architecture={arch}".encode())
            rc = lib.nvrtcCompileProgram(prog, len(opts), (ctypes.c_char_p * len(opts))(*opts))
            size = ctypes.c_size_t()
            lib.nvrtcGetProgramLogSize(prog, ctypes.byref(size))
            log = ctypes.create_string_buffer(size.value)
            lib.nvrtcGetProgramLog(prog, log)
            lib.nvrtcDestroyProgram(ctypes.byref(prog))
            assert rc == 0, f"{name}.cu ({arch}):\n{log.value.decode()}"
