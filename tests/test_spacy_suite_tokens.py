"""Doc, Span, SpanGroup, Token, Lexeme and underscore behaviour that spaCy's own tests check
(sptests/doc): ordering, Span.sents, SpanGroup copies and joins, from_array's read-only
columns, set_ents' IOB repair, and extension definitions."""
from __future__ import annotations

import warnings
import weakref

import numpy
import pytest

from lexloom.errors import DocError, ExtensionDefinitionError
from lexloom.tokens import Doc, Span, SpanGroup
from lexloom.lang.lex_attrs import LEX_ATTRS
from lexloom.vocab import Vocab


@pytest.fixture
def vocab():
    return Vocab(lex_attr_getters=LEX_ATTRS)   # spaCy's tests' en_vocab has the getters


@pytest.fixture
def sents_doc(vocab):
    words = ["This", "is", "a", "sentence", ".", "This", "is", "another", ".", "And", "a",
             "third", "."]
    starts = [True] + [False] * 4 + [True] + [False] * 3 + [True] + [False] * 3
    return Doc(vocab, words=words, sent_starts=starts)


def test_tokens_and_spans_order_by_offset(vocab):
    doc = Doc(vocab, words=["a", "b", "c"])
    a, b, c = doc
    assert a < b < c and c >= a and b <= c and not a > b
    assert not a < None and a >= None and a != None  # noqa: E711
    assert Span(doc, 0, 2) < Span(doc, 0, 3) < Span(doc, 1, 2)
    assert Span(doc, 0, 2) < Span(doc, 0, 2, "LABEL")
    assert Span(doc, 0, 2, "X") <= Span(doc, 0, 2, "X") and Span(doc, 0, 2) != Span(doc, 0, 2, "X")
    assert not doc[:2] < None and doc[:2] >= None
    assert sorted([c, a, b]) == [a, b, c]


def test_lexemes_compare_by_orth(vocab):
    doc = Doc(vocab, words=["Hello", "world"])
    assert vocab[doc[0].orth] == doc[0].lex
    assert doc[0].lex == "Hello" and doc[0].lex == doc[0].orth and doc[0].lex != doc[1].lex
    assert len({doc[0].lex, vocab["Hello"]}) == 1
    assert not vocab["a"] < None


@pytest.mark.parametrize("start,end,n_sents", [(0, 13, 3), (3, 6, 2), (0, 3, 1), (9, 13, 1),
                                               (0, 0, 1), (8, 10, 2)])
def test_span_sents_are_whole_sentences(sents_doc, start, end, n_sents):
    sents = list(sents_doc[start:end].sents)
    assert len(sents) == n_sents
    full = list(sents_doc.sents)
    assert all(s in full for s in sents)


def test_span_sents_hooks(sents_doc):
    sents_doc.user_hooks["sents"] = lambda d: [d[i:i + 2] for i in range(0, len(d), 2)]
    assert [(s.start, s.end) for s in sents_doc[3:6].sents] == [(2, 4), (4, 6)]
    sents_doc.user_span_hooks["sents"] = lambda span: [span]
    assert list(sents_doc[3:6].sents) == [sents_doc[3:6]]


def test_noun_chunks_without_iterator_raise_not_implemented(vocab):
    doc = Doc(vocab, words=["a", "b"], heads=[0, 0], deps=["ROOT", "dep"])
    with pytest.raises(NotImplementedError):
        list(doc.noun_chunks)
    with pytest.raises(DocError):  # still a lexloom DocError too
        list(doc[0:2].noun_chunks)


def test_span_group_keeps_its_own_copies(vocab):
    doc = Doc(vocab, words=["0", "1", "2", "3"])
    group = SpanGroup(doc, name="g", attrs={"k": "v"}, spans=[doc[0:1], doc[1:3]])
    span = group[1]
    span.label_ = "NEW"
    assert group[1].label_ == "" and group[1] != span
    group[1] = span
    assert group[1] == span and group[1] is not span
    other = Doc(vocab, words=["x"])
    with pytest.raises(ValueError):
        group[0] = other[0:1]
    clone = group.copy()
    assert clone != group and list(clone) == list(group)
    clone.attrs["k"] = "changed"
    assert group.attrs["k"] == "v"


def test_span_group_copy_onto_another_tokenization(vocab):
    doc = Doc(vocab, words=["New", "York", "is", "big"])
    group = SpanGroup(doc, spans=[doc[0:2], doc[2:4]])
    merged = doc.copy()
    with merged.retokenize() as retokenizer:
        retokenizer.merge(merged[0:2])
    moved = group.copy(doc=merged)
    assert [(s.start, s.end, s.text) for s in moved] == [(0, 1, "New York"), (1, 3, "is big")]
    with pytest.raises(ValueError):
        group.copy(doc=Doc(vocab, words=["Newx", "Yorkx", "isx", "bigx"]))


