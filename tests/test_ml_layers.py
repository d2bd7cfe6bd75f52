"""Embedding and encoding layers: the native kernels (lexloom.ml_ops) against numpy
references, their argument checks, HashEmbed / CharEmbed gradients by finite differences,
the Tok2Vec architectures (shapes, empty docs, training, configs, registry names) and hash
parity with thinc's own HashEmbed."""
from __future__ import annotations

import numpy
import pytest

import lexloom
from lexloom import ml_ops
from lexloom.errors import LexloomError, ModelError

from _isolated import assert_runs_cleanly

thinc_api = pytest.importorskip("thinc.api")
from thinc.api import Adam, Config, NumpyOps, fix_random_seed  # noqa: E402

from lexloom.ml import ensure_registered  # noqa: E402

ensure_registered()

from lexloom.ml import charembed as charembed_module  # noqa: E402
from lexloom.ml import hashembed as hashembed_module  # noqa: E402
from lexloom.ml.charembed import CharEmbed  # noqa: E402
from lexloom.ml.featureextractor import FeatureExtractor  # noqa: E402
from lexloom.ml.hashembed import HashEmbed, concatenate_hashembeds  # noqa: E402
from lexloom.ml.models.tok2vec import (  # noqa: E402
    CharacterEmbed, MaxoutWindowEncoder, MishWindowEncoder, MultiHashEmbed, Tok2Vec)
from lexloom.registry import registry  # noqa: E402

TEXTS = ["Hello world, this is a test.", "", "Naïve café-goers e-mail 3.14 ÜBER fast!!",
         "One"]

TOK2VEC_CONFIG = """
[model]
@architectures = "spacy.Tok2Vec.v2"
[model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,2500]
include_static_vectors = false
[model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
"""

REGISTERED_ARCHITECTURES = [
    "Tok2Vec.v2", "Tok2Vec.v1", "MultiHashEmbed.v2", "MultiHashEmbed.v1", "CharacterEmbed.v2",
    "CharacterEmbed.v1", "MaxoutWindowEncoder.v2", "MaxoutWindowEncoder.v1",
    "MishWindowEncoder.v2", "MishWindowEncoder.v1", "HashEmbedCNN.v2", "HashEmbedCNN.v1",
]


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("en")


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp(text) for text in TEXTS]


def random_ids(rng, n):
    return rng.integers(0, 2**63, size=n, dtype=numpy.int64).view(numpy.uint64)


# ---- the native kernels against numpy ------------------------------------------------------

def test_hash_ids_match_thinc_ops_hash():
    rng = numpy.random.default_rng(0)
    ids = random_ids(rng, 200)
    for seed in (0, 5, 8, 2**32 - 1):
        assert (ml_ops.hash_ids(ids, seed) == NumpyOps().hash(ids, seed)).all()
    assert (ml_ops.hash_rows(ids, 9, 77) == NumpyOps().hash(ids, 9) % 77).all()


def test_gather_sum_and_scatter_add_match_numpy():
    rng = numpy.random.default_rng(1)
    for k in (1, 3, 4):
        table = rng.standard_normal((50, 13)).astype(numpy.float32)
        rows = rng.integers(0, 50, size=(40, k)).astype(numpy.uint32)
        numpy.testing.assert_allclose(ml_ops.gather_sum(table, rows), table[rows].sum(axis=1),
                                      rtol=1e-6, atol=1e-6)
        d_out = rng.standard_normal((40, 13)).astype(numpy.float32)
        d_table = numpy.ones_like(table)
        expected = numpy.ones_like(table)
        for q in range(k):
            numpy.add.at(expected, rows[:, q], d_out)
        assert ml_ops.scatter_add(d_table, rows, d_out) is d_table
        numpy.testing.assert_allclose(d_table, expected, rtol=1e-5, atol=1e-5)


