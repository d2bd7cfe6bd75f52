"""DocBin: spaCy's .spacy format, round trips, and clear errors on bad input."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy
import pytest
import srsly
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexloom.attrs import IDS
from lexloom.errors import DocBinError
from lexloom.tokens import Doc, Span
from lexloom.tokens.docbin import ALL_ATTRS, DocBin
from lexloom.vocab import Vocab

DATA = Path(__file__).parent / "data"
ARRAY_ATTRS = [IDS[name] for name in ALL_ATTRS] + [IDS["SPACY"]]


def make_doc(vocab=None):
    vocab = vocab or Vocab()
    doc = Doc(vocab, words=["Ada", "Lovelace", "visited", "New", "York", "."],
              spaces=[True, True, True, True, False, False],
              tags=["NNP", "NNP", "VBD", "NNP", "NNP", "."],
              pos=["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
              morphs=["Number=Sing", "Number=Sing", "Tense=Past|VerbForm=Fin", "", "", ""],
              lemmas=["Ada", "Lovelace", "visit", "New", "York", "."],
              heads=[1, 2, 2, 4, 2, 2],
              deps=["compound", "nsubj", "ROOT", "compound", "obj", "punct"],
              ents=["B-PER", "I-PER", "O", "B-GPE", "I-GPE", "O"])
    doc.cats = {"TRAVEL": 1.0, "SPORT": 0.0}
    doc.spans["sc"] = [Span(doc, 0, 2, label="PERSON", kb_id="Q7259"),
                       Span(doc, 3, 5, label="CITY")]
    doc.user_data[("._.", "source", None, None)] = "test"
    return doc


def snapshot(doc):
    """Everything a DocBin must keep, in comparable form."""
    return {
        "array": doc.to_array(ARRAY_ATTRS).tolist() if len(doc) else [],
        "words": [t.text for t in doc],
        "spaces": [t.whitespace_ for t in doc],
        "has_unknown_spaces": doc.has_unknown_spaces,
        "strings": [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in doc],
        "cats": dict(doc.cats),
        "spans": {key: [(s.start, s.end, s.label_, s.kb_id_, s.id_) for s in group]
                  for key, group in doc.spans.items()},
        "user_data": dict(doc.user_data),
    }


def roundtrip(docs, **kwargs):
    data = DocBin(store_user_data=True, docs=docs, **kwargs).to_bytes()
    return list(DocBin().from_bytes(data).get_docs(Vocab()))


# ---------------------------------------------------------------------------- round trips


def test_roundtrip_keeps_every_annotation():
    doc = make_doc()
    (back,) = roundtrip([doc])
    assert snapshot(back) == snapshot(doc)
    assert [(t.head.i, t.is_sent_start) for t in back] == [(t.head.i, t.is_sent_start) for t in doc]
    assert [(e.start, e.end, e.label_) for e in back.ents] == [(0, 2, "PER"), (3, 5, "GPE")]


def test_user_data_only_when_asked():
    doc = make_doc()
    data = DocBin(docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(Vocab())
    assert back.user_data == {}
    assert "user_data" not in srsly.msgpack_loads(zlib.decompress(data))


def test_unknown_spaces_flag_survives():
    doc = Doc(Vocab(), words=["no", "spaces", "given"])
    (back,) = roundtrip([doc])
    assert doc.has_unknown_spaces and back.has_unknown_spaces
    assert [t.text for t in back] == ["no", "spaces", "given"]


def test_empty_doc_and_empty_docbin():
    empty = Doc(Vocab(), words=[], spaces=[])
    (back,) = roundtrip([empty])
    assert len(back) == 0
    assert list(DocBin().from_bytes(DocBin().to_bytes()).get_docs(Vocab())) == []
    assert len(DocBin().from_bytes(DocBin().to_bytes())) == 0


def test_attrs_subset_keeps_only_those():
    doc = make_doc()
    (back,) = list(DocBin(attrs=["LEMMA"], docs=[doc]).from_bytes(
        DocBin(attrs=["LEMMA"], docs=[doc]).to_bytes()).get_docs(Vocab()))
    assert [t.lemma_ for t in back] == [t.lemma_ for t in doc]
    assert [t.tag_ for t in back] == [""] * len(doc)
    assert DocBin(attrs=["lemma", "ORTH", "SPACY"]).attrs == [IDS["ORTH"], IDS["LEMMA"]]


def test_unknown_attr_name_is_rejected():
    with pytest.raises(KeyError):
        DocBin(attrs=["NOT_AN_ATTR"])


def test_to_disk_from_disk(tmp_path):
    path = tmp_path / "docs.spacy"
    DocBin(store_user_data=True, docs=[make_doc(), make_doc()]).to_disk(path)
    docbin = DocBin().from_disk(path)
    assert len(docbin) == 2
    docs = list(docbin.get_docs(Vocab()))
    assert snapshot(docs[1]) == snapshot(make_doc())


def test_merge():
    a = DocBin(store_user_data=True, docs=[make_doc()])
    b = DocBin(store_user_data=True, docs=[Doc(Vocab(), words=["other", "words"])])
    a.merge(b)
    assert len(a) == 2
    docs = list(DocBin().from_bytes(a.to_bytes()).get_docs(Vocab()))
    assert [t.text for t in docs[1]] == ["other", "words"]
    assert docs[0].user_data == make_doc().user_data


def test_merge_rejects_mismatched_settings():
    with pytest.raises(DocBinError, match="attrs"):
        DocBin(attrs=["LEMMA"]).merge(DocBin(attrs=["TAG"]))
    with pytest.raises(DocBinError, match="store_user_data"):
        DocBin(store_user_data=True).merge(DocBin(store_user_data=False))


def test_span_group_stored_under_two_keys_is_read_under_both():
    """spaCy writes a group once with the list of keys it is under: {group_bytes: [keys]}."""
    doc = Doc(Vocab(), words=["a", "b", "c"])
    doc.spans["one"] = [Span(doc, 0, 1, label="X")]
    (back,) = roundtrip([doc])
    group = srsly.msgpack_dumps({"name": "one", "attrs": {}, "spans": [
        struct.pack(">QQQllll", 0, 0, back.vocab.strings["X"], 0, 1, 0, 1)]})
    data = DocBin(docs=[doc]).to_bytes()
    msg = srsly.msgpack_loads(zlib.decompress(data))
    msg["span_groups"] = [srsly.msgpack_dumps({group: ["one", "two"]})]
    (shared,) = DocBin().from_bytes(zlib.compress(srsly.msgpack_dumps(msg))).get_docs(Vocab())
    assert {k: [(s.start, s.end, s.label_) for s in g] for k, g in shared.spans.items()} == {
        "one": [(0, 1, "X")], "two": [(0, 1, "X")]}


def test_legacy_span_group_list_is_read():
    """spaCy before 3.3 stored a plain list of group bytes, keyed by the group's name."""
    doc = Doc(Vocab(), words=["a", "b", "c"])
    data = DocBin(docs=[doc]).to_bytes()
    msg = srsly.msgpack_loads(zlib.decompress(data))
    group = srsly.msgpack_dumps({"name": "old", "attrs": {}, "spans": [
        struct.pack(">QQQllll", 0, 0, 0, 1, 3, 2, 5)]})
    msg["span_groups"] = [srsly.msgpack_dumps([group])]
    (back,) = DocBin().from_bytes(zlib.compress(srsly.msgpack_dumps(msg))).get_docs(Vocab())
    assert [(s.start, s.end) for s in back.spans["old"]] == [(1, 3)]


