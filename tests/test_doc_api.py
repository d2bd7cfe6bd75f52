"""Doc's spaCy API beyond the basics: counts, tensors, UTF-8 arrays, LCA matrices, from_docs,
dict / disk / JSON round trips, pickling, deprecated flags and the tokens.doc module names.

Expected values were recorded from spaCy 3.8.18 on the same hand-built Docs.
"""
from __future__ import annotations

import pickle
import warnings

import numpy
import pytest

from lexloom.attrs import IDS
from lexloom.errors import DocError
from lexloom.tokens import Doc, Span, Token
from lexloom.tokens import doc as doc_module
from lexloom.vocab import Vocab

WORDS = ["The", "quick", "fox", "jumped", "over", "the", "dog", ".", "It", "barked", "!"]
SPACES = [True, True, True, True, True, True, False, True, True, False, False]
HEADS = [2, 2, 3, 3, 3, 6, 4, 3, 9, 9, 9]
DEPS = ["det", "amod", "nsubj", "ROOT", "prep", "det", "pobj", "punct", "nsubj", "ROOT", "punct"]
ENTS = ["O", "O", "B-ANIMAL", "O", "O", "O", "B-ANIMAL", "O", "O", "O", "O"]


@pytest.fixture
def vocab():
    return Vocab()


@pytest.fixture
def doc(vocab):
    return Doc(vocab, words=WORDS, spaces=SPACES, heads=HEADS, deps=DEPS, ents=ENTS)


@pytest.fixture
def extensions():
    Doc.set_extension("source", default=None, force=True)
    Token.set_extension("score", default=None, force=True)
    Span.set_extension("kind", default=None, force=True)
    yield
    Doc.remove_extension("source")
    Token.remove_extension("score")
    Span.remove_extension("kind")


# ---- trees ------------------------------------------------------------------------------------

def test_lca_matrix_of_a_two_sentence_doc_matches_spacy(doc):
    expected = [
        [0, 2, 2, 3, 3, 3, 3, 3, -1, -1, -1], [2, 1, 2, 3, 3, 3, 3, 3, -1, -1, -1],
        [2, 2, 2, 3, 3, 3, 3, 3, -1, -1, -1], [3, 3, 3, 3, 3, 3, 3, 3, -1, -1, -1],
        [3, 3, 3, 3, 4, 4, 4, 3, -1, -1, -1], [3, 3, 3, 3, 4, 5, 6, 3, -1, -1, -1],
        [3, 3, 3, 3, 4, 6, 6, 3, -1, -1, -1], [3, 3, 3, 3, 3, 3, 3, 7, -1, -1, -1],
        [-1, -1, -1, -1, -1, -1, -1, -1, 8, 9, 9], [-1, -1, -1, -1, -1, -1, -1, -1, 9, 9, 9],
        [-1, -1, -1, -1, -1, -1, -1, -1, 9, 9, 10]]
    lca = doc.get_lca_matrix()
    assert lca.dtype == numpy.int32 and lca.shape == (11, 11)
    assert lca.tolist() == expected


def test_lca_matrix_needs_sentence_boundaries(vocab):
    with pytest.raises(DocError):
        Doc(vocab, words=["a", "b"]).get_lca_matrix()


# ---- counts and arrays ----------------------------------------------------------------------

def test_count_by_counts_in_first_occurrence_order(vocab):
    doc = Doc(vocab, words=["a", "b", "a", "c", "b", "a"])
    orth = IDS["ORTH"]
    assert doc.count_by(orth) == {vocab.strings["a"]: 3, vocab.strings["b"]: 2,
                                  vocab.strings["c"]: 1}
    assert list(doc.count_by(orth)) == [vocab.strings[w] for w in "abc"]


def test_count_by_exclude_and_counts_accumulate(vocab):
    doc = Doc(vocab, words=["a", "b", "a"])
    orth = IDS["ORTH"]
    assert doc.count_by(orth, exclude=lambda t: t.text == "a") == {vocab.strings["b"]: 1}
    counts = {vocab.strings["a"]: 10}
    assert doc.count_by(orth, counts=counts) is None
    assert counts == {vocab.strings["a"]: 12, vocab.strings["b"]: 1}


