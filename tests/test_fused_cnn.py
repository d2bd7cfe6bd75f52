"""The native inference path of the CNN tok2vec (ml/fused_cnn.py, lexloom.cnn_ops) against
thinc's layers: the same floats up to the last bits on random inputs (the normalisation's
x ** -0.5 is libm's powf natively and numpy's own SIMD power in thinc, which varies with the
numpy version), and thinc's path wherever the native one does not apply (training, other
layer shapes)."""
import numpy
import pytest
from thinc.api import Maxout, chain, residual, with_array, expand_window, clone, Relu
from thinc.layers.with_array import forward as thinc_with_array_forward
from thinc.types import Ragged

from lexloom import blas, cnn_ops
from lexloom.errors import ModelError
from lexloom.ml.fused_cnn import fuse_maxout, fuse_window_encoder
from lexloom.ml.ops import use_lexloom_ops


def _encoder(width, window, pieces, depth, fused=True):
    cnn = chain(expand_window(window_size=window),
                Maxout(nO=width, nI=width * (2 * window + 1), nP=pieces, dropout=0.0,
                       normalize=True))
    model = with_array(clone(residual(cnn), depth), pad=window * depth)
    use_lexloom_ops(model)  # numpy's BLAS for thinc's products too, as in pipelines
    return fuse_window_encoder(model) if fused else model


def _assert_same_floats(fused, plain):
    """Equal up to rounding in the last bits of float32 (see the module docstring)."""
    numpy.testing.assert_allclose(fused, plain, rtol=1e-5, atol=1e-5)


def _thinc_output(model, X, is_train=False):
    return thinc_with_array_forward(model, X, is_train)[0]


@pytest.mark.parametrize("width,window,pieces,depth", [(96, 1, 3, 4), (32, 2, 2, 2),
                                                       (8, 0, 1, 1), (200, 1, 3, 1)])
def test_window_encoder_matches_thinc(width, window, pieces, depth):
    rng = numpy.random.default_rng(width + depth)
    model = _encoder(width, window, pieces, depth)
    lengths = [5, 0, 1, 17, 3, 0]
    Xs = [rng.standard_normal((n, width)).astype("float32") for n in lengths]
    model.initialize(X=[x for x in Xs if len(x)])
    fused = model.predict(Xs)
    plain = _thinc_output(model, Xs)
    assert [f.shape for f in fused] == [(n, width) for n in lengths]
    for f, p in zip(fused, plain):
        _assert_same_floats(f, p)


@pytest.mark.parametrize("window,pieces,depth", [(1, 3, 4), (2, 2, 2), (0, 2, 2)])
def test_window_encoder_matches_thinc_on_a_batch(window, pieces, depth):
    """A batch of hundreds of rows (one BLAS product per layer over Docs and the padding
    between them, the layers written in place) equals thinc's layers."""
    rng = numpy.random.default_rng(7 + window)
    width = 32
    model = _encoder(width, window, pieces, depth)
    lengths = [300, 0, 1, 47, 49, 170, 2, 261]
    Xs = [rng.standard_normal((n, width)).astype("float32") for n in lengths]
    model.initialize(X=[x for x in Xs if len(x)])
    fused = model.predict(Xs)
    plain = _thinc_output(model, Xs)
    for f, p in zip(fused, plain):
        _assert_same_floats(f, p)


def test_packed_products_of_many_rows_equal_the_blas():
    """blas.linear with packed weights for a batch's rows (blocks of rows through the
    packed kernel) gives the BLAS's product to float tolerance, any row count."""
    rng = numpy.random.default_rng(11)
    W = rng.standard_normal((200, 96)).astype("float32")
    packed = blas.pack(W)
    for m in (1, 47, 48, 49, 257, 1000):
        X = rng.standard_normal((m, 96)).astype("float32")
        numpy.testing.assert_allclose(blas.linear(X, W, packed=packed), X @ W.T,
                                      rtol=1e-4, atol=1e-4)


