"""Setters spaCy 3.8 has and lexloom lacked, and checks where lexloom was stricter than spaCy:
Span.start / end / start_char / end_char (spaCy's E1032), the Lexeme's lexical attributes
(seen by tokens, Doc.to_array and the matchers), set_extension with names that are no
identifiers and unknown keyword arguments, retokenizer attrs naming unknown attributes, and
token.pos set to an id that is no universal POS tag."""
from __future__ import annotations

import warnings

import numpy
import pytest

import lexloom
from lexloom.attrs import LANG, LOWER, PREFIX, SHAPE, SUFFIX
from lexloom.errors import LexloomWarning, RetokenizeError
from lexloom.matcher import Matcher, PhraseMatcher
from lexloom.tokens import Doc, Span, SpanGroup, Token

TEXT = "Apple is looking at buying U.K. startup now"


@pytest.fixture
def nlp():
    return lexloom.blank("en")


@pytest.fixture
def doc(nlp):
    return nlp(TEXT)


# ---- Span.start / end / start_char / end_char ------------------------------------------

def test_setting_start_moves_the_tokens_and_keeps_chars_label_and_ids(doc):
    span = Span(doc, 0, 3, label="ORG", kb_id="Q1", span_id="X")
    span.start = 1
    assert (span.start, span.end) == (1, 3)
    assert (span.start_char, span.end_char) == (0, 16)  # as spaCy: left as they were
    assert span.text == "is looking"
    assert len(span) == 2 and [t.text for t in span] == ["is", "looking"]
    assert (span.label_, span.kb_id_, span.id_) == ("ORG", "Q1", "X")


def test_setting_end_moves_the_tokens(doc):
    span = doc[1:3]
    span.end = 5
    assert (span.start, span.end, len(span)) == (1, 5, 4)
    assert span.text == "is looking at buying"
    assert span[0].text == "is" and span[-1].text == "buying"
    assert [t.text for t in span.as_doc()] == ["is", "looking", "at", "buying"]
    assert span.end_char == 16


def test_setting_chars_leaves_the_tokens(doc):
    span = doc[1:5]
    span.start_char = 3
    span.end_char = 100
    assert (span.start, span.end, span.start_char, span.end_char) == (1, 5, 3, 100)
    assert span.text == "is looking at buying"


@pytest.mark.parametrize("attr", ["start", "end", "start_char", "end_char"])
def test_negative_bounds_are_e1032_index_errors(doc, attr):
    span = doc[0:3]
    with pytest.raises(IndexError, match=rf"\[E1032\].*`{attr}`.*-1"):
        setattr(span, attr, -1)
    assert (span.start, span.end, span.start_char, span.end_char) == (0, 3, 0, 16)


@pytest.mark.parametrize("attr", ["start", "end", "start_char", "end_char"])
@pytest.mark.parametrize("value, error", [("a", TypeError), (None, TypeError),
                                          (2 ** 40, OverflowError)])
def test_bounds_take_ints_as_spacy(doc, attr, value, error):
    span = doc[0:3]
    with pytest.raises(error):
        setattr(span, attr, value)


@pytest.mark.parametrize("attr", ["start", "end", "start_char", "end_char"])
def test_bounds_take_bools_and_floats_as_ints(doc, attr):
    span = doc[0:3]
    setattr(span, attr, True)
    assert getattr(span, attr) == 1
    setattr(span, attr, 2.7)
    assert getattr(span, attr) == 2


def test_start_after_end_is_an_empty_span(doc):
    span = doc[2:4]
    span.start = 5
    assert (span.start, span.end, len(span)) == (5, 4, 0)
    assert span.text == "" and list(span) == [] and span.lemma_ == ""
    assert span.vector.shape == (0,) or not span.vector.any()
    with pytest.raises(IndexError, match="E1002"):
        span[0]


def test_end_at_the_doc_end_is_fine(doc):
    span = doc[2:4]
    span.end = len(doc)
    assert span.text == "looking at buying U.K. startup now"


