"""spaCy behaviours of the vocab, lexeme norms, Doc.ents tuples and matcher pickling/warnings
that spaCy's own test suite checks."""
import pickle
import warnings

import numpy
import pytest

from lexloom.errors import DocError
from lexloom.lang.en import English
from lexloom.matcher import Matcher, PhraseMatcher
from lexloom.tokens import Doc, Span
from lexloom.vectors import Vectors
from lexloom.lang.lex_attrs import LEX_ATTRS
from lexloom.vocab import Vocab


# ---- Vocab(strings=[...]) interns only those strings -----------------------------------

def test_vocab_strings_list_interns_only_those_strings():
    vocab = Vocab(strings=["rats", "are", "cute"])
    assert sorted(vocab.strings) == ["are", "cute", "rats"]
    data = vocab.to_bytes()
    assert len(Vocab().from_bytes(data).strings) == 3
    vocab.from_bytes(data)  # loading into itself adds nothing
    assert len(vocab.strings) == 3
    # lexemes are made on first use, with the attributes the vocab has getters for: none
    assert vocab["Rats"].lower_ == "" and vocab["Rats"].shape_ == ""


def test_vocab_roundtrip_bytes_and_disk_keep_the_same_strings(tmp_path):
    vocab = Vocab(strings=["i", "like", "rats"])
    assert Vocab().from_bytes(vocab.to_bytes()).to_bytes() == vocab.to_bytes()
    vocab.to_disk(tmp_path / "v")
    assert (tmp_path / "v" / "lookups.bin").exists()
    assert set(Vocab().from_disk(tmp_path / "v").strings) == {"i", "like", "rats"}


def test_vocab_accepts_spacy_v2_arguments_with_a_warning():
    with pytest.warns(DeprecationWarning, match="tag_map"):
        vocab = Vocab(tag_map={"NN": {"pos": "NOUN"}})
    doc = Doc(vocab, words=["hello"])
    doc[0].tag_ = "NN"
    assert doc[0].tag_ == "NN"
    with pytest.raises(TypeError, match="no_such_arg"):
        Vocab(no_such_arg=1)


# ---- Lexeme.norm is recorded in the "lexeme_norm" table -------------------------------

def test_lexeme_norm_setter_records_the_lookups_table():
    vocab = Vocab()
    vocab["rats"].norm_ = "Hello"
    assert vocab["rats"].norm_ == "Hello"
    assert vocab.lookups.get_table("lexeme_norm")["rats"] == "Hello"
    vocab["mice"].norm = vocab.strings.add("mouse")
    assert vocab.lookups.get_table("lexeme_norm")["mice"] == "mouse"


def test_lexeme_norm_travels_with_bytes_to_existing_lexemes():
    vocab1 = Vocab(strings=["rats"])
    vocab1["rats"].norm_ = "Hello"
    vocab2 = Vocab()
    assert vocab2["rats"].norm_ == ""  # made before loading, with no NORM getter
    vocab2.from_bytes(vocab1.to_bytes())
    assert vocab2["rats"].norm_ == "Hello"
    assert vocab2["unrelated"].norm_ == "unrelated"


def test_lexeme_norm_travels_with_disk_to_new_lexemes(tmp_path):
    vocab1 = Vocab()
    vocab1["Rats"].norm_ = "rodents"
    vocab1.to_disk(tmp_path / "v")
    vocab2 = Vocab().from_disk(tmp_path / "v")
    assert vocab2["Rats"].norm_ == "rodents"
    doc = Doc(vocab2, words=["Rats", "run"])
    assert [t.norm_ for t in doc] == ["rodents", "run"]


def test_pickled_vocab_keeps_the_norms():
    vocab = Vocab(strings=["rats"])
    vocab["rats"].norm_ = "Hello"
    copy = pickle.loads(pickle.dumps(vocab))
    assert copy["rats"].norm_ == "Hello"
    assert copy.to_bytes() == vocab.to_bytes()


# ---- vectors keyed through the lexeme --------------------------------------------------

def test_set_vector_adds_the_word_to_the_vocab():
    vocab = Vocab()
    assert "hello" not in vocab
    vocab.set_vector("hello", numpy.ones((5,), dtype="f"))
    assert "hello" in vocab
    assert vocab["hello"].has_vector


