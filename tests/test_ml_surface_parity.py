"""The spacy.ml surface as spaCy 3.8 users see it: module attributes, the names spacy.ml.models
re-exports, error types and codes, and the Thinc trees of the registered architectures. The
expected values were observed from spaCy 3.8.18 (thinc 8.3) in a differential audit."""
import subprocess
import sys

import numpy
import pytest
import thinc.api
from thinc.api import NumpyOps, fix_random_seed

import lexloom
from lexloom.ml import ensure_registered
from lexloom.util import registry

ensure_registered()

HASH_EMBED_CNN = {"@architectures": "spacy.HashEmbedCNN.v2", "width": 16, "depth": 1,
                  "embed_size": 300, "window_size": 1, "maxout_pieces": 2,
                  "subword_features": True, "pretrained_vectors": None}
TOK2VEC_PARAMS = [("hashembed", "E", (300, 16)), ("hashembed", "E", (150, 16)),
                  ("hashembed", "E", (150, 16)), ("hashembed", "E", (150, 16)),
                  ("maxout", "W", (16, 3, 64)), ("maxout", "b", (16, 3)),
                  ("layernorm", "G", (16,)), ("layernorm", "b", (16,)),
                  ("maxout", "W", (16, 2, 48)), ("maxout", "b", (16, 2)),
                  ("layernorm", "G", (16,)), ("layernorm", "b", (16,))]


def resolve(cfg):
    return registry.resolve({"x": cfg})["x"]


def sample_docs():
    nlp = lexloom.blank("en")
    rng = numpy.random.RandomState(0)
    for word in "the quick brown fox jumps over lazy dog hello world".split():
        nlp.vocab.set_vector(word, rng.uniform(-1, 1, (6,)).astype("f"))
    docs = [nlp.make_doc(t) for t in ("The quick brown fox jumps over the lazy dog.",
                                      "Hello world!", "a b c unknownword d e f g")]
    for doc in docs:
        doc.ents = [lexloom.tokens.Span(doc, 0, 1, "X"), lexloom.tokens.Span(doc, 1, 3, "Y")]
    return docs


def params_of(model):
    return [(node.name, name, tuple(node.get_param(name).shape))
            for node in model.walk() for name in node.param_names if node.has_param(name)]


# (config, number of nodes in walk(), ref_names, the params before the tok2vec's) as spaCy
# builds and initializes them on the sample Docs
TREES = {
    "tagger": ({"@architectures": "spacy.Tagger.v2", "tok2vec": HASH_EMBED_CNN, "nO": 5,
                "normalize": True}, 37, ["tok2vec", "softmax", "output_layer"],
               [("softmax", "W", (5, 16)), ("softmax", "b", (5,))]),
    "ner-v2": ({"@architectures": "spacy.TransitionBasedParser.v2", "tok2vec": HASH_EMBED_CNN,
                "state_type": "ner", "extra_state_tokens": False, "hidden_width": 12,
                "maxout_pieces": 2, "use_upper": True, "nO": 7}, 40,
               ["tok2vec", "lower", "upper"],
               [("precomputable_affine", "W", (3, 12, 2, 12)),
                ("precomputable_affine", "b", (12, 2)),
                ("precomputable_affine", "pad", (1, 3, 12, 2)), ("linear", "W", (7, 12)),
                ("linear", "b", (7,)), ("linear", "W", (12, 16)), ("linear", "b", (12,))]),
    "parser-v1-no-upper": ({"@architectures": "spacy.TransitionBasedParser.v1",
                            "tok2vec": HASH_EMBED_CNN, "state_type": "parser",
                            "extra_state_tokens": True, "hidden_width": 12,
                            "maxout_pieces": 2, "use_upper": False, "nO": 7}, 40,
                           ["tok2vec", "lower", "upper"],
                           [("precomputable_affine", "W", (13, 7, 2, 12)),
                            ("precomputable_affine", "b", (7, 2)),
                            ("precomputable_affine", "pad", (1, 13, 7, 2)),
                            ("linear", "W", (12, 16)), ("linear", "b", (12,))]),
    "textcat-reduce": ({"@architectures": "spacy.TextCatReduce.v1", "tok2vec": HASH_EMBED_CNN,
                        "exclusive_classes": True, "use_reduce_first": True,
                        "use_reduce_last": False, "use_reduce_max": False,
                        "use_reduce_mean": True, "nO": 3}, 43, ["output_layer", "tok2vec"],
                       [("softmax", "W", (3, 32)), ("softmax", "b", (3,))]),
    "textcat-attention": ({"@architectures": "spacy.TextCatParametricAttention.v1",
                           "tok2vec": HASH_EMBED_CNN, "exclusive_classes": True, "nO": 3}, 50,
                          ["output_layer"],
                          [("softmax", "W", (3, 16)), ("softmax", "b", (3,)),
                           ("para-attn", "Q", (16,)), ("gelu", "W", (16, 16)),
                           ("gelu", "b", (16,)), ("maxout", "W", (16, 3, 16)),
                           ("maxout", "b", (16, 3)), ("layernorm", "G", (16,)),
                           ("layernorm", "b", (16,))]),
    "span-finder": ({"@architectures": "spacy.SpanFinder.v1", "tok2vec": HASH_EMBED_CNN,
                     "scorer": {"@layers": "spacy.LinearLogistic.v1", "nO": 2}}, 40,
                    ["tok2vec", "scorer", "logistic_layer"],
                    [("linear", "W", (2, 16)), ("linear", "b", (2,))]),
    "entity-linker": ({"@architectures": "spacy.EntityLinker.v2", "tok2vec": HASH_EMBED_CNN,
                       "nO": 8}, 49, ["output_layer", "tok2vec"],
                      [("linear", "W", (8, 16)), ("linear", "b", (8,)),
                       ("maxout", "W", (16, 2, 16)), ("maxout", "b", (16, 2))]),
}