def test_format_layout_matches_spacy():
    doc = make_doc()
    msg = srsly.msgpack_loads(zlib.decompress(DocBin(store_user_data=True, docs=[doc]).to_bytes()))
    assert list(msg) == ["version", "attrs", "tokens", "spaces", "lengths", "strings", "cats",
                         "flags", "span_groups", "user_data"]
    assert msg["version"] == "0.1"
    assert msg["attrs"][0] == IDS["ORTH"] and msg["attrs"][1:] == sorted(msg["attrs"][1:])
    assert len(msg["tokens"]) == len(doc) * len(msg["attrs"]) * 8
    assert numpy.frombuffer(msg["lengths"], dtype="int32").tolist() == [len(doc)]
    assert msg["strings"] == sorted(msg["strings"]) and "Lovelace" in msg["strings"]
    assert msg["flags"] == [{"has_unknown_spaces": False}]
    group = srsly.msgpack_loads(next(iter(srsly.msgpack_loads(msg["span_groups"][0]))))
    assert group["name"] == "sc" and group["attrs"] == {}
    span_id, kb_id, label, start, end, start_char, end_char = struct.unpack(">QQQllll",
                                                                           group["spans"][0])
    assert (start, end, start_char, end_char) == (0, 2, 0, 12)
    assert label == doc.vocab.strings["PERSON"] and kb_id == doc.vocab.strings["Q7259"]
    assert DocBin(docs=[Doc(Vocab(), words=["x"])]).span_groups == [b"\x90"]


