"""Doc / Token / Span / Lexeme errors as spaCy 3.8 raises them: the same builtin exception type
and spaCy's error code in the message, for extension attributes, the retokenizer, string ids
that the StringStore lacks, Doc.from_array and the annotation setters; and the values spaCy's
setters take without complaint."""
from __future__ import annotations

import numpy
import pytest

import lexloom
from lexloom.tokens import Doc, Span, Token
from lexloom.vocab import Vocab

NLP = lexloom.blank("en")
VOCAB = NLP.vocab
UNKNOWN_ID = 123456789  # no string of the vocab has this id


def make() -> Doc:
    return NLP.make_doc("Apple is looking at buying U.K. startup")


@pytest.fixture
def ext_name(request):
    """A fresh extension name, removed from Doc, Span and Token afterwards."""
    name = f"_parity_{request.node.name.split('[')[0][5:]}"[:60]
    yield name
    for cls in (Doc, Span, Token):
        if cls.has_extension(name):
            cls.remove_extension(name)


# ---- extension attributes -------------------------------------------------------------

@pytest.mark.parametrize("cls", [Doc, Span, Token])
def test_set_extension_twice_without_force_is_e090(cls, ext_name):
    cls.set_extension(ext_name, default=1)
    with pytest.raises(ValueError, match=r"\[E090\].*force"):
        cls.set_extension(ext_name, default=2)
    cls.set_extension(ext_name, default=2, force=True)
    assert cls.get_extension(ext_name)[0] == 2


@pytest.mark.parametrize("get", [
    lambda: make()._.not_registered_x,
    lambda: make()._.get("not_registered_x"),
    lambda: make()[0]._.not_registered_x,
    lambda: make()[0:2]._.get("not_registered_x"),
])
def test_reading_an_unregistered_extension_is_e046(get):
    with pytest.raises(AttributeError, match=r"\[E046\].*not_registered_x"):
        get()


def _assign(obj):
    obj._.not_registered_x = 1


@pytest.mark.parametrize("assign", [
    lambda: _assign(make()),
    lambda: make()._.set("not_registered_x", 1),
    lambda: _assign(make()[0]),
    lambda: make()[0:2]._.set("not_registered_x", 1),
])
def test_writing_an_unregistered_extension_is_e047(assign):
    with pytest.raises(AttributeError, match=r"\[E047\].*not_registered_x"):
        assign()


def test_unregistered_token_extension_names_token_in_the_hint():  # (lexloom's wording)
    with pytest.raises(AttributeError, match=r"Token\.set_extension"):
        make()[0]._.not_registered_x


@pytest.mark.parametrize("kwargs", [
    {"method": lambda d: 1, "default": 1},
    {},
    {"getter": lambda d: 1, "method": lambda d: 1},
    {"getter": lambda d: 1, "default": None},
])
def test_set_extension_needs_exactly_one_kind_e083(kwargs, ext_name):
    with pytest.raises(ValueError, match=r"\[E083\]"):
        Doc.set_extension(ext_name, **kwargs)
    assert not Doc.has_extension(ext_name)


@pytest.mark.parametrize("kwargs, what", [
    ({"getter": 1}, "getter"),
    ({"getter": lambda d: 1, "setter": "x"}, "setter"),
    ({"method": 1}, "method"),
])
def test_set_extension_with_non_callable_is_e091(kwargs, what, ext_name):
    with pytest.raises(ValueError, match=rf"\[E091\].*{what}"):
        Token.set_extension(ext_name, **kwargs)


@pytest.mark.parametrize("kwargs", [{"setter": lambda d, v: None},
                                    {"setter": lambda d, v: None, "default": 1}])
def test_set_extension_with_a_setter_and_no_getter_is_e089(kwargs, ext_name):
    with pytest.raises(ValueError, match=r"\[E089\]"):
        Span.set_extension(ext_name, **kwargs)


@pytest.mark.parametrize("cls", [Doc, Span, Token])
def test_remove_extension_of_a_missing_name_is_e046_value_error(cls):
    with pytest.raises(ValueError, match=r"\[E046\].*not_registered_x"):
        cls.remove_extension("not_registered_x")


# ---- retokenizer ----------------------------------------------------------------------

def test_merge_with_an_unregistered_extension_is_e118():
    doc = make()
    with pytest.raises(ValueError, match=r"\[E118\].*not_registered_x"):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[0:2], attrs={"_": {"not_registered_x": 1}})