def test_to_utf8_array_takes_bytes_from_both_ends(vocab):
    doc = Doc(vocab, words=["I", "like", "New", "York", "in", "Autumn", "."])
    assert doc.to_utf8_array(nr_char=4).tolist() == [
        [73, 255, 255, 255], [108, 101, 105, 107], [78, 119, 101, 255], [89, 107, 111, 114],
        [105, 110, 255, 255], [65, 110, 117, 109], [46, 255, 255, 255]]
    assert doc.to_utf8_array().shape == (7, 6)


def test_extend_tensor_concatenates_columns(vocab):
    doc = Doc(vocab, words=["a", "b"])
    doc.extend_tensor(numpy.ones((2, 3), dtype="float32"))
    doc.extend_tensor(numpy.zeros((2, 2), dtype="float32"))
    assert doc.tensor.shape == (2, 5)
    assert doc[1].tensor.tolist() == [1, 1, 1, 0, 0]
    assert doc[0:2].tensor.shape == (2, 5)
    assert Doc(vocab, words=["c"]).tensor.size == 0   # the shared empty tensor is untouched


def test_an_empty_docs_tensor_width_survives_bytes(vocab):
    """As spaCy: a pipeline gives an empty Doc a (0, width) tensor, and to_bytes/from_bytes
    keeps that shape (it came back as (0,))."""
    doc = Doc(vocab, words=[])
    doc.tensor = numpy.zeros((0, 96), dtype="float32")
    assert Doc(vocab).from_bytes(doc.to_bytes()).tensor.shape == (0, 96)
    assert Doc(vocab).from_bytes(Doc(vocab, words=[]).to_bytes()).tensor.size == 0


# ---- from_docs --------------------------------------------------------------------------------

def test_from_docs_joins_text_offsets_and_span_groups(vocab):
    a = Doc(vocab, words=["Hello", "world"], spaces=[True, False])
    a.spans["sc"] = [a[0:1]]
    b = Doc(vocab, words=["Bye", "."], spaces=[False, True])
    b.spans["sc"] = [Span(b, 0, 2, "X")]
    c = Doc.from_docs([a, b])
    assert c.text == "Hello world Bye. "
    assert [(t.text, t.idx, t.whitespace_) for t in c] == [
        ("Hello", 0, " "), ("world", 6, " "), ("Bye", 12, ""), (".", 15, " ")]
    assert [(s.start, s.end, s.label_) for s in c.spans["sc"]] == [(0, 1, ""), (2, 4, "X")]
    assert Doc.from_docs([a, b], ensure_whitespace=False).text == "Hello worldBye. "
    assert Doc.from_docs([]) is None


def test_from_docs_keeps_annotations_ents_and_extension_values(vocab, doc, extensions):
    doc[2]._.score = 0.5
    other = Doc(vocab, words=["Hi", "there"], ents=["B-GREETING", "O"])
    other[1]._.score = 1.5
    merged = Doc.from_docs([doc, other])
    assert len(merged) == len(doc) + 2
    assert [t.dep_ for t in merged][:len(doc)] == DEPS
    assert [(e.text, e.label_) for e in merged.ents] == [("fox", "ANIMAL"), ("dog", "ANIMAL"),
                                                        ("Hi", "GREETING")]
    assert merged[2]._.score == 0.5 and merged[len(doc) + 1]._.score == 1.5
    assert Doc.from_docs([doc, other], exclude=["user_data"])[2]._.score is None


def test_from_docs_attrs_limits_what_is_copied(vocab, doc):
    merged = Doc.from_docs([doc, doc], attrs=["ENT_IOB", "ENT_TYPE"])
    assert not merged.has_annotation("DEP")
    assert len(merged.ents) == 4


def test_from_docs_needs_one_vocab(doc):
    with pytest.raises(DocError):
        Doc.from_docs([doc, Doc(Vocab(), words=["x"])])


# ---- serialisation ----------------------------------------------------------------------------

