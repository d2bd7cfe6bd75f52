"""StaticVectors.v2, include_static_vectors in MultiHashEmbed / CharacterEmbed, [initialize]
vectors, and the spec's custom embedding layer examples."""
from __future__ import annotations

import textwrap

import numpy
import pytest
from typer.testing import CliRunner

import lexloom
from lexloom.cli import app
from lexloom.errors import ModelError
from lexloom.ml.staticvectors import StaticVectors
from lexloom.ml.models.tok2vec import CharacterEmbed, MultiHashEmbed
from lexloom.registry import registry

from test_training_loop import TAGGER_CONFIG, toy_docs, write_corpus

runner = CliRunner()
WIDTH = 6


def vectors_nlp(words=("the", "cat", "dog", "sees", "big"), seed=0):
    nlp = lexloom.blank("en")
    rng = numpy.random.default_rng(seed)
    for word in words:
        nlp.vocab.set_vector(word, rng.standard_normal(WIDTH).astype("f"))
    return nlp


def test_registered_under_lexloom_and_spacy_names():
    assert registry.layers.get("spacy.StaticVectors.v2") is StaticVectors
    assert registry.layers.get("lexloom.StaticVectors.v2") is StaticVectors


def test_forward_projects_rows_with_W_and_zeros_missing_words():
    nlp = vectors_nlp()
    docs = [nlp("the cat zebra"), nlp("dog")]
    model = StaticVectors(nO=4)
    model.initialize(X=docs)
    assert model.get_dim("nM") == WIDTH and model.get_param("W").shape == (4, WIDTH)
    Y, backprop = model(docs, is_train=False)
    assert Y.dataXd.shape == (4, 4) and Y.lengths.tolist() == [3, 1]
    V = nlp.vocab.vectors.get_batch(["the", "cat", "zebra", "dog"])
    assert numpy.allclose(Y.dataXd, V @ model.get_param("W").T, atol=1e-6)
    assert not Y.dataXd[2].any()           # "zebra" has no vector
    # The gradient of W is dY.T @ V; the table itself is never a parameter.
    Y, backprop = model(docs, is_train=True)
    d = numpy.ones_like(Y.dataXd)
    assert backprop(type(Y)(d, Y.lengths)) == []
    assert numpy.allclose(model.get_grad("W"), d.T @ V, atol=1e-5)
    assert model.param_names == ("W",)


def test_dropout_is_one_mask_over_output_columns():
    nlp = vectors_nlp()
    docs = [nlp("the cat dog big sees")]
    model = StaticVectors(nO=40, dropout=0.5)
    model.initialize(X=docs)
    Y, _ = model(docs, is_train=True)
    zero_cols = ~Y.dataXd.any(axis=0)
    assert zero_cols.any() and not zero_cols.all()
    assert (Y.dataXd[:, zero_cols] == 0).all()
    assert numpy.allclose(model.predict(docs).dataXd[:, ~zero_cols] * 2,
                          Y.dataXd[:, ~zero_cols], atol=1e-5)


def test_empty_batch_and_missing_table_errors():
    model = StaticVectors(nO=4, nM=WIDTH)
    model.initialize()
    nlp = lexloom.blank("en")
    Y, _ = model([nlp("")], is_train=False)
    assert Y.dataXd.shape == (0, 4)
    with pytest.raises(ModelError, match=r"\[initialize\] vectors"):
        model([nlp("some words")], is_train=False)
    with pytest.raises(ModelError, match=r"\[initialize\] vectors"):
        StaticVectors(nO=4).initialize(X=[nlp("no vectors here")])


@pytest.mark.parametrize("build", [
    lambda: MultiHashEmbed(8, ["NORM", "PREFIX"], [50, 50], include_static_vectors=True),
    lambda: CharacterEmbed(8, 50, 4, 3, include_static_vectors=True),
])
def test_embed_layers_include_static_vectors(build):
    nlp = vectors_nlp()
    docs = [nlp("the big cat sees"), nlp("zebra")]
    model = build()
    model.initialize(X=docs)
    static = [node for node in model.walk() if node.name == "static_vectors"]
    assert len(static) == 1 and static[0].get_dim("nM") == WIDTH
    Y = model.predict(docs)
    assert [y.shape for y in Y] == [(4, 8), (1, 8)]
    # Changing a word's static vector changes its embedding: the vectors are used.
    nlp.vocab.vectors["cat"] = numpy.full(WIDTH, 3.0, dtype="f")
    Y2 = model.predict(docs)
    assert not numpy.allclose(Y[0][2], Y2[0][2]) and numpy.allclose(Y[0][0], Y2[0][0])


def _vectors_dir(tmp_path):
    words = ["the", "a", "cat", "dog", "bird", "fish", "sees", "likes", "eats", "chases",
             "big", "small", "red", "quickly", "often", "."]
    nlp = vectors_nlp(words)
    nlp.to_disk(tmp_path / "vectors")
    return tmp_path / "vectors"


def _static_tagger_config(tmp_path, vectors):
    config = TAGGER_CONFIG.replace("include_static_vectors = false",
                                   "include_static_vectors = true")
    config = config.replace("[paths]\n", f'[paths]\nvectors = "{vectors}"\n')
    config += "\n[initialize]\nvectors = ${paths.vectors}\n"
    (tmp_path / "static.cfg").write_text(config, encoding="utf-8")
    return tmp_path / "static.cfg"


