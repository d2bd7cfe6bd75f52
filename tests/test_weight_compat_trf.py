"""spacy-transformers 1.4 weight compatibility: TransformerModel v1-v3, TransformerListener.v1
and Tok2VecTransformer build spacy-transformers' Thinc trees (checked against tables
below, read off spacy-transformers 1.4 with thinc 8.3), the transformer's `model` file is
spacy-transformers' (msgpack with a torch.save'd state dict inside, read back with
weights_only=True), and a pickled object other than tensors is refused.

The tests at the end train a transformer + tagger pipeline in spacy-transformers and load
it in lexloom, and the reverse; they need spaCy and spacy-transformers (skipped without)."""
from __future__ import annotations

import io
import os

import numpy
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

import srsly  # noqa: E402

import lexloom  # noqa: E402
from lexloom.errors import DeserializationError, PickledObjectError  # noqa: E402
from lexloom.training.example import Example  # noqa: E402

from _trf import make_tiny_bert  # noqa: E402

DOC_SPANS = {"@span_getters": "spacy-transformers.doc_spans.v1"}
LISTENER = {"@architectures": "spacy-transformers.TransformerListener.v1",
            "grad_factor": 1.0, "pooling": {"@layers": "reduce_mean.v1"}}
TRAIN = [("the cat sat on the mat .", "D N V P D N ."), ("a dog runs .", "D N V .")]
TEXTS = ["the cat sat on the mat .", "a dog runs", "hello world , new york city !",
         "the dogs  sat", "été café"]
# spacy-transformers' doc_spans fails on an empty Doc in a batch; lexloom's round trips
# include one
LEXLOOM_TEXTS = TEXTS + [""]

# (name, dims, saved attrs, shims) per node in walk() order, as spacy-transformers 1.4
# saves them after initialize (tiny BERT of width 16). The attrs it doesn't save are
# functions (get_spans, replace_listener, ...).
TRANSFORMER_TREE = [
    ("transformer", {"nO": 16}, {"name": "<name>", "has_transformer": True,
                                 "flush_cache_chance": 0.0}, 0),
    ("hf-pytorch", {"nI": None, "nO": None}, {}, 1),
]
SHIM_KEYS = {"config", "state", "tokenizer", "_init_tokenizer_config",
             "_init_transformer_config"}
LISTENER_TREE = [  # TransformerListener.v1 inside an initialized pipeline
    ("transformer-listener>>trfs2arrays", {"nO": 16}, {}, 0),
    ("transformer-listener", {"nO": 16}, {}, 0),
    ("trfs2arrays", {}, {"grad_factor": 1.0}, 0),
    ("reduce_mean", {}, {}, 0),
]
TOK2VEC_TRANSFORMER_V3_TREE = [
    ("transformer>>split-trf-batch>>trfs2arrays", {"nO": None}, {}, 0),
    ("transformer>>split-trf-batch", {"nO": None}, {}, 0),
    ("trfs2arrays", {}, {"grad_factor": 1.0}, 0),
    ("transformer", {"nO": 16}, {"name": "<name>", "has_transformer": True,
                                 "flush_cache_chance": 0.0}, 0),
    ("split-trf-batch", {}, {}, 0),
    ("reduce_mean", {}, {}, 0),
    ("hf-pytorch", {"nI": None, "nO": None}, {}, 1),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("tiny-bert"))


def tree(model) -> list[tuple]:
    """(name, dims, saved attrs, number of shims) per node, from what to_dict saves."""
    msg = model.to_dict()
    return [(node["name"], node["dims"],
             {k: srsly.msgpack_loads(v) for k, v in attrs.items()}, len(shims))
            for node, attrs, shims in zip(msg["nodes"], msg["attrs"], msg["shims"])]


def expected(table, name):
    return [(n, d, {k: (name if v == "<name>" else v) for k, v in a.items()}, s)
            for n, d, a, s in table]


def trained_pipeline(tiny, steps=2):
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {"name": str(tiny),
                                                  "get_spans": DOC_SPANS}})
    nlp.add_pipe("tagger", config={"model": {"tok2vec": LISTENER}})
    egs = [Example.from_dict(nlp.make_doc(t), {"tags": g.split()}) for t, g in TRAIN]
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(steps):
        nlp.update(egs, sgd=optimizer)
    return nlp