def test_to_json_matches_spacy(doc, extensions):
    doc._.source = "test"
    doc[2]._.score = 0.5
    doc[0:3]._.kind = "np"
    doc.spans["sc"] = [Span(doc, 0, 3, "NP", kb_id="Q1")]
    doc.cats = {"POS": 1.0}
    data = doc.to_json(underscore=["source", "score", "kind"])
    assert data["text"] == "The quick fox jumped over the dog. It barked!"
    assert data["ents"] == [{"start": 10, "end": 13, "label": "ANIMAL"},
                            {"start": 30, "end": 33, "label": "ANIMAL"}]
    assert data["sents"] == [{"start": 0, "end": 34}, {"start": 35, "end": 45}]
    assert data["cats"] == {"POS": 1.0}
    assert data["tokens"][2] == {"id": 2, "start": 10, "end": 13, "dep": "nsubj", "head": 3}
    assert data["spans"] == {"sc": [{"start": 0, "end": 13, "label": "NP", "kb_id": "Q1"}]}
    assert data["_"] == {"source": "test"}
    assert data["underscore_token"] == {"score": [{"start": 10, "value": 0.5}]}
    assert data["underscore_span"] == {"kind": [{"start": 0, "end": 13, "value": "np"}]}
    again = Doc(Vocab()).from_json(data, validate=True)
    assert again.to_json(underscore=["source", "score", "kind"]) == data
    assert [t.head.i for t in again] == HEADS


def test_to_json_of_an_unannotated_doc(vocab):
    assert Doc(vocab, words=["a", "b"]).to_json() == {
        "text": "a b ", "tokens": [{"id": 0, "start": 0, "end": 1}, {"id": 1, "start": 2, "end": 3}]}


def test_from_json_round_trips_tags_pos_morph_lemmas(vocab):
    doc = Doc(vocab, words=["She", "runs"], spaces=[True, False], tags=["PRP", "VBZ"],
              pos=["PRON", "VERB"], lemmas=["she", "run"], morphs=["Case=Nom", ""])
    data = doc.to_json()
    assert data["tokens"][0] == {"id": 0, "start": 0, "end": 3, "tag": "PRP", "pos": "PRON",
                                 "morph": "Case=Nom", "lemma": "she"}
    assert Doc(Vocab()).from_json(data).to_json() == data


def test_from_json_rejects_partial_token_attributes(vocab):
    data = {"text": "a b", "tokens": [{"id": 0, "start": 0, "end": 1, "tag": "X"},
                                      {"id": 1, "start": 2, "end": 3}]}
    with pytest.raises(DocError):
        Doc(vocab).from_json(data)
    with pytest.raises(DocError):
        Doc(vocab).from_json({"text": 1, "tokens": []}, validate=True)


def test_to_json_unknown_underscore_name_raises(doc):
    with pytest.raises(DocError):
        doc.to_json(underscore=["nope"])


def test_to_dict_from_dict_and_disk_round_trip(doc, tmp_path):
    doc.sentiment = 0.25
    doc.tensor = numpy.arange(22, dtype="float32").reshape((11, 2))
    doc.spans["sc"] = [doc[0:3]]
    doc.spans["sc"].attrs["source"] = "test"
    again = Doc(Vocab()).from_dict(doc.to_dict())
    assert again.text == doc.text and again.sentiment == 0.25
    assert again.tensor.tolist() == doc.tensor.tolist()
    assert again.spans["sc"].attrs == {"source": "test"}
    path = tmp_path / "doc.bin"
    doc.to_disk(path)
    loaded = Doc(Vocab()).from_disk(path)
    assert [t.dep_ for t in loaded] == DEPS
    assert Doc(Vocab()).from_bytes(doc.to_bytes(exclude=["tensor"])).tensor.size == 0


def test_pickle_doc_reducer_round_trips_user_data_and_hooks(doc):
    doc.user_data["k"] = [1, 2]
    doc.user_hooks["similarity"] = len
    rebuild, args = doc_module.pickle_doc(doc)
    again = rebuild(*args)
    assert args[0] is doc.vocab and again.vocab is doc.vocab
    assert again.text == doc.text and [t.dep_ for t in again] == DEPS
    assert again.user_data["k"] == [1, 2] and again.user_hooks["similarity"] is len


def _vocab_pickles() -> bool:
    try:
        pickle.dumps(Vocab())
    except TypeError:
        return False
    return True


