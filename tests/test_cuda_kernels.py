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