def test_kernels_read_and_write_column_blocks_in_place():
    rng = numpy.random.default_rng(2)
    ids2d = random_ids(rng, 30).reshape(10, 3)
    table = rng.standard_normal((17, 4)).astype(numpy.float32)
    wide = numpy.full((10, 12), 7.0, dtype=numpy.float32)
    out, rows = ml_ops.hash_gather_sum(table, ids2d[:, 1], 8, out=wide[:, 4:8])
    assert out.base is wide
    assert (rows == ml_ops.hash_rows(numpy.ascontiguousarray(ids2d[:, 1]), 8, 17)).all()
    numpy.testing.assert_allclose(wide[:, 4:8], table[rows].sum(axis=1), rtol=1e-6, atol=1e-6)
    assert (wide[:, :4] == 7).all() and (wide[:, 8:] == 7).all()
    d_table = numpy.zeros_like(table)
    ml_ops.scatter_add(d_table, rows, wide[:, 4:8])
    expected = numpy.zeros_like(table)
    for q in range(4):
        numpy.add.at(expected, rows[:, q], numpy.ascontiguousarray(wide[:, 4:8]))
    numpy.testing.assert_allclose(d_table, expected, rtol=1e-5, atol=1e-5)


def test_kernels_take_empty_inputs():
    table = numpy.ones((5, 3), dtype=numpy.float32)
    out, rows = ml_ops.hash_gather_sum(table, numpy.zeros(0, dtype=numpy.uint64), 1)
    assert out.shape == (0, 3) and rows.shape == (0, 4)
    assert ml_ops.gather_sum(table, rows).shape == (0, 3)
    ml_ops.scatter_add(table, rows, numpy.zeros((0, 3), dtype=numpy.float32))
    assert (table == 1).all()


def test_docs_to_array_is_to_array_of_each_doc_and_span(docs):
    attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
    items = docs + [docs[0][2:5], docs[2][0:0]]
    flat = ml_ops.docs_to_array(items, attrs)
    expected = numpy.concatenate([item.to_array(attrs) for item in items if len(item)])
    assert flat.dtype == numpy.uint64 and (flat == expected).all()
    assert ml_ops.docs_to_array([], attrs).shape == (0, 4)


def test_char_kernels_match_numpy(docs):
    n_chars = 5
    ids = ml_ops.docs_char_ids(docs, n_chars)
    expected = []
    for doc in docs:
        for token in doc:
            raw = token.text.encode("utf8")
            order = []
            front, back = 0, len(raw)
            while len(order) < n_chars and front < back:
                order.append(raw[front])
                front += 1
                if len(order) < n_chars and front < back:
                    back -= 1
                    order.append(raw[back])
            expected.append(order + [255] * (n_chars - len(order)))
    assert ids.dtype == numpy.uint8 and ids.tolist() == expected
    rng = numpy.random.default_rng(3)
    table = rng.standard_normal((n_chars, 256, 3)).astype(numpy.float32)
    out = ml_ops.char_gather(table, ids)
    positions = numpy.arange(n_chars)
    numpy.testing.assert_array_equal(out, table[positions, ids].reshape(len(ids), -1))
    d_out = rng.standard_normal(out.shape).astype(numpy.float32)
    d_table = numpy.zeros_like(table)
    ml_ops.char_scatter_add(d_table, ids, d_out)
    expected_d = numpy.zeros_like(table)
    numpy.add.at(expected_d, (positions, ids), d_out.reshape(len(ids), n_chars, 3))
    numpy.testing.assert_allclose(d_table, expected_d, rtol=1e-5, atol=1e-5)


# ---- wrong arguments raise lexloom errors ------------------------------------------------------

T = numpy.zeros((10, 4), dtype=numpy.float32)
R = numpy.zeros((3, 4), dtype=numpy.uint32)
D = numpy.zeros((3, 4), dtype=numpy.float32)
IDS = numpy.arange(3, dtype=numpy.uint64)


