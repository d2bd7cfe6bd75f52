"""Behaviours that spaCy plugins' own test suites (sense2vec, spacymoji, spacy-syllables,
textdescriptives; benchmarks/ecosystem_suites.py) rely on, as spaCy 3.8 has them."""
from __future__ import annotations

import warnings

import numpy
import pytest

from lexloom.language import Language
from lexloom.lang.en import English
from lexloom.tokens import Doc
from lexloom.vocab import Vocab


# ---- add_pipe: the position is taken after the factory ran ------------------------------

@Language.factory("test_compat_needs_sentencizer")
def _needs_sentencizer(nlp, name):
    # like textdescriptives' components: add what it depends on from inside the factory
    if "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return lambda doc: doc


def test_add_pipe_puts_component_after_those_its_factory_added():
    nlp = English()
    nlp.add_pipe("test_compat_needs_sentencizer")
    assert nlp.pipe_names == ["sentencizer", "test_compat_needs_sentencizer"]
    nlp2 = English()
    nlp2.add_pipe("test_compat_needs_sentencizer", name="first", first=True)
    assert nlp2.pipe_names == ["first", "sentencizer"]


def test_add_pipe_checks_position_arguments_after_building():
    nlp = English()
    with pytest.raises(ValueError):
        nlp.add_pipe("test_compat_needs_sentencizer", before="nothing")
    assert nlp.pipe_names == ["sentencizer"]   # as in spaCy, the factory ran first
    with pytest.raises(ValueError):
        nlp.add_pipe("sentencizer", name="s2", first=True, last=True)
    assert nlp.pipe_names == ["sentencizer"]


# ---- similarity: spaCy's W007 / W008 and the "same words" shortcut ----------------------

def _codes(record) -> list[str]:
    return [str(w.message)[:6] for w in record]


def _similarity(a, b):
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        result = a.similarity(b)
    return result, _codes(record)


def test_similarity_without_vectors_warns_w007():
    vocab = Vocab()
    doc = Doc(vocab, words=["a", "b", "c"])
    assert vocab.vectors.n_keys == 0
    # no vectors at all: W007, and W008 as the vectors are missing
    assert _similarity(doc[0], doc[1]) == (0.0, ["[W007]", "[W008]"])
    assert _similarity(doc[0:2], doc[1:3]) == (0.0, ["[W007]", "[W008]"])
    assert _similarity(doc, Doc(vocab, words=["x"])) == (0.0, ["[W007]", "[W008]"])
    # the same words: 1.0 before any warning
    assert _similarity(doc[0:2], Doc(vocab, words=["a", "b"])) == (1.0, [])
    assert _similarity(Doc(vocab, words=[]), Doc(vocab, words=[])) == (1.0, [])
    assert _similarity(doc[0:1], doc[0]) == (1.0, [])
    assert _similarity(doc[0], vocab["a"]) == (1.0, [])
    assert _similarity(vocab["a"], doc[0:1]) == (1.0, [])
    # a Token against a one-word Span is no shortcut in spaCy
    assert _similarity(doc[0], doc[0:1]) == (0.0, ["[W007]", "[W008]"])
    # as spaCy, the other object is only read when this one has a vector: against anything
    # else (a string, a number), a vectorless Doc/Span/Token/Lexeme gives 0.0 and warns
    assert _similarity(doc, "x") == (0.0, ["[W007]", "[W008]"])
    assert _similarity(doc[0:2], 3) == (0.0, ["[W007]", "[W008]"])
    assert _similarity(doc[0], "x") == (0.0, ["[W007]", "[W008]"])
    with pytest.raises(ValueError, match="E010"):   # a Lexeme's vector with no table
        vocab["a"].similarity("x")


def test_similarity_with_vectors_warns_w008_only_for_missing_ones():
    vocab = Vocab()
    vocab.set_vector("a", numpy.array([1, 0, 0], dtype="f"))
    vocab.set_vector("b", numpy.array([1, 1, 0], dtype="f"))
    vocab.set_vector("z", numpy.zeros(3, dtype="f"))
    doc = Doc(vocab, words=["a", "b", "c", "z"])
    result, codes = _similarity(doc[0], doc[1])
    assert result == pytest.approx(2 ** -0.5) and codes == []
    assert _similarity(doc[0], doc[2]) == (0.0, ["[W008]"])     # "c" has no vector
    assert _similarity(doc[0], doc[3]) == (0.0, [])             # "z" has an all-zero one
    assert _similarity(vocab["a"], vocab["c"]) == (0.0, ["[W008]"])
    assert _similarity(vocab["a"], vocab["z"]) == (0.0, ["[W008]"])  # Lexeme: any zero norm