@pytest.mark.parametrize("read", [
    lambda s: s.text, lambda s: s.text_with_ws, lambda s: list(s), lambda s: s[-1],
    lambda s: s.as_doc(), lambda s: s.lemma_, lambda s: s.vector, lambda s: list(s.subtree),
])
def test_bounds_past_the_doc_end_are_index_errors_where_tokens_are_read(doc, read):
    span = doc[2:4]
    span.end = len(doc) + 1
    assert len(span) == 7  # as spaCy: end - start
    with pytest.raises(IndexError, match="E040"):
        read(span)


def test_bounds_far_past_the_doc_end_never_crash(doc, nlp):
    span = doc[2:4]
    span.start, span.end = 20, 22
    assert len(span) == 2
    with pytest.raises(IndexError):
        span.text
    # (lexloom) code that reads the tokens natively sees the bounds clamped to the Doc
    assert span.ents == []
    m = Matcher(nlp.vocab)
    m.add("A", [[{"LOWER": "now"}]])
    assert m(span) == []
    with pytest.raises(IndexError):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(span)
    assert len(doc) == 8
    empty = doc[0:1]
    empty.start = empty.end = 9
    assert empty.text == "" and len(empty) == 0


def test_set_ents_with_bounds_past_the_doc_is_e035(doc):  # (doc.ents = ... as spaCy)
    span = Span(doc, 0, 1, label="ORG")
    span.end = 20
    with pytest.raises(IndexError, match="E035"):
        doc.ents = [span]
    with pytest.raises(IndexError, match="E035"):
        doc.set_ents([], missing=[span])
    assert doc.ents == ()


def test_ents_from_a_span_with_a_new_end(doc):
    span = Span(doc, 0, 1, label="ORG")
    span.end = 2
    doc.ents = [span]
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(0, 2, "ORG")]


def test_equality_and_hash_follow_the_chars_as_spacy(doc):
    a, b = doc[0:3], doc[0:3]
    a.start = 1  # chars unchanged: still equal, as in spaCy
    assert a == b and hash(a) == hash(b)
    c = doc[1:3]
    c.start_char = 0
    assert c == b and hash(c) == hash(b)
    d = doc[0:3]
    d.end_char = 5
    assert d != b


def test_a_span_read_from_a_group_is_a_copy(doc):
    doc.spans["g"] = [doc[0:2], doc[3:5]]
    group = doc.spans["g"]
    group[0].end = 3
    for span in group:
        span.start = 0
    assert [(s.start, s.end) for s in doc.spans["g"]] == [(0, 2), (3, 5)]
    changed = group[0]
    changed.end = 3
    group[0] = changed
    assert [(s.start, s.end, s.text) for s in doc.spans["g"]] == [(0, 3, "Apple is looking"),
                                                                   (3, 5, "at buying")]


def test_a_group_keeps_chars_set_by_hand(doc):
    span = doc[1:3]
    span.start_char = 0
    span.label_ = "L"
    doc.spans["g"] = [span]
    doc.spans["g"].append(span)
    group = SpanGroup(doc, name="x", spans=[span])
    for s in list(doc.spans["g"]) + list(group):
        assert (s.start, s.end, s.start_char, s.end_char, s.label_) == (1, 3, 0, 16, "L")


def test_a_group_refuses_spans_past_the_doc(doc):  # (spaCy stores them; lexloom refuses)
    span = doc[0:1]
    span.end = 9
    with pytest.raises(IndexError, match="E035"):
        doc.spans["g"] = [span]


def test_extension_values_follow_the_new_chars(doc):
    Span.set_extension("_setter_parity_note", default=None, force=True)
    try:
        span = doc[0:2]
        span._._setter_parity_note = "old"
        span.start_char = 6
        assert span._._setter_parity_note is None
        span._._setter_parity_note = "new"
        assert Span(doc, 1, 2)._._setter_parity_note == "new"  # chars 6..8
    finally:
        Span.remove_extension("_setter_parity_note")


