"""The trainable_lemmatizer: learns edit trees from a tiny corpus and generalizes them to
held-out words, saves and loads, tries top_k trees and falls back to `backoff`, and loads
the cfg and trees spaCy 3.8 writes."""
from pathlib import Path

import numpy
import pytest
from thinc.api import Model, fix_random_seed

import lexloom
from lexloom.errors import DeserializationError, PipelineError
from lexloom.language import Language
from lexloom.pipeline import EditTreeLemmatizer
from lexloom.registry import registry
from lexloom.pipeline.lemmatizer import lemmatizer_score
from lexloom.training import Example
from lexloom.training.config_templates import make_config

DATA = Path(__file__).parent / "data" / "edit_trees"

SMALL_MODEL = {"@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False,
               "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2",
                           "pretrained_vectors": None, "width": 32, "depth": 1,
                           "embed_size": 1000, "window_size": 1, "maxout_pieces": 2,
                           "subword_features": True}}

TRAIN_NOUNS = ["cats", "hats", "mats", "dogs", "logs", "frogs", "cups", "pups"]
TRAIN_VERBS = ["walked", "talked", "jumped", "pumped", "kicked", "picked"]
HELD_OUT = [("rats", "rat"), ("bogs", "bog"), ("sups", "sup"),
            ("balked", "balk"), ("dumped", "dump"), ("licked", "lick")]


def _corpus(nlp):
    examples = []
    for i, noun in enumerate(TRAIN_NOUNS):
        for j, verb in enumerate(TRAIN_VERBS):
            if (i + j) % 2:
                continue
            examples.append(Example.from_dict(
                nlp.make_doc(f"the {noun} {verb}"),
                {"lemmas": ["the", noun[:-1], verb[:-2]]}))
    return examples


@pytest.fixture(scope="module")
def trained():
    """(nlp, losses per epoch) after a short training run."""
    fix_random_seed(0)
    nlp = lexloom.blank("en")
    nlp.add_pipe("trainable_lemmatizer", config={"model": SMALL_MODEL})
    examples = _corpus(nlp)
    optimizer = nlp.initialize(lambda: examples)
    optimizer.learn_rate = 0.01  # a tiny corpus: larger steps than the default 0.001
    losses = []
    for _ in range(25):
        losses.append(nlp.update(examples, sgd=optimizer)["trainable_lemmatizer"])
    return nlp, losses


def test_labels_are_the_frequent_trees(trained):
    nlp, _ = trained
    lem = nlp.get_pipe("trainable_lemmatizer")
    # identity ("the"), -s and -ed, each seen >= min_tree_freq (3) times
    assert sorted(lem.trees.tree_to_str(t) for t in lem.labels) == [
        "(m 0 0 () ())", "(m 0 1 () (s 's' ''))", "(m 0 2 () (s 'ed' ''))"]


def test_loss_goes_down_and_held_out_words_are_lemmatized(trained):
    nlp, losses = trained
    assert losses[-1] < losses[0] / 20
    docs = list(nlp.pipe([f"the {noun} {verb}" for (noun, _), (verb, _)
                          in zip(HELD_OUT[:3], HELD_OUT[3:])]))
    got = [(t.text, t.lemma_) for doc in docs for t in doc if t.text != "the"]
    assert sorted(got) == sorted(HELD_OUT)
    assert all(t.lemma_ == "the" for doc in docs for t in doc if t.text == "the")


def test_evaluate_reports_lemma_acc(trained):
    nlp, _ = trained
    scores = nlp.evaluate(_corpus(nlp))
    assert scores["lemma_acc"] == 1.0


