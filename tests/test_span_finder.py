"""The span_finder component: boundary pairs within the length limits, training on start/end
token targets, scoring, and save/load."""
import numpy
import pytest
from thinc.api import fix_random_seed

import lexloom
from lexloom.pipeline.span_finder import boundary_pairs, span_finder_score
from lexloom.registry import registry
from lexloom.training import Example

TRAIN = [
    ("I like London and Berlin.", [(7, 13), (18, 24)]),
    ("Paris is nicer than New York.", [(0, 5), (20, 28)]),
    ("We flew from Rome to Tokyo yesterday.", [(13, 17), (21, 26)]),
]


# a small network keeps the test fast; the architecture is the default one
SMALL_MODEL = {"tok2vec": {"embed": {"width": 32, "rows": [500, 100, 100, 100]},
                           "encode": {"width": 32, "depth": 2}}}


def make_examples(nlp, key="sc"):
    return [Example.from_dict(nlp.make_doc(text),
                              {"spans": {key: [(s, e, "LOC") for s, e in spans]}})
            for text, spans in TRAIN]


def spans_of(doc, key="sc"):
    return [(span.start, span.end) for span in doc.spans[key]]


def test_boundary_pairs_pair_each_start_with_later_ends():
    scores = numpy.asarray([[0.9, 0.1], [0.2, 0.8], [0.7, 0.9], [0.1, 0.2]], dtype="f")
    # starts 0, 2; ends 1, 2 -> (0,2) (0,3) (2,3): starts first, then ends, spaCy's order
    assert boundary_pairs(scores, 0.5, None, None).tolist() == [[0, 2], [0, 3], [2, 3]]
    assert boundary_pairs(scores, 0.5, None, 2).tolist() == [[0, 2], [2, 3]]
    assert boundary_pairs(scores, 0.5, 2, None).tolist() == [[0, 2], [0, 3]]
    assert boundary_pairs(scores, 0.95, None, None).shape == (0, 2)


def test_set_annotations_uses_threshold_and_lengths():
    nlp = lexloom.blank("en")
    finder = nlp.add_pipe("span_finder", config={"max_length": 2, "threshold": 0.5})
    doc = nlp.make_doc("a b c d")
    scores = numpy.asarray([[0.9, 0.1], [0.2, 0.8], [0.7, 0.9], [0.1, 0.2]], dtype="f")
    finder.set_annotations([doc], scores)
    assert spans_of(doc) == [(0, 2), (2, 3)]
    assert all(span.label_ == "" for span in doc.spans["sc"])


@pytest.fixture(scope="module")
def trained():
    fix_random_seed(0)
    nlp = lexloom.blank("en")
    nlp.add_pipe("span_finder", config={"max_length": 2, "model": SMALL_MODEL})
    examples = make_examples(nlp)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        losses = {}
        nlp.update(examples, sgd=optimizer, losses=losses)
    return nlp, losses


def test_training_finds_the_spans(trained):
    nlp, losses = trained
    assert losses["span_finder"] < 0.5
    doc = nlp(TRAIN[0][0])
    assert spans_of(doc) == [(2, 3), (4, 5)]  # (2, 5) is 3 tokens: over max_length
    doc = nlp(TRAIN[1][0])
    assert spans_of(doc) == [(0, 1), (4, 6)]


def test_evaluate_gives_unlabelled_span_scores(trained):
    nlp, _ = trained
    scores = nlp.evaluate(make_examples(nlp))
    assert scores["spans_sc_f"] == 1.0
    assert "spans_sc_per_type" not in scores


def test_save_and_load_keep_predictions(trained, tmp_path):
    nlp, _ = trained
    nlp.to_disk(tmp_path)
    loaded = lexloom.load(tmp_path)
    assert loaded.get_pipe("span_finder").cfg["max_length"] == 2
    for text, _ in TRAIN:
        assert spans_of(loaded(text)) == spans_of(nlp(text))


def test_misaligned_gold_boundary_is_masked():
    nlp = lexloom.blank("en")
    finder = nlp.add_pipe("span_finder")
    # a gold span ending inside a predicted token: the end target is unknown
    pred = lexloom.tokens.Doc(nlp.vocab, words=["New-York", "is", "big"],
                              spaces=[True, True, False])
    ref = lexloom.tokens.Doc(nlp.vocab, words=["New", "-", "York", "is", "big"],
                             spaces=[False, False, True, True, False])
    ref.spans["sc"] = [ref[0:1]]
    truth, mask = finder._get_aligned_truth_scores([Example(pred, ref)], None)
    assert truth[0].tolist() == [1, 0] and mask[0].tolist() == [1, 0]


def test_invalid_lengths_raise():
    nlp = lexloom.blank("en")
    with pytest.raises(ValueError):
        nlp.add_pipe("span_finder", config={"min_length": 0})


def test_registered_names():
    assert "spacy.SpanFinder.v1" in registry.architectures
    assert registry.scorers.get("spacy.span_finder_scorer.v1")() is span_finder_score
    nlp = lexloom.blank("en")
    finder = nlp.add_pipe("span_finder")
    assert finder.cfg == {"min_length": None, "max_length": 25, "threshold": 0.5,
                          "spans_key": "sc"}
    assert finder.model.layers[-1].name == "Flattener"