def test_merge_with_extensions_that_are_no_dict_is_e120():
    doc = make()
    with pytest.raises(ValueError, match=r"\[E120\]"):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[0:2], attrs={"_": [1]})


def test_merge_with_a_read_only_extension_is_e119(ext_name):
    Token.set_extension(ext_name, getter=lambda t: 1)
    doc = make()
    with pytest.raises(ValueError, match=r"\[E119\]"):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[0:2], attrs={"_": {ext_name: 2}})


@pytest.mark.parametrize("exts", ["dict", "str", "list of ints"])
def test_split_with_extensions_not_given_per_piece_is_e120(exts, ext_name):
    Token.set_extension(ext_name, default=0)
    value = {"dict": {ext_name: [1, 2]}, "str": "ab", "list of ints": [1, 2]}[exts]
    doc = make()
    with pytest.raises(ValueError, match=r"\[E120\]"):
        with doc.retokenize() as retokenizer:
            retokenizer.split(doc[0], ["App", "le"], heads=[(doc[0], 1), doc[1]],
                              attrs={"_": value})


def test_split_with_an_unregistered_extension_is_e118():
    doc = make()
    with pytest.raises(ValueError, match=r"\[E118\]"):
        with doc.retokenize() as retokenizer:
            retokenizer.split(doc[0], ["App", "le"], heads=[(doc[0], 1), doc[1]],
                              attrs={"_": [{"not_registered_x": 1}, {"not_registered_x": 2}]})


def test_split_with_extensions_per_piece_sets_them(ext_name):
    Token.set_extension(ext_name, default=0)
    doc = make()
    with doc.retokenize() as retokenizer:
        retokenizer.split(doc[0], ["App", "le"], heads=[(doc[0], 1), doc[1]],
                          attrs={"_": [{ext_name: 1}, {ext_name: 2}]})
    assert [t._.get(ext_name) for t in doc[:3]] == [1, 2, 0]


def test_merge_with_an_unknown_lemma_id_fails_on_reading_e018():
    doc = make()
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2], attrs={"LEMMA": UNKNOWN_ID})
    assert doc[0].lemma == UNKNOWN_ID
    with pytest.raises(KeyError, match=r"E018"):
        doc[0].lemma_


@pytest.mark.parametrize("span, head", [((0, 2), 100), ((6, 7), 1), ((0, 2), 7)])
def test_merge_head_outside_the_doc_is_an_index_error(span, head):
    # the merged token's HEAD offset, when the span's root is its first token (it is in an
    # unparsed Doc), must point inside the Doc: spaCy's IndexError (this crashed lexloom)
    doc = make()
    with pytest.raises(IndexError):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[span[0]:span[1]], attrs={"HEAD": head})


def test_merge_head_inside_the_doc_is_kept():
    doc = make()
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2], attrs={"HEAD": 3})
    assert doc.to_array("HEAD")[0] == 2  # 0 + 3, less the token merged away


def test_merge_head_of_a_span_rooted_elsewhere_is_ignored():
    # the span's root is its second token: the merged token takes the root's head (spaCy)
    doc = Doc(VOCAB, words=["a", "b", "c"], heads=[1, 1, 1], deps=["x", "ROOT", "y"])
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2], attrs={"HEAD": 100})
    assert [t.head.i for t in doc] == [0, 0]


@pytest.mark.parametrize("attrs", [{"HEAD": -1}, {"HEAD": -100}, {"LEMMA": -1},
                                   {"ENT_IOB": -1}, {"TAG": 2 ** 64}])
def test_merge_attr_values_outside_uint64_are_overflow_errors(attrs):
    doc = make()
    with pytest.raises(OverflowError):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[1:3], attrs=attrs)


def test_split_attr_values_below_zero_are_overflow_errors():
    doc = make()
    with pytest.raises(OverflowError):
        with doc.retokenize() as retokenizer:
            retokenizer.split(doc[0], ["App", "le"], heads=[(doc[0], 1), doc[1]],
                              attrs={"LEMMA": [-1, -2]})


# ---- string ids the StringStore lacks ---------------------------------------------------

@pytest.mark.parametrize("attr", ["lemma", "tag", "dep", "ent_type", "ent_kb_id", "ent_id"])
def test_token_unknown_string_id_reads_back_as_e018(attr):
    doc = make()
    setattr(doc[0], attr, UNKNOWN_ID)
    assert getattr(doc[0], attr) == UNKNOWN_ID
    with pytest.raises(KeyError, match=r"E018"):
        getattr(doc[0], attr + "_")