@pytest.mark.parametrize("key", sorted(TREES))
def test_architecture_tree_refs_and_params_are_spacys(key):
    cfg, n_nodes, refs, head_params = TREES[key]
    model = resolve(cfg)
    model.initialize(X=sample_docs())
    assert len(list(model.walk())) == n_nodes
    assert list(model.ref_names) == refs
    assert params_of(model) == head_params + TOK2VEC_PARAMS


def test_spancat_tree_is_spacys():
    model = resolve({"@architectures": "spacy.SpanCategorizer.v1", "tok2vec": HASH_EMBED_CNN,
                     "reducer": {"@layers": "spacy.mean_max_reducer.v1", "hidden_size": 8},
                     "scorer": {"@layers": "spacy.LinearLogistic.v1", "nO": 4}})
    docs = sample_docs()
    ops = NumpyOps()
    spans = thinc.api.Ragged(ops.asarray2i(numpy.asarray([[0, 1], [0, 2], [1, 2]], dtype="i")),
                             ops.asarray1i(numpy.asarray([2, 1, 0], dtype="i")))
    model.initialize(X=(docs, spans))
    assert len(list(model.walk())) == 53
    assert list(model.ref_names) == ["tok2vec", "reducer", "scorer"]
    assert params_of(model)[:6] == [("linear", "W", (4, 8)), ("linear", "b", (4,)),
                                    ("maxout", "W", (8, 3, 64)), ("maxout", "b", (8, 3)),
                                    ("layernorm", "G", (8,)), ("layernorm", "b", (8,))]
    assert model.predict((docs, spans)).shape == (3, 4)


def test_private_layer_modules_are_attributes_of_ml():
    # spaCy's spacy.ml has them as attributes (its ml.models imports them)
    assert lexloom.ml._character_embed.CharacterEmbed(nM=8, nC=4).name == "charembed"
    layer = lexloom.ml._precomputable_affine.PrecomputableAffine(nO=4, nI=6, nF=3, nP=2)
    assert layer.name == "precomputable_affine"
    with pytest.raises(AttributeError):
        lexloom.ml._no_such_module


def test_layer_modules_have_spacys_function_names():
    # (lexloom.ml.extract_ngrams is the function, as spacy.ml's; the modules by their path)
    from lexloom.ml import _precomputable_affine
    from lexloom.ml.extract_ngrams import forward as ngrams_forward
    from lexloom.ml.extract_spans import forward as spans_forward, init as spans_init

    assert callable(ngrams_forward)
    assert callable(spans_forward) and callable(spans_init)
    assert callable(_precomputable_affine.forward) and callable(_precomputable_affine.init)
    assert _precomputable_affine.normal_init is thinc.api.normal_init


def test_ml_models_reexports_thincs_names_as_spacy_does():
    from lexloom.ml.models import Linear, chain, with_array  # noqa: F401

    models = lexloom.ml.models
    assert models.chain is thinc.api.chain
    assert lexloom.ml.Maxout is thinc.api.Maxout
    assert models.Floats2d is thinc.types.Floats2d
    assert models.init_chain is sys.modules["thinc.layers.chain"].init
    assert models.resize_model is sys.modules["thinc.layers.resizable"].resize_model
    assert models.numpy is numpy