@pytest.mark.parametrize("call", [
    lambda: ml_ops.gather_sum(T.astype(numpy.float64), R),
    lambda: ml_ops.gather_sum(T, R.astype(numpy.int64)),
    lambda: ml_ops.gather_sum(T, R.astype(numpy.float32)),
    lambda: ml_ops.gather_sum(T, R + 10),
    lambda: ml_ops.gather_sum(T, numpy.full((3, 4), -1, dtype=numpy.int32)),
    lambda: ml_ops.gather_sum(T, numpy.zeros(4, dtype=numpy.uint32)),
    lambda: ml_ops.gather_sum(T.T, R),
    lambda: ml_ops.gather_sum(T[:0], R),
    lambda: ml_ops.gather_sum([[0.0]], R),
    lambda: ml_ops.gather_sum(T, R, out=numpy.zeros((3, 5), dtype=numpy.float32)),
    lambda: ml_ops.gather_sum(T, R, out=numpy.zeros((3, 8), dtype=numpy.float32)[:, ::2]),
    lambda: ml_ops.scatter_add(T, R, numpy.zeros((2, 4), dtype=numpy.float32)),
    lambda: ml_ops.scatter_add(T, R, D.astype(numpy.float64)),
    lambda: ml_ops.scatter_add(numpy.broadcast_to(T, T.shape), R, D),
    lambda: ml_ops.scatter_add(T, R[:, ::2], D),
    lambda: ml_ops.hash_ids(IDS.astype(numpy.float64), 1),
    lambda: ml_ops.hash_ids(IDS.reshape(3, 1), 1),
    lambda: ml_ops.hash_ids(IDS, -1),
    lambda: ml_ops.hash_ids(IDS, 2**32),
    lambda: ml_ops.hash_ids(IDS, 1.5),
    lambda: ml_ops.hash_rows(IDS, 1, 0),
    lambda: ml_ops.hash_gather_sum(T[:0], IDS, 1),
    lambda: ml_ops.hash_gather_sum(T, IDS.astype(numpy.int32), 1),
    lambda: ml_ops.char_gather(numpy.zeros((2, 256, 3), numpy.float32),
                               numpy.zeros((4, 3), numpy.uint8)),
    lambda: ml_ops.char_gather(numpy.zeros((2, 255, 3), numpy.float32),
                               numpy.zeros((4, 2), numpy.uint8)),
    lambda: ml_ops.char_gather(numpy.zeros((2, 256, 3), numpy.float32),
                               numpy.zeros((4, 2), numpy.int64)),
    lambda: ml_ops.char_scatter_add(numpy.zeros((2, 256, 3), numpy.float32),
                                    numpy.zeros((4, 2), numpy.uint8),
                                    numpy.zeros((4, 5), numpy.float32)),
    lambda: ml_ops.docs_char_ids(["not a doc"], 4),
    lambda: ml_ops.docs_to_array(["not a doc"], ["NORM"]),
    lambda: ml_ops.docs_to_array([], ["NOT_AN_ATTR"]),
    lambda: ml_ops.docs_char_ids([], -1),
])
def test_bad_kernel_arguments_raise_model_error(call):
    with pytest.raises(ModelError) as info:
        call()
    assert str(info.value).startswith("[lexloom]")
    assert isinstance(info.value, LexloomError) and isinstance(info.value, ValueError)


def test_bad_kernel_arguments_never_crash_the_interpreter():
    assert_runs_cleanly("""
        import numpy
        from lexloom import ml_ops
        from lexloom.errors import ModelError
        T = numpy.zeros((10, 4), dtype=numpy.float32)
        bad = [
            lambda: ml_ops.gather_sum(T, numpy.full((1000, 4), 2**31, dtype=numpy.uint32)),
            lambda: ml_ops.scatter_add(T, numpy.full((5, 4), 10, dtype=numpy.uint32),
                                       numpy.zeros((5, 4), numpy.float32)),
            lambda: ml_ops.hash_gather_sum(numpy.zeros((0, 4), numpy.float32),
                                           numpy.arange(5, dtype=numpy.uint64), 1),
            lambda: ml_ops.char_scatter_add(numpy.zeros((1, 256, 2), numpy.float32),
                                            numpy.zeros((3, 1), numpy.uint8),
                                            numpy.zeros((2, 2), numpy.float32)),
        ]
        for call in bad:
            try:
                call()
            except ModelError:
                pass
            else:
                raise SystemExit("no error raised")
    """)