def test_span_group_concat_add_iadd_extend(vocab):
    doc = Doc(vocab, words=["0", "1", "2", "3"])
    one = SpanGroup(doc, name="one", attrs={"key": "a"}, spans=[doc[0:1]])
    two = SpanGroup(doc, name="two", attrs={"key": "b", "new": "c"}, spans=[doc[1:3]])
    joined = one._concat(two)
    assert joined is not one and joined.name == "one"
    assert joined.attrs == {"key": "a", "new": "c"} and list(joined) == [doc[0:1], doc[1:3]]
    assert list(one + two) == list(joined)
    inplace = one.copy()
    inplace += two
    assert list(inplace) == list(joined) and inplace.attrs == joined.attrs
    plain = one.copy()
    plain.extend([doc[1:3]])
    assert list(plain) == list(joined) and plain.attrs == {"key": "a"}
    with pytest.raises(ValueError):
        one._concat(SpanGroup(Doc(vocab, words=["x"])))


def test_doc_spans_doc_ref(vocab):
    doc = Doc(vocab, words=["a"])
    assert doc.spans.doc_ref == weakref.ref(doc)
    copied = doc.copy()
    assert copied.spans.doc_ref() is copied


def test_from_array_skips_read_only_columns_holding_the_docs_values(vocab):
    doc = Doc(vocab, words=["An", "example", "sentence"])
    for attrs in (["ORTH", "SHAPE"], "IS_ALPHA", ["LENGTH", "POS"]):
        Doc(vocab, words=["An", "example", "sentence"]).from_array(attrs, doc.to_array(attrs))
    with pytest.raises(DocError, match="SHAPE"):
        doc.from_array(["SHAPE"], numpy.zeros((3, 1), dtype=numpy.uint64))


def test_set_ents_repairs_cut_entities(vocab):
    doc = Doc(vocab, words=["a", "b", "c", "d", "e"])
    doc.set_ents([Span(doc, 0, 1, "X"), Span(doc, 1, 3, "Y")])
    doc.set_ents([Span(doc, 0, 2, "Z")], default="unmodified")
    assert [t.ent_iob for t in doc] == [3, 1, 3, 2, 2]
    assert [t.ent_type_ for t in doc] == ["Z", "Z", "Y", "", ""]
    with pytest.raises(ValueError):  # a token in an entity and a blocked span
        doc.set_ents([Span(doc, 0, 1, "X")], blocked=[doc[0:2]])


def test_morph_from_another_vocab_raises(vocab):
    doc = Doc(vocab, words=["a", "b"])
    other = Doc(Vocab(), words=["a"])
    other[0].set_morph("Feat=Val")
    doc[0].set_morph("Feat=Val")
    doc[1].morph = doc[0].morph
    assert doc[1].morph == doc[0].morph
    with pytest.raises(ValueError):
        doc[0].morph = other[0].morph


def test_doc_vector_can_be_set(vocab):
    doc = Doc(vocab, words=["a"])
    doc.vector = numpy.asarray([1.0, 2.0], dtype="float32")
    assert doc.vector.tolist() == [1.0, 2.0]
    doc.vector_norm = 3.0
    assert doc.vector_norm == 3.0


def test_span_vector_is_kept_as_given(vocab):
    doc = Doc(vocab, words=["a", "b"])
    vector = numpy.array([0.1, 0.2, 0.3])
    assert (doc.char_span(0, 1, vector=vector).vector == vector).all()


def test_serialising_with_user_hooks_warns(vocab):
    doc = Doc(vocab, words=["a"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc.to_bytes()
    doc.user_hooks["similarity"] = lambda a, b: 1.0
    with pytest.warns(UserWarning, match="hooks"):
        doc.to_bytes()


def test_is_parsed_is_deprecated(vocab):
    with pytest.deprecated_call() as caught:
        Doc(vocab, words=["a"]).is_parsed
    # the warning names the caller's file, so a script (__main__) shows it by default
    assert [w.filename for w in caught] == [__file__]


def test_underscore_definitions_dir_and_docstrings(vocab):
    with pytest.raises(ExtensionDefinitionError):
        Doc.set_extension("ll_bad", default=None, method=lambda d: None, force=True)
    with pytest.raises(ValueError):
        Doc.set_extension("ll_bad", force=True)

    def ll_method(doc, arg=1):
        """I am a docstring"""
        return arg

    Doc.set_extension("ll_method", method=ll_method, force=True)
    Doc.set_extension("ll_dir", default=None, force=True)
    try:
        doc = Doc(vocab, words=["a"])
        assert doc._.ll_method.__doc__.endswith("I am a docstring")
        assert doc._.ll_method(arg=2) == 2
        assert "ll_dir" in dir(doc._) and "ll_dir" not in dir(doc[0]._)
    finally:
        Doc.remove_extension("ll_method")
        Doc.remove_extension("ll_dir")


def test_set_morph_takes_a_feats_hash(vocab):
    doc = Doc(vocab, words=["a"])
    doc[0].set_morph(vocab.strings.add("Feat=Val"))
    assert str(doc[0].morph) == "Feat=Val"
    with pytest.raises(DocError):
        doc[0].set_morph(12345)
