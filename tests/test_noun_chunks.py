"""English noun chunks from a dependency parse: spaCy's English behaviour, ClearNLP labels only."""
import pytest

import lexloom
from lexloom.errors import DocError
from lexloom.tokens import Doc
from lexloom.vocab import Vocab

WORDS = "The quick brown fox and the lazy dog saw me in the big park".split()
CLEAR_DEPS = ["det", "amod", "amod", "nsubj", "cc", "det", "amod", "conj", "ROOT", "dobj",
              "prep", "det", "amod", "pobj"]
HEADS = [3, 3, 3, 8, 7, 7, 7, 3, 8, 8, 8, 13, 13, 10]
POS = ["DET", "ADJ", "ADJ", "NOUN", "CCONJ", "DET", "ADJ", "NOUN", "VERB", "PRON", "ADP", "DET",
       "ADJ", "NOUN"]


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("en")


def test_clearnlp_labels(nlp):
    doc = Doc(nlp.vocab, words=WORDS, heads=HEADS, deps=CLEAR_DEPS, pos=POS)
    chunks = list(doc.noun_chunks)
    assert [c.text for c in chunks] == ["The quick brown fox", "and the lazy dog", "me",
                                        "the big park"]
    assert {c.label_ for c in chunks} == {"NP"}
    assert [c.text for c in doc[8:].noun_chunks] == ["me", "the big park"]


def test_universal_dependencies_labels_are_not_chunk_labels(nlp):
    # spaCy's English iterator knows ClearNLP labels only: "obj" and "obl" make no chunk, the
    # "nsubj" subject and its conjunct do.
    deps = ["det", "amod", "amod", "nsubj", "cc", "det", "amod", "conj", "root", "obj", "case",
            "det", "amod", "obl"]
    heads = [3, 3, 3, 8, 7, 7, 7, 3, 8, 8, 13, 13, 13, 8]
    doc = Doc(nlp.vocab, words=WORDS, heads=heads, deps=deps, pos=POS)
    assert [c.text for c in doc.noun_chunks] == ["The quick brown fox", "and the lazy dog"]


def test_nested_nominals_do_not_overlap(nlp):
    # "the office of the president": president's left edge is after office's chunk
    words = ["the", "office", "of", "the", "president", "closed"]
    doc = Doc(nlp.vocab, words=words, heads=[1, 5, 1, 4, 2, 5],
              deps=["det", "nsubj", "prep", "det", "pobj", "ROOT"],
              pos=["DET", "NOUN", "ADP", "DET", "NOUN", "VERB"])
    assert [c.text for c in doc.noun_chunks] == ["the office", "the president"]


def test_words_outside_the_labels_or_pos_make_no_chunk(nlp):
    doc = Doc(nlp.vocab, words=["big", "dogs", "bark"], heads=[1, 2, 2],
              deps=["amod", "compound", "ROOT"], pos=["ADJ", "NOUN", "VERB"])
    assert list(doc.noun_chunks) == []


def test_needs_a_parse(nlp):
    doc = nlp("no parse here")
    with pytest.raises(DocError, match="dependency parse"):
        list(doc.noun_chunks)


def test_language_without_iterator():
    doc = Doc(Vocab(), words=["a", "b"], heads=[1, 1], deps=["nsubj", "ROOT"])
    with pytest.raises(DocError, match="noun_chunks isn't available"):
        list(doc.noun_chunks)


def test_doc_is_its_own_doc(nlp):
    doc = nlp("hello")
    assert doc.doc is doc