def test_train_tagger_with_static_vectors_from_initialize(tmp_path):
    vectors = _vectors_dir(tmp_path)
    write_corpus(tmp_path / "train.spacy", toy_docs(lexloom.blank("en").vocab, 60, seed=1))
    write_corpus(tmp_path / "dev.spacy", toy_docs(lexloom.blank("en").vocab, 20, seed=2))
    cfg = _static_tagger_config(tmp_path, vectors)
    result = runner.invoke(app, ["train", str(cfg), "--output", str(tmp_path / "out"),
                                 "--paths.train", str(tmp_path / "train.spacy"),
                                 "--paths.dev", str(tmp_path / "dev.spacy"),
                                 "--training.max_steps", "40"])
    assert result.exit_code == 0, result.output
    nlp = lexloom.load(tmp_path / "out" / "model-last")
    v = nlp.vocab.vectors       # the table travels with the pipeline
    assert v.n_keys == 16 and v.shape[1] == WIDTH
    doc = nlp("the big cat sees a fish .")
    assert doc[2].has_vector and all(t.tag_ for t in doc)


def test_missing_vectors_at_initialize_says_to_set_initialize_vectors(tmp_path):
    write_corpus(tmp_path / "train.spacy", toy_docs(lexloom.blank("en").vocab, 10, seed=1))
    config = TAGGER_CONFIG.replace("include_static_vectors = false",
                                   "include_static_vectors = true")
    (tmp_path / "c.cfg").write_text(config, encoding="utf-8")
    result = runner.invoke(app, ["train", str(tmp_path / "c.cfg"),
                                 "--paths.train", str(tmp_path / "train.spacy"),
                                 "--paths.dev", str(tmp_path / "train.spacy")])
    assert result.exit_code != 0
    assert "[initialize] vectors" in (result.output + repr(result.exception))


# ---- the spec's "custom embedding layer" examples ---------------------------------------

# The spec's code with the imports changed from spacy to lexloom (what the compatibility
# contract asks of a user), after the typing imports the snippets leave out.
PREAMBLE = """
from typing import Dict, List
from thinc.api import Model
from thinc.types import Floats2d
from lexloom.tokens import Doc
"""

SPEC_FIRST = """
from lexloom.ml.staticvectors import StaticVectors
from lexloom.util import registry
print("I was imported!")
@registry.architectures("my_example.MyEmbedding.v1")
def MyEmbedding(output_width: int) -> Model[List[Doc], List[Floats2d]]:
    print("I was called!")
    return StaticVectors(nO=output_width)
"""

SPEC_SECOND = """
from thinc.api import add, chain, remap_ids, Embed
from lexloom.ml.staticvectors import StaticVectors
from lexloom.ml.featureextractor import FeatureExtractor
from lexloom.util import registry
@registry.architectures("my_example.MyEmbedding.v1")
def MyCustomVectors(
    output_width: int,
    vector_width: int,
    embed_rows: int,
    key2row: Dict[int, int]
) -> Model[List[Doc], List[Floats2d]]:
    return add(
        StaticVectors(nO=output_width),
        chain(
           FeatureExtractor(["ORTH"]),
           remap_ids(key2row),
           Embed(nO=output_width, nV=embed_rows)
        )
    )
"""


def test_spec_custom_embedding_layer_trains_a_tagger_via_code(tmp_path):
    """The first example, used as the spec says: --code my_layers.py and
    [components.tok2vec.model.embed] @architectures = "my_example.MyEmbedding.v1"."""
    vectors = _vectors_dir(tmp_path)
    (tmp_path / "my_layers.py").write_text(PREAMBLE + SPEC_FIRST, encoding="utf-8")
    write_corpus(tmp_path / "train.spacy", toy_docs(lexloom.blank("en").vocab, 40, seed=1))
    cfg = _static_tagger_config(tmp_path, vectors).read_text()
    start = cfg.index("[components.tok2vec.model.embed]")
    end = cfg.index("[components.tok2vec.model.encode]")
    cfg = cfg[:start] + ('[components.tok2vec.model.embed]\n'
                         '@architectures = "my_example.MyEmbedding.v1"\n'
                         'output_width = 32\n\n') + cfg[end:]
    (tmp_path / "custom.cfg").write_text(cfg, encoding="utf-8")
    result = runner.invoke(app, ["train", str(tmp_path / "custom.cfg"),
                                 "--code", str(tmp_path / "my_layers.py"),
                                 "--output", str(tmp_path / "out"),
                                 "--paths.train", str(tmp_path / "train.spacy"),
                                 "--paths.dev", str(tmp_path / "train.spacy"),
                                 "--training.max_steps", "10"])
    assert result.exit_code == 0, result.output
    assert "I was imported!" in result.output and "I was called!" in result.output
    assert (tmp_path / "out" / "model-last" / "vocab" / "vectors").is_file()


def test_spec_custom_vectors_function_registers_and_builds():
    """The second example registers and builds from a config block as written. (Running it
    fails in spaCy 3.8 too: thinc's remap_ids can't take FeatureExtractor's list of arrays.)"""
    namespace: dict = {}
    exec(textwrap.dedent(PREAMBLE + SPEC_SECOND), namespace)
    key2row = {11: 0, 22: 1}
    block = {"@architectures": "my_example.MyEmbedding.v1", "output_width": 16,
             "vector_width": WIDTH, "embed_rows": 3, "key2row": key2row}
    model = registry.resolve({"embed": block})["embed"]
    names = [node.name for node in model.walk()]
    assert "static_vectors" in names and "extract_features" in names
    assert any(name.startswith("embed") for name in names)
    assert any(node.attrs.get("mapping_table") == key2row for node in model.walk())