def test_token_norm_unknown_string_id_from_array_reads_back_as_e018():
    doc = make()
    doc.from_array(["NORM"], numpy.full((len(doc), 1), UNKNOWN_ID, dtype="uint64"))
    with pytest.raises(KeyError, match=r"E018"):
        doc[0].norm_


@pytest.mark.parametrize("make_span", [
    lambda d: Span(d, 0, 2, label="ORG", kb_id=UNKNOWN_ID),
    lambda d: Span(d, 0, 2, label="ORG", span_id=UNKNOWN_ID),
])
def test_span_unknown_kb_id_or_id_reads_back_as_e018(make_span):
    span = make_span(make())
    with pytest.raises(KeyError, match=r"E018"):
        span.kb_id_ if span.kb_id else span.id_


@pytest.mark.parametrize("attr", ["label", "kb_id", "id"])
def test_span_unknown_id_set_reads_back_as_e018(attr):
    span = Span(make(), 0, 2)
    setattr(span, attr, UNKNOWN_ID)
    with pytest.raises(KeyError, match=r"E018"):
        getattr(span, attr + "_")


def test_entity_with_unknown_kb_id_reads_back_as_e018():
    doc = make()
    doc.ents = [Span(doc, 0, 2, label="ORG", kb_id=UNKNOWN_ID)]
    with pytest.raises(KeyError, match=r"E018"):
        doc[0].ent_kb_id_


def test_known_ids_and_zero_still_read_back():
    doc = make()
    doc[0].lemma = VOCAB.strings.add("apple")
    doc[1].tag = 0
    assert doc[0].lemma_ == "apple" and doc[1].tag_ == ""
    assert Span(doc, 0, 2).label_ == "" and Span(doc, 0, 2).kb_id_ == ""


# ---- Doc.from_array ---------------------------------------------------------------------

def test_from_array_unknown_pos_id_reads_back_as_key_error():
    doc = make()
    doc.from_array(["POS"], numpy.full((len(doc), 1), 9999, dtype="uint64"))
    assert doc[0].pos == 9999
    with pytest.raises(KeyError):
        doc[0].pos_


def test_from_array_all_i_iob_is_kept_as_in_spacy():
    doc = make()
    label = VOCAB.strings.add("ORG")
    doc.from_array(["ENT_IOB", "ENT_TYPE"],
                   numpy.array([[1, label]] * len(doc), dtype="uint64"))
    assert [t.ent_iob_ for t in doc] == ["I"] * len(doc)


def test_from_array_ent_iob_out_of_range_is_e982():
    doc = make()
    with pytest.raises(ValueError, match=r"\[E982\]"):
        doc.from_array(["ENT_IOB"], numpy.full((len(doc), 1), 5, dtype="uint64"))


@pytest.mark.parametrize("head", [100, -100])
def test_from_array_head_out_of_range_is_e190(head):
    doc = make()
    with pytest.raises(ValueError, match=r"\[E190\]"):
        doc.from_array(["HEAD"], numpy.full((len(doc), 1), head, dtype="int64"))


def test_from_array_row_count_mismatch_is_e971():
    doc = make()
    with pytest.raises(ValueError, match=r"\[E971\]"):
        doc.from_array(["LEMMA"], numpy.zeros((3, 1), dtype="uint64"))


@pytest.mark.parametrize("attr", ["LEMMA", "TAG", "MORPH"])
def test_from_array_unknown_string_id_is_e018_key_error(attr):
    # spaCy takes the id and fails with E018 when it is read back; lexloom refuses it at
    # once, with the same code and a KeyError (also a ValueError, as it was)
    doc = make()
    with pytest.raises(KeyError, match=r"E018"):
        doc.from_array([attr], numpy.full((len(doc), 1), UNKNOWN_ID, dtype="uint64"))


# ---- setters --------------------------------------------------------------------------

@pytest.mark.parametrize("value", [1, 0, -1, 1.5, "yes", [1], numpy.bool_(True), object()])
@pytest.mark.parametrize("attr", ["is_sent_start", "sent_start"])
def test_sent_start_takes_only_none_true_false_e044(attr, value):
    doc = make()
    with pytest.raises(ValueError, match=r"\[E044\]"):
        setattr(doc[1], attr, value)
    assert doc[1].is_sent_start is None