def test_span_vector_fields_are_public(doc):
    span = doc[0:2]
    span._vector = numpy.ones(3, dtype="f")
    span._vector_norm = 7.0
    assert span.vector.tolist() == [1.0, 1.0, 1.0] and span.vector_norm == 7.0
    doc._vector = numpy.zeros(2, dtype="f")
    doc._vector_norm = 2.0
    assert doc.vector.tolist() == [0.0, 0.0] and doc.vector_norm == 2.0


# ---- Lexeme setters --------------------------------------------------------------------

LEX_ATTRS = [("lower", LOWER, "hi"), ("shape", SHAPE, "Zzz"), ("prefix", PREFIX, "HH"),
             ("suffix", SUFFIX, "LLO"), ("lang", LANG, "xx")]


@pytest.mark.parametrize("name, attr_id, value", LEX_ATTRS)
def test_lexeme_string_setters_are_seen_by_tokens(nlp, name, attr_id, value):
    warm = nlp("Hello world Hello")  # the tokenizer has cached "Hello" before the change
    lex = nlp.vocab["Hello"]
    setattr(lex, name + "_", value)
    value_id = nlp.vocab.strings[value]
    assert getattr(lex, name + "_") == value and getattr(lex, name) == value_id
    assert getattr(warm[0], name + "_") == value and getattr(warm[2], name) == value_id
    fresh = nlp("Hello there Hello")
    assert [getattr(t, name + "_") == value for t in fresh] == [True, False, True]
    assert getattr(nlp.make_doc("Hello")[0], name + "_") == value
    assert fresh.to_array([attr_id]).tolist() == [value_id, getattr(fresh[1], name), value_id]
    assert fresh.count_by(attr_id)[value_id] == 2


@pytest.mark.parametrize("name, attr_id, value", LEX_ATTRS)
def test_lexeme_id_setters(nlp, name, attr_id, value):
    lex = nlp.vocab["Hello"]
    value_id = nlp.vocab.strings.add(value)
    setattr(lex, name, value_id)
    assert getattr(lex, name + "_") == value
    assert getattr(nlp("Hello")[0], name) == value_id
    setattr(lex, name + "_", "")
    assert getattr(lex, name) == 0 and getattr(lex, name + "_") == ""


@pytest.mark.parametrize("name", ["lower", "shape", "prefix", "suffix", "lang"])
def test_lexeme_setters_check_types_as_spacy(nlp, name):
    lex = nlp.vocab["Hello"]
    with pytest.raises(OverflowError):
        setattr(lex, name, -1)
    with pytest.raises(OverflowError):
        setattr(lex, name, 2 ** 64)
    with pytest.raises(TypeError):
        setattr(lex, name, "abc")
    with pytest.raises(TypeError):
        setattr(lex, name + "_", 5)
    setattr(lex, name, 2 ** 64 - 1)
    assert getattr(lex, name) == 2 ** 64 - 1
    with pytest.raises(KeyError, match="E018"):
        getattr(lex, name + "_")


@pytest.mark.parametrize("attr, value", [("LOWER", "greet"), ("SHAPE", "Xxxxx-custom")])
def test_matcher_sees_a_lexeme_setter(nlp, attr, value):
    before = nlp("Hello you Hello")
    m = Matcher(nlp.vocab)
    m.add("K", [[{attr: value}]])
    assert m(before) == []  # (the matcher has cached verdicts for the old values)
    setattr(nlp.vocab["Hello"], attr.lower() + "_", value)
    assert [(s, e) for _, s, e in m(before)] == [(0, 1), (2, 3)]
    assert [(s, e) for _, s, e in m(nlp("Hello you Hello"))] == [(0, 1), (2, 3)]


def test_phrase_matcher_on_lower_sees_a_lexeme_setter(nlp):
    pm = PhraseMatcher(nlp.vocab, attr="LOWER")
    pm.add("P", [nlp.make_doc("greet")])
    assert pm(nlp("Hello you")) == []
    nlp.vocab["Hello"].lower_ = "greet"
    assert [(s, e) for _, s, e in pm(nlp("Hello you"))] == [(0, 1)]


