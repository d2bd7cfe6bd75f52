"""Component behaviour spaCy's own pipeline tests rely on: fixed senter labels, pickling of
the lemmatizers, preset entity labels in ner's greedy/beam parse, beam scores from predict,
and AlignmentArray's index errors."""
import pickle

import pytest
from thinc.api import fix_random_seed

from lexloom.language import Language
from lexloom.lookups import Lookups
from lexloom.pipeline._edit_tree_internals.edit_trees import EditTrees
from lexloom.strings import StringStore
from lexloom.tokens import Doc
from lexloom.training import Example
from lexloom.training.alignment_array import AlignmentArray


def test_senter_add_label_is_not_implemented():
    senter = Language().add_pipe("senter")
    with pytest.raises(NotImplementedError):
        senter.add_label("A")
    assert senter.labels == ("I", "S")


def test_edit_trees_pickle_round_trip():
    strings = StringStore()
    trees = EditTrees(strings)
    tid = trees.add("coped", "cope")
    trees.add("went", "go")
    again = pickle.loads(pickle.dumps(trees))
    assert len(again) == len(trees)
    assert again.to_bytes() == trees.to_bytes()
    assert again.apply(tid, "hoped") == "hope"


def test_trainable_lemmatizer_pipeline_pickles():
    fix_random_seed(0)
    nlp = Language()
    lemmatizer = nlp.add_pipe("trainable_lemmatizer")
    lemmatizer.min_tree_freq = 1
    words = ["She", "coped", "with", "dogs"]
    lemmas = ["she", "cope", "with", "dog"]
    examples = [Example.from_dict(Doc(nlp.vocab, words=words), {"lemmas": lemmas})]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer)
    nlp2 = pickle.loads(pickle.dumps(nlp))
    doc, doc2 = nlp(Doc(nlp.vocab, words=words)), nlp2(Doc(nlp2.vocab, words=words))
    assert [t.lemma_ for t in doc2] == [t.lemma_ for t in doc]
    assert len(nlp2.get_pipe("trainable_lemmatizer").trees) == len(lemmatizer.trees)


def _lookup_lemmatizer():
    nlp = Language()
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"coped": "cope"})
    lemmatizer.initialize(lookups=lookups)
    return nlp, lemmatizer


def test_lemmatizer_new_lookups_drop_cached_lemmas():
    nlp, lemmatizer = _lookup_lemmatizer()
    assert nlp("coped")[0].lemma_ == "cope"
    lemmatizer.lookups = Lookups()
    assert nlp("coped")[0].lemma_ == "coped"


def test_lookup_lemmatizer_pickles_with_its_tables():
    nlp, lemmatizer = _lookup_lemmatizer()
    assert nlp("coped")[0].lemma_ == "cope"   # fills the native cache
    nlp2 = pickle.loads(pickle.dumps(nlp))
    assert nlp2.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")["coped"] == "cope"
    assert nlp2("coped")[0].lemma_ == "cope"
    lemmatizer2 = pickle.loads(pickle.dumps(lemmatizer))
    assert lemmatizer2.mode == "lookup"


@pytest.mark.parametrize("method", ["greedy", "beam"])
def test_ner_parse_adds_labels_of_preset_entities(method):
    nlp = Language()
    ner = nlp.add_pipe("beam_ner")
    for label in ["A", "B", "C"]:
        ner.add_label(label)
    nlp.initialize()
    doc = Doc(nlp.vocab, words=["hello", "world"], ents=["B-D", "O"])
    if method == "greedy":
        ner.greedy_parse([doc])
    else:
        ner.beam_parse([doc], beam_width=8)
    assert "D" in ner.labels


def test_beam_parser_scored_parses_from_predict():
    fix_random_seed(0)
    nlp = Language()
    parser = nlp.add_pipe("beam_parser", config={"beam_width": 8, "beam_density": 0.0001})
    words = ["I", "like", "London", "."]
    annots = {"heads": [1, 1, 1, 1], "deps": ["nsubj", "ROOT", "dobj", "punct"]}
    examples = [Example.from_dict(Doc(nlp.vocab, words=words), annots)]
    for dep in annots["deps"]:
        parser.add_label(dep)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(5):
        nlp.update(examples, sgd=optimizer)
    doc = Doc(nlp.vocab, words=words)
    head_scores, label_scores = parser.scored_parses(parser.predict([doc]))
    assert len(head_scores) == len(label_scores) == 1
    # a root has no arc in spaCy's get_beam_parses: a word's mass is what its parses
    # attach it, at most 1
    masses = [sum(p for (c, _h), p in head_scores[0].items() if c == child)
              for child in range(len(doc))]
    assert all(0.0 <= m <= 1.0 + 1e-4 for m in masses) and max(masses) > 0.99
    assert all(c != h for c, h in head_scores[0])
    assert all(0.0 <= p <= 1.0 + 1e-6 for p in label_scores[0].values())


def test_alignment_array_bad_indices():
    a = AlignmentArray([[0], [1, 2]])
    with pytest.raises(ValueError, match="only supports slicing with a step of 1"):
        a[::-1]
    with pytest.raises(ValueError, match="only supports indexing using an int or a slice"):
        a[[0, 1]]
    assert list(a[1]) == [1, 2]
