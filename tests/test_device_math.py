"""The shared host/device arithmetic (csrc/lexloom/device_math.hh) run on CPU against
brute-force references: the exact code the CUDA kernels run, so these tests stand in for the
GPU where there is none. Hashes and integer outputs are compared exactly; float32 results
exactly where the reference sums in the same order, else to 1e-6 relative."""
import numpy
import pytest
from lexloom.errors import ModelError, RaggedLengthsError
from thinc.api import NumpyOps

from lexloom import ml_ops, ragged_ops

MASK64 = (1 << 64) - 1


def _murmur3_x64_128_u64(key: int, seed: int):
    """MurmurHash3_x64_128 of the 8 little-endian bytes of key, from the reference C code."""
    c1, c2 = 0x87C37B91114253D5, 0x4CF5AD432745937F

    def rotl(x, r):
        return ((x << r) | (x >> (64 - r))) & MASK64

    def fmix(k):
        k ^= k >> 33
        k = (k * 0xFF51AFD7ED558CCD) & MASK64
        k ^= k >> 33
        k = (k * 0xC4CEB9FE1A85EC53) & MASK64
        return k ^ (k >> 33)

    h1 = h2 = seed
    k1 = (key * c1) & MASK64
    k1 = rotl(k1, 31)
    k1 = (k1 * c2) & MASK64
    h1 ^= k1
    h1 ^= 8
    h2 ^= 8
    h1 = (h1 + h2) & MASK64
    h2 = (h2 + h1) & MASK64
    h1, h2 = fmix(h1), fmix(h2)
    h1 = (h1 + h2) & MASK64
    h2 = (h2 + h1) & MASK64
    return [h1 & 0xFFFFFFFF, h1 >> 32, h2 & 0xFFFFFFFF, h2 >> 32]


def test_hash_matches_the_reference_murmur3_and_thinc():
    rng = numpy.random.default_rng(0)
    ids = numpy.concatenate([numpy.array([0, 1, 2**64 - 1, 2**63], dtype="uint64"),
                             rng.integers(0, 2**64 - 1, size=200, dtype="uint64")])
    for seed in (0, 1, 7, 2**32 - 1):
        got = ml_ops.hash_ids(ids, seed)
        expected = numpy.array([_murmur3_x64_128_u64(int(k), seed) for k in ids], dtype="uint32")
        numpy.testing.assert_array_equal(got, expected)
        numpy.testing.assert_array_equal(got, NumpyOps().hash(ids, seed))
    rows = ml_ops.hash_rows(ids, 3, 1000)
    numpy.testing.assert_array_equal(rows, ml_ops.hash_ids(ids, 3) % 1000)


def test_half_and_bfloat16_loads_are_exact_for_every_bit_pattern():
    bits = numpy.arange(2**16, dtype="uint16")
    half = ragged_ops.load_f32_bits(bits, "float16")
    expected = bits.view(numpy.float16).astype(numpy.float32)
    nan = numpy.isnan(expected)
    assert (numpy.isnan(half) == nan).all()
    numpy.testing.assert_array_equal(half.view("uint32")[~nan], expected.view("uint32")[~nan])
    bf = ragged_ops.load_f32_bits(bits, "bfloat16")
    numpy.testing.assert_array_equal(bf.view("uint32"), bits.astype("uint32") << 16)
    # numpy float16 arrays are taken as their bits
    numpy.testing.assert_array_equal(ragged_ops.load_f32_bits(bits.view(numpy.float16),
                                                              "float16").view("uint32"),
                                     half.view("uint32"))


def _brute_reduce(X, lengths, op):
    out, which = [], []
    start = 0
    for n in lengths:
        seg = X[start:start + n].astype(numpy.float64)
        start += n
        if n == 0:
            out.append(numpy.zeros(X.shape[1]))
            which.append(numpy.zeros(X.shape[1], dtype="int32"))
            continue
        if op == "sum":
            out.append(seg.sum(axis=0))
        elif op == "mean":
            out.append(seg.mean(axis=0))
        elif op == "first":
            out.append(seg[0])
        elif op == "last":
            out.append(seg[-1])
        else:  # first maximum wins; a NaN never replaces a value (but a leading NaN stays)
            best, w = seg[0].copy(), numpy.zeros(X.shape[1], dtype="int32")
            for r in range(1, n):
                more = seg[r] > best
                best[more], w[more] = seg[r][more], r
            out.append(best)
            which.append(w)
    Y = numpy.array(out).reshape(len(lengths), X.shape[1])
    return Y, numpy.array(which, dtype="int32").reshape(Y.shape) if op == "max" else None


