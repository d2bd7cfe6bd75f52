"""What the test suites of spaCy plugins (spacy-legacy, spacy-loggers, spacy-lookups-data, ...)
need of `import spacy` beyond the documented API: see benchmarks/ecosystem_suites.py. Expected
numbers were computed with spaCy 3.8.18 + spacy-legacy 3.0.12 on the same examples."""
import numpy
import pytest
import srsly

import lexloom
from lexloom import registry
from lexloom.tokens import Doc
from lexloom.training import Example
from lexloom.vocab import Vocab


# ---- spacy.tests.util (spacy-legacy's and spacy-transformers' tests import it) -----------


def test_tests_util_docs():
    from lexloom.tests import util

    docs = util.get_batch(3)
    assert [[t.text for t in doc] for doc in docs] == [["0"], ["1", "2"], ["3", "4", "5"]]
    assert docs[0].vocab is docs[2].vocab
    assert [t.text for t in util.get_random_doc(4)] == ["0", "1", "2", "3"]
    nlp = lexloom.blank("en")
    util.assert_docs_equal(nlp("A test ."), nlp("A test ."))
    with pytest.raises(AssertionError):
        util.assert_docs_equal(nlp("A test ."), nlp("A tent ."))


def test_tests_util_helpers():
    from lexloom.tests import util

    vocab = util.add_vecs_to_vocab(Vocab(), [("apple", [1.0, 0.0]), ("pear", [1.0, 1.0])])
    assert vocab.vectors.shape[1] == 2
    assert util.get_cosine(vocab.get_vector("apple"), vocab.get_vector("pear")) == \
        pytest.approx(1 / numpy.sqrt(2))
    util.assert_packed_msg_equal(srsly.msgpack_dumps({"a": 1, "b": [2]}),
                                 srsly.msgpack_dumps({"b": [2], "a": 1}))
    with util.make_tempfile("w+") as handle:
        handle.write("x")
    assert handle.closed
    with util.make_tempdir() as d:
        assert d.is_dir()
    assert util.normalize_whitespace("a \n\t b") == "a b"


# ---- spacy-legacy's registered names ----------------------------------------------------


def _cats_example(vocab, pred, gold):
    predicted, reference = Doc(vocab, words=["x"]), Doc(vocab, words=["x"])
    predicted.cats, reference.cats = pred, gold
    return Example(predicted, reference)


@pytest.mark.parametrize("name", ["textcat_scorer.v1", "textcat_multilabel_scorer.v1"])
def test_spacy_legacy_scorers_registered(name):
    assert registry.has("scorers", f"spacy-legacy.{name}")
    assert callable(registry.get("scorers", f"spacy-legacy.{name}")())


def test_spacy_legacy_textcat_scorer_v1_threshold():
    """The legacy exclusive-class scorer counts the top prediction only at or above the
    threshold; spaCy's v2 scorer ignores the threshold for exclusive classes."""
    vocab = Vocab()
    examples = [_cats_example(vocab, {"A": 0.6, "B": 0.4}, {"A": 1.0, "B": 0.0}),
                _cats_example(vocab, {"A": 0.1, "B": 0.9}, {"A": 0.0, "B": 1.0})]
    v1 = registry.get("scorers", "spacy-legacy.textcat_scorer.v1")()
    v2 = registry.get("scorers", "spacy.textcat_scorer.v2")()
    legacy = v1(examples, labels=["A", "B"], threshold=0.7)
    assert legacy["cats_f_per_type"] == {"A": {"p": 0.0, "r": 0.0, "f": 0.0},
                                         "B": {"p": 1.0, "r": 1.0, "f": 1.0}}
    assert legacy["cats_score"] == pytest.approx(0.5)
    assert legacy["cats_score_desc"] == "macro F"
    assert v2(examples, labels=["A", "B"], threshold=0.7)["cats_score"] == pytest.approx(1.0)


def test_spacy_legacy_textcat_multilabel_scorer_v1():
    vocab = Vocab()
    examples = [_cats_example(vocab, {"A": 0.6, "C": 0.9}, {"A": 1.0, "C": 0.0}),
                _cats_example(vocab, {"A": 0.3, "C": 0.2}, {"A": 1.0, "C": 1.0})]
    scores = registry.get("scorers", "spacy-legacy.textcat_multilabel_scorer.v1")()(
        examples, labels=["A", "C"])
    assert scores["cats_f_per_type"] == {"A": {"p": 1.0, "r": 0.5, "f": pytest.approx(2 / 3)},
                                         "C": {"p": 0.0, "r": 0.0, "f": 0.0}}
    assert scores["cats_auc_per_type"] == {"A": None, "C": 0.0}
    assert scores["cats_micro_f"] == pytest.approx(0.4)
    assert scores["cats_score_desc"] == "macro AUC"
