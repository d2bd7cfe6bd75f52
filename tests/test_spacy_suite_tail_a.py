"""Behaviours spaCy's own test suite checks (pickling with norm tables, Token/Span pickling,
misaligned entity offsets, heads without deps, partial scoring, legacy attribute keys),
asserted here without spaCy."""
import pickle
import warnings

import pytest
import srsly

import lexloom
from lexloom.attrs import IS_ALPHA, LEMMA, NORM, ORTH, TAG, intify_attrs
from lexloom.lookups import Lookups
from lexloom.scorer import Scorer
from lexloom.tokens import Doc
from lexloom.training import Example
from lexloom.vocab import TableNorm


@pytest.fixture
def nlp_with_norms():
    nlp = lexloom.blank("en")
    lookups = Lookups()
    lookups.add_table("lexeme_norm", {"hello": "HI"})
    nlp.vocab.lookups = lookups
    return nlp


def test_norm_table_getter_is_picklable(nlp_with_norms):
    getter = nlp_with_norms.vocab.lex_attr_getters[NORM]
    assert isinstance(getter, TableNorm)
    copy = pickle.loads(pickle.dumps(getter))
    assert copy("hello") == "HI"
    assert copy("World") == getter("World")


@pytest.mark.parametrize("dumps", [pickle.dumps, srsly.pickle_dumps])
def test_pickled_doc_keeps_norm_table(nlp_with_norms, dumps):
    doc = Doc(nlp_with_norms.vocab, words=["hello", "world"])
    assert [t.norm_ for t in doc] == ["HI", "world"]
    copy = pickle.loads(dumps(doc))
    assert [t.norm_ for t in copy] == ["HI", "world"]
    # new words in the unpickled vocab still go through the table
    assert Doc(copy.vocab, words=["x", "hello"])[1].norm_ == "HI"


def test_pickled_vocab_and_pipeline_keep_norm_table(nlp_with_norms):
    vocab = pickle.loads(pickle.dumps(nlp_with_norms.vocab))
    assert vocab["hello"].norm_ == "HI"
    getter = vocab.lex_attr_getters[NORM]
    assert isinstance(getter, TableNorm) and not isinstance(getter.fallback, TableNorm)
    nlp = pickle.loads(pickle.dumps(nlp_with_norms))
    assert [t.norm_ for t in nlp("hello there")] == ["HI", "there"]


def test_new_norm_table_replaces_the_old_one(nlp_with_norms):
    lookups = Lookups()
    lookups.add_table("lexeme_norm", {"bye": "BYE"})
    nlp_with_norms.vocab.lookups = lookups
    getter = nlp_with_norms.vocab.lex_attr_getters[NORM]
    assert not isinstance(getter.fallback, TableNorm)
    assert getter("bye") == "BYE" and getter("hello") == "hello"


def test_token_and_span_pickling_raises_not_implemented():
    doc = Doc(lexloom.blank("en").vocab, words=["Hello", "world"])
    with pytest.raises(NotImplementedError, match="E111"):
        pickle.dumps(doc[0])
    with pytest.raises(NotImplementedError, match="E112"):
        pickle.dumps(doc[0:2])


def test_misaligned_entity_offsets_warn_and_are_missing():
    words = ["I", "like", "New", "York", "and", "Berlin", "."]
    predicted = Doc(lexloom.blank("en").vocab, words=words)
    with pytest.warns(UserWarning, match="W030"):
        eg = Example.from_dict(predicted, {"words": words,
                                           "entities": [(0, 4, "LOC"), (21, 27, "LOC")]})
    assert list(eg.reference.ents) == []


def test_aligned_entity_offsets_do_not_warn():
    words = ["I", "like", "New", "York", "."]
    predicted = Doc(lexloom.blank("en").vocab, words=words)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        eg = Example.from_dict(predicted, {"words": words, "entities": [(7, 15, "LOC")]})
    assert [e.text for e in eg.reference.ents] == ["New York"]


def test_heads_without_deps_are_missing():
    words = ["I", "like", "London", "and", "Berlin", "."]
    heads = [1, 1, 1, 2, 2, 1]
    deps = ["nsubj", "ROOT", "dobj", "cc", "conj", "punct"]
    predicted = Doc(lexloom.blank("en").vocab, words=words)
    eg = Example.from_dict(predicted, {"words": words, "heads": heads})
    assert [t.head.i for t in eg.reference] == list(range(len(words)))
    assert not eg.reference.has_annotation("DEP")
    eg = Example.from_dict(predicted, {"words": words, "heads": heads, "deps": deps})
    assert [t.head.i for t in eg.reference] == heads


def test_dep_labels_alone_are_no_sentence_boundaries():
    nlp = lexloom.blank("en")
    doc = nlp.make_doc("a b c d e")
    doc[1].dep_ = "dep"
    assert doc.has_annotation("DEP")
    assert not doc.has_annotation("SENT_START")
    parsed = Doc(nlp.vocab, words=["a", "b"], heads=[0, 0], deps=["ROOT", "dep"])
    assert parsed.has_annotation("SENT_START")


def test_partial_annotation_scores_only_what_is_annotated():
    nlp = lexloom.blank("en")
    pred = nlp.make_doc("a b c d e")
    pred[0].tag_, pred[0].pos_, pred[0].dep_ = "A", "X", "dep"
    pred[0].set_morph("Feat=Val")
    ref = nlp.make_doc("a b c d e")
    ref.has_unknown_spaces = True
    ref[1].tag_, ref[1].pos_, ref[1].dep_ = "A", "X", "dep"
    ref[1].set_morph("Feat=Val")
    scores = Scorer().score([Example(pred, ref)])
    assert scores["token_acc"] is None
    assert scores["sents_f"] is None
    assert scores["tag_acc"] == 0.0 and scores["pos_acc"] == 0.0
    assert scores["dep_uas"] == 1.0 and scores["dep_las"] == 0.0


def test_intify_attrs_upgrades_legacy_keys():
    attrs = {"F": "dog", "L": "dog", "pos": "NN", "is_alpha": True, "VerbForm": "Fin",
             "number": 1, "morph": "x"}
    out = intify_attrs(attrs, strings_map={"dog": 10, "NN": 5}, _do_deprecated=True)
    assert out == {ORTH: 10, LEMMA: 10, TAG: 5, IS_ALPHA: True}
    assert "F" in attrs  # the caller's dict is left alone
    assert intify_attrs({"F": "dog", "is_alpha": True}) == {IS_ALPHA: True}