def test_lexeme_norm_setter_reaches_the_matchers(nlp):
    nlp("Hello there")
    nlp.vocab["Hello"].norm_ = "hey"
    doc = nlp("Hello there Hello")
    m = Matcher(nlp.vocab)
    m.add("N", [[{"NORM": "hey"}]])
    assert [(s, e) for _, s, e in m(doc)] == [(0, 1), (2, 3)]


def test_lexeme_writable_attributes_match_spacy(nlp):
    lex = nlp.vocab["Hello"]
    for name in ["lower", "lower_", "shape", "shape_", "prefix", "prefix_", "suffix",
                 "suffix_", "lang", "lang_", "norm", "norm_", "flags", "is_stop", "rank",
                 "prob", "cluster", "sentiment"]:
        setattr(lex, name, getattr(lex, name))  # no AttributeError
    for name in ["orth", "orth_", "text", "is_oov", "has_vector", "vocab"]:
        with pytest.raises(AttributeError):
            setattr(lex, name, getattr(lex, name))


# ---- set_extension: names and keyword arguments spaCy takes ----------------------------

@pytest.fixture
def cleanup():
    registered = []
    yield registered
    for cls, name in registered:
        if cls.has_extension(name):
            cls.remove_extension(name)


@pytest.mark.parametrize("cls, obj", [(Doc, lambda d: d), (Span, lambda d: d[0:2]),
                                      (Token, lambda d: d[0])])
@pytest.mark.parametrize("name", ["my-ext", "with space", "1abc", ""])
def test_extension_names_that_are_no_identifiers(doc, cleanup, cls, obj, name):
    cls.set_extension(name, default=7)
    cleanup.append((cls, name))
    assert cls.has_extension(name) and cls.get_extension(name) == (7, None, None, None)
    target = obj(doc)
    assert target._.has(name)
    assert target._.get(name) == 7 and getattr(target._, name) == 7
    target._.set(name, 9)
    assert target._.get(name) == 9
    assert name in dir(target._)


@pytest.mark.parametrize("name", [1, 2.5, ("t",), None, b"bytes"])
def test_extension_names_that_are_not_strings(doc, cleanup, name):
    Token.set_extension(name, default=7)
    cleanup.append((Token, name))
    assert Token.has_extension(name) and doc[0]._.has(name)
    assert doc[0]._.get(name) == 7
    doc[0]._.set(name, 9)
    assert doc[0]._.get(name) == 9
    assert doc.user_data[("._.", name, doc[0].idx, None)] == 9
    assert Token.remove_extension(name) == (7, None, None, None)


def test_extension_names_must_be_hashable(cleanup):
    with pytest.raises(TypeError):
        Token.set_extension(["l"], default=1)


@pytest.mark.parametrize("name", ["get", "set", "has"])
def test_extensions_named_like_underscore_methods(doc, cleanup, name):
    Token.set_extension(name, default=7)
    cleanup.append((Token, name))
    assert doc[0]._.get(name) == 7  # as spaCy: get() reads the extension
    doc[0]._.set(name, 9)
    assert doc[0]._.get(name) == 9
    assert callable(getattr(doc[0]._, name))  # attribute access still finds the method


def test_getter_extension_with_a_dashed_name(doc, cleanup):
    Doc.set_extension("n-tokens", getter=len)
    cleanup.append((Doc, "n-tokens"))
    assert doc._.get("n-tokens") == len(doc)


def test_unknown_set_extension_keywords_are_ignored_with_a_warning(doc, cleanup):
    with pytest.warns(LexloomWarning, match="foo"):
        Token.set_extension("_kw_parity", default=1, foo=2)
    cleanup.append((Token, "_kw_parity"))
    assert doc[0]._._kw_parity == 1
    assert Token.get_extension("_kw_parity") == (1, None, None, None)
    with pytest.raises(ValueError, match="E090"):
        Token.set_extension("_kw_parity", default=2, force=0)
    Token.set_extension("_kw_parity", default=3, force=1)
    assert doc[0]._._kw_parity == 3


# ---- retokenizer attrs naming unknown attributes ---------------------------------------

