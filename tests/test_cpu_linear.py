"""float32 CPU inference of nn.Linear through numpy's BLAS (lexloom.blas.linear and
lexloom.transformers.cpu_linear): the same products as torch's layers, only where autograd
is off, chosen by LEXLOOM_CPU_LINEAR or measured. Nothing is timed."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy
import pytest
from lexloom.errors import ConfigError, ModelError

from lexloom import blas


def rand(rng, *shape):
    return rng.standard_normal(shape).astype("float32")


# ---- lexloom.blas.linear --------------------------------------------------------------------

@pytest.mark.parametrize("m,k,n", [(1, 5, 3), (7, 13, 5), (64, 32, 48), (300, 40, 70)])
def test_linear_is_x_times_w_transposed_plus_bias(m, k, n):
    rng = numpy.random.default_rng(m)
    X, W, b = rand(rng, m, k), rand(rng, n, k), rand(rng, n)
    numpy.testing.assert_allclose(blas.linear(X, W, b), X @ W.T + b, rtol=1e-5, atol=1e-5)
    numpy.testing.assert_allclose(blas.linear(X, W), X @ W.T, rtol=1e-5, atol=1e-5)


def test_linear_reads_and_writes_column_blocks_of_wider_arrays():
    rng = numpy.random.default_rng(1)
    wide_x, W, b = rand(rng, 30, 20), rand(rng, 6, 8), rand(rng, 6)
    wide_out = numpy.full((30, 10), 7.0, dtype="float32")
    got = blas.linear(wide_x[:, 4:12], W, b, out=wide_out[:, 2:8])
    assert numpy.shares_memory(got, wide_out)
    numpy.testing.assert_allclose(wide_out[:, 2:8], wide_x[:, 4:12] @ W.T + b, rtol=1e-5,
                                  atol=1e-5)
    assert (wide_out[:, :2] == 7).all() and (wide_out[:, 8:] == 7).all()  # untouched


def test_linear_takes_arrays_whose_length_1_axis_has_any_stride():
    # numpy and torch call these contiguous: a (m, 1) column of a transposed array has a
    # row-length inner stride, a (1, k) row any outer one
    rng = numpy.random.default_rng(2)
    column = rand(rng, 1, 150).T                      # (150, 1), strides (4, 600)
    W, b = rand(rng, 5, 1), rand(rng, 5)
    numpy.testing.assert_allclose(blas.linear(column, W, b), column @ W.T + b, rtol=1e-5,
                                  atol=1e-5)
    row = numpy.lib.stride_tricks.as_strided(rand(rng, 8), shape=(1, 8), strides=(0, 4))
    W8 = rand(rng, 3, 8)
    out = numpy.lib.stride_tricks.as_strided(numpy.zeros(3, "float32"), shape=(1, 3),
                                             strides=(0, 4))
    got = blas.linear(row, W8, out=out)
    assert got is out
    numpy.testing.assert_allclose(out, row @ W8.T, rtol=1e-5, atol=1e-5)
    with pytest.raises(ModelError, match="contiguous rows"):   # two real axes still checked
        blas.linear(numpy.asfortranarray(rand(rng, 4, 8)), W8)
    # the other axis's stride is used: a row read from a column, or written backwards, is not
    # a contiguous row (it was read as one, and a reversed out written out of bounds)
    with pytest.raises(ModelError, match="X must be .*contiguous rows"):
        blas.linear(rand(rng, 8, 4)[:, 1:2].T, W8)
    reversed_out = numpy.zeros((1, 3), "float32")[:, ::-1]
    with pytest.raises(ModelError, match="out must be .*contiguous rows"):
        blas.linear(rand(rng, 1, 8), W8, out=reversed_out)


def test_linear_of_empty_shapes():
    W, b = numpy.ones((3, 4), "float32"), numpy.arange(3, dtype="float32")
    assert blas.linear(numpy.zeros((0, 4), "float32"), W, b).shape == (0, 3)
    no_inputs = blas.linear(numpy.zeros((2, 0), "float32"), numpy.zeros((3, 0), "float32"), b)
    numpy.testing.assert_array_equal(no_inputs, [b, b])
    numpy.testing.assert_array_equal(
        blas.linear(numpy.zeros((2, 0), "float32"), numpy.zeros((3, 0), "float32")), 0)


def test_linear_refuses_what_it_cannot_multiply():
    rng = numpy.random.default_rng(3)
    X, W, b = rand(rng, 4, 5), rand(rng, 3, 5), rand(rng, 3)
    # a read-only out (bytes, a read-only mapping) was written through its pointer
    frozen = numpy.frombuffer(bytes(4 * 3 * 4), dtype="float32").reshape(4, 3)
    with pytest.raises(ModelError, match="out is written in place but is read-only"):
        blas.linear(X, W, b, out=frozen)
    assert not frozen.any()
    with pytest.raises(ModelError, match="X must be a 2-d float32 array"):
        blas.linear(X.astype("float64"), W, b)
    with pytest.raises(ModelError, match="X must be .*contiguous rows"):
        blas.linear(numpy.asfortranarray(X), W, b)
    with pytest.raises(ModelError, match="W must be a C-contiguous"):
        blas.linear(X, numpy.asfortranarray(W), b)
    with pytest.raises(ModelError, match="inner dimension"):
        blas.linear(X, rand(rng, 3, 4), b)
    with pytest.raises(ModelError, match=r"bias must be a float32 array of shape \(3,\)"):
        blas.linear(X, W, rand(rng, 4))
    with pytest.raises(ModelError, match=r"out must have shape \(4, 3\)"):
        blas.linear(X, W, b, out=numpy.zeros((4, 4), "float32"))


# ---- the BLAS's thread count for lexloom's own products --------------------------------------

def test_one_blas_thread_for_lexloom_products_is_restored_after_each():
    if not blas.threads_local_address:
        pytest.skip("this BLAS has no per-thread thread count (OpenBLAS < 0.3.27)")
    import ctypes

    set_local = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int)(blas.threads_local_address)
    rng = numpy.random.default_rng(5)
    X, W, b = rand(rng, 300, 64), rand(rng, 70, 64), rand(rng, 70)
    want = blas.linear(X, W, b)
    assert blas.threads() == 0
    before = set_local(3)  # this thread's count as it is (the call returns the old one)
    set_local(before)
    try:
        assert blas.set_threads(1) is True and blas.threads() == 1
        numpy.testing.assert_allclose(blas.linear(X, W, b), want, rtol=1e-5, atol=1e-5)
        # the calling thread's count is what it was, for numpy's own calls
        assert set_local(before) == before
    finally:
        blas.set_threads(0)
        blas._threads_chosen_by_user = False
    with pytest.raises(ModelError, match="thread count >= 0"):
        blas.set_threads(-1)


def _last_line_of(code: str, env: dict) -> str:
    """Run `code` in a fresh interpreter (LEXLOOM_BLAS_THREADS only as `env` says); its last
    line of output."""
    clean = {k: v for k, v in os.environ.items() if k != "LEXLOOM_BLAS_THREADS"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**clean, **env})
    assert run.returncode == 0, run.stderr
    return run.stdout.strip().splitlines()[-1]


SHARE = ("import torch; torch.set_num_threads({n}); from lexloom import blas; "
         "blas.share_cores_with_torch(); print(blas.threads())")


def test_products_take_one_blas_thread_while_torch_uses_several():
    if not blas.threads_local_address:
        pytest.skip("this BLAS has no per-thread thread count (OpenBLAS < 0.3.27)")
    assert _last_line_of(SHARE.format(n=2), {}) == "1"
    assert _last_line_of(SHARE.format(n=1), {}) == "0"      # torch on one thread
    assert _last_line_of(SHARE.format(n=2), {"LEXLOOM_BLAS_THREADS": "0"}) == "0"
    assert _last_line_of(SHARE.format(n=2), {"LEXLOOM_BLAS_THREADS": "2"}) == "2"


def test_a_transformer_on_several_torch_threads_keeps_lexloom_products_on_one(tmp_path):
    pytest.importorskip("transformers")
    if not blas.threads_local_address:
        pytest.skip("this BLAS has no per-thread thread count (OpenBLAS < 0.3.27)")
    from _trf import make_tiny_bert

    path = make_tiny_bert(tmp_path / "bert", hidden_size=32)
    code = f"""