# ---------------------------------------------------------------------------- spaCy's own file


# Written by tests/data/make_spacy_fixture.py with spaCy 3.8.18; the values it printed.
SPACY_DOC0_TOKENS = [
    ("Dr.", " ", "NNP", "PROPN", "Number=Sing", "Dr.", 2, "compound", "O", "", True),
    ("Ada", " ", "NNP", "PROPN", "Number=Sing", "Ada", 2, "compound", "B", "PERSON", False),
    ("Lovelace", " ", "NNP", "PROPN", "Number=Sing", "Lovelace", 3, "nsubj", "I", "PERSON", False),
    ("visited", " ", "VBD", "VERB", "Mood=Ind|Tense=Past|VerbForm=Fin", "visit", 3, "ROOT", "O", "",
     False),
    ("New", " ", "NNP", "PROPN", "Number=Sing", "New", 5, "compound", "B", "GPE", False),
    ("York", " ", "NNP", "PROPN", "Number=Sing", "York", 3, "obj", "I", "GPE", False),
    ("in", " ", "IN", "ADP", "", "in", 7, "case", "O", "", False),
    ("1843", "", "CD", "NUM", "NumType=Card", "1843", 3, "obl", "B", "DATE", False),
    (".", " ", ".", "PUNCT", "PunctType=Peri", ".", 3, "punct", "O", "", False),
    ("She", " ", "PRP", "PRON", "Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs", "she", 10,
     "nsubj", "O", "", True),
    ("wrote", " ", "VBD", "VERB", "Mood=Ind|Tense=Past|VerbForm=Fin", "write", 10, "ROOT", "O", "",
     False),
    ("notes", "", "NNS", "NOUN", "Number=Plur", "note", 10, "obj", "O", "", False),
    (".", "", ".", "PUNCT", "PunctType=Peri", ".", 10, "punct", "O", "", False),
]


def test_reads_spacy_written_fixture():
    docbin = DocBin().from_disk(DATA / "spacy_written.spacy")
    assert len(docbin) == 3
    doc, bare, empty = docbin.get_docs(Vocab())
    assert doc.text == "Dr. Ada Lovelace visited New York in 1843. She wrote notes."
    assert not doc.has_unknown_spaces
    assert [(t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.head.i, t.dep_,
             t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc] == SPACY_DOC0_TOKENS
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(1, 3, "PERSON"), (4, 6, "GPE"),
                                                             (7, 8, "DATE")]
    assert doc.cats == {"HISTORY": 1.0, "SPORTS": 0.0}
    assert {k: [(s.start, s.end, s.label_, s.kb_id_, s.id_) for s in g]
            for k, g in doc.spans.items()} == {
        "people": [(0, 3, "PERSON", "Q7259", "ada")],
        "places": [(4, 6, "CITY", "", ""), (7, 8, "YEAR", "", "")]}
    assert doc.user_data == {("._.", "source", None, None): "fixture",
                             ("._.", "source", 17, None): "verb",
                             ("._.", "source", 25, 33): {"kind": "city", "ids": (1, 2)}}
    assert bare.has_unknown_spaces
    assert [(t.text, t.whitespace_, t.tag_, t.ent_iob_) for t in bare] == [
        ("no", " ", "", ""), ("spaces", " ", "", ""), ("known", " ", "", "")]
    assert bare.cats == {} and bare.spans == {} and bare.user_data == {}
    assert len(empty) == 0