@pytest.mark.parametrize("key", ["NOT_AN_ATTR", "tag_", "TAG_", "TEXT", 9999, -1, b"TAG"])
def test_merge_ignores_unknown_attributes_with_a_warning(doc, key):
    with pytest.warns(LexloomWarning, match="unknown attribute"):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[0:2], attrs={key: "x", "TAG": "NNP", "lemma": "apple be"})
    assert [t.text for t in doc][:2] == ["Apple is", "looking"]
    assert (doc[0].tag_, doc[0].lemma_) == ("NNP", "apple be")


@pytest.mark.parametrize("key", ["NOT_AN_ATTR", "tag_", 9999, b"TAG"])
def test_split_ignores_unknown_attributes_with_a_warning(nlp, key):
    doc = nlp("NewYork is big")
    with pytest.warns(LexloomWarning, match="unknown attribute"):
        with doc.retokenize() as retokenizer:
            retokenizer.split(doc[0], ["New", "York"], [(doc[0], 1), doc[1]],
                              attrs={key: "x", "TAG": ["NNP", "NNP"]})
    assert [t.text for t in doc] == ["New", "York", "is", "big"]
    assert [t.tag_ for t in doc[:2]] == ["NNP", "NNP"]


def test_split_ignores_unknown_attributes_whatever_their_value(nlp):
    doc = nlp("NewYork is big")
    with pytest.warns(LexloomWarning):
        with doc.retokenize() as retokenizer:
            retokenizer.split(doc[0], ["New", "York"], [(doc[0], 1), doc[1]],
                              attrs={"NOPE": "not a list"})
    assert len(doc) == 4


@pytest.mark.parametrize("key", [None, 3.5])
def test_retokenizer_attrs_keys_of_other_types_still_fail(doc, key):
    # (spaCy fails on key.upper(), an AttributeError; lexloom says what is wrong)
    with pytest.raises(RetokenizeError, match="attrs keys are attribute names or ids"):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[0:2], attrs={key: 1})


def test_merge_still_checks_known_attributes_and_extensions(doc):
    with pytest.raises(ValueError, match="E118"):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[0:2], attrs={"_": {"no_such_extension": 1}})
    with pytest.raises(OverflowError):
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[0:2], attrs={"LEMMA": -1})
    assert len(doc) == 8


def test_unknown_attribute_warning_points_at_the_caller(doc):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with doc.retokenize() as retokenizer:
            retokenizer.merge(doc[0:2], attrs={"NOPE": 1})
    assert [w.filename for w in caught if issubclass(w.category, LexloomWarning)] == [__file__]


# ---- token.pos set to an id that is no UD tag ------------------------------------------

def test_token_pos_stores_any_id(doc):
    token = doc[0]
    token.pos = 12345
    assert token.pos == 12345
    assert doc.to_array(["POS"])[0] == 12345
    with pytest.raises(KeyError):
        token.pos_
    token.pos_ = "NOUN"
    assert token.pos == 92 and token.pos_ == "NOUN"


@pytest.mark.parametrize("value, stored", [(-1, -1), (2 ** 31 - 1, 2 ** 31 - 1),
                                           (2 ** 31, -2 ** 31), (2 ** 32 - 1, -1),
                                           (1.5, 1), (True, 1), (0, 0)])
def test_token_pos_values_as_spacy_stores_them(doc, value, stored):
    doc[0].pos = value
    assert doc[0].pos == stored


@pytest.mark.parametrize("value, error", [(-2 ** 31, OverflowError), (2 ** 32, OverflowError),
                                          (2 ** 40, OverflowError), ("NOUN", TypeError),
                                          (None, TypeError)])
def test_token_pos_values_spacy_refuses(doc, value, error):
    doc[0].pos_ = "VERB"
    with pytest.raises(error):
        doc[0].pos = value
    assert doc[0].pos_ == "VERB"


def test_token_pos_unknown_id_survives_a_round_trip(nlp, doc):
    doc[0].pos = 12345
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again[0].pos == 12345
