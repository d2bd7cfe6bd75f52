"""lexloom.pipeline.multitask (spaCy's spacy.pipeline.multitask): the nn_labeller factory and
MultitaskObjective's targets, training and saving; ClozeMultitask; and both as objectives of a
parser through add_multitask_objective."""
from __future__ import annotations

import numpy
import pytest

import lexloom
from lexloom.errors import ConfigError, PipelineError
from lexloom.tokens import Doc
from lexloom.training import Example
from lexloom.util import fix_random_seed

pytest.importorskip("thinc.api")

WORDS = ["I", "like", "London", "and", "Berlin", "."]
HEADS = [1, 1, 1, 2, 2, 1]
DEPS = ["nsubj", "ROOT", "dobj", "cc", "conj", "punct"]
TAGS = ["PRP", "VBP", "NNP", "CC", "NNP", "."]
ENTS = ["O", "O", "B-LOC", "O", "B-LOC", "O"]


def _example(nlp, **annotations):
    ref = Doc(nlp.vocab, words=WORDS, **annotations)
    return Example(Doc(nlp.vocab, words=WORDS), ref)


def _full_example(nlp):
    return _example(nlp, heads=HEADS, deps=DEPS, tags=TAGS, ents=ENTS)


def test_factory_is_the_same_function_in_both_modules():
    from lexloom.pipeline import factories, multitask

    assert factories.make_nn_labeller is multitask.make_nn_labeller
    assert "make_nn_labeller" in factories.__all__


def test_nn_labeller_adds_with_spacys_defaults_and_initializes():
    from lexloom.pipeline.multitask import MultitaskObjective
    from lexloom.pipeline.tagger import Tagger

    nlp = lexloom.blank("en")
    labeller = nlp.add_pipe("nn_labeller")
    assert isinstance(labeller, MultitaskObjective) and isinstance(labeller, Tagger)
    config = nlp.config["components"]["nn_labeller"]
    assert config["target"] == "dep_tag_offset" and config["labels"] is None
    assert config["model"]["@architectures"] == "spacy.MultiTask.v1"
    nlp.initialize(lambda: [_full_example(nlp)])
    assert labeller.labels == {"nsubj-PRP:1": 0, "ROOT-VBP:0": 1, "dobj-NNP:-1": 2,
                               "cc-CC:-1": 3, "conj-NNP:-2": 4, "punct-.:-2": 5}
    assert labeller.model.get_ref("output_layer").get_dim("nO") == 6
    doc = nlp("I like Paris")  # runs, annotates nothing
    assert [t.tag_ for t in doc] == ["", "", ""]


@pytest.mark.parametrize("target,expected", [
    ("dep", ["nsubj", "ROOT", "dobj", "cc", "conj", "punct"]),
    ("tag", ["PRP", "VBP", "NNP", "CC", "."]),
    ("ent", ["O", "B-LOC"]),
    ("ent_tag", ["PRP-O", "VBP-O", "NNP-B-LOC", "CC-O", ".-O"]),
    ("sent_start", ["B-SENT", "I-SENT"]),
])
def test_labels_are_collected_per_target(target, expected):
    nlp = lexloom.blank("en")
    labeller = nlp.add_pipe("nn_labeller", config={"target": target})
    nlp.initialize(lambda: [_full_example(nlp)])
    assert list(labeller.labels) == expected
    assert list(labeller.labels.values()) == list(range(len(expected)))


def test_a_function_target_and_missing_annotation():
    from lexloom.pipeline.multitask import MultitaskObjective

    nlp = lexloom.blank("en")
    labeller = nlp.add_pipe("nn_labeller", config={"target": "tag"})
    labeller.make_label = lambda token: token.text.lower() if token.is_title else None
    nlp.initialize(lambda: [_full_example(nlp)])
    assert list(labeller.labels) == ["i", "london", "berlin"]
    # a reference without tags gives no label: those tokens add nothing to the loss
    bare = _example(nlp)
    assert MultitaskObjective.make_tag(bare.y[0]) is None
    assert MultitaskObjective.make_dep_tag_offset(bare.y[0]) is None


def test_initialize_without_the_annotation_says_so():
    nlp = lexloom.blank("en")
    nlp.add_pipe("nn_labeller", config={"target": "dep"})
    with pytest.raises(PipelineError, match="found no labels"):
        nlp.initialize(lambda: [_example(nlp, tags=TAGS)])


def test_bad_target_is_a_clear_config_error():
    nlp = lexloom.blank("en")
    with pytest.raises(ConfigError, match="not a multitask target.*'dep_tag_offset'"):
        nlp.add_pipe("nn_labeller", config={"target": "lemma"})
    with pytest.raises(ValueError):  # ConfigError is a ValueError, as spaCy raises
        nlp.add_pipe("nn_labeller", name="other", config={"target": "lemma"})


def test_update_lowers_the_loss():
    fix_random_seed(0)
    nlp = lexloom.blank("en")
    nlp.add_pipe("nn_labeller", config={"target": "dep"})
    eg = _full_example(nlp)
    optimizer = nlp.initialize(lambda: [eg])
    history = []
    for _ in range(6):
        losses = {}
        nlp.update([eg], sgd=optimizer, losses=losses)
        history.append(losses["nn_labeller"])
    assert history[0] == pytest.approx(5.0)  # a zero-initialized softmax: uniform over 6
    assert history[-1] < history[0] * 0.8
    assert all(b < a for a, b in zip(history, history[1:]))


def test_retokenized_prediction_aligns_to_gold():
    nlp = lexloom.blank("en")
    labeller = nlp.add_pipe("nn_labeller", config={"target": "tag"})
    eg = _full_example(nlp)
    nlp.initialize(lambda: [eg])
    merged = Example(Doc(nlp.vocab, words=["I", "like", "London and", "Berlin", "."],
                         spaces=[True, True, True, False, False]), eg.y)
    assert labeller._gold_rows(merged).tolist() == [0, 1, -1, 2, 4]