def test_import_lexloom_and_blank_do_not_import_thinc():
    assert_runs_cleanly("""
        import sys
        import lexloom, lexloom.ml, lexloom.ml_ops
        lexloom.blank("en")("Some text.")
        assert "thinc" not in sys.modules, "thinc was imported"
    """)


# ---- layers --------------------------------------------------------------------------------

def _table(model):
    """The node holding the table E: a HashEmbed with a column is chain(ints-getitem,
    hashembed), as thinc builds it."""
    return next(node for node in model.walk() if node.has_param("E"))


def _finite_difference_check(model, X, n_checks=12, eps=1e-2):
    """Compare the analytic gradient of loss = sum(Y * R) with central differences. The
    embedding layers are linear in their table, so the differences are exact up to rounding."""
    rng = numpy.random.default_rng(4)
    Y, backprop = model.begin_update(X)
    flat_Y = numpy.concatenate([y.reshape(-1) for y in Y]) if isinstance(Y, list) else Y
    R = rng.standard_normal(flat_Y.shape).astype(numpy.float32)

    def loss():
        out = model.predict(X)
        out = numpy.concatenate([y.reshape(-1) for y in out]) if isinstance(out, list) else out
        return float((out.astype(numpy.float64).reshape(-1) * R.reshape(-1)).sum())

    if isinstance(Y, list):
        dY, start = [], 0
        for y in Y:
            dY.append(R[start:start + y.size].reshape(y.shape))
            start += y.size
    else:
        dY = R.reshape(Y.shape)
    backprop(dY)
    table = _table(model)
    E = table.get_param("E")
    grad = table.get_grad("E").copy()
    flat_E = E.reshape(-1)
    touched = numpy.flatnonzero(grad.reshape(-1))
    assert len(touched) > 0
    for index in rng.choice(touched, size=min(n_checks, len(touched)), replace=False):
        original = flat_E[index]
        flat_E[index] = original + eps
        up = loss()
        flat_E[index] = original - eps
        down = loss()
        flat_E[index] = original
        numeric = (up - down) / (2 * eps)
        assert abs(numeric - grad.reshape(-1)[index]) < 1e-3 * max(1.0, abs(numeric))


def test_hashembed_gradient_matches_finite_differences():
    model = HashEmbed(3, 7, seed=11, column=1)
    ids = random_ids(numpy.random.default_rng(5), 12).reshape(6, 2)
    model.initialize()
    _finite_difference_check(model, ids)


def test_charembed_gradient_matches_finite_differences_where_no_byte_repeats(nlp):
    # one token per Doc: no (position, byte) pair repeats within a Doc, where spaCy's
    # gradient (below) is the exact one
    docs = [nlp.make_doc(word) for word in ("Apple", "bank", "x", "Lisbon!", "ünïcode")]
    model = CharEmbed(nM=2, nC=3)
    model.initialize()
    model.set_param("E", numpy.random.default_rng(6).standard_normal(
        model.get_param("E").shape).astype(numpy.float32))
    _finite_difference_check(model, docs)


def _spacy_char_gradient(docs, d_output, nC, shape):
    """spaCy's CharacterEmbed backprop, written as spaCy writes it (one fancy-indexed add per
    Doc, which keeps one token's gradient where a position's byte repeats in the Doc)."""
    dE = numpy.zeros(shape, dtype=numpy.float32)
    positions = numpy.arange(nC)
    for doc, d in zip(docs, d_output):
        doc_ids = ml_ops.docs_char_ids([doc], nC)
        d = d.reshape((len(doc), nC, -1))
        dE[positions, doc_ids[:, positions]] += d[:, positions]
    return dE


