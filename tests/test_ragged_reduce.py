"""Native ragged reductions (lexloom.ragged_ops) and LexloomOps: same values as thinc's
NumpyOps and a numpy reference, correct gradients, clear errors for bad lengths."""
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from thinc.api import NumpyOps, Ragged

from lexloom import ragged_ops
from lexloom.errors import ModelError, RaggedLengthsError
from lexloom.ml.ops import LexloomOps

THINC = NumpyOps()
OPS = LexloomOps()


def segments(lengths):
    starts = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]]).astype(int)
    return [(int(s), int(s + n)) for s, n in zip(starts, lengths)]


def reference(op, X, lengths):
    rows = []
    for s, e in segments(lengths):
        seg = X[s:e]
        if op == "sum":
            rows.append(seg.sum(axis=0) if e > s else numpy.zeros(X.shape[1]))
        elif op == "mean":
            rows.append(seg.mean(axis=0) if e > s else numpy.zeros(X.shape[1]))
        elif op == "max":
            rows.append(seg.max(axis=0))
        elif op == "first":
            rows.append(seg[0])
        else:
            rows.append(seg[-1])
    return numpy.array(rows, dtype=X.dtype).reshape(len(lengths), X.shape[1])


def random_case(seed, dtype, allow_empty, n_seqs=12, width=7):
    """Random rows and lengths; with allow_empty, sequence 0 is always empty."""
    rng = numpy.random.default_rng(seed)
    low = 0 if allow_empty else 1
    lengths = rng.integers(low, 6, size=n_seqs).astype(numpy.int32)
    if allow_empty:
        lengths[0] = 0
    X = rng.normal(size=(int(lengths.sum()), width)).astype(dtype)
    return X, lengths


DTYPES = [numpy.float32, numpy.float64]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("seed", range(5))
def test_sum_and_mean_match_thinc_and_numpy(dtype, seed):
    X, lengths = random_case(seed, dtype, allow_empty=True)
    for op in ("sum", "mean"):
        mine = getattr(OPS, f"reduce_{op}")(X, lengths)
        assert mine.dtype == dtype and mine.shape == (len(lengths), X.shape[1])
        numpy.testing.assert_array_equal(mine, getattr(THINC, f"reduce_{op}")(X, lengths))
        numpy.testing.assert_allclose(mine, reference(op, X, lengths), rtol=1e-5, atol=1e-6)
        assert not mine[0].any()


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("seed", range(5))
def test_max_first_last_match_thinc_and_numpy(dtype, seed):
    X, lengths = random_case(seed, dtype, allow_empty=False)
    Y, which = OPS.reduce_max(X, lengths)
    tY, twhich = THINC.reduce_max(X, lengths)
    numpy.testing.assert_array_equal(Y, tY)
    numpy.testing.assert_array_equal(which, twhich)
    assert which.dtype == numpy.int32
    numpy.testing.assert_array_equal(Y, reference("max", X, lengths))
    for op in ("first", "last"):
        Y, idx = getattr(OPS, f"reduce_{op}")(X, lengths)
        tY, tidx = getattr(THINC, f"reduce_{op}")(X, lengths)
        numpy.testing.assert_array_equal(Y, tY)
        numpy.testing.assert_array_equal(idx, tidx)
        numpy.testing.assert_array_equal(Y, reference(op, X, lengths))


def test_max_keeps_the_first_of_tied_maxima():
    X = numpy.array([[1, 2], [1, 5], [0, 5]], dtype="f")
    Y, which = OPS.reduce_max(X, numpy.array([3], dtype="i"))
    assert Y.tolist() == [[1, 5]] and which.tolist() == [[0, 1]]


def test_max_treats_nan_as_thinc_does():
    X = numpy.array([[numpy.nan, 1, 2], [3, numpy.nan, 2], [1, 5, numpy.nan]], dtype="f")
    lengths = numpy.array([3], dtype="i")
    Y, which = OPS.reduce_max(X, lengths)
    tY, twhich = THINC.reduce_max(X, lengths)
    numpy.testing.assert_array_equal(Y, tY)  # NaN == NaN here
    assert which.tolist() == twhich.tolist() == [[0, 2, 0]]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("seed", range(5))
def test_backward_passes_match_thinc(dtype, seed):
    X, lengths = random_case(seed, dtype, allow_empty=True)
    rng = numpy.random.default_rng(seed + 100)
    dY = rng.normal(size=(len(lengths), X.shape[1])).astype(dtype)
    for op in ("sum", "mean"):
        mine = getattr(OPS, f"backprop_reduce_{op}")(dY, lengths)
        assert mine.dtype == dtype and mine.shape == X.shape
        numpy.testing.assert_array_equal(mine, getattr(THINC, f"backprop_reduce_{op}")(dY, lengths))
    lengths = numpy.maximum(lengths, 1).astype(numpy.int32)
    X = rng.normal(size=(int(lengths.sum()), X.shape[1])).astype(dtype)
    _, which = OPS.reduce_max(X, lengths)
    numpy.testing.assert_array_equal(OPS.backprop_reduce_max(dY, which, lengths),
                                     THINC.backprop_reduce_max(dY, which, lengths))
    for op in ("first", "last"):
        _, idx = getattr(OPS, f"reduce_{op}")(X, lengths)
        mine = getattr(OPS, f"backprop_reduce_{op}")(dY, idx)
        assert mine.shape == X.shape
        numpy.testing.assert_array_equal(mine, getattr(THINC, f"backprop_reduce_{op}")(dY, idx))