@pytest.mark.parametrize("value", [None, True, False])
def test_sent_start_accepts_none_true_false(value):
    doc = make()
    doc[1].is_sent_start = value
    assert doc[1].is_sent_start is value


@pytest.mark.parametrize("value", [None, True, False, 1])
def test_is_sent_end_is_read_only_e196(value):
    with pytest.raises(ValueError, match=r"\[E196\]"):
        make()[1].is_sent_end = value


@pytest.mark.parametrize("value", [None, "zzz", 5, True, -1, 1.5])
def test_pos_string_must_be_a_ud_tag_e1021(value):
    doc = make()
    with pytest.raises(ValueError, match=r"\[E1021\]"):
        doc[0].pos_ = value


def test_pos_string_unhashable_is_a_type_error():
    with pytest.raises(TypeError):
        make()[0].pos_ = ["NOUN"]


def test_pos_string_empty_unsets_it():
    doc = make()
    doc[0].pos_ = "NOUN"
    doc[0].pos_ = ""
    assert doc[0].pos == 0 and doc[0].pos_ == ""


@pytest.mark.parametrize("attr", ["tag_", "ent_type_", "ent_kb_id_", "ent_id_"])
@pytest.mark.parametrize("value", [5, 1.5, [1], object()])
def test_token_string_attr_of_another_type_is_e017(attr, value):
    with pytest.raises(TypeError, match=r"\[E017\]"):
        setattr(make()[0], attr, value)


@pytest.mark.parametrize("attr", ["lemma_", "dep_", "norm_"])
@pytest.mark.parametrize("value", [5, 0, False, b"x", [1]])
def test_token_str_only_attrs_of_another_type_are_type_errors(attr, value):
    with pytest.raises(TypeError):
        setattr(make()[0], attr, value)


@pytest.mark.parametrize("attr", ["tag_", "lemma_", "dep_", "ent_type_", "ent_kb_id_",
                                  "ent_id_"])
@pytest.mark.parametrize("value", [None, ""])
def test_token_string_attr_none_or_empty_unsets_it(attr, value):
    doc = make()
    setattr(doc[0], attr, "X")
    setattr(doc[0], attr, value)
    assert getattr(doc[0], attr) == "" and getattr(doc[0], attr[:-1]) == 0


def test_token_norm_none_falls_back_to_the_lexeme_norm():
    doc = make()
    doc[0].norm_ = "fruit"
    doc[0].norm_ = None
    assert doc[0].norm_ == "apple"


@pytest.mark.parametrize("attr", ["tag_", "ent_type_", "ent_kb_id_", "ent_id_"])
@pytest.mark.parametrize("value", [0, False])
def test_token_untyped_string_attr_falsy_unsets_it(attr, value):
    # spaCy hands these to StringStore.add, which makes any falsy value 0
    doc = make()
    setattr(doc[0], attr, value)
    assert getattr(doc[0], attr) == ""


@pytest.mark.parametrize("attr", ["label_", "kb_id_", "id_"])
def test_span_string_attr_none_unsets_it(attr):
    span = Span(make(), 0, 2, label="ORG", kb_id="Q1", span_id="x")
    setattr(span, attr, None)
    assert getattr(span, attr) == "" and getattr(span, attr[:-1]) == 0


@pytest.mark.parametrize("attr", ["label_", "kb_id_", "id_"])
def test_span_string_attr_of_another_type_is_a_type_error(attr):
    with pytest.raises(TypeError):
        setattr(Span(make(), 0, 2), attr, 5)


@pytest.mark.parametrize("attr, value", [("ent_id", 5), ("ent_id_", "x"), ("ent_id_", None)])
def test_span_ent_id_is_read_only_e200(attr, value):
    span = Span(make(), 0, 2, label="ORG")
    with pytest.raises(NotImplementedError, match=r"\[E200\]"):
        setattr(span, attr, value)


@pytest.mark.parametrize("attr, value", [("ent_id", "x"), ("ent_id", None), ("ent_id_", 5)])
def test_span_ent_id_of_the_wrong_type_is_a_type_error(attr, value):
    with pytest.raises(TypeError):
        setattr(Span(make(), 0, 2), attr, value)


@pytest.mark.parametrize("value", [1.5, [1], object()])
def test_token_morph_of_another_type_is_a_type_error(value):
    with pytest.raises(TypeError):
        make()[0].morph = value