@pytest.mark.parametrize("native", [True, False])
def test_charembed_gradient_is_spacys_where_bytes_repeat_within_a_doc(nlp, native, monkeypatch):
    if not native:
        monkeypatch.setattr(charembed_module, "uses_native", lambda model: False)
    docs = [nlp("the cat saw the other cat"), nlp("a b a"), nlp("Tokens tokens TOKENS")]
    model = CharEmbed(nM=2, nC=4)
    model.initialize()
    Y, backprop = model.begin_update(docs)
    rng = numpy.random.default_rng(8)
    d_output = [rng.standard_normal(y.shape).astype(numpy.float32) for y in Y]
    backprop(d_output)
    want = _spacy_char_gradient(docs, d_output, 4, model.get_param("E").shape)
    numpy.testing.assert_allclose(model.get_grad("E"), want, rtol=1e-6, atol=1e-6)
    exact = numpy.zeros_like(want)
    ids = ml_ops.docs_char_ids(docs, 4)
    numpy.add.at(exact, (numpy.arange(4), ids), numpy.concatenate(d_output).reshape(
        (ids.shape[0], 4, -1)))
    assert not numpy.allclose(want, exact)   # the docs do repeat bytes: the two differ


def test_hashembed_matches_thinc_hashembed_forward_and_backward():
    rng = numpy.random.default_rng(7)
    ids = random_ids(rng, 40).reshape(20, 2)
    ours = HashEmbed(6, 31, seed=9, column=1)
    theirs = thinc_api.HashEmbed(6, 31, seed=9, column=1)
    ours.initialize()
    theirs.initialize()
    thinc_node = [node for node in theirs.walk() if node.name == "hashembed"][0]
    thinc_node.set_param("E", _table(ours).get_param("E").copy())
    Y1, bp1 = ours.begin_update(ids)
    Y2, bp2 = theirs.begin_update(ids)
    numpy.testing.assert_array_equal(Y1, Y2)
    dY = rng.standard_normal(Y1.shape).astype(numpy.float32)
    bp1(dY.copy())
    bp2(dY.copy())
    numpy.testing.assert_allclose(_table(ours).get_grad("E"), thinc_node.get_grad("E"),
                                  atol=1e-6)


def test_concatenated_hashembeds_match_thinc_concatenate(monkeypatch):
    rng = numpy.random.default_rng(10)
    embeds = [HashEmbed(5, 11, seed=8, column=0), HashEmbed(3, 7, seed=9, column=2),
              HashEmbed(4, 13, seed=10, column=1, dropout=0.0)]
    fused = concatenate_hashembeds(*embeds)
    reference = thinc_api.concatenate(*embeds)
    fused.initialize()
    ids = random_ids(rng, 30).reshape(10, 3)
    dY = rng.standard_normal((10, 12)).astype(numpy.float32)

    tables = [_table(layer) for layer in embeds]

    def run(model):
        for table in tables:
            table.set_grad("E", numpy.zeros_like(table.get_param("E")))
        Y, backprop = model.begin_update(ids)
        backprop(dY)
        return Y, [table.get_grad("E").copy() for table in tables]

    Y1, grads1 = run(fused)
    Y2, grads2 = run(reference)
    numpy.testing.assert_allclose(Y1, Y2, atol=1e-6)
    for a, b in zip(grads1, grads2):
        numpy.testing.assert_allclose(a, b, atol=1e-5)
    monkeypatch.setattr(hashembed_module, "uses_native", lambda m: False)
    Y3, grads3 = run(fused)  # the generic path (ops without lexloom kernels)
    numpy.testing.assert_allclose(Y3, Y1, atol=1e-6)
    for a, b in zip(grads3, grads1):
        numpy.testing.assert_allclose(a, b, atol=1e-5)
    assert concatenate_hashembeds(embeds[0]) is embeds[0]
    assert fused.predict(numpy.zeros((0, 3), dtype=numpy.uint64)).shape == (0, 12)