def outputs(nlp, texts=TEXTS):
    """Per text: the unpadded hidden state of each span, each token's aligned rows, the
    listener's token vectors and the tags."""
    result = []
    tok2vec = nlp.get_pipe("tagger").model.get_ref("tok2vec")
    for doc in nlp.pipe(texts):
        data = doc._.trf_data
        state = data.model_output.get("last_hidden_state")
        out = {"spans": [], "ids": [], "rows": None, "tags": [t.tag_ for t in doc],
               "lengths": [int(n) for n in numpy.asarray(data.align.lengths)]}
        if state is not None and state.shape[0]:
            state = numpy.asarray(state)
            lengths = [int(n) for n in numpy.asarray(data.wordpieces.lengths)]
            out["spans"] = [state[i, :n] for i, n in enumerate(lengths)]
            out["ids"] = [[int(x) for x in numpy.asarray(data.wordpieces.input_ids)[i, :n]]
                          for i, n in enumerate(lengths)]
            aligned = numpy.asarray(data.align.data).reshape(-1)
            out["rows"] = state.reshape(-1, state.shape[-1])[aligned]
        vectors = numpy.asarray(tok2vec.predict([doc])[0])
        out["vectors"] = vectors if vectors.size else None
        result.append(out)
    return result


def assert_same_outputs(got, want, atol=1e-5):
    assert len(got) == len(want)
    for a, b in zip(got, want):
        assert a["tags"] == b["tags"]
        assert a["ids"] == b["ids"]
        assert a["lengths"] == b["lengths"]
        assert len(a["spans"]) == len(b["spans"])
        for x, y in zip(a["spans"], b["spans"]):
            numpy.testing.assert_allclose(x, y, atol=atol)
        for key in ("rows", "vectors"):
            assert (a[key] is None) == (b[key] is None)
            if a[key] is not None:
                numpy.testing.assert_allclose(a[key], b[key], atol=atol)


# ---- the trees ----------------------------------------------------------------------------

@pytest.mark.parametrize("version", ["v1", "v2", "v3"])
def test_transformer_model_versions_build_spacy_transformers_tree(tiny, version):
    from lexloom.registry import registry
    from lexloom.transformers import model as _model  # noqa: F401  (registers)

    make = registry.architectures.get(f"spacy-transformers.TransformerModel.{version}")
    from lexloom.transformers.span_getters import get_doc_spans

    model = make(str(tiny), get_doc_spans, {"use_fast": True})
    assert [n for n, *_ in tree(model)] == ["transformer", "hf-pytorch"]
    assert list(model.attrs) == ["get_spans", "name", "set_transformer", "has_transformer",
                                 "flush_cache_chance", "replace_listener",
                                 "replace_listener_cfg"]
    assert list(model.layers[0].attrs) == ["convert_inputs", "convert_outputs"]
    shim = srsly.msgpack_loads(tree_shims(model)[1][0])
    # before initialize the shim keeps only the settings to load `name` with
    assert shim == {"config": {}, "state": b"", "tokenizer": {},
                    "_init_tokenizer_config": {"use_fast": True},
                    "_init_transformer_config": {}}
    model.initialize()
    assert tree(model) == expected(TRANSFORMER_TREE, str(tiny))
    # spacy-transformers' properties, kept by copy()
    assert model.transformer is model.layers[0].shims[0]._model
    assert model.tokenizer is model.layers[0].shims[0].tokenizer
    assert model._init_tokenizer_config == {"use_fast": True}
    copied = model.copy()
    assert type(copied) is type(model) and copied.transformer is not model.transformer
    assert tree(copied) == tree(model)


def tree_shims(model):
    return model.to_dict()["shims"]