def test_rewriting_spacy_fixture_gives_the_same_payload():
    """Docs read from spaCy's file, written again, give spaCy's msgpack payload byte for byte."""
    data = (DATA / "spacy_written.spacy").read_bytes()
    docs = list(DocBin().from_bytes(data).get_docs(Vocab()))
    again = DocBin(store_user_data=True, docs=docs).to_bytes()
    assert zlib.decompress(again) == zlib.decompress(data)


# ---------------------------------------------------------------------------- bad input


def good_bytes():
    return DocBin(store_user_data=True, docs=[make_doc(), make_doc()]).to_bytes()


def payload(**changes):
    msg = srsly.msgpack_loads(zlib.decompress(good_bytes()))
    msg.update(changes)
    return zlib.compress(srsly.msgpack_dumps(msg))


@pytest.mark.parametrize("cut", [1, 10, 50, -20, -1])
def test_truncated_bytes_raise_docbin_error(cut):
    data = good_bytes()
    with pytest.raises(DocBinError, match="truncated|corrupt|not zlib"):
        DocBin().from_bytes(data[:cut])


def test_not_zlib_raises_docbin_error():
    with pytest.raises(DocBinError, match="not zlib-compressed"):
        DocBin().from_bytes(b"this is not a docbin at all")
    with pytest.raises(DocBinError, match="empty"):
        DocBin().from_bytes(b"")


def test_zlib_of_garbage_raises_docbin_error():
    with pytest.raises(DocBinError, match="msgpack|not a map"):
        DocBin().from_bytes(zlib.compress(b"\xc1\xc1\xc1"))
    with pytest.raises(DocBinError, match="not a map"):
        DocBin().from_bytes(zlib.compress(srsly.msgpack_dumps([1, 2, 3])))
    with pytest.raises(DocBinError, match="lacks"):
        DocBin().from_bytes(zlib.compress(srsly.msgpack_dumps({"attrs": [65]})))


def test_corrupt_file_error_names_the_file(tmp_path):
    path = tmp_path / "broken.spacy"
    path.write_bytes(good_bytes()[:-30])
    with pytest.raises(DocBinError, match="broken.spacy"):
        DocBin().from_disk(path)
    with pytest.raises(DocBinError, match="no such file"):
        DocBin().from_disk(tmp_path / "missing.spacy")


def test_lengths_inconsistent_with_tokens_are_detected():
    msg = srsly.msgpack_loads(zlib.decompress(good_bytes()))
    n_docs = len(numpy.frombuffer(msg["lengths"], dtype="int32"))
    longer = numpy.asarray([6, 7], dtype="int32").tobytes()
    with pytest.raises(DocBinError, match="'tokens' has .* bytes"):
        DocBin().from_bytes(payload(lengths=longer))
    with pytest.raises(DocBinError, match="'tokens' has"):
        DocBin().from_bytes(payload(tokens=msg["tokens"][:-8]))
    with pytest.raises(DocBinError, match="'spaces' has"):
        DocBin().from_bytes(payload(spaces=msg["spaces"][:-1]))
    with pytest.raises(DocBinError, match="'cats' has 1 entries"):
        DocBin().from_bytes(payload(cats=msg["cats"][:1]))
    with pytest.raises(DocBinError, match="'lengths' has 7 bytes"):
        DocBin().from_bytes(payload(lengths=msg["lengths"][:-1]))
    with pytest.raises(DocBinError, match="negative"):
        DocBin().from_bytes(payload(lengths=numpy.asarray([13, -1], dtype="int32").tobytes()))
    with pytest.raises(DocBinError, match="'span_groups' has"):
        DocBin().from_bytes(payload(span_groups=msg["span_groups"] + [b""]))
    with pytest.raises(DocBinError, match="'user_data' has"):
        DocBin().from_bytes(payload(user_data=msg["user_data"][:1]))
    assert n_docs == 2