def test_vectors_keyed_by_lower_are_found_through_the_lexeme():
    nlp = English()
    data = numpy.asarray([[0, 0, 0], [1, 2, 3], [9, 8, 7]], dtype="f")
    nlp.vocab.vectors = Vectors(data=data, keys=["a", "b", "c"], attr="LOWER")
    assert nlp.vocab["A"].has_vector and nlp.vocab.has_vector("A")
    assert list(nlp.vocab.get_vector("B")) == [1, 2, 3]
    nlp.vocab.set_vector("D", numpy.asarray([4, 5, 6]))
    assert nlp.vocab["d"].has_vector and nlp.vocab["D"].has_vector
    assert nlp.vocab.strings["d"] in nlp.vocab.vectors.key2row


# ---- Doc.ents tuples -------------------------------------------------------------------

@pytest.fixture
def doc():
    return Doc(Vocab(), words=["Alice", "met", "Bob", "in", "New", "York"])


def test_ents_take_spacys_tuple_shapes(doc):
    doc.ents = [("PERSON", 0, 1), ("PERSON", "Q2", 2, 3), ("alias", "Q60", "GPE", 4, 6)]
    ents = doc.ents
    assert [(e.label_, e.start, e.end) for e in ents] == [("PERSON", 0, 1), ("PERSON", 2, 3),
                                                          ("GPE", 4, 6)]
    assert [e.kb_id_ for e in ents] == ["", "Q2", "Q60"]
    assert doc[4].ent_id_ == "alias" and doc[4].ent_kb_id_ == "Q60"


def test_ents_4_tuple_with_hash_ids(doc):
    label = doc.vocab.strings.add("ORG")
    kb = doc.vocab.strings.add("Q95")
    doc.ents = [(label, kb, 2, 3), [label, 0, 0, 1]]
    assert [(e.label_, e.kb_id_, e.start) for e in doc.ents] == [("ORG", "", 0), ("ORG", "Q95", 2)]


def test_ents_bad_tuples_raise_docerror(doc):
    with pytest.raises(IndexError, match="E035"):   # spaCy's Span bounds error
        doc.ents = [("X", "kb", 3, 9)]
    with pytest.raises(DocError, match="token indices"):
        doc.ents = [("X", "kb", "3", 4)]
    with pytest.raises(DocError, match="tuples"):
        doc.ents = [("X", 1)]


def test_set_ents_takes_tuples_next_to_spans(doc):
    doc.set_ents([Span(doc, 0, 1, label="PERSON"), ("GPE", "Q60", 4, 6)])
    assert [(e.label_, e.kb_id_) for e in doc.ents] == [("PERSON", ""), ("GPE", "Q60")]


# ---- matchers --------------------------------------------------------------------------

def test_matcher_pipe_deprecation_names_the_spacy_version():
    vocab = Vocab()
    doc = Doc(vocab, words=["hello", "world"])
    matcher = Matcher(vocab)
    matcher.add("HELLO", [[{"ORTH": "hello"}]])
    phrase = PhraseMatcher(vocab)
    phrase.add("HELLO", [Doc(vocab, words=["hello"])])
    for m in (matcher, phrase):
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            assert list(m.pipe([doc])) == [doc]
        assert any(issubclass(w.category, DeprecationWarning)
                   and "spaCy v3.0" in str(w.message) for w in record)


def _on_match(matcher, doc, i, matches):
    pass


def test_phrase_matcher_pickles_in_spacys_shape():
    vocab = Vocab(lex_attr_getters=LEX_ATTRS)   # LOWER needs its getter
    matcher = PhraseMatcher(vocab, attr="LOWER", validate=True)
    matcher.add("TEST", [Doc(vocab, words=["test"])])
    matcher.add("TEST2", [Doc(vocab, words=["test2"])], on_match=_on_match)
    _, (v, phrases, callbacks, attr), *_ = matcher.__reduce__()
    assert v is vocab and set(phrases) == {"TEST", "TEST2"}
    assert callbacks["TEST2"] is _on_match and callbacks["TEST"] is None
    copy = pickle.loads(pickle.dumps(matcher))
    doc = Doc(copy.vocab, words=["a", "TEST", "test2"])
    assert len(copy) == 2
    assert [(copy.vocab.strings[k], s, e) for k, s, e in copy(doc)] == [("TEST", 1, 2),
                                                                      ("TEST2", 2, 3)]
    assert copy.__reduce__()[2] == {"validate": True}