@pytest.mark.skipif(not _vocab_pickles(), reason="needs a picklable Vocab")
def test_pickle_round_trips_a_doc_with_user_data_and_hooks(doc):
    doc.user_data["k"] = [1, 2]
    doc.user_hooks["similarity"] = len
    again = pickle.loads(pickle.dumps(doc))
    assert again.text == doc.text and [t.dep_ for t in again] == DEPS
    assert again.user_data["k"] == [1, 2] and again.user_hooks["similarity"] is len
    assert [e.text for e in again.ents] == ["fox", "dog"]


def test_copy_keeps_sentiment_and_hooks(doc):
    doc.sentiment = 0.5
    doc.user_hooks["x"] = len
    other = doc.copy()
    assert other.sentiment == 0.5 and other.user_hooks == {"x": len}
    assert other.user_hooks is not doc.user_hooks


# ---- small properties -------------------------------------------------------------------------

def test_deprecated_flags_warn_and_answer(doc, vocab):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert doc.is_nered and doc.is_sentenced and not doc.is_tagged
    assert len(caught) == 3 and all(w.category is DeprecationWarning for w in caught)


def test_lang_mem_sentiment_and_noun_chunks_iterator():
    vocab = Vocab(lang="en")
    doc = Doc(vocab, words=["a"])
    assert doc.lang_ == "en" and doc.lang == vocab.strings["en"]
    assert doc.mem is doc.mem and doc.mem.__class__.__name__ == "Pool"
    assert doc.sentiment == 0.0
    doc.noun_chunks_iterator = lambda doclike: iter([(0, 1, vocab.strings.add("NP"))])
    assert [c.text for c in doc.noun_chunks] == ["a"]


def test_char_span_alignment_modes(vocab):
    doc = Doc(vocab, words=["I", "like", "New", "York", "in", "Autumn", "."])
    results = {mode: [doc.char_span(s, e, alignment_mode=mode) for s, e in
                      ((3, 10), (2, 6), (7, 15))]
               for mode in ("strict", "contract", "expand")}
    texts = {mode: [None if s is None else s.text for s in spans]
             for mode, spans in results.items()}
    assert texts == {"strict": [None, "like", "New York"],
                     "contract": ["New", "like", "New York"],
                     "expand": ["like New", "like", "New York"]}


def test_tokens_doc_module_names():
    assert doc_module.DOCBIN_ALL_ATTRS[0] == "ORTH" and "SENT_START" in doc_module.DOCBIN_ALL_ATTRS
    assert doc_module.SetEntsDefault.values() == ["blocked", "missing", "outside", "unmodified"]
    assert doc_module.SetEntsDefault.outside == "outside"
    assert doc_module.get_entity_info(("ORG", 0, 2)) == ("ORG", 0, 0, 2, 0)
    assert doc_module.get_entity_info(("ORG", 5, 0, 2)) == ("ORG", 5, 0, 2, 0)
    assert doc_module.get_entity_info((7, 5, "ORG", 0, 2)) == ("ORG", 5, 0, 2, 7)
    attrs = {"label": "ORG"}
    doc_module.remove_label_if_necessary(attrs)
    assert attrs == {"ent_type": "ORG"}


def test_set_ents_takes_the_enum_default(vocab):
    doc = Doc(vocab, words=["a", "b"])
    doc.set_ents([Span(doc, 0, 1, "X")], default=doc_module.SetEntsDefault.missing)
    assert [t.ent_iob_ for t in doc] == ["B", ""]


@pytest.mark.parametrize("mode,start,end,expected", [
    ("expand", 1, 1, (1, 1)),      # a start on a trailing space moves to the next token
    ("expand", 1, 2, (1, 1)),
    ("expand", 2, 3, (1, 2)),
    ("expand", 6, 7, (2, 2)),
    ("strict", 2, 1, (1, 1)),
    ("contract", 3, 5, None),      # no token lies wholly inside
    ("strict", 0, 99, None),
    ("expand", -1, 3, None),
])
def test_char_span_edge_cases_match_spacy(vocab, mode, start, end, expected):
    doc = Doc(vocab, words=["I", "like", "New", "York", "in", "Autumn", "."])
    span = doc.char_span(start, end, alignment_mode=mode)
    assert (None if span is None else (span.start, span.end)) == expected