def test_disk_round_trip_gives_identical_lemmas(trained, tmp_path):
    nlp, _ = trained
    texts = ["the rats balked", "the frogs licked", "the cats walked", "went"]
    before = [[t.lemma_ for t in doc] for doc in nlp.pipe(texts)]
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "trainable_lemmatizer" / "trees").is_file()
    loaded = lexloom.load(tmp_path / "pipeline")
    assert [[t.lemma_ for t in doc] for doc in loaded.pipe(texts)] == before
    lem, lem2 = nlp.get_pipe("trainable_lemmatizer"), loaded.get_pipe("trainable_lemmatizer")
    assert lem2.labels == lem.labels
    assert lem2.trees.to_bytes() == lem.trees.to_bytes()
    # the tree -> label map is rebuilt on load, so training can go on
    eg = _corpus(loaded)[0]
    assert lem2.get_loss([eg], lem2.model.predict([eg.predicted]))[0] >= 0


def test_bytes_round_trip_gives_identical_lemmas(trained):
    nlp, _ = trained
    lem = nlp.get_pipe("trainable_lemmatizer")
    nlp2 = lexloom.blank("en")
    lem2 = nlp2.add_pipe("trainable_lemmatizer", config={"model": SMALL_MODEL})
    lem2.initialize(lambda: _corpus(nlp2))
    lem2.from_bytes(lem.to_bytes())
    text = "the rats balked"
    assert [t.lemma_ for t in nlp2(text)] == [t.lemma_ for t in nlp(text)]


def test_initialize_from_label_data(trained):
    nlp, _ = trained
    lem = nlp.get_pipe("trainable_lemmatizer")
    nlp2 = lexloom.blank("en")
    lem2 = nlp2.add_pipe("trainable_lemmatizer", config={"model": SMALL_MODEL})
    lem2.initialize(lambda: _corpus(nlp2), labels=lem.label_data)
    assert [lem2.trees.tree_to_str(t) for t in lem2.labels] == \
        [lem.trees.tree_to_str(t) for t in lem.labels]
    with pytest.raises(PipelineError, match="'trees'"):
        lem2.initialize(lambda: _corpus(nlp2), labels={"labels": [0]})


def test_label_data_spells_out_strings(trained):
    nlp, _ = trained
    data = nlp.get_pipe("trainable_lemmatizer").label_data
    assert {"orig": "ed", "subst": ""} in data["trees"]


# ---- prediction with a model whose scores the test sets -----------------------------------


def _fixed_scores_model(table):
    """A model scoring each token by its text: table[text] is its row of label scores."""
    def forward(model, docs, is_train):
        n_labels = len(next(iter(table.values())))
        return [numpy.asarray([table[t.text] for t in doc], dtype="float32").reshape(
            (len(doc), n_labels)) for doc in docs], lambda d: d
    return Model("fixed_scores", forward)


@pytest.fixture
def fixed():
    """A lemmatizer with labels [went -> go, plural -s]: "dogs" scores `went` first."""
    nlp = lexloom.blank("en")

    def make(**cfg):
        lem = EditTreeLemmatizer(nlp.vocab, _fixed_scores_model(
            {"dogs": [0.9, 0.1], "went": [0.8, 0.2], "cats": [0.1, 0.9], "IT": [0.6, 0.4]}),
            **cfg)
        for form, lemma in [("went", "go"), ("cats", "cat")]:
            lem.add_label(lem.trees.add(form, lemma))
        return lem
    return nlp, make


def test_top_k_tries_the_next_tree(fixed):
    nlp, make = fixed
    doc = nlp.make_doc("dogs went cats")
    make(top_k=2)(doc)
    assert [t.lemma_ for t in doc] == ["dog", "go", "cat"]


def test_backoff_when_no_tree_applies(fixed):
    nlp, make = fixed
    doc = nlp.make_doc("dogs went cats IT")
    make()(doc)  # top_k=1: "went -> go" doesn't apply to dogs or IT: backoff to orth
    assert [t.lemma_ for t in doc] == ["dogs", "go", "cat", "IT"]
    doc = nlp.make_doc("dogs went IT")
    make(backoff="lower")(doc)
    assert [t.lemma_ for t in doc] == ["dogs", "go", "it"]
    doc = nlp.make_doc("dogs went")
    make(backoff=None)(doc)
    assert [t.lemma_ for t in doc] == ["", "go"]