@pytest.mark.parametrize("op", ["sum", "mean", "first", "last"])
def test_linear_backward_is_the_adjoint(op):
    """<dY, f(X)> == <f'(dY), X> for the linear reductions: the gradient is exact."""
    X, lengths = random_case(7, numpy.float64, allow_empty=op in ("sum", "mean"))
    dY = numpy.random.default_rng(8).normal(size=(len(lengths), X.shape[1]))
    out = getattr(OPS, f"reduce_{op}")(X, lengths)
    if op in ("first", "last"):
        out, idx = out
        dX = getattr(OPS, f"backprop_reduce_{op}")(dY, idx)
    else:
        dX = getattr(OPS, f"backprop_reduce_{op}")(dY, lengths)
    assert numpy.isclose((dY * out).sum(), (dX * X).sum(), rtol=1e-12)


def test_max_backward_matches_finite_differences():
    X, lengths = random_case(11, numpy.float64, allow_empty=False, n_seqs=5, width=3)
    dY = numpy.random.default_rng(12).normal(size=(len(lengths), X.shape[1]))
    _, which = OPS.reduce_max(X, lengths)
    dX = OPS.backprop_reduce_max(dY, which, lengths)
    eps = 1e-6
    numeric = numpy.zeros_like(X)
    for idx in numpy.ndindex(*X.shape):
        up, down = X.copy(), X.copy()
        up[idx] += eps
        down[idx] -= eps
        numeric[idx] = ((dY * OPS.reduce_max(up, lengths)[0]).sum()
                        - (dY * OPS.reduce_max(down, lengths)[0]).sum()) / (2 * eps)
    numpy.testing.assert_allclose(dX, numeric, atol=1e-6)


def test_empty_batches_and_zero_width():
    X = numpy.zeros((0, 4), dtype="f")
    none = numpy.zeros(0, dtype="i")
    for op in ("sum", "mean"):
        assert getattr(OPS, f"reduce_{op}")(X, none).shape == (0, 4)
        assert getattr(OPS, f"backprop_reduce_{op}")(numpy.zeros((0, 4), "f"), none).shape == (0, 4)
    Y, which = OPS.reduce_max(X, none)
    assert Y.shape == (0, 4) and which.shape == (0, 4)
    assert OPS.reduce_first(X, none)[0].shape == (0, 4)
    assert OPS.reduce_last(X, none)[0].shape == (0, 4)
    assert OPS.backprop_reduce_first(numpy.zeros((0, 4), "f"), none).shape == (0, 4)
    assert OPS.backprop_reduce_last(numpy.zeros((0, 4), "f"), none).shape == (0, 4)
    # width 0, some rows
    X0 = numpy.zeros((3, 0), dtype="f")
    lengths = numpy.array([2, 1], dtype="i")
    assert OPS.reduce_sum(X0, lengths).shape == (2, 0)
    assert OPS.reduce_first(X0, lengths)[1].tolist() == [0, 2, 3]
    # all sequences empty
    assert OPS.reduce_mean(X, numpy.zeros(3, "i")).tolist() == [[0.0] * 4] * 3


def test_int64_lengths_and_non_contiguous_rows_are_accepted():
    X, lengths = random_case(3, numpy.float32, allow_empty=True)
    wide = numpy.zeros((X.shape[0], X.shape[1] * 2), dtype="f")
    wide[:, ::2] = X
    numpy.testing.assert_array_equal(OPS.reduce_sum(wide[:, ::2], lengths.astype("int64")),
                                     THINC.reduce_sum(X, lengths))


@pytest.mark.parametrize("call,message", [
    (lambda: OPS.reduce_sum(numpy.ones((3, 2), "f"), numpy.array([1, -1, 3], "i")),
     "sequence 1 has length -1"),
    (lambda: OPS.reduce_mean(numpy.ones((3, 2), "f"), numpy.array([1, 1], "i")),
     "they sum to 2 but the array has 3 rows"),
    (lambda: OPS.reduce_sum(numpy.ones((3, 2), "f"), numpy.array([4], "i")),
     "they sum to 4 but the array has 3 rows"),
    (lambda: OPS.reduce_max(numpy.ones((3, 2), "f"), numpy.array([3, 0], "i")),
     "must be > 0, but sequence 1 has length 0"),
    (lambda: OPS.reduce_first(numpy.ones((3, 2), "f"), numpy.array([0, 3], "i")),
     "must be > 0"),
    (lambda: OPS.reduce_last(numpy.ones((3, 2), "f"), numpy.array([1, 1], "i")),
     "must sum up to the number of rows"),
    (lambda: OPS.backprop_reduce_max(numpy.ones((1, 2), "f"), numpy.array([[0, 3]], "i"),
                                     numpy.array([3], "i")),
     "which[0, 1] = 3 is not a row of sequence 0"),
    (lambda: OPS.backprop_reduce_last(numpy.ones((2, 2), "f"), numpy.array([-1, 2], "i")),
     "row index -1"),
    (lambda: OPS.backprop_reduce_first(numpy.ones((1, 2), "f"), numpy.array([3], "i")),
     "must not have size 1"),
])
def test_bad_lengths_raise_ragged_lengths_error(call, message):
    with pytest.raises((RaggedLengthsError, ModelError)) as err:
        call()
    assert message in str(err.value)
    assert isinstance(err.value, ValueError)


