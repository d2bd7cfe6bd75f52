"""The CUDA twins of the native kernels: shipped, compilable, and equal to the CPU versions
where a GPU exists (skipped cleanly without nvcc / a GPU)."""
import shutil
import subprocess

import numpy
import pytest

from lexloom import ml_ops
from lexloom.ml.cuda_kernels import kernel_dir, kernel_source


def test_kernel_sources_are_installed_with_the_package():
    assert (kernel_dir() / "hashembed.cu").exists()
    source = kernel_source("hashembed")
    assert "gather_sum" in source and "scatter_add" in source


@pytest.mark.skipif(shutil.which("nvcc") is None, reason="nvcc is not installed")
def test_kernels_compile_with_nvcc(tmp_path):
    out = tmp_path / "hashembed.ptx"
    run = subprocess.run(["nvcc", "--ptx", str(kernel_dir() / "hashembed.cu"), "-o", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert ".entry gather_sum" in out.read_text()


def _gpu_available() -> bool:
    try:
        import cupy

        return cupy.cuda.runtime.getDeviceCount() > 0
    except Exception:
        return False


@pytest.mark.gpu
@pytest.mark.skipif(not _gpu_available(), reason="needs cupy and a CUDA GPU")
def test_gpu_gather_and_scatter_equal_the_cpu_twins():
    import cupy

    from lexloom.ml.cuda_kernels import load_module

    rng = numpy.random.default_rng(0)
    table = rng.standard_normal((50, 8)).astype("float32")
    rows = rng.integers(0, 50, size=(30, 4)).astype("uint32")
    d_out = rng.standard_normal((30, 8)).astype("float32")
    module = load_module("hashembed")
    n, width, k = rows.shape[0], table.shape[1], rows.shape[1]
    blocks = ((n * width + 127) // 128,)
    out = cupy.zeros((n, width), dtype="float32")
    module.get_function("gather_sum")(blocks, (128,), (
        cupy.asarray(table), numpy.int64(width), cupy.asarray(rows), numpy.int64(n),
        numpy.int32(k), out, numpy.int64(width)))
    numpy.testing.assert_allclose(out.get(), ml_ops.gather_sum(table, rows), rtol=1e-5)
    d_table = cupy.zeros_like(cupy.asarray(table))
    module.get_function("scatter_add")(blocks, (128,), (
        d_table, numpy.int64(width), cupy.asarray(rows), numpy.int64(n), numpy.int32(k),
        cupy.asarray(d_out), numpy.int64(width)))
    expected = ml_ops.scatter_add(numpy.zeros_like(table), rows, d_out)
    numpy.testing.assert_allclose(d_table.get(), expected, rtol=1e-4, atol=1e-5)