def test_shim_bytes_are_spacy_transformers_format_with_a_tensor_only_state(tiny):
    nlp = trained_pipeline(tiny, steps=0)
    model = nlp.get_pipe("transformer").model
    msg = srsly.msgpack_loads(tree_shims(model)[1][0])
    assert set(msg) == SHIM_KEYS
    hf = model.layers[0].shims[0]._model
    assert msg["config"]["hidden_size"] == 16 and msg["config"]["model_type"] == "bert"
    assert msg["tokenizer"]["kwargs"] == {"use_fast": True}
    assert {"tokenizer.json", "tokenizer_config.json"} <= set(msg["tokenizer"])
    assert msg["state"][:2] == b"PK"               # torch.save's zip format
    state = torch.load(io.BytesIO(msg["state"]), weights_only=True)
    assert set(state) == set(hf.state_dict())
    for key, value in hf.state_dict().items():
        assert torch.equal(state[key], value)


def test_listener_tree_and_tok2vec_transformer_tree(tiny):
    nlp = trained_pipeline(tiny, steps=0)
    tok2vec = nlp.get_pipe("tagger").model.get_ref("tok2vec")
    assert tree(tok2vec) == LISTENER_TREE
    assert tok2vec.get_ref("listener") is tok2vec.layers[0]
    from lexloom.registry import registry
    from lexloom.transformers.span_getters import get_doc_spans
    from thinc.api import reduce_mean

    make = registry.architectures.get("spacy-transformers.Tok2VecTransformer.v3")
    model = make(str(tiny), get_doc_spans, {}, reduce_mean())
    model.layers[0].layers[0].initialize()
    assert tree(model) == expected(TOK2VEC_TRANSFORMER_V3_TREE, str(tiny))
    flat = registry.architectures.get("spacy-transformers.Tok2VecTransformer.v1")(
        str(tiny), get_doc_spans, {}, reduce_mean())
    assert [n for n, *_ in tree(flat)][:4] == [
        "transformer>>split-trf-batch>>trfs2arrays", "transformer", "split-trf-batch",
        "trfs2arrays"]


def test_replace_listeners_gives_tok2vec_transformer_v3_tree_and_config(tiny, tmp_path):
    nlp = trained_pipeline(tiny)
    want = outputs(nlp)
    nlp.replace_listeners("transformer", "tagger", ["model.tok2vec"])
    cfg = nlp.config["components"]["tagger"]["model"]["tok2vec"]
    assert cfg["@architectures"] == "spacy-transformers.Tok2VecTransformer.v3"
    assert cfg["pooling"] == {"@layers": "reduce_mean.v1"} and cfg["grad_factor"] == 1.0
    tok2vec = nlp.get_pipe("tagger").model.get_ref("tok2vec")
    names = [n for n, *_ in tree(tok2vec)]
    assert names == ["transformer-listener>>trfs2arrays", "transformer>>split-trf-batch",
                     "trfs2arrays", "transformer", "split-trf-batch", "reduce_mean",
                     "hf-pytorch"]
    assert [t.tag_ for t in nlp(TEXTS[0])] == want[0]["tags"]
    nlp.remove_pipe("transformer")
    nlp.to_disk(tmp_path / "alone")
    loaded = lexloom.load(tmp_path / "alone")      # built from the v3 config, same weights
    got = loaded.get_pipe("tagger").model.get_ref("tok2vec").predict(
        [loaded.make_doc(TEXTS[0])])[0]
    numpy.testing.assert_allclose(got, want[0]["vectors"], atol=1e-5)
    assert [t.tag_ for t in loaded(TEXTS[0])] == want[0]["tags"]


# ---- saving and loading ---------------------------------------------------------------------