def test_bad_attrs_are_detected():
    with pytest.raises(DocBinError, match="lacks ORTH"):
        DocBin().from_bytes(payload(attrs=[IDS["LEMMA"]] * 13))
    with pytest.raises(DocBinError, match="unknown attribute"):
        DocBin().from_bytes(payload(attrs=[65] + [9999] * 12))
    with pytest.raises(DocBinError, match="non-empty list"):
        DocBin().from_bytes(payload(attrs="ORTH"))


def test_head_outside_doc_is_detected_when_building_docs():
    msg = srsly.msgpack_loads(zlib.decompress(good_bytes()))
    tokens = numpy.frombuffer(msg["tokens"], dtype="uint64").reshape(-1, len(msg["attrs"])).copy()
    tokens[0, msg["attrs"].index(IDS["HEAD"])] = numpy.uint64(40)
    docbin = DocBin().from_bytes(payload(tokens=tokens.tobytes()))
    with pytest.raises(DocBinError, match="doc 0, token 0: its head offset 40"):
        list(docbin.get_docs(Vocab()))


def test_bad_ent_iob_and_unknown_word_hash_are_detected():
    msg = srsly.msgpack_loads(zlib.decompress(good_bytes()))
    tokens = numpy.frombuffer(msg["tokens"], dtype="uint64").reshape(-1, len(msg["attrs"])).copy()
    bad_iob = tokens.copy()
    bad_iob[7, msg["attrs"].index(IDS["ENT_IOB"])] = 9
    with pytest.raises(DocBinError, match="doc 1, token 1: ENT_IOB value 9"):
        list(DocBin().from_bytes(payload(tokens=bad_iob.tobytes())).get_docs(Vocab()))
    bad_orth = tokens.copy()
    bad_orth[2, 0] = 12345
    with pytest.raises(DocBinError, match="doc 0, token 2: the word hash 12345"):
        list(DocBin().from_bytes(payload(tokens=bad_orth.tobytes())).get_docs(Vocab()))


def test_bad_span_group_is_detected():
    group = srsly.msgpack_dumps({"name": "sc", "attrs": {},
                                 "spans": [struct.pack(">QQQllll", 0, 0, 0, 2, 99, 0, 0)]})
    groups = [srsly.msgpack_dumps({group: ["sc"]})] * 2
    with pytest.raises(DocBinError, match=r"span \[2, 99\), outside the doc of 6 tokens"):
        list(DocBin().from_bytes(payload(span_groups=groups)).get_docs(Vocab()))
    short = [srsly.msgpack_dumps({srsly.msgpack_dumps({"name": "sc", "attrs": {},
                                                         "spans": [b"\x00" * 10]}): ["sc"]})] * 2
    with pytest.raises(DocBinError, match="span of 10 bytes"):
        list(DocBin().from_bytes(payload(span_groups=short)).get_docs(Vocab()))


def test_unserialisable_user_data_raises_docbin_error():
    doc = Doc(Vocab(), words=["a"])
    doc.user_data[("._.", "thing", None, None)] = object()
    with pytest.raises(DocBinError, match="user_data"):
        DocBin(store_user_data=True, docs=[doc])


# ---------------------------------------------------------------------------- property


TAGS = ["", "NN", "VB", "JJ", "."]
POS = ["", "NOUN", "VERB", "ADJ", "PUNCT", "X"]
MORPHS = ["", "Number=Sing", "Number=Plur", "Tense=Past|VerbForm=Fin", "Case=Nom|Person=3"]
DEPS = ["dep", "nsubj", "obj", "ROOT", "punct"]
LABELS = ["PER", "ORG", "LOC"]
WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Zs", "Cc")),
                min_size=1, max_size=6)