def test_hashembed_gradients_accumulate_across_backward_passes():
    model = HashEmbed(4, 9, seed=3, column=0)
    model.initialize()
    ids = numpy.arange(5, dtype=numpy.uint64).reshape(5, 1)
    dY = numpy.ones((5, 4), dtype=numpy.float32)
    model.begin_update(ids)[1](dY)
    once = _table(model).get_grad("E").copy()
    model.begin_update(ids)[1](dY)
    numpy.testing.assert_allclose(_table(model).get_grad("E"), 2 * once)


@pytest.mark.parametrize("module,layer", [("hashembed", "hash"), ("charembed", "char")])
def test_generic_ops_path_matches_native_path(module, layer, docs, monkeypatch):
    """The path other ops (a GPU) take gives what the native CPU path gives."""
    mod = hashembed_module if module == "hashembed" else charembed_module
    rng = numpy.random.default_rng(8)
    if layer == "hash":
        model, X = HashEmbed(5, 23, seed=4, column=0), random_ids(rng, 30).reshape(15, 2)
    else:
        model, X = CharEmbed(nM=3, nC=4), docs
    model.initialize()
    table = _table(model)
    table.set_param("E", rng.standard_normal(table.get_param("E").shape).astype(numpy.float32))
    Y1, bp1 = model.begin_update(X)
    dY = [numpy.ones_like(y) for y in Y1] if isinstance(Y1, list) else numpy.ones_like(Y1)
    bp1(dY)
    native_grad = table.get_grad("E").copy()
    table.set_grad("E", numpy.zeros_like(native_grad))
    monkeypatch.setattr(mod, "uses_native", lambda m: False)
    Y2, bp2 = model.begin_update(X)
    bp2(dY)
    for a, b in zip(Y1 if isinstance(Y1, list) else [Y1], Y2 if isinstance(Y2, list) else [Y2]):
        numpy.testing.assert_allclose(a, b, atol=1e-6)
    numpy.testing.assert_allclose(table.get_grad("E"), native_grad, atol=1e-5)


def test_hashembed_dropout_zeroes_whole_dimensions():
    fix_random_seed(0)
    model = HashEmbed(64, 50, seed=1, column=0, dropout=0.5)
    model.initialize()
    Y, backprop = model.begin_update(numpy.arange(10, dtype=numpy.uint64).reshape(10, 1))
    dropped = (Y == 0).all(axis=0)
    assert 0 < dropped.sum() < 64
    backprop(numpy.ones_like(Y))
    assert (_table(model).get_grad("E")[:, dropped] == 0).all()


def test_feature_extractor_gives_uint64_attribute_arrays(docs):
    model = FeatureExtractor(["NORM", "prefix", 70])
    features = model.predict(docs)
    for doc, array in zip(docs, features):
        assert array.dtype == numpy.uint64 and array.shape == (len(doc), 3)
        assert (array == doc.to_array(["NORM", "PREFIX", "SUFFIX"])).all()
    single = FeatureExtractor(["LOWER"]).predict(docs)
    assert [a.shape for a in single] == [(len(doc), 1) for doc in docs]
    span = docs[0][1:4]
    assert (model.predict([span])[0] == docs[0].to_array(["NORM", "PREFIX", "SUFFIX"])[1:4]).all()
    with pytest.raises(ModelError):
        FeatureExtractor(["NROM"])
    with pytest.raises(ModelError):
        model.predict(["text, not a doc"])
    # as in spaCy, an integer that no attribute has reads as a column of zeros
    unknown = FeatureExtractor([100, "ORTH", 200])
    for doc, array in zip(docs, unknown.predict(docs)):
        assert (array[:, [0, 2]] == 0).all()
        assert (array[:, 1] == doc.to_array("ORTH")).all()
    with pytest.raises(ModelError, match="-1 is not an attribute id"):
        FeatureExtractor([-1])