def test_overwrite(fixed):
    nlp, make = fixed
    doc = nlp.make_doc("went cats")
    doc[0].lemma_ = "GO"
    make()(doc)
    assert [t.lemma_ for t in doc] == ["GO", "cat"]
    make(overwrite=True)(doc)
    assert [t.lemma_ for t in doc] == ["go", "cat"]


def test_empty_docs(fixed):
    nlp, make = fixed
    lem = make()
    docs = [nlp.make_doc(""), nlp.make_doc("cats"), nlp.make_doc("")]
    assert [[t.lemma_ for t in d] for d in lem.pipe(docs)] == [[], ["cat"], []]
    assert [len(g) for g in lem.predict([nlp.make_doc("")])] == [0]


def test_add_label_checks(fixed):
    nlp, make = fixed
    lem = make()
    assert lem.add_label(lem.labels[0]) == 0
    with pytest.raises(PipelineError, match="edit tree ids"):
        lem.add_label("went")
    with pytest.raises(NotImplementedError, match="no edit tree with that id"):   # E931
        lem.add_label(len(lem.trees))
    with pytest.raises(PipelineError, match="top_k"):
        make(top_k=-1)
    doc = nlp.make_doc("went cats")
    make(top_k=0)(doc)  # as spaCy: no tree is tried, every token backs off
    assert [t.lemma_ for t in doc] == ["went", "cats"]


def test_labels_without_trees_raise_on_load(fixed, tmp_path):
    nlp, make = fixed
    lem = make()
    lem.to_disk(tmp_path / "lem")
    (tmp_path / "lem" / "cfg").write_text('{"labels": [0, 99]}')
    with pytest.raises(DeserializationError, match="name edit trees \\[99\\]"):
        make().from_disk(tmp_path / "lem")


# ---- spaCy's files, registry and config ---------------------------------------------------


def test_loads_cfg_and_trees_written_by_spacy():
    """tests/data/edit_trees/spacy_component: a trainable_lemmatizer trained by spaCy 3.8
    (benchmarks/make_edit_tree_reference.py), saved without its model. Its labels and trees
    load (the strings through its vocab folder) and print as spaCy printed them."""
    import json

    ref = json.loads((DATA / "spacy_component.json").read_text(encoding="utf8"))
    nlp = lexloom.blank("en")
    lem = nlp.add_pipe("trainable_lemmatizer")
    lem.from_disk(DATA / "spacy_component", exclude=["model"])
    assert list(lem.labels) == ref["labels"]
    assert [lem.trees.tree_to_str(t) for t in lem.labels] == ref["label_trees"]
    assert lem.trees.to_bytes() == (DATA / "spacy_component" / "trees").read_bytes()


def test_scorer_and_factory_are_registered():
    assert registry.scorers.get("spacy.lemmatizer_scorer.v1")() is lemmatizer_score
    meta = Language.get_factory_meta("trainable_lemmatizer")
    assert meta.default_score_weights == {"lemma_acc": 1.0}
    cfg = meta.default_config
    assert (cfg["backoff"], cfg["min_tree_freq"], cfg["overwrite"], cfg["top_k"]) == \
        ("orth", 3, False, 1)
    assert cfg["model"]["@architectures"] == "spacy.Tagger.v2"
    assert cfg["model"]["tok2vec"]["@architectures"] == "spacy.HashEmbedCNN.v2"


def test_init_config_block_is_spacys():
    """What `spacy init config --pipeline trainable_lemmatizer` writes for this component:
    a Tagger.v2 over a listener to the shared tok2vec."""
    config = make_config("en", ["trainable_lemmatizer"])
    assert config["nlp"]["pipeline"] == ["tok2vec", "trainable_lemmatizer"]
    block = config["components"]["trainable_lemmatizer"]
    assert block == {
        "factory": "trainable_lemmatizer", "backoff": "orth", "min_tree_freq": 3,
        "overwrite": False, "top_k": 1, "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"},
        "model": {"@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False,
                  "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1",
                              "width": "${components.tok2vec.model.encode.width}",
                              "upstream": "*"}}}
    assert config["training"]["score_weights"] == {"lemma_acc": 1.0}