def test_ml_models_intify_attr_is_spacys():
    from lexloom.attrs import NORM

    intify_attr = lexloom.ml.models.intify_attr
    assert intify_attr("NORM") == NORM and intify_attr("norm") == NORM
    assert intify_attr(999) == 999
    assert intify_attr("no_such_attr") is None


def test_extract_ngrams_keeps_the_attr_it_was_given():
    from lexloom.attrs import LOWER
    from lexloom.ml.models import extract_ngrams

    by_name, by_id = extract_ngrams(2, attr="LOWER"), extract_ngrams(2, attr=LOWER)
    assert by_name.attrs["attr"] == "LOWER" and by_id.attrs["attr"] == LOWER
    docs = sample_docs()
    for a, b in zip(by_name.predict(docs), by_id.predict(docs)):
        numpy.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("length", [0, -5])
def test_textcat_bow_v3_length_below_one_is_E1056(length):
    with pytest.raises(ValueError, match=r"\[E1056\]"):
        resolve({"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
                 "ngram_size": 1, "no_output_layer": False, "length": length, "nO": 3})


def test_unknown_embedding_attribute_is_a_keyerror_E983():
    # spaCy's Doc.to_array raises KeyError E983 for it (at the first call; lexloom at build)
    cfg = {"@architectures": "spacy.MultiHashEmbed.v2", "width": 16, "attrs": ["NOTANATTR"],
           "rows": [10], "include_static_vectors": False}
    with pytest.raises(KeyError, match=r"E983"):
        resolve(cfg)
    with pytest.raises(ValueError):  # still a ValueError, as lexloom raised before
        resolve(cfg)
    with pytest.raises(KeyError, match=r"E983"):
        lexloom.ml.models.FeatureExtractor(["NOPE"])


def test_unknown_architecture_is_E893_registry_error():
    import catalogue

    with pytest.raises(catalogue.RegistryError, match=r"E893"):
        resolve({"@architectures": "spacy.NoSuch.v1"})


def test_get_tok2vec_width_reads_a_listener():
    tagger = resolve({"@architectures": "spacy.Tagger.v2",
                      "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 24,
                                  "upstream": "*"}})
    assert lexloom.ml.models.get_tok2vec_width(tagger) == 24
    assert tagger.get_ref("output_layer").get_dim("nI") == 24


def test_same_seed_same_structure_same_weights_twice():
    # spaCy draws a model's initial weights from the seed alone; so does lexloom
    weights = []
    for _ in range(2):
        fix_random_seed(0)
        model = resolve({"@architectures": "spacy.TextCatEnsemble.v2", "tok2vec": HASH_EMBED_CNN,
                         "linear_model": {"@architectures": "spacy.TextCatBOW.v3",
                                          "exclusive_classes": True, "ngram_size": 1,
                                          "no_output_layer": False}, "nO": None})
        model.initialize(X=sample_docs(), Y=numpy.zeros((3, 4), dtype="f"))
        weights.append(model.to_bytes())
    assert weights[0] == weights[1]


def _lstm_weights(torch_first: bool) -> str:
    code = (
        ("import torch\n" if torch_first else "")
        + "import sys, lexloom\n"
        "from lexloom.ml import ensure_registered\n"
        "from lexloom.util import registry\n"
        "from thinc.api import fix_random_seed\n"
        "ensure_registered()\n"
        "fix_random_seed(0)\n"
        + ("" if torch_first else "assert 'torch' not in sys.modules\n")
        + "m = registry.resolve({'x': {'@architectures': 'spacy.TorchBiLSTMEncoder.v1',"
        " 'width': 4, 'depth': 1, 'dropout': 0.0}})['x']\n"
        "shim = [s for node in m.walk() for s in node.shims][0]\n"
        "print([round(float(v), 6) for v in next(shim._model.parameters()).flatten()[:6]])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_fix_random_seed_before_torch_arrives_seeds_torch():
    # spaCy imports torch with thinc, so fix_random_seed(0) seeds it; lexloom defers torch,
    # and gives it the seed as it arrives: a torch layer built after the seed starts alike
    pytest.importorskip("torch")
    assert _lstm_weights(torch_first=False) == _lstm_weights(torch_first=True)