def test_linear_reads_inputs_that_share_memory_with_its_output():
    """out=X (as numpy's matmul allows), out over W's rows or the bias inside out: the
    product is the one asked for, with and without packed weights."""
    rng = numpy.random.default_rng(12)
    X = rng.standard_normal((6, 16)).astype("float32")
    W = rng.standard_normal((16, 16)).astype("float32")
    b = rng.standard_normal(16).astype("float32")
    expected = X @ W.T + b
    for packed in (None, blas.pack(W)):
        Y = X.copy()
        out = blas.linear(Y, W, b, out=Y, packed=packed)
        assert out is Y
        numpy.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)
        block = numpy.zeros((6, 32), dtype="float32")  # X and out: column blocks of one array
        block[:, :16] = X
        blas.linear(block[:, :16], W, b, out=block[:, 16:], packed=packed)
        numpy.testing.assert_allclose(block[:, 16:], expected, rtol=1e-5, atol=1e-5)
        numpy.testing.assert_array_equal(block[:, :16], X)
        holder = numpy.zeros((6, 16), dtype="float32")
        holder[0] = b
        blas.linear(X, W, holder[0], out=holder, packed=packed)
        numpy.testing.assert_allclose(holder, expected, rtol=1e-5, atol=1e-5)
    Wc = W.copy()
    numpy.testing.assert_allclose(blas.linear(X, Wc, out=Wc[:6]), X @ W.T, rtol=1e-5,
                                  atol=1e-5)


def test_window_encoder_all_empty_and_no_docs():
    model = _encoder(16, 1, 3, 2)
    model.initialize(X=[numpy.zeros((3, 16), dtype="float32")])
    out = model.predict([numpy.zeros((0, 16), dtype="float32")])
    assert len(out) == 1 and out[0].shape == (0, 16)
    assert model.predict([]) == []


def test_maxout_matches_thinc():
    rng = numpy.random.default_rng(3)
    model = fuse_maxout(with_array(Maxout(24, 40, nP=3, dropout=0.0, normalize=True)))
    use_lexloom_ops(model)
    X = Ragged(rng.standard_normal((30, 40)).astype("float32"),
               numpy.asarray([10, 0, 20], dtype="int32"))
    model.initialize(X=X)
    fused = model.predict(X)
    _assert_same_floats(fused.dataXd, _thinc_output(model, X).dataXd)
    numpy.testing.assert_array_equal(fused.lengths, X.lengths)


def test_training_takes_thincs_path_and_gives_gradients():
    rng = numpy.random.default_rng(4)
    model = _encoder(16, 1, 3, 2)
    Xs = [rng.standard_normal((n, 16)).astype("float32") for n in (4, 6)]
    model.initialize(X=Xs)
    Ys, backprop = model.begin_update(Xs)
    for y, p in zip(Ys, _thinc_output(model, Xs)):
        numpy.testing.assert_array_equal(y, p)
    dXs = backprop([numpy.ones_like(y) for y in Ys])
    assert [d.shape for d in dXs] == [x.shape for x in Xs]
    _Y, bp = model(Xs, is_train=False)
    with pytest.raises(ModelError, match="prediction"):
        bp(Ys)


def test_other_layer_shapes_fall_back_to_thinc():
    rng = numpy.random.default_rng(5)
    model = fuse_window_encoder(with_array(clone(residual(chain(
        expand_window(window_size=1), Relu(nO=8, nI=24))), 2), pad=2))
    Xs = [rng.standard_normal((5, 8)).astype("float32")]
    model.initialize(X=Xs)
    numpy.testing.assert_array_equal(model.predict(Xs)[0], _thinc_output(model, Xs)[0])