def test_token_morph_unknown_hash_is_a_type_error():
    with pytest.raises(TypeError):
        make()[0].morph = UNKNOWN_ID


@pytest.mark.parametrize("value, exc", [(-1, OverflowError), (2 ** 70, OverflowError),
                                        ("zzz", TypeError)])
def test_lexeme_rank_is_an_unsigned_64_bit_id(value, exc):
    with pytest.raises(exc):
        VOCAB["parityword"].rank = value


def test_lexeme_rank_takes_an_id():
    lex = VOCAB["parityword2"]
    lex.rank = 7
    assert lex.rank == 7


def test_lexeme_norm_none_unsets_it():
    lex = VOCAB["parityword3"]
    lex.norm_ = "other"
    lex.norm_ = None
    assert lex.norm == 0 and lex.norm_ == ""


@pytest.mark.parametrize("vector", [[1.0], "abc"])
def test_lexeme_vector_of_the_wrong_width_is_e073(vector):
    with pytest.raises(ValueError, match=r"\[E073\]"):
        lexloom.blank("en").vocab["word"].vector = vector


def test_set_morph_with_what_is_no_feats_string_or_dict_warns_w100_and_empties_the_morph():
    doc = lexloom.blank("en")("hello world")
    doc[1].set_morph("Number=Sing")
    with pytest.warns(UserWarning, match=r"\[W100\]"):
        doc[1].set_morph(["Number=Sing"])
    assert str(doc[1].morph) == ""


def test_a_morph_analysis_of_another_vocab_is_e1013():
    doc = lexloom.blank("en")("hello")
    other = lexloom.blank("en")("x")
    other[0].set_morph("Number=Sing")
    with pytest.raises(ValueError, match=r"\[E1013\]"):
        doc[0].morph = other[0].morph


def test_empty_bytes_are_no_string_and_symbols_has_underscore():
    from lexloom import symbols

    strings = lexloom.blank("en").vocab.strings
    assert strings.add(b"") == 0 and strings.add("") == 0
    assert strings.add(b"x") == strings.add("x")
    assert symbols._ == symbols.IDS["_"] == 456


def test_lex_id_and_to_array_id_are_spacys_rank_the_vectors_row_else_oov_rank():
    import numpy

    from lexloom.util import OOV_RANK

    nlp = lexloom.blank("en")
    nlp.vocab.set_vector("cat", numpy.ones(3, dtype="float32"))
    doc = nlp("the cat sat")
    expected = [OOV_RANK, 0, OOV_RANK]
    assert [t.lex_id for t in doc] == [t.rank for t in doc] == expected
    assert doc.to_array("ID").tolist() == expected
    assert doc.to_array(["ORTH", "ID"])[:, 1].tolist() == expected
    nlp.vocab["sat"].rank = 7   # a rank set by hand, as spaCy's Lexeme.rank setter
    assert doc[2].lex_id == doc[2].rank == 7
    from lexloom.ml.featureextractor import FeatureExtractor

    features = FeatureExtractor(["ID", "ORTH"]).predict([doc, doc[1:]])
    assert features[0][:, 0].tolist() == [OOV_RANK, 0, 7]
    assert features[1][:, 0].tolist() == [0, 7]


def test_nbor_past_either_end_is_an_index_error_with_spacys_e042():
    doc = lexloom.blank("en")("one two")
    for token, offset in ((doc[1], 1), (doc[0], -1)):
        with pytest.raises(IndexError, match=r"\[E042\]"):
            token.nbor(offset)


def test_span_ent_id_is_its_root_tokens():
    """As spaCy: Span.ent_id(_) reads the root token's ent_id (what the entity ruler sets),
    not the span's own id; entity spans carry it as their id too."""
    doc = Doc(Vocab(), words=["New", "York", "is", "big"], heads=[1, 2, 2, 2],
              deps=["compound", "nsubj", "ROOT", "acomp"])
    doc[0].ent_id_ = "one"
    doc[1].ent_id_ = "nyc"
    span = Span(doc, 0, 2, label="GPE", span_id="mine")
    assert span.root.i == 1
    assert (span.ent_id_, span.id_) == ("nyc", "mine")
    assert span.ent_id == doc[1].ent_id
    assert Span(doc, 0, 1).ent_id_ == "one"
    doc.ents = [Span(doc, 0, 2, label="GPE")]
    assert doc.ents[0].ent_id_ == "nyc"