def test_char_span_rejects_unknown_mode(vocab):
    with pytest.raises(DocError):
        Doc(vocab, words=["a"]).char_span(0, 1, alignment_mode="loose")


def test_has_annotation_ent_type_is_its_own_attribute(vocab):
    doc = Doc(vocab, words=["Paris", "is", "big"], ents=["B-GPE", "O", "O"])
    assert doc.has_annotation("ENT_IOB", require_complete=True)
    assert doc.has_annotation("ENT_TYPE")
    assert not doc.has_annotation("ENT_TYPE", require_complete=True)
    outside = Doc(vocab, words=["a", "b"], ents=["O", "O"])
    assert outside.has_annotation("ENT_IOB") and not outside.has_annotation("ENT_TYPE")
    assert Doc(vocab).has_annotation("TAG", require_complete=True)


def test_from_dict_reads_spacys_layout(vocab):
    """spaCy's Doc.to_dict: text plus a (LENGTH, SPACY, attrs...) array and its strings."""
    strings = vocab.strings
    head = (IDS["LENGTH"], IDS["SPACY"], IDS["ORTH"], IDS["TAG"])
    body = numpy.array([[5, 1, strings.add("Hello"), strings.add("UH")],
                        [5, 0, strings.add("world"), strings.add("NN")]], dtype="uint64")
    msg = {"text": "Hello world", "array_head": head, "array_body": body, "sentiment": 0.5,
           "tensor": numpy.zeros((0,), dtype="float32"), "cats": {"A": 1.0}, "spans": b"\x90",
           "strings": ["Hello", "world", "UH", "NN"], "has_unknown_spaces": False}
    doc = Doc(Vocab()).from_dict(msg)
    assert [(t.text, t.tag_, t.whitespace_) for t in doc] == [("Hello", "UH", " "),
                                                            ("world", "NN", "")]
    assert doc.cats == {"A": 1.0} and doc.sentiment == 0.5


@pytest.mark.parametrize("data,names", [
    ({}, "'text'"),
    ("text", "not a dict"),
    ({"text": "hi", "tokens": [{"id": 0}]}, "tokens\\[0\\]"),
    ({"text": "hi", "tokens": [{"id": 0, "start": "0", "end": "2"}]}, "tokens\\[0\\]"),
    ({"text": "hi", "tokens": 5}, "'tokens'"),
    ({"text": "hi", "tokens": [{"id": 0, "start": 0, "end": 2}], "spans": {"sc": 5}}, "'spans'"),
    ({"text": "hi", "tokens": [{"id": 0, "start": 0, "end": 2}], "cats": ["a"]}, "'cats'"),
    ({"text": "hi", "tokens": [{"id": 0, "start": 0, "end": 2}], "_": 5}, "'_'"),
    ({"text": "hi", "tokens": [{"id": 0, "start": 0, "end": 2}],
      "ents": [{"start": 0, "end": 2, "label": None}]}, "'label'"),
])
def test_from_json_names_what_is_malformed(vocab, data, names):
    with pytest.raises(DocError, match=names):
        Doc(vocab).from_json(data)


@pytest.mark.parametrize("tokens", [
    [{"id": 0, "start": 0, "end": 4}, {"id": 1, "start": 2, "end": 5}],  # overlapping
    [{"id": 0, "start": 1, "end": 5}],                                   # text before token 0
    [{"id": 0, "start": 0, "end": 2}],                                   # text after the last
])
def test_from_json_refuses_tokens_that_do_not_tile_the_text(vocab, tokens):
    """The Doc's text is rebuilt from its tokens, so they must tile the given text exactly
    ('hello' with overlapping tokens 0-4 and 2-5 would become 'hellllo')."""
    with pytest.raises(DocError, match="line up with the text"):
        Doc(vocab).from_json({"text": "hello", "tokens": tokens})


def test_to_bytes_refuses_what_from_bytes_could_not_read(vocab):
    """A save that could never be loaded again fails when it is made, naming the value."""
    doc = Doc(vocab, words=["a", "b", "c"])
    doc.tensor = numpy.zeros((1, 4), dtype="f")
    with pytest.raises(DocError, match="1 rows for 3 tokens"):
        doc.to_bytes()
    assert Doc(vocab).from_bytes(doc.to_bytes(exclude=["tensor"])).text == doc.text
    doc = Doc(vocab, words=["a", "b", "c"])
    doc[0].tag = 987654321
    with pytest.raises(DocError, match="TAG of token 0 is the id 987654321"):
        doc.to_bytes()