def test_saves_and_loads_keeping_labels(tmp_path):
    fix_random_seed(0)
    nlp = lexloom.blank("en")
    labeller = nlp.add_pipe("nn_labeller", config={"target": "tag"})
    eg = _full_example(nlp)
    optimizer = nlp.initialize(lambda: [eg])
    nlp.update([eg], sgd=optimizer)
    scores = labeller.predict([eg.x])

    other = lexloom.blank("en").add_pipe("nn_labeller", config={"target": "tag"})
    other.from_bytes(labeller.to_bytes())
    assert other.labels == labeller.labels
    numpy.testing.assert_allclose(other.predict([eg.x]), scores, rtol=1e-5)

    labeller.to_disk(tmp_path / "labeller")
    third = lexloom.blank("en").add_pipe("nn_labeller", config={"target": "dep"})
    third.from_disk(tmp_path / "labeller")
    assert third.labels == labeller.labels and third.cfg["target"] == "tag"
    assert third.make_label(eg.y[2]) == "NNP"  # the saved target wins over the config's
    numpy.testing.assert_allclose(third.predict([eg.x]), scores, rtol=1e-5)

    # and with the pipeline
    nlp.to_disk(tmp_path / "nlp")
    reloaded = lexloom.load(tmp_path / "nlp")
    assert reloaded.get_pipe("nn_labeller").labels == labeller.labels


def test_add_label_and_labels_given():
    nlp = lexloom.blank("en")
    labeller = nlp.add_pipe("nn_labeller", config={"target": "tag",
                                                   "labels": {"A": 0, "B": 1}})
    assert labeller.add_label("C") == 1 and labeller.add_label("A") == 0
    nlp.initialize(lambda: [_full_example(nlp)])
    assert labeller.labels == {"A": 0, "B": 1, "C": 2}  # given labels are kept
    assert labeller.model.get_ref("output_layer").get_dim("nO") == 3
    with pytest.raises(PipelineError, match="can't be resized"):
        labeller.add_label("D")


def test_multitask_objective_trains_with_the_parser():
    from lexloom.ml.models.multi_task import create_multi_task_model
    from lexloom.pipeline.multitask import MultitaskObjective

    fix_random_seed(0)
    nlp = lexloom.blank("en")
    parser = nlp.add_pipe("parser", config={"min_action_freq": 1})
    tok2vec = parser.model.get_ref("tok2vec")  # shared: ends in list2array, width 64
    labeller = MultitaskObjective(nlp.vocab, create_multi_task_model(tok2vec, 2, 64),
                                  "tag_objective", target="tag")
    parser.add_multitask_objective(labeller)
    eg = _full_example(nlp)
    optimizer = nlp.initialize(lambda: [eg])
    # sized to its own labels, not the parser's
    assert len(labeller.labels) == 5 != len(parser.labels)
    assert labeller.model.get_ref("output_layer").get_dim("nO") == 5
    head = labeller.model.get_ref("output_layer")
    W0 = head.get_param("W").copy()
    history = []
    for _ in range(6):
        nlp.update([eg], sgd=optimizer)
        history.append(labeller.get_loss([eg], labeller.predict([eg.x]))[0])
    assert not numpy.allclose(head.get_param("W"), W0)  # the head is stepped too
    assert history[-1] < history[0]
    losses = parser.update([eg], sgd=optimizer)  # a direct update, optimizer given
    assert losses["parser"] > 0


def _vectors_nlp():
    nlp = lexloom.blank("en")
    rng = numpy.random.RandomState(0)
    for word in WORDS:
        nlp.vocab.set_vector(word, rng.uniform(-1, 1, 8).astype("float32"))
    return nlp


def _cloze(nlp):
    from lexloom.ml import build_hash_embed_cnn_tok2vec
    from lexloom.ml.models.multi_task import build_cloze_multi_task_model
    from lexloom.pipeline.multitask import ClozeMultitask

    tok2vec = build_hash_embed_cnn_tok2vec(width=16, depth=1, embed_size=100, window_size=1,
                                           maxout_pieces=2, subword_features=True,
                                           pretrained_vectors=None)
    model = build_cloze_multi_task_model(nlp.vocab, tok2vec, maxout_pieces=2, hidden_size=16)
    return ClozeMultitask(nlp.vocab, model)


def test_cloze_multitask_learns_the_vectors():
    fix_random_seed(0)
    nlp = _vectors_nlp()
    cloze = _cloze(nlp)
    eg = _example(nlp)
    cloze.initialize(lambda: [eg])
    optimizer = cloze.create_optimizer()
    before = cloze.get_loss([eg], None, cloze.predict([eg.x]))[0]
    for _ in range(20):
        losses = cloze.update([eg], sgd=optimizer)
    assert losses[cloze.name] > 0
    after = cloze.get_loss([eg], None, cloze.predict([eg.x]))[0]
    assert after < before
    assert cloze.predict([eg.x]).shape == (len(WORDS), 8)
    with pytest.raises(PipelineError, match="no labels"):
        cloze.add_label("X")
    other = _cloze(nlp).from_bytes(cloze.to_bytes())
    numpy.testing.assert_allclose(other.predict([eg.x]), cloze.predict([eg.x]), rtol=1e-5)


def test_cloze_multitask_needs_vectors():
    nlp = _vectors_nlp()
    cloze = _cloze(nlp)
    cloze.vocab = lexloom.blank("en").vocab
    with pytest.raises(PipelineError, match="has none"):
        cloze.initialize(lambda: [_example(nlp)])
