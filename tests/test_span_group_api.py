"""SpanGroup / doc.spans serialisation and members, MorphAnalysis.from_id, the underscore
module's helpers and the tokens._serialize module."""
from __future__ import annotations

import pickle

import pytest

from lexloom.errors import ExtensionDefinitionError
from lexloom.morphology import MorphAnalysis
from lexloom.tokens import Doc, DocBin, Span, SpanGroup
from lexloom.tokens import _serialize, morphanalysis
from lexloom.tokens.underscore import Underscore, get_ext_args, is_writable_attr
from lexloom.vocab import Vocab


@pytest.fixture
def doc():
    return Doc(Vocab(), words=["New", "York", "is", "big"])


def test_span_group_members(doc):
    group = SpanGroup(doc, name="sc", attrs={"a": 1}, spans=[doc[0:2], doc[1:3]])
    assert group.doc is doc and group.name == "sc" and group.attrs == {"a": 1}
    assert group.has_overlap
    assert not SpanGroup(doc, spans=[doc[0:2], doc[2:4]]).has_overlap
    assert not SpanGroup(doc).has_overlap


def test_span_group_bytes_round_trip(doc):
    group = SpanGroup(doc, name="sc", attrs={"a": 1},
                      spans=[Span(doc, 0, 2, "GPE", kb_id="Q60"), doc[3:4]])
    other = SpanGroup(doc).from_bytes(group.to_bytes())
    assert other.name == "sc" and other.attrs == {"a": 1}
    assert [(s.start, s.end, s.label_, s.kb_id_) for s in other] == [
        (0, 2, "GPE", "Q60"), (3, 4, "", "")]


def test_doc_spans_bytes_and_doc_bytes_keep_groups(doc):
    doc.spans["sc"] = [Span(doc, 0, 2, "GPE")]
    doc.spans["sc"].attrs["x"] = "y"
    data = doc.spans.to_bytes()
    doc2 = Doc(doc.vocab, words=["New", "York", "is", "big"])
    doc2.spans.from_bytes(data)
    assert [(s.text, s.label_) for s in doc2.spans["sc"]] == [("New York", "GPE")]
    assert doc2.spans["sc"].attrs == {"x": "y"}
    again = Doc(Vocab()).from_bytes(doc.to_bytes())
    assert again.spans["sc"].attrs == {"x": "y"} and again.spans["sc"][0].label_ == "GPE"
    assert Doc(doc.vocab).spans.to_bytes() == b"\x90"


def test_morph_analysis_from_id_and_path(doc):
    doc[0].set_morph("Number=Sing")
    morph = MorphAnalysis.from_id(doc.vocab, doc[0].morph.key)
    assert morph == doc[0].morph and morph.to_json() == "Number=Sing"
    assert morphanalysis.MorphAnalysis is MorphAnalysis


def test_underscore_state_and_helpers():
    state = Underscore.get_state()
    assert state == (Underscore.token_extensions, Underscore.span_extensions,
                     Underscore.doc_extensions)
    Underscore.load_state(({}, {}, {"tmp": (None, None, None, None)}))
    try:
        assert Doc.has_extension("tmp")
    finally:
        Underscore.load_state(state)
    assert Underscore.mutable_types == (dict, list, set)
    assert get_ext_args(default=1) == (1, None, None, None)
    with pytest.raises(ExtensionDefinitionError):
        get_ext_args()
    with pytest.raises(ExtensionDefinitionError):
        get_ext_args(default=1, getter=len)
    assert is_writable_attr((1, None, None, None))
    assert not is_writable_attr((None, None, len, None))
    assert is_writable_attr((None, None, len, len))


def test_serialize_module_merges_and_pickles_bins(doc):
    one = DocBin(docs=[doc]).to_bytes()
    two = DocBin(docs=[doc, doc]).to_bytes()
    merged = DocBin().from_bytes(_serialize.merge_bins([one, None, two]))
    assert len(merged) == 3
    assert _serialize.merge_bins([]) == b""
    assert _serialize.Binder is _serialize.DocBin is DocBin
    assert "ORTH" in _serialize.ALL_ATTRS
    restored = pickle.loads(pickle.dumps(DocBin(docs=[doc])))
    assert [d.text for d in restored.get_docs(doc.vocab)] == [doc.text]


def test_a_group_index_past_its_end_is_spacys_e856(doc):
    doc.spans["k"] = [doc[0:2]]
    assert doc.spans["k"][-1].text == "New York"
    for i in (1, -2, 5):
        with pytest.raises(IndexError, match=rf"E856.*Span {i} is outside"):
            doc.spans["k"][i]


def test_a_group_alone_is_refused_by_pickle_with_a_type_error_but_copies():
    import copy
    import pickle

    import lexloom

    doc = lexloom.blank("en")("a b c")
    doc.spans["sc"] = [doc[0:2]]
    doc.spans["sc"].attrs["x"] = 1
    with pytest.raises(TypeError, match="can't be pickled on its own"):
        pickle.dumps(doc.spans["sc"])   # spaCy: TypeError too (its weak reference)
    shallow = copy.copy(doc.spans["sc"])
    assert list(shallow) == list(doc.spans["sc"]) and shallow.attrs is doc.spans["sc"].attrs
    assert pickle.loads(pickle.dumps(doc)).spans["sc"].attrs == {"x": 1}


def test_joining_an_empty_group_still_merges_its_attrs():
    """spaCy merges the other group's attrs (ours win) whether or not it has spans."""
    doc = Doc(Vocab(), words=["a", "b"])
    ours = SpanGroup(doc, name="g1", attrs={"x": 1}, spans=[doc[0:1]])
    empty = SpanGroup(doc, name="e", attrs={"a": 2, "x": 9})
    assert (ours + empty).attrs == {"x": 1, "a": 2}
    assert (empty + SpanGroup(doc, attrs={"b": 3})).attrs == {"a": 2, "x": 9, "b": 3}
    ours.extend(empty)
    assert ours.attrs == {"x": 1, "a": 2} and len(ours) == 1