@pytest.mark.parametrize("op", ["sum", "mean", "max", "first", "last"])
def test_ragged_reductions_per_column_equal_brute_force_and_the_row_loops(op):
    rng = numpy.random.default_rng(1)
    lengths = numpy.array([1, 3, 0, 5, 1, 2, 0, 7], dtype="int32")
    if op in ("max", "first", "last"):
        lengths = lengths[lengths > 0]
    X = rng.standard_normal((int(lengths.sum()), 6)).astype("float32")
    X[1, 2] = numpy.nan
    X[4, 0] = numpy.inf
    X[5, 1] = -numpy.inf
    Y, which = ragged_ops.reduce_f32(X, lengths, op)
    ref, ref_which = _brute_reduce(X, lengths, op)
    numpy.testing.assert_allclose(Y, ref, rtol=1e-6, atol=1e-6, equal_nan=True)
    if op == "max":
        numpy.testing.assert_array_equal(which, ref_which)
    # the vectorised CPU row loops (the default CPU path) give the same bits
    row_loop = getattr(ragged_ops, f"reduce_{op}")(X, lengths)
    row_Y = row_loop if op in ("sum", "mean") else row_loop[0]
    numpy.testing.assert_array_equal(Y.view("uint32"), row_Y.view("uint32"))
    if op == "max":
        numpy.testing.assert_array_equal(which, row_loop[1])


@pytest.mark.parametrize("source", ["float16", "bfloat16"])
@pytest.mark.parametrize("op", ["sum", "mean", "max", "first", "last"])
def test_half_inputs_reduce_like_their_float32_values(source, op):
    rng = numpy.random.default_rng(2)
    lengths = numpy.array([2, 1, 4, 3], dtype="int32")
    X = (rng.standard_normal((10, 5)) * 100).astype("float32")
    if source == "float16":
        bits = X.astype(numpy.float16).view("uint16")
    else:
        bits = (X.view("uint32") >> 16).astype("uint16")
    values = ragged_ops.load_f32_bits(bits, source)
    Y, which = ragged_ops.reduce_f32(bits, lengths, op, source=source)
    Y32, which32 = ragged_ops.reduce_f32(values, lengths, op)
    numpy.testing.assert_array_equal(Y.view("uint32"), Y32.view("uint32"))
    if op == "max":
        numpy.testing.assert_array_equal(which, which32)


def test_ragged_edge_cases_empty_length_one_and_a_million_rows():
    Y, _ = ragged_ops.reduce_f32(numpy.zeros((0, 3), "f"), numpy.zeros(0, "i"), "sum")
    assert Y.shape == (0, 3)
    Y, _ = ragged_ops.reduce_f32(numpy.zeros((0, 3), "f"), [0, 0], "mean")
    numpy.testing.assert_array_equal(Y, numpy.zeros((2, 3), "f"))
    X = numpy.array([[1.5, -2.0]], dtype="f")
    for op in ("sum", "mean", "max", "first", "last"):
        numpy.testing.assert_array_equal(ragged_ops.reduce_f32(X, [1], op)[0], X)
    rng = numpy.random.default_rng(3)
    lengths = rng.integers(0, 4, size=400_000).astype("int32")
    lengths[-1] += 10**6 - int(lengths.sum()) if lengths.sum() < 10**6 else 0
    X = rng.standard_normal((int(lengths.sum()), 2)).astype("float32")
    assert X.shape[0] >= 10**6
    for op in ("sum", "mean"):
        Y, _ = ragged_ops.reduce_f32(X, lengths, op)
        numpy.testing.assert_array_equal(Y, getattr(ragged_ops, f"reduce_{op}")(X, lengths))
    with pytest.raises(RaggedLengthsError):
        ragged_ops.reduce_f32(X, lengths[:-1], "sum")
    with pytest.raises(ModelError, match="op must be one of"):
        ragged_ops.reduce_f32(X, lengths, "median")