@st.composite
def random_doc(draw, vocab):
    n = draw(st.integers(0, 12))
    words = draw(st.lists(WORDS, min_size=n, max_size=n))
    known_spaces = draw(st.booleans())
    spaces = draw(st.lists(st.booleans(), min_size=n, max_size=n)) if known_spaces else None
    kwargs = {}
    if n and draw(st.booleans()):
        kwargs["tags"] = draw(st.lists(st.sampled_from(TAGS), min_size=n, max_size=n))
        kwargs["pos"] = draw(st.lists(st.sampled_from(POS), min_size=n, max_size=n))
        kwargs["morphs"] = draw(st.lists(st.sampled_from(MORPHS), min_size=n, max_size=n))
        kwargs["lemmas"] = draw(st.lists(WORDS, min_size=n, max_size=n))
    if n and draw(st.booleans()):
        order = draw(st.permutations(range(n)))   # attach tokens one by one: always a tree
        heads = [0] * n
        heads[order[0]] = order[0]
        for k in range(1, n):
            heads[order[k]] = order[draw(st.integers(0, k - 1))]
        kwargs["heads"] = heads
        kwargs["deps"] = draw(st.lists(st.sampled_from(DEPS), min_size=n, max_size=n))
    if n and draw(st.booleans()):
        tags = ["O", ""] + [f"{p}-{label}" for p in "BI" for label in LABELS]
        kwargs["ents"] = draw(st.lists(st.sampled_from(tags), min_size=n, max_size=n))
    doc = Doc(vocab, words=words, spaces=spaces, **kwargs)
    doc.cats = draw(st.dictionaries(st.sampled_from(["A", "B", "C"]), st.floats(0, 1), max_size=3))
    if n:
        for key in draw(st.lists(st.sampled_from(["sc", "ents2", "x"]), max_size=2, unique=True)):
            spans = []
            for _ in range(draw(st.integers(0, 3))):
                start = draw(st.integers(0, n - 1))
                end = draw(st.integers(start + 1, n))
                spans.append(Span(doc, start, end, label=draw(st.sampled_from(LABELS))))
            doc.spans[key] = spans
    for name in draw(st.lists(st.sampled_from(["a", "b"]), max_size=2, unique=True)):
        value = draw(st.one_of(st.integers(-5, 5), st.text(max_size=5),
                               st.lists(st.integers(0, 3), max_size=3).map(tuple)))
        doc.user_data[("._.", name, None, None)] = value
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_property_to_bytes_from_bytes_roundtrip(data):
    vocab = Vocab()
    docs = [data.draw(random_doc(vocab)) for _ in range(data.draw(st.integers(0, 4)))]
    back = roundtrip(docs)
    assert len(back) == len(docs)
    for original, restored in zip(docs, back):
        assert snapshot(restored) == snapshot(original)


def test_user_data_list_always_has_one_entry_per_doc():
    docbin = DocBin(docs=[make_doc()])            # added without user data
    docbin.store_user_data = True
    docbin.add(make_doc())
    docs = list(DocBin().from_bytes(docbin.to_bytes()).get_docs(Vocab()))
    assert [d.user_data for d in docs] == [{}, make_doc().user_data]


def test_a_lone_surrogate_is_named_not_called_too_large():
    doc = Doc(Vocab(), words=["ok\ud800"])
    with pytest.raises(DocBinError, match="lone surrogate") as info:
        DocBin(docs=[doc]).to_bytes()
    assert "too large" not in str(info.value)


def test_add_takes_a_doc():
    with pytest.raises(DocBinError, match="DocBin.add takes a Doc, not str"):
        DocBin().add("text")


