"""Span's spaCy API on a hand-built parse: lefts / rights / subtree, the LCA matrix, conjuncts,
lemma_ / orth_, tensor and sentiment. Expected values recorded from spaCy 3.8.18."""
from __future__ import annotations

import numpy
import pytest

from lexloom.tokens import Doc, Span
from lexloom.tokens.span import Span as SpanFromPath
from lexloom.vocab import Vocab

WORDS = ["The", "quick", "fox", "jumped", "over", "the", "dog", ".", "It", "barked", "!"]
SPACES = [True, True, True, True, True, True, False, True, True, False, False]
HEADS = [2, 2, 3, 3, 3, 6, 4, 3, 9, 9, 9]
DEPS = ["det", "amod", "nsubj", "ROOT", "prep", "det", "pobj", "punct", "nsubj", "ROOT", "punct"]


@pytest.fixture
def doc():
    return Doc(Vocab(), words=WORDS, spaces=SPACES, heads=HEADS, deps=DEPS,
               lemmas=[w.lower() for w in WORDS])


def test_span_is_importable_from_spacys_path():
    assert SpanFromPath is Span


def test_lefts_rights_and_subtree(doc):
    span = doc[1:3]
    assert [t.text for t in span.lefts] == ["The"]
    assert [t.text for t in span.rights] == []
    assert (span.n_lefts, span.n_rights) == (1, 0)
    assert [t.text for t in span.subtree] == ["The", "quick", "fox"]
    assert [t.text for t in doc[4:7].subtree] == ["over", "the", "dog"]
    assert [t.text for t in doc[1:3].rights] == []
    assert [t.text for t in doc[3:5].lefts] == ["fox"]


def test_span_lca_matrix_matches_spacy(doc):
    assert doc[4:7].get_lca_matrix().tolist() == [[0, 0, 0], [0, 1, 2], [0, 2, 2]]
    assert doc[6:10].get_lca_matrix().tolist() == [
        [0, -1, -1, -1], [-1, 1, -1, -1], [-1, -1, 2, 3], [-1, -1, 3, 3]]


def test_conjuncts_of_a_span_are_its_roots(doc):
    vocab = doc.vocab
    coord = Doc(vocab, words=["Apples", "and", "oranges", "and", "pears"],
                heads=[0, 0, 0, 2, 2], deps=["ROOT", "cc", "conj", "cc", "conj"])
    assert [t.text for t in coord[0:2].conjuncts] == ["oranges", "pears"]


def test_lemma_orth_tensor_and_sentiment(doc):
    span = doc[5:8]
    assert span.orth_ == "the dog." and span.lemma_ == "the dog."
    doc.tensor = numpy.arange(22, dtype="float32").reshape((11, 2))
    assert span.tensor.tolist() == [[10, 11], [12, 13], [14, 15]]
    assert span.sentiment == 0.0
    table = doc.vocab.lookups.add_table("lexeme_sentiment")
    table[doc.vocab.strings["dog"]] = 0.9
    assert span.sentiment == pytest.approx(0.3)
    doc.user_span_hooks["sentiment"] = lambda s: 1.0
    assert span.sentiment == 1.0


def test_label_kb_id_and_id_round_trip_as_strings(doc):
    span = Span(doc, 0, 3, label="NP", kb_id="Q1", span_id="s1")
    assert (span.label_, span.kb_id_, span.id_) == ("NP", "Q1", "s1")
    assert span.label == doc.vocab.strings["NP"]


def test_as_doc_and_char_span(doc):
    span = doc[4:7]
    sub = span.as_doc()
    # the head of "over" lies outside the span, so it is re-attached with the label "dep"
    assert sub.text == "over the dog" and [t.dep_ for t in sub] == ["dep", "det", "pobj"]
    assert span.char_span(5, 12).text == "the dog"
    assert span.char_span(6, 12, alignment_mode="expand").text == "the dog"


@pytest.mark.parametrize("name", ["label", "kb_id", "span_id"])
def test_span_string_ids_take_strings_or_ints_only(doc, name):
    assert getattr(Span(doc, 0, 1, **{name: "X"}), name if name != "span_id" else "id") == \
        doc.vocab.strings["X"]
    with pytest.raises(TypeError, match=f"Span {name} must be a string or its int id"):
        Span(doc, 0, 1, **{name: 3.5})


def test_an_empty_span_at_the_end_belongs_to_the_last_sentence():
    """spaCy's Span.sent walks back from the span's start: doc[n:n] is in the last sentence,
    an empty Doc's doc[0:0] gives doc[0:0], and unset boundaries are E030."""
    vocab = Vocab()
    doc = Doc(vocab, words=["a", "b", ".", "c", "d"], heads=[1, 1, 1, 4, 4],
              deps=["dep", "ROOT", "punct", "dep", "ROOT"])
    assert (doc[5:5].sent.start, doc[5:5].sent.end) == (3, 5)
    assert (doc[3:3].sent.start, doc[3:3].sent.end) == (3, 5)
    empty = Doc(vocab, words=[])
    assert (empty[0:0].sent.start, empty[0:0].sent.end) == (0, 0)
    with pytest.raises(ValueError, match="E030"):
        Doc(vocab, words=["a", "b"])[2:2].sent