def test_component_round_trip_gives_equal_outputs(tiny, tmp_path):
    import shutil

    source = tmp_path / "source-model"
    shutil.copytree(tiny, source)
    nlp = trained_pipeline(source)
    want = outputs(nlp, LEXLOOM_TEXTS)
    nlp.to_disk(tmp_path / "p")
    shutil.rmtree(source)                          # the saved folder needs no original
    folder = tmp_path / "p" / "transformer"
    assert sorted(p.name for p in folder.iterdir()) == ["cfg", "model"]
    assert srsly.read_json(folder / "cfg") == {"max_batch_items": 4096}
    assert set(srsly.msgpack_loads((folder / "model").read_bytes())) == {
        "nodes", "attrs", "params", "shims"}
    loaded = lexloom.load(tmp_path / "p")
    assert_same_outputs(outputs(loaded, LEXLOOM_TEXTS), want, atol=1e-6)
    # component by component, from bytes and from disk
    fresh = lexloom.blank("en")
    fresh.add_pipe("transformer", config={"model": {"name": str(tmp_path / "nowhere"),
                                                    "get_spans": DOC_SPANS}})
    fresh.get_pipe("transformer").from_disk(folder)
    again = fresh.get_pipe("transformer").model.layers[0].shims[0]._model
    original = nlp.get_pipe("transformer").model.layers[0].shims[0]._model
    for (k, a), (_, b) in zip(again.state_dict().items(), original.state_dict().items()):
        assert torch.equal(a, b), k
    blank = lexloom.blank("en")
    blank.add_pipe("transformer", config={"model": {"name": "nowhere",
                                                    "get_spans": DOC_SPANS}})
    blank.get_pipe("transformer").from_bytes(nlp.get_pipe("transformer").to_bytes())
    doc = blank(TEXTS[0])
    numpy.testing.assert_allclose(doc._.trf_data.model_output["last_hidden_state"][0],
                                  want[0]["spans"][0], atol=1e-6)


def test_a_saved_folder_of_hugging_face_files_still_loads(tiny, tmp_path):
    """spacy-transformers 1.0 (and earlier lexloom) saved the transformer as a `model`
    folder of save_pretrained files; safetensors ones load."""
    nlp = trained_pipeline(tiny, steps=0)
    want = outputs(nlp)
    nlp.to_disk(tmp_path / "p")
    model_path = tmp_path / "p" / "transformer" / "model"
    model_path.unlink()
    hf = nlp.get_pipe("transformer").model.layers[0].shims[0]
    hf._model.save_pretrained(model_path, safe_serialization=True)
    hf.tokenizer.save_pretrained(model_path)
    assert_same_outputs(outputs(lexloom.load(tmp_path / "p")), want, atol=1e-6)


class _Marker:
    """Pickled by torch.save as a global; unpickling it with a full unpickler would call
    _mark() (standing for any code a file could run)."""

    def __reduce__(self):
        return (_mark, ())


CALLED = []


def _mark():
    CALLED.append(1)
    return "ran"


def shim_bytes_with_state(model, state, cut: int = 0) -> bytes:
    """The model's shim bytes with `state` torch.save'd in place of its weights (less the
    last `cut` bytes)."""
    buffer = io.BytesIO()
    torch.save(state, buffer)
    msg = srsly.msgpack_loads(tree_shims(model)[1][0])
    msg["state"] = buffer.getvalue()[:len(buffer.getvalue()) - cut]
    return srsly.msgpack_dumps(msg)


def test_pickled_object_in_the_weights_is_refused(tiny):
    nlp = trained_pipeline(tiny, steps=0)
    model = nlp.get_pipe("transformer").model
    state = dict(model.layers[0].shims[0]._model.state_dict())
    fresh = lexloom.blank("en")
    fresh.add_pipe("transformer", config={"model": {"name": "nowhere",
                                                    "get_spans": DOC_SPANS}})
    shim = fresh.get_pipe("transformer").model.layers[0].shims[0]
    with pytest.raises(PickledObjectError, match="pickled objects other than tensors"):
        shim.from_bytes(shim_bytes_with_state(model, {**state, "extra": _Marker()}))
    assert CALLED == []                               # nothing from the file ran
    assert shim._model is None                        # and nothing was loaded half-way
    with pytest.raises(PickledObjectError, match="str"):
        shim.from_bytes(shim_bytes_with_state(model, {**state, "note": "a string"}))
    with pytest.raises(DeserializationError, match="truncated"):
        shim.from_bytes(shim_bytes_with_state(model, state, cut=5000))
    bad = dict(state)
    bad.pop("pooler.dense.bias")
    with pytest.raises(DeserializationError, match="lack 1"):
        shim.from_bytes(shim_bytes_with_state(model, bad))
    assert shim._model is None
    # a buffer older transformers versions saved (embeddings.position_ids): ignored
    from lexloom.errors import LexloomWarning

    old = {**state, "embeddings.position_ids": torch.arange(64)[None]}
    with pytest.warns(LexloomWarning, match="position_ids"):
        shim.from_bytes(shim_bytes_with_state(model, old))
    assert all(torch.equal(shim._model.state_dict()[k], v) for k, v in state.items())
    # through the component: the error names the file
    fresh = lexloom.blank("en")
    fresh.add_pipe("transformer", config={"model": {"name": "nowhere",
                                                    "get_spans": DOC_SPANS}})
    trf = fresh.get_pipe("transformer")
    msg = srsly.msgpack_loads(model.to_bytes())
    msg["shims"][1][0] = shim_bytes_with_state(model, {**state, "extra": _Marker()})
    with pytest.raises(PickledObjectError, match="'transformer' from bytes"):
        trf.from_bytes(srsly.msgpack_dumps({"cfg": "{}", "model": srsly.msgpack_dumps(msg)}))
    assert CALLED == []