def test_cnn_ops_check_their_arrays():
    X = numpy.zeros((4, 8), dtype="float32")
    W = numpy.zeros((8, 3, 24), dtype="float32")
    b = numpy.zeros((8, 3), dtype="float32")
    G = numpy.ones((8,), dtype="float32")
    with pytest.raises(ModelError, match="shape"):
        cnn_ops.maxout_layer(X, (W, b, G, G), window=0)  # W's nI is 24, not 8
    with pytest.raises(ModelError, match="float32"):
        cnn_ops.maxout_layer(X.astype("float64"), (W, b, G, G), window=1)
    with pytest.raises(ModelError, match="b must"):
        cnn_ops.maxout_layer(X, (W, b[:2], G, G), window=1)
    with pytest.raises(ModelError, match="keep the width"):
        cnn_ops.residual_window_stack(X, [(numpy.zeros((4, 3, 24), dtype="float32"),
                                           numpy.zeros((4, 3), dtype="float32"), None, None)], 1)
    assert cnn_ops.maxout_layer(X, (W, b, None, None), window=1).shape == (4, 8)
    stack = [(numpy.zeros((8, 3, 24), dtype="float32"), b, None, None)]
    with pytest.raises(ModelError, match="pair of ints"):
        cnn_ops.residual_window_stack(X, stack, 1, rows=(0, 1, 2))


@pytest.mark.parametrize("n,pad,window,depth", [(1, 4, 1, 4), (7, 4, 1, 4), (30, 8, 2, 4),
                                                (10, 0, 1, 3), (10, 2, 1, 4), (3, 9, 1, 2)])
def test_stack_on_the_wanted_rows_only_gives_the_same_rows(n, pad, window, depth):
    """rows=(start, end) skips what the later layers' windows no longer reach (one Doc's
    padding): the wanted rows equal the whole stack's (bit for bit where the small-row
    kernel multiplies, to the last bit where the BLAS does: it may round a row differently
    in a product of fewer rows)."""
    rng = numpy.random.default_rng(n * 100 + pad)
    width, pieces = 12, 3
    layers = [(rng.standard_normal((width, pieces, width * (2 * window + 1))).astype("float32"),
               rng.standard_normal((width, pieces)).astype("float32"),
               rng.standard_normal(width).astype("float32"),
               rng.standard_normal(width).astype("float32")) for _ in range(depth)]
    X = numpy.zeros((n + 2 * pad, width), dtype="float32")
    X[pad:pad + n] = rng.standard_normal((n, width))
    whole = cnn_ops.residual_window_stack(X, layers, window)
    wanted = cnn_ops.residual_window_stack(X, layers, window, rows=(pad, pad + n))
    numpy.testing.assert_allclose(wanted[pad:pad + n], whole[pad:pad + n], rtol=1e-6,
                                  atol=1e-5)
    with pytest.raises(ModelError, match="rows must be"):
        cnn_ops.residual_window_stack(X, layers, window, rows=(pad, len(X) + 1))


def test_a_few_rows_read_packed_weights_kept_in_step_with_w():
    """A small batch reads each W packed once and kept (fused_cnn._PACKED, by W while it
    lives): after W changes in place the output follows it, and a dropped model's packed
    weights go with its W."""
    import gc

    from lexloom.ml import fused_cnn

    rng = numpy.random.default_rng(3)
    model = _encoder(64, 1, 3, 2)
    Xs = [rng.standard_normal((n, 64)).astype("float32") for n in (4, 7)]
    model.initialize(X=Xs)
    for _ in range(2):
        for f, p in zip(model.predict(Xs), _thinc_output(model, Xs)):
            _assert_same_floats(f, p)
    W = next(node for node in model.walk() if node.name == "maxout").get_param("W")
    if blas.has_packed_kernel():
        assert id(W) in fused_cnn._PACKED
    W *= 2.0
    for f, p in zip(model.predict(Xs), _thinc_output(model, Xs)):
        _assert_same_floats(f, p)
    key = id(W)
    del model, W
    gc.collect()
    assert key not in fused_cnn._PACKED