def _errors_doc():
    return Doc(Vocab(), words=["a", "bc", "d", "e"], heads=[1, 1, 1, 2],
               deps=["dep", "ROOT", "dep", "dep"])


def _del_from_empty_group():
    doc = _errors_doc()
    doc.spans["k"] = []
    del doc.spans["k"][0]


def _join_groups_of_two_docs():
    from lexloom.tokens import SpanGroup

    a, b = _errors_doc(), _errors_doc()
    return SpanGroup(a, spans=[a[0:1]]) + SpanGroup(b, spans=[b[0:1]])


def _split(heads):
    doc = _errors_doc()
    with doc.retokenize() as retokenizer:
        retokenizer.split(doc[1], ["b", "c"], heads=heads(doc))


@pytest.mark.parametrize("call,base,code", [
    (_del_from_empty_group, IndexError, "E856"),
    (_join_groups_of_two_docs, ValueError, "E855"),
    (lambda: setattr(_errors_doc(), "ents", [("X", 3, 1)]), IndexError, "E035"),
    (lambda: _errors_doc().set_ents([], default="bogus"), ValueError, "E1011"),
    (lambda: _split(lambda doc: [doc[0]]), ValueError, "E115"),
    (lambda: _split(lambda doc: [0, doc[0]]), TypeError, None)])
def test_doc_errors_have_spacys_base_class_and_code(call, base, code):
    with pytest.raises(base) as info:
        call()
    if code:
        assert f"[{code}]" in str(info.value)


def test_span_and_doc_vectors_sum_hooked_token_vectors():
    """spaCy's Span.vector (and Doc.vector over word vectors) is the mean of token.vector, so
    a user_token_hooks["vector"] reaches it."""
    vocab = Vocab()
    vocab.set_vector("a", numpy.ones(4, dtype="float32"))
    doc = Doc(vocab, words=["a", "b", "c", "d"])
    doc.user_token_hooks["vector"] = lambda t: numpy.full(3, float(t.i), dtype="float32")
    assert doc[1:3].vector.tolist() == [1.5, 1.5, 1.5]
    assert doc[0:2].similarity(doc[2:4]) == pytest.approx(1.0)
    assert doc.vector.tolist() == [1.5, 1.5, 1.5]


def test_token_sent_asks_the_span_hook():
    doc = Doc(Vocab(), words=["The", "cat", ".", "A", "dog"], sent_starts=[1, 0, 0, 1, 0])
    doc.user_span_hooks["sent"] = lambda span: span.doc[0:1]
    assert doc[4].sent.text == "The"


def test_span_to_array_keeps_a_column_per_listed_attribute(doc):
    from lexloom.attrs import HEAD, ORTH

    span = doc[1:3]
    assert span.to_array([ORTH]).shape == (2, 1) and span.to_array([ORTH, HEAD]).shape == (2, 2)
    assert span.to_array([ORTH])[:, 0].tolist() == doc.to_array(ORTH)[1:3].tolist()
    assert span.to_array(ORTH).shape == (2,)


def test_an_empty_span_of_a_doc_with_a_tensor_has_a_vector():
    doc = Doc(Vocab(), words=["a", "b", "c"])
    doc.tensor = numpy.ones((3, 4), dtype="float32")
    assert doc[1:1].has_vector and doc[1:2].has_vector


def test_span_char_span_takes_spacys_id_keyword(doc):
    span = doc[0:3]
    assert span.char_span(0, len(span[0].text), label="L", id=5).label_ == "L"


def test_doc_spans_refuse_a_group_of_another_doc(doc):
    from lexloom.tokens import SpanGroup

    other = Doc(doc.vocab, words=["z", "y"])
    with pytest.raises(AssertionError, match="E855"):
        doc.spans["k"] = SpanGroup(other, spans=[other[0:1]])
    doc.spans["k"] = SpanGroup(doc, spans=[doc[0:1]])
    assert [s.text for s in doc.spans["k"]] == [doc[0].text]


def test_span_groups_take_a_doc_and_spans_only(doc):
    """spaCy's typed arguments: a TypeError for anything else; another Doc's span is E855."""
    from lexloom.tokens import SpanGroup

    for not_a_doc in ("text", None):
        with pytest.raises(TypeError):
            SpanGroup(not_a_doc, name="g")
    group = SpanGroup(doc, name="g", spans=[doc[0:1]])
    with pytest.raises(TypeError):
        group.append("x")
    other = Doc(doc.vocab, words=["z"])
    with pytest.raises(ValueError, match="E855"):
        group.append(other[0:1])