def test_tokenizer_file_names_from_the_weights_are_checked(tiny):
    nlp = trained_pipeline(tiny, steps=0)
    model = nlp.get_pipe("transformer").model
    msg = srsly.msgpack_loads(tree_shims(model)[1][0])
    msg["tokenizer"]["../evil.json"] = b"{}"
    shim = model.layers[0].shims[0]
    with pytest.raises(DeserializationError, match="evil"):
        type(shim)().from_bytes(srsly.msgpack_dumps(msg))


# ---- with spacy-transformers (extra; CI has no spaCy) ------------------------------------

def spacy_trained(spacy, tiny, path):
    from spacy.training import Example as SpacyExample

    nlp = spacy.blank("en")
    nlp.add_pipe("transformer", config={"model": {"name": str(tiny), "get_spans": DOC_SPANS}})
    nlp.add_pipe("tagger", config={"model": {"tok2vec": LISTENER}})
    egs = [SpacyExample.from_dict(nlp.make_doc(t), {"tags": g.split()}) for t, g in TRAIN]
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(2):
        nlp.update(egs, sgd=optimizer)
    nlp.to_disk(path)
    return nlp


def assert_trained_weights_moved_over(source, loaded, tiny):
    """`loaded` holds exactly the transformer weights `source` trained (not those of the
    model `name` points at, which training changed)."""
    import transformers

    original = transformers.BertModel.from_pretrained(tiny).state_dict()
    want = source.get_pipe("transformer").model.layers[0].shims[0]._model.state_dict()
    got = loaded.get_pipe("transformer").model.layers[0].shims[0]._model.state_dict()
    assert set(got) == set(want)
    assert all(torch.equal(got[k], want[k]) for k in want)
    assert any(not torch.equal(want[k], original[k]) for k in want)


@pytest.mark.slow
def test_spacy_transformers_pipeline_loads_in_lexloom(tiny, tmp_path):
    spacy = pytest.importorskip("spacy")
    pytest.importorskip("spacy_transformers")
    os.environ["HF_HUB_OFFLINE"] = "1"
    snlp = spacy_trained(spacy, tiny, tmp_path / "spacy")
    want = outputs(snlp)
    loaded = lexloom.load(tmp_path / "spacy")
    assert loaded.pipe_names == ["transformer", "tagger"]
    assert_same_outputs(outputs(loaded), want)
    assert_trained_weights_moved_over(snlp, loaded, tiny)


@pytest.mark.slow
def test_lexloom_pipeline_loads_in_spacy_transformers(tiny, tmp_path):
    spacy = pytest.importorskip("spacy")
    pytest.importorskip("spacy_transformers")
    os.environ["HF_HUB_OFFLINE"] = "1"
    nlp = trained_pipeline(tiny)
    want = outputs(nlp)
    nlp.to_disk(tmp_path / "lexloom")
    loaded = spacy.load(tmp_path / "lexloom")
    assert loaded.pipe_names == ["transformer", "tagger"]
    assert_same_outputs(outputs(loaded), want)
    assert_trained_weights_moved_over(nlp, loaded, tiny)