def test_length_errors_are_index_errors_too():
    with pytest.raises(IndexError):
        OPS.reduce_sum(numpy.ones((3, 2), "f"), numpy.array([4], "i"))


@pytest.mark.parametrize("call,message", [
    (lambda: ragged_ops.reduce_sum(numpy.ones((3, 2), "i"), [3]), "float32 or float64"),
    (lambda: ragged_ops.reduce_sum(numpy.ones(3, "f"), [3]), "2-dimensional"),
    (lambda: ragged_ops.reduce_sum([[1.0]], [1]), "numpy array"),
    (lambda: ragged_ops.reduce_sum(numpy.ones((3, 2), "f"), [[3]]), "1-dimensional"),
    (lambda: ragged_ops.reduce_sum(numpy.ones((3, 2), "f"), [1.5, 1.5]), "integers"),
    (lambda: ragged_ops.backprop_reduce_sum(numpy.ones((2, 2), "f"), [3]), "has 2 rows but"),
    (lambda: ragged_ops.backprop_reduce_max(numpy.ones((1, 2), "f"), numpy.zeros((1, 3), "i"),
                                            [2]), "which has shape (1, 3)"),
])
def test_bad_arrays_raise_model_error(call, message):
    with pytest.raises(ModelError) as err:
        call()
    assert message in str(err.value)


@pytest.mark.parametrize("name", ["reduce_sum.v1", "reduce_mean.v1", "reduce_max.v1",
                                  "reduce_first.v1", "reduce_last.v1"])
def test_thinc_layers_resolve_through_lexloom_registry_and_run_natively(name):
    from lexloom.registry import registry

    X, lengths = random_case(5, numpy.float32, allow_empty=False)
    ours = registry.layers.get(name)()
    theirs = registry.layers.get(name)()
    ours.ops, theirs.ops = OPS, THINC
    Y, backprop = ours(Ragged(X, lengths), is_train=True)
    tY, tbackprop = theirs(Ragged(X, lengths), is_train=True)
    numpy.testing.assert_array_equal(Y, tY)
    dY = numpy.random.default_rng(1).normal(size=Y.shape).astype("f")
    numpy.testing.assert_array_equal(backprop(dY).data, tbackprop(dY).data)
    # the call went to lexloom's kernels: a bad length gives lexloom's error, not thinc's
    with pytest.raises(RaggedLengthsError):
        ours(Ragged(X, numpy.array([X.shape[0] + 1], "i")), is_train=False)


def test_config_pooling_block_resolves():
    from thinc.api import Config

    from lexloom.registry import registry

    cfg = Config().from_str('[pooling]\n@layers = "reduce_mean.v1"\n')
    pooling = registry.resolve(cfg)["pooling"]
    assert pooling.name == "reduce_mean"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=15), st.integers(0, 5), st.sampled_from(DTYPES))
def test_random_shapes_match_thinc(lengths, width, dtype):
    lengths = numpy.array(lengths, dtype=numpy.int32)
    X = numpy.random.default_rng(len(lengths)).normal(
        size=(int(lengths.sum()), width)).astype(dtype)
    for op in ("sum", "mean"):
        mine = getattr(OPS, f"reduce_{op}")(X, lengths)
        if X.shape[0] == 0:  # thinc's NumpyOps indexes X[0, 0] here and raises IndexError
            numpy.testing.assert_array_equal(mine, reference(op, X, lengths))
        else:
            numpy.testing.assert_array_equal(mine, getattr(THINC, f"reduce_{op}")(X, lengths))
    dY = numpy.ones((len(lengths), width), dtype=dtype)
    numpy.testing.assert_array_equal(OPS.backprop_reduce_mean(dY, lengths),
                                     THINC.backprop_reduce_mean(dY, lengths))
    positive = lengths[lengths > 0]
    Xp = X[: int(positive.sum())]
    for op in ("max", "first", "last"):
        mine = getattr(OPS, f"reduce_{op}")(Xp, positive)
        theirs = getattr(THINC, f"reduce_{op}")(Xp, positive)
        numpy.testing.assert_array_equal(mine[0], theirs[0])