def _architectures():
    return {
        "multihash+maxout": lambda: Tok2Vec(
            MultiHashEmbed(32, ["NORM", "PREFIX", "SUFFIX", "SHAPE"], [200, 100, 100, 100], False),
            MaxoutWindowEncoder(32, 1, 3, 2)),
        "character+mish": lambda: Tok2Vec(
            CharacterEmbed(width=32, rows=100, nM=8, nC=4, include_static_vectors=False),
            MishWindowEncoder(32, 1, 2)),
        "v1 forms": lambda: registry.architectures.get("spacy.Tok2Vec.v1")(
            registry.architectures.get("spacy.MultiHashEmbed.v1")(
                width=32, attrs=["ORTH", "LOWER"], rows=[100, 100], include_static_vectors=False),
            registry.architectures.get("spacy.MaxoutWindowEncoder.v1")(
                width=32, window_size=2, maxout_pieces=2, depth=1)),
        "mish v1": lambda: registry.architectures.get("spacy.Tok2Vec.v1")(
            CharacterEmbed(32, 100, 8, 4, False),
            registry.architectures.get("spacy.MishWindowEncoder.v1")(width=32, window_size=1,
                                                                     depth=1)),
        "hashembedcnn": lambda: registry.architectures.get("spacy.HashEmbedCNN.v2")(
            width=32, depth=2, embed_size=300, window_size=1, maxout_pieces=3,
            subword_features=True, pretrained_vectors=None),
        "depth 0": lambda: Tok2Vec(MultiHashEmbed(32, ["NORM"], [100], False),
                                   MaxoutWindowEncoder(32, 1, 3, 0)),
    }


@pytest.mark.parametrize("name", list(_architectures()))
def test_architectures_pass_thincs_data_validation(name, docs):
    # spaCy's own tests (and users debugging a model) turn thinc's validation on: every
    # forward function must then have thinc's (model, X, is_train) signature and true types
    from thinc.api import data_validation

    model = _architectures()[name]()
    with data_validation(True):
        model.initialize(X=docs)
        Y = model.predict(docs)
    assert [y.shape for y in Y] == [(len(doc), 32) for doc in docs]


@pytest.mark.parametrize("name", list(_architectures()))
def test_architecture_output_shapes_including_empty_docs(name, nlp, docs):
    model = _architectures()[name]()
    model.initialize(X=docs)
    Y, backprop = model.begin_update(docs)
    assert [y.shape for y in Y] == [(len(doc), 32) for doc in docs]
    assert all(y.dtype == numpy.float32 for y in Y)
    backprop([numpy.ones_like(y) for y in Y])
    for batch in ([nlp("")], [nlp(""), nlp("")], []):  # batches without a single token
        Y, backprop = model.begin_update(batch)
        assert [y.shape for y in Y] == [(0, 32)] * len(batch)
        backprop(Y)
    assert [y.shape for y in model.predict(docs)] == [(len(doc), 32) for doc in docs]


@pytest.mark.parametrize("name", ["multihash+maxout", "v1 forms"])
def test_tok2vec_output_of_a_doc_does_not_depend_on_its_batch(name, docs):
    """Encoders that pad docs apart (the Mish encoders do not, as in spaCy)."""
    model = _architectures()[name]()
    model.initialize(X=docs)
    alone = model.predict([docs[0]])[0]
    numpy.testing.assert_allclose(model.predict(docs)[0], alone, atol=1e-5)


