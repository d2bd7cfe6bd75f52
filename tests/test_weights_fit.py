"""Component weights are checked against the model before they load (a misfit changes
nothing), and lexloom's loader restores exactly what thinc's from_bytes would."""
from __future__ import annotations

import numpy
import pytest
import srsly
from lexloom.errors import DeserializationError
from lexloom.ml.weights_fit import describe_model_mismatch, load_model_dict

import lexloom
from lexloom.training import Example


def _tagger_nlp(width: int = 8):
    nlp = lexloom.blank("en")
    nlp.add_pipe("tagger", config={"model": {
        "@architectures": "spacy.Tagger.v2", "nO": None,
        "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None,
                    "width": width, "depth": 1, "embed_size": 50, "window_size": 1,
                    "maxout_pieces": 2, "subword_features": True}}})
    eg = Example.from_dict(nlp.make_doc("I like cats"), {"tags": ["PRP", "VBP", "NNS"]})
    nlp.initialize(lambda: [eg])
    return nlp


def _weights(model) -> list:
    return [node.get_param(p).copy() for node in model.walk() for p in node.param_names
            if node.has_param(p)]


@pytest.mark.parametrize("damage", ["scalar", "transposed", "missing_layer", "bad_attr",
                                    "bad_ref", "short_attrs"])
def test_a_misfit_model_file_is_refused_and_the_weights_stay(damage):
    nlp = _tagger_nlp()
    tagger = nlp.get_pipe("tagger")
    before = [t.tag_ for t in nlp("I like cats")]
    weights = _weights(tagger.model)
    msg = srsly.msgpack_loads(tagger.model.to_bytes())
    softmax = next(i for i, node in enumerate(tagger.model.walk()) if node.name == "softmax")
    if damage == "scalar":
        msg["params"][softmax]["W"] = numpy.float32(1.0)
    elif damage == "transposed":
        msg["params"][softmax]["W"] = numpy.ascontiguousarray(msg["params"][softmax]["W"].T)
    elif damage == "missing_layer":
        msg["nodes"].pop()
        msg["params"].pop()
    elif damage == "bad_attr":  # every layer would load but the last one with attributes
        for params in msg["params"]:
            for key, value in params.items():
                params[key] = value * 2 + 1
        last = max(i for i, attrs in enumerate(msg["attrs"]) if attrs)
        msg["attrs"][last][next(iter(msg["attrs"][last]))] = b"\xc1"
    elif damage == "bad_ref":
        msg["nodes"][0]["refs"] = {"x": 10**6}
    else:
        msg["attrs"].pop()
    data = srsly.msgpack_dumps({"cfg": srsly.json_dumps(tagger.cfg),
                                "model": srsly.msgpack_dumps(msg)})
    with pytest.raises(DeserializationError, match="Can't load the weights of 'tagger'"):
        tagger.from_bytes(data)
    assert all(numpy.array_equal(a, b) for a, b in zip(_weights(tagger.model), weights))
    assert [t.tag_ for t in nlp("I like cats")] == before


def test_describe_model_mismatch_names_the_layer_and_shapes():
    model = _tagger_nlp().get_pipe("tagger").model
    msg = srsly.msgpack_loads(model.to_bytes())
    assert describe_model_mismatch(model, msg) is None
    other = srsly.msgpack_loads(_tagger_nlp(width=16).get_pipe("tagger").model.to_bytes())
    problem = describe_model_mismatch(model, other)
    assert problem is not None and "in the config but 16 in the file" in problem


def test_load_model_dict_restores_what_thinc_from_bytes_does():
    source = _tagger_nlp().get_pipe("tagger").model
    data = source.to_bytes()
    ours = _tagger_nlp().get_pipe("tagger").model
    thincs = _tagger_nlp().get_pipe("tagger").model
    load_model_dict(ours, srsly.msgpack_loads(data))
    thincs.from_bytes(data)
    for a, b, src in zip(ours.walk(), thincs.walk(), source.walk()):
        assert a.name == b.name == src.name
        assert a.attrs.keys() == b.attrs.keys()
        for key in a.attrs:
            assert repr(a.attrs[key]) == repr(b.attrs[key]), (a.name, key)
        for p in a.param_names:
            assert a.has_param(p) == b.has_param(p)
            if a.has_param(p):
                assert numpy.array_equal(a.get_param(p), b.get_param(p))
                assert numpy.array_equal(a.get_param(p), src.get_param(p))
    assert ours.to_bytes() == thincs.to_bytes() == data