import torch; torch.set_num_threads(2)
import lexloom
from lexloom import blas
from lexloom.transformers import cpu_linear
nlp = lexloom.blank("en")
nlp.add_pipe("transformer", config={{"model": {{
    "@architectures": "lexloom.TransformerModel.v3", "name": {str(path)!r},
    "get_spans": {{"@span_getters": "spacy-transformers.strided_spans.v1", "window": 6,
                  "stride": 4}}}}}})
nlp.initialize()
before = blas.threads()
nlp("the cat sat on the mat .")
print(before, blas.threads(), cpu_linear._FASTER)
"""
    env = {"LEXLOOM_CPU_INFERENCE_DTYPE": "float32", "LEXLOOM_CPU_LINEAR": "auto"}
    before, after, measured = _last_line_of(code, env).split(" ", 2)
    assert (before, after) == ("0", "1")
    assert measured == "{}"   # "auto" kept torch's Linear layers without measuring


def test_a_bad_blas_thread_count_in_the_environment_is_refused():
    run = subprocess.run([sys.executable, "-c", "import lexloom.blas"], capture_output=True,
                         text=True, env={**os.environ, "LEXLOOM_BLAS_THREADS": "many"})
    assert run.returncode != 0
    assert "LEXLOOM_BLAS_THREADS must be a thread count >= 0" in run.stderr


# ---- routing torch's nn.Linear ---------------------------------------------------------------

torch = pytest.importorskip("torch")

from lexloom.transformers import cpu_linear  # noqa: E402


@pytest.fixture
def counted(monkeypatch):
    """How many products went through lexloom.blas.linear."""
    calls = []
    real = blas.linear

    def linear(*args, **kwargs):
        calls.append(args[0].shape)
        return real(*args, **kwargs)

    monkeypatch.setattr(blas, "linear", linear)
    return calls


def small_net():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(),
                               torch.nn.Linear(16, 4, bias=False))


def test_linears_run_on_the_blas_in_inference_and_equal_torchs(counted):
    net = small_net()
    x = torch.randn(3, 5, 8)  # (batch, sequence, features)
    with torch.inference_mode():
        want = net(x)
        with cpu_linear.blas_linears(net):
            got = net(x)
            strided = net(x.transpose(0, 1))  # not contiguous
    assert counted == [(15, 8), (15, 16), (15, 8), (15, 16)]
    assert got.shape == want.shape == (3, 5, 4)
    numpy.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-5, atol=1e-6)
    numpy.testing.assert_allclose(strided.numpy(), want.transpose(0, 1).numpy(), rtol=1e-5,
                                  atol=1e-6)
    assert not any("forward" in m.__dict__ for m in net.modules())  # undone on exit


def test_with_autograd_on_the_layers_stay_torchs(counted):
    net = small_net()
    x = torch.randn(4, 8)
    with cpu_linear.blas_linears(net):
        loss = net(x).sum()
        loss.backward()
    assert counted == []
    assert net[0].weight.grad is not None and net[0].weight.grad.abs().sum() > 0


def test_other_dtypes_stay_torchs(counted):
    net = small_net().double()
    with torch.inference_mode(), cpu_linear.blas_linears(net):
        out = net(torch.randn(2, 8, dtype=torch.float64))
    assert counted == [] and out.dtype == torch.float64


def test_the_environment_chooses_the_backend(monkeypatch):
    net = small_net()
    own = "packed" if blas.has_packed_kernel() else "blas" if blas.uses_blas() else "torch"
    monkeypatch.setenv("LEXLOOM_CPU_LINEAR", "torch")
    assert cpu_linear.linear_choice(net) == "torch"
    monkeypatch.setenv("LEXLOOM_CPU_LINEAR", "blas")
    assert cpu_linear.linear_choice(net) == ("blas" if blas.uses_blas() else "torch")
    monkeypatch.setenv("LEXLOOM_CPU_LINEAR", "packed")
    assert cpu_linear.linear_choice(net) == own   # numpy's BLAS where the CPU lacks the kernel
    monkeypatch.setenv("LEXLOOM_CPU_LINEAR", "auto")
    monkeypatch.setattr(cpu_linear, "_FASTER", {})
    threads = torch.get_num_threads()
    try:
        torch.set_num_threads(2)   # torch's pool computes the rest: its Linear layers too
        assert cpu_linear.linear_choice(net) == "torch" and cpu_linear._FASTER == {}
        torch.set_num_threads(1)
        verdict = cpu_linear.linear_choice(net)
        assert verdict in ("torch", own)
        assert cpu_linear._FASTER == {(16, 8): verdict}  # measured once, on the largest layer
        assert cpu_linear.linear_choice(net) == verdict
        assert cpu_linear.linear_choice(torch.nn.ReLU()) == "torch"  # no Linear layers
    finally:
        torch.set_num_threads(threads)
    monkeypatch.setenv("LEXLOOM_CPU_LINEAR", "mkl")
    with pytest.raises(ConfigError, match="LEXLOOM_CPU_LINEAR='mkl' is not allowed"):
        cpu_linear.linear_choice(net)


def test_transformer_pipeline_annotates_the_same_on_either_backend(tmp_path, monkeypatch,
                                                                   counted):
    pytest.importorskip("transformers")
    from _trf import make_tiny_bert

    import lexloom

    path = make_tiny_bert(tmp_path / "bert", hidden_size=32)
    monkeypatch.setenv("LEXLOOM_CPU_INFERENCE_DTYPE", "float32")
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {
        "@architectures": "lexloom.TransformerModel.v3", "name": str(path),
        "get_spans": {"@span_getters": "spacy-transformers.strided_spans.v1", "window": 6,
                      "stride": 4}}})
    nlp.initialize()
    texts = ["the cat sat on the mat .", "hello", "new york city is big ! apple buys a "
             "startup for $ 1 billion"]

    def hidden(batch_size):
        return [doc._.trf_data.tensors[0].copy() for doc in nlp.pipe(texts,
                                                                      batch_size=batch_size)]

    monkeypatch.setenv("LEXLOOM_CPU_LINEAR", "torch")
    want = hidden(3)
    assert counted == []
    linears = [m for m in nlp.get_pipe("transformer").model.transformer.modules()
               if type(m) is torch.nn.Linear]
    assert linears
    for backend in ("blas", "packed"):
        monkeypatch.setenv("LEXLOOM_CPU_LINEAR", backend)
        counted.clear()
        got, alone = hidden(3), hidden(1)
        computed = blas.has_packed_kernel() if backend == "packed" else blas.uses_blas()
        assert len(counted) > 0 if computed else counted == []
        # packed copies only where asked for and computed with
        packed = [m for m in linears if m in cpu_linear._PACKED]
        assert len(packed) == (len(linears) if backend == "packed" and computed else 0)
        for a, b, c in zip(got, want, alone):
            numpy.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)
            numpy.testing.assert_allclose(c, a, rtol=1e-5, atol=1e-6)


# ---- packed weights (the AVX-512 kernel) ----------------------------------------------------

needs_packed = pytest.mark.skipif(not blas.has_packed_kernel(),
                                  reason="no AVX-512 packed kernel on this CPU")


@needs_packed
def test_the_packed_kernel_adds_the_bias_as_it_stores():
    rng = numpy.random.default_rng(4)
    for m, n, k in [(1, 5, 3), (50, 40, 23), (300, 70, 64)]:
        X, W, b = rand(rng, m, k), rand(rng, n, k), rand(rng, n)
        packed = blas.pack(W)
        got = blas.linear(X, W, b, packed=packed)
        numpy.testing.assert_array_equal(got, blas.linear(X, W, packed=packed) + b)
        numpy.testing.assert_allclose(got, X @ W.T + b, rtol=1e-5, atol=1e-5)
        strided_bias = numpy.repeat(b, 2)[::2]                 # read from a strided view
        numpy.testing.assert_array_equal(blas.linear(X, W, strided_bias, packed=packed), got)


@needs_packed
def test_layers_read_their_weights_packed_once_and_follow_changes(monkeypatch):
    packed_calls = []
    real = blas.linear

    def linear(*args, packed=None, **kwargs):
        packed_calls.append(packed)
        return real(*args, packed=packed, **kwargs)

    monkeypatch.setattr(blas, "linear", linear)
    layer = torch.nn.Linear(40, 70)
    x = torch.randn(300, 40)

    def run():
        with torch.inference_mode(), cpu_linear.blas_linears(layer, packed=True):
            return layer(x)

    def check(got):
        with torch.inference_mode():
            want = torch.nn.functional.linear(x, layer.weight, layer.bias)
        numpy.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-5, atol=1e-5)

    check(run())
    check(run())
    first, again = packed_calls
    assert first is not None and again is first          # packed once, kept across calls
    with torch.no_grad():
        layer.weight.mul_(-2.0)                           # an optimizer-style update in place
    check(run())
    assert packed_calls[-1] is not first
    layer.weight.detach().numpy()[:, :] = 0.5             # an edit through a numpy view
    check(run())
    layer.weight = torch.nn.Parameter(torch.randn(70, 40))  # a new weight tensor
    check(run())
    layer.weight.data = torch.randn(70, 40)                 # new storage, the same Parameter
    check(run())
    layer.half()
    layer.float()                                           # a dtype round trip
    check(run())
    assert len({id(p) for p in packed_calls[2:]}) == 5


@needs_packed
def test_a_non_contiguous_weight_is_multiplied_without_packing(counted):
    layer = torch.nn.Linear(16, 24)
    layer.weight = torch.nn.Parameter(torch.randn(16, 24).t())  # (24, 16), strided
    x = torch.randn(5, 16)
    with torch.inference_mode():
        want = torch.nn.functional.linear(x, layer.weight, layer.bias)
        with cpu_linear.blas_linears(layer, packed=True):
            got = layer(x)
    assert counted == [(5, 16)] and layer not in cpu_linear._PACKED
    numpy.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-5, atol=1e-5)


def test_inputs_torch_takes_are_taken_expanded_rows_and_a_broadcast_bias(counted):
    layer = torch.nn.Linear(8, 6)
    expanded = torch.randn(1, 8).expand(5, 8)         # five rows on one: row stride 0
    with torch.inference_mode():
        want = torch.nn.functional.linear(expanded, layer.weight, layer.bias)
        with cpu_linear.blas_linears(layer):
            got = layer(expanded)
    numpy.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-5, atol=1e-5)
    assert counted == [(5, 8)]
    layer.bias = torch.nn.Parameter(torch.randn(1))    # broadcast over the outputs
    with torch.inference_mode():
        want = torch.nn.functional.linear(expanded, layer.weight, layer.bias)
        with cpu_linear.blas_linears(layer):
            got = layer(expanded)
    numpy.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-5, atol=1e-5)
    assert counted == [(5, 8)]                          # torch's product computed that one


def test_linear_applies_the_exact_gelu_with_and_without_packed_weights():
    rng = numpy.random.default_rng(6)
    X, W, b = rand(rng, 60, 24) * 2, rand(rng, 45, 24) / 5, rand(rng, 45)
    want = torch.nn.functional.gelu(torch.from_numpy(X @ W.T + b)).numpy()
    for packed in (None, blas.pack(W)):
        got = blas.linear(X, W, b, packed=packed, activation="gelu")
        numpy.testing.assert_allclose(got, want, rtol=1e-5, atol=2e-6)
    empty = blas.linear(numpy.zeros((2, 0), "float32"), numpy.zeros((3, 0), "float32"),
                        numpy.array([-1.0, 0.0, 2.0], "float32"), activation="gelu")
    numpy.testing.assert_allclose(empty, torch.nn.functional.gelu(
        torch.tensor([[-1.0, 0.0, 2.0]] * 2)).numpy(), rtol=1e-6)
    with pytest.raises(ModelError, match="activation must be None or 'gelu'"):
        blas.linear(X, W, b, activation="relu")


def test_linear_gelu_fuses_only_a_layer_on_packed_weights():
    layer = torch.nn.Linear(24, 40)
    x = torch.randn(30, 24) * 2
    with torch.inference_mode():
        want = torch.nn.functional.gelu(torch.nn.functional.linear(x, layer.weight, layer.bias))
        assert cpu_linear.linear_gelu(layer, x) is None            # its own forward
        with cpu_linear.blas_linears(layer, packed=False):
            assert cpu_linear.linear_gelu(layer, x) is None
        with cpu_linear.blas_linears(layer, packed=True):
            got = cpu_linear.linear_gelu(layer, x)
    numpy.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-5, atol=2e-6)
    with cpu_linear.blas_linears(layer, packed=True):               # autograd on: torch's
        assert cpu_linear.linear_gelu(layer, x).requires_grad