def test_gather_sum_and_both_scatters_with_duplicate_rows():
    rng = numpy.random.default_rng(4)
    table = rng.standard_normal((7, 5)).astype("float32")
    rows = rng.integers(0, 7, size=(300, 4)).astype("uint32")  # many duplicates
    rows[0] = [3, 3, 3, 3]
    for k in (1, 2, 4):
        expected = table[rows[:, :k]].sum(axis=1)
        numpy.testing.assert_allclose(ml_ops.gather_sum(table, rows[:, :k].copy()), expected,
                                      rtol=1e-6, atol=1e-6)
    d_out = rng.standard_normal((300, 5)).astype("float32")
    expected = numpy.zeros((7, 5))
    numpy.add.at(expected, rows.reshape(-1), numpy.repeat(d_out, 4, axis=0).astype("float64"))
    atomic = ml_ops.scatter_add(numpy.zeros_like(table), rows, d_out)
    sorted_ = ml_ops.scatter_add_sorted(numpy.zeros_like(table), rows, d_out)
    numpy.testing.assert_allclose(atomic, expected, rtol=1e-4, atol=1e-4)
    numpy.testing.assert_allclose(sorted_, expected, rtol=1e-4, atol=1e-4)
    # deterministic: the same bits on every run, and adds into what is there
    again = ml_ops.scatter_add_sorted(numpy.ones_like(table), rows, d_out)
    numpy.testing.assert_array_equal(again - 1, ml_ops.scatter_add_sorted(
        numpy.ones_like(table), rows, d_out) - 1)
    with pytest.raises(ModelError, match="out of range"):
        ml_ops.scatter_add_sorted(numpy.zeros_like(table), rows + 7, d_out)
    for scatter in (ml_ops.scatter_add, ml_ops.scatter_add_sorted):
        d_table = numpy.zeros_like(table)
        with pytest.raises(ModelError, match=r"d_out must have shape \(300, 5\).*got \(299, 5\)"):
            scatter(d_table, rows, d_out[:299])
        with pytest.raises(ModelError, match=r"d_out must have shape \(300, 5\)"):
            scatter(d_table, rows, d_out[:, :4])
        assert not d_table.any()  # a refused call adds nothing


def test_alignment_pooling_and_its_adjoint():
    rng = numpy.random.default_rng(5)
    X = rng.standard_normal((9, 4)).astype("float32")
    lengths = numpy.array([2, 0, 1, 3, 1], dtype="int32")
    indices = numpy.array([1, 2, 3, 4, 4, 5, 8], dtype="int32")  # a piece shared by tokens
    Y = ragged_ops.align_mean(X, indices, lengths)
    starts = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]])
    for t, (s, n) in enumerate(zip(starts, lengths)):
        ref = X[indices[s:s + n]].mean(axis=0) if n else numpy.zeros(4)
        numpy.testing.assert_allclose(Y[t], ref, rtol=1e-6, atol=1e-7)
    dY = rng.standard_normal((5, 4)).astype("float32")
    dX = ragged_ops.align_scatter(dY, indices, lengths, 9)
    ref = numpy.zeros((9, 4))
    for t, (s, n) in enumerate(zip(starts, lengths)):
        for p in indices[s:s + n]:
            ref[p] += dY[t] / n
    numpy.testing.assert_allclose(dX, ref, rtol=1e-6, atol=1e-6)
    with pytest.raises(ModelError, match="outside the 4 wordpiece rows"):
        ragged_ops.align_mean(X[:4], indices, lengths)
    with pytest.raises(ModelError, match="n_pieces must be >= 0"):
        ragged_ops.align_scatter(dY, indices, lengths, -1)
    assert ragged_ops.align_mean(X, numpy.zeros(0, "i"), numpy.zeros(0, "i")).shape == (0, 4)


@pytest.mark.parametrize("nW", [0, 1, 2])
def test_seq2col_and_its_adjoint_equal_thinc(nW):
    rng = numpy.random.default_rng(6)
    lengths = numpy.array([3, 1, 0, 5], dtype="int32")
    X = rng.standard_normal((9, 4)).astype("float32")
    ops = NumpyOps()
    Y = ragged_ops.seq2col(X, nW, lengths)
    numpy.testing.assert_array_equal(Y, ops.seq2col(X, nW, lengths=lengths))
    dY = rng.standard_normal(Y.shape).astype("float32")
    numpy.testing.assert_allclose(ragged_ops.backprop_seq2col(dY, nW, lengths),
                                  ops.backprop_seq2col(dY, nW, lengths=lengths),
                                  rtol=1e-6, atol=1e-6)
    numpy.testing.assert_array_equal(ragged_ops.seq2col(X, nW), ops.seq2col(X, nW))


@pytest.mark.parametrize("nW", [-1, 2**30, 2**31 - 1, 2**31, 1.5, True])
def test_seq2col_refuses_a_window_its_loops_cannot_count(nW):
    X = numpy.ones((5, 3), dtype="float32")
    with pytest.raises(ModelError, match="nW must be"):
        ragged_ops.seq2col(X, nW)
    with pytest.raises(ModelError, match="nW must be"):
        ragged_ops.backprop_seq2col(X, nW)