def test_a_doc_whose_user_data_cannot_be_stored_leaves_the_docbin_as_it_was():
    """spaCy half-adds such a Doc; lexloom refuses it whole, so the next Doc's user data
    stays its own (it was read back onto the failed Doc's neighbour)."""
    vocab = Vocab()
    bad = Doc(vocab, words=["bad", "doc"])
    bad.user_data["k"] = object()
    good = Doc(vocab, words=["good", "doc"])
    good.user_data["k"] = "ok"
    docbin = DocBin(store_user_data=True)
    with pytest.raises(DocBinError, match="user_data cannot be stored"):
        docbin.add(bad)
    docbin.add(good)
    assert len(docbin) == 1
    (doc,) = DocBin().from_bytes(docbin.to_bytes()).get_docs(Vocab())
    assert (doc.text, doc.user_data["k"]) == ("good doc ", "ok")


def test_from_disk_of_a_missing_file_or_a_folder_is_an_oserror(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        DocBin().from_disk(tmp_path / "missing.spacy")
    with pytest.raises(IsADirectoryError, match="is a directory"):
        DocBin().from_disk(tmp_path)
    with pytest.raises(DocBinError):
        DocBin().from_disk(tmp_path)


def test_attribute_ids_may_be_numpy_integers():
    doc = Doc(Vocab(), words=["Hello", "world"], tags=["UH", "NN"])
    ids = numpy.asarray([IDS["ORTH"], IDS["TAG"]], dtype="uint64")
    expected = doc.to_array(["ORTH", "TAG"])
    assert (doc.to_array(ids) == expected).all()
    assert (doc.to_array(list(ids)) == expected).all()
    assert (doc.to_array(ids[0]) == doc.to_array("ORTH")).all()
    other = Doc(doc.vocab, words=["Hello", "world"])
    other.from_array(ids, expected)
    assert [t.tag_ for t in other] == ["UH", "NN"]


def test_user_data_objects_go_through_the_msgpack_hooks_registered_with_srsly():
    """Plugins (medspacy) register msgpack encoders / decoders with srsly for the objects
    they keep in doc.user_data; spaCy's Doc.to_bytes and DocBin go through srsly and apply
    them. Registered after lexloom first packed something, they are still picked up."""
    import srsly

    import lexloom
    from lexloom.tokens import Doc, DocBin

    class Point:
        def __init__(self, x):
            self.x = x

    nlp = lexloom.blank("en")
    doc = nlp("a b")
    doc.user_data["point"] = 1
    Doc(nlp.vocab).from_bytes(doc.to_bytes())   # the hooks are chained once before
    doc.user_data["point"] = Point(7)

    @srsly.msgpack_encoders("lexloom_test_point")
    def encode_point(obj, chain=None):
        if isinstance(obj, Point):
            return {"__lexloom_test_point__": obj.x}
        return obj if chain is None else chain(obj)

    @srsly.msgpack_decoders("lexloom_test_point")
    def decode_point(obj, chain=None):
        if "__lexloom_test_point__" in obj:
            return Point(obj["__lexloom_test_point__"])
        return obj if chain is None else chain(obj)

    try:
        again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
        assert isinstance(again.user_data["point"], Point) and again.user_data["point"].x == 7
        data = DocBin(docs=[doc], store_user_data=True).to_bytes()
        got = list(DocBin().from_bytes(data).get_docs(nlp.vocab))[0]
        assert got.user_data["point"].x == 7
        doc.user_data["point"] = numpy.arange(3)   # numpy still goes through lexloom's own
        assert list(Doc(nlp.vocab).from_bytes(doc.to_bytes()).user_data["point"]) == [0, 1, 2]

        @srsly.msgpack_decoders("lexloom_test_point")   # again, under the same name
        def decode_point_again(obj, chain=None):
            if "__lexloom_test_point__" in obj:
                return ("again", obj["__lexloom_test_point__"])
            return obj if chain is None else chain(obj)

        doc.user_data["point"] = Point(8)
        assert Doc(nlp.vocab).from_bytes(doc.to_bytes()).user_data["point"] == ("again", 8)
    finally:
        import catalogue

        for name in ("msgpack_encoders", "msgpack_decoders"):
            catalogue._remove(("srsly", name, "lexloom_test_point"))