def test_tok2vec_training_lowers_a_loss(docs):
    fix_random_seed(0)
    model = registry.resolve(Config().from_str(TOK2VEC_CONFIG))["model"]
    model.initialize(X=docs)
    rng = numpy.random.default_rng(9)
    targets = [rng.standard_normal((len(doc), 96)).astype(numpy.float32) for doc in docs]
    optimizer = Adam(0.01)
    losses = []
    for _ in range(6):  # loss = sum(Y * R): its gradient with respect to Y is R
        Y, backprop = model.begin_update(docs)
        losses.append(sum(float((y * t).sum()) for y, t in zip(Y, targets)))
        backprop(targets)
        model.finish_update(optimizer)
    assert losses[-1] < losses[0] - 1.0, losses
    assert all(b < a for a, b in zip(losses, losses[1:])), losses


def test_spacy_config_block_resolves_to_a_working_model(docs):
    model = registry.resolve(Config().from_str(TOK2VEC_CONFIG))["model"]
    model.initialize(X=docs)
    assert model.get_dim("nO") == 96
    assert model.get_ref("embed") is model.layers[0] and model.get_ref("encode") is model.layers[1]
    Y = model.predict(docs)
    assert [y.shape for y in Y] == [(len(doc), 96) for doc in docs]
    clone = registry.resolve(Config().from_str(TOK2VEC_CONFIG))["model"]
    clone.initialize(X=docs)
    clone.from_bytes(model.to_bytes())
    for a, b in zip(Y, clone.predict(docs)):
        numpy.testing.assert_array_equal(a, b)


def test_tok2vec_runs_on_lexloom_pipeline_ops(docs):
    from lexloom.ml.ops import use_lexloom_ops

    model = registry.resolve(Config().from_str(TOK2VEC_CONFIG))["model"]
    model.initialize(X=docs)
    before = model.predict(docs)
    use_lexloom_ops(model)
    Y, backprop = model.begin_update(docs)
    backprop([numpy.ones_like(y) for y in Y])
    for a, b in zip(before, Y):
        numpy.testing.assert_allclose(a, b, atol=1e-4)


@pytest.mark.parametrize("prefix", ["lexloom", "spacy"])
@pytest.mark.parametrize("name", REGISTERED_ARCHITECTURES)
def test_architecture_names_are_registered(prefix, name):
    assert callable(registry.architectures.get(f"{prefix}.{name}"))


def test_layer_names_are_registered():
    for name in ("lexloom.HashEmbed.v1", "lexloom.FeatureExtractor.v1", "lexloom.CharEmbed.v1"):
        assert callable(registry.layers.get(name))


@pytest.mark.parametrize("build", [
    lambda: MultiHashEmbed(96, ["NORM"], [100], include_static_vectors=True),
    lambda: CharacterEmbed(96, 100, 8, 4, include_static_vectors=True),
])
def test_static_vectors_build_but_initialize_says_what_is_missing(build):
    model = build()  # configs with include_static_vectors = true must still load
    with pytest.raises(ModelError, match=r"\[initialize\] vectors"):
        model.initialize()


@pytest.mark.parametrize("build", [
    lambda: MultiHashEmbed(96, ["NORM", "PREFIX"], [100], False),
    lambda: MultiHashEmbed(96, ["NORM", "NOT_AN_ATTR"], [100, 100], False),
    lambda: MultiHashEmbed(96, "NORM", [100], False),
    lambda: MultiHashEmbed(0, ["NORM"], [100], False),
    lambda: MultiHashEmbed(96, ["NORM"], [0], False),
    lambda: MultiHashEmbed(96, [], [], False),
    lambda: CharacterEmbed(96, 100, 8, 4, False, feature="NOPE"),
    lambda: MaxoutWindowEncoder(96, -1, 3, 4),
    lambda: MaxoutWindowEncoder(96, 1, 0, 4),
    lambda: Tok2Vec(MultiHashEmbed(96, ["NORM"], [100], False), MaxoutWindowEncoder(128, 1, 3, 1)),
    lambda: HashEmbed(0, 10, seed=1),
    lambda: HashEmbed(8, 10, seed=-1),
])
def test_bad_architecture_settings_raise_model_error(build):
    with pytest.raises(ModelError):
        build()