@pytest.mark.parametrize("name", ["tags", "pos", "lemmas", "deps"])
def test_doc_string_annotations_of_another_type_are_named(vocab, name):
    from lexloom.errors import DocTypeError

    values = {"deps": ["ROOT", 5]}.get(name, ["X", 5])
    extra = {"heads": [0, 0]} if name == "deps" else {}
    with pytest.raises(DocTypeError, match=f"{name}\\[1\\] is int 5") as info:
        Doc(vocab, words=["a", "b"], **{name: values}, **extra)
    assert isinstance(info.value, TypeError)


def test_errors_are_the_builtin_types_spacys_except_clauses_catch(vocab):
    """spaCy raises KeyError / ValueError / TypeError here; lexloom's errors are those too."""
    from lexloom.matcher import PhraseMatcher

    doc = Doc(vocab, words=["a", "b", "c", "d"])
    with pytest.raises(KeyError):
        doc.to_array("NOT_AN_ATTRIBUTE")
    with pytest.raises(ValueError, match="is_sent_start"):
        doc[0].is_sent_end = True
    with pytest.raises(ValueError):
        Doc.remove_extension("no_such_extension_here")
    with pytest.raises(TypeError):
        doc.ents = [None]
    with pytest.raises(TypeError):
        doc.ents = [("A", 0, 2, "kb")]
    with pytest.raises(TypeError):
        doc.spans["x"] = [(0, 2)]
    with pytest.raises(TypeError):
        PhraseMatcher(vocab).add("C", ["a string, not a Doc"])


def test_span_ents_is_a_list_and_an_empty_spans_root_is_its_start_token(vocab):
    doc = Doc(vocab, words=["I", "met", "Ada", "Lovelace"], ents=["O", "O", "B-PER", "I-PER"])
    assert doc[0:4].ents == [doc.ents[0]] and isinstance(doc.ents, tuple)
    assert doc[2:2].root.i == 2


def test_from_json_reads_an_empty_morph_as_no_annotation(vocab):
    doc = Doc(vocab, words=["a", "b"], morphs=["Number=Sing", "Number=Sing"])
    data = doc.to_json()
    data["tokens"][0]["morph"] = ""
    loaded = Doc(vocab).from_json(data)
    assert [t.has_morph() for t in loaded] == [False, True]
    assert str(loaded[1].morph) == "Number=Sing"


def test_underscore_set_returns_what_the_setter_returns_and_reads_list_entries():
    Doc.set_extension("test_set_ret", getter=lambda doc: 1,
                      setter=lambda doc, value: f"set {value}", force=True)
    doc = Doc(Vocab(), words=["a", "b"])
    try:
        assert doc._.set("test_set_ret", 5) == "set 5"
        # an entry written into the table as a list (not a tuple), as spaCy reads it
        from lexloom.tokens.underscore import Underscore

        Underscore.doc_extensions["test_list_entry"] = [7, None, None, None]
        assert doc._.test_list_entry == 7
    finally:
        Doc.remove_extension("test_set_ret")
        Underscore.doc_extensions.pop("test_list_entry", None)


def test_user_data_that_cannot_be_stored_or_read_is_a_typeerror():
    from lexloom.tokens.docbin import DocBin

    Doc.set_extension("test_unstorable", default=None, force=True)
    try:
        doc = Doc(Vocab(), words=["a", "b"])
        doc._.test_unstorable = {1, 2}
        with pytest.raises(TypeError):
            DocBin(store_user_data=True).add(doc)
        with pytest.raises(TypeError):
            Doc(Vocab()).from_bytes("not bytes")
        doc._.test_unstorable = {(1, 2): "tuple key"}   # msgpack reads the key as a list
        data = doc.to_bytes()
        with pytest.raises(TypeError):
            Doc(Vocab()).from_bytes(data)
    finally:
        Doc.remove_extension("test_unstorable")
