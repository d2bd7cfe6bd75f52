"""Symbol and POS ids are part of the compatibility contract: they must be spaCy's numbers."""
import pytest

import lexloom
from lexloom import attrs, parts_of_speech, symbols
from lexloom.strings import SYMBOLS_BY_INT, SYMBOLS_BY_STR, StringStore
from lexloom.tokens import Doc


def test_symbol_ids_are_spacys_numbers():
    expected = {"ORTH": 65, "LEMMA": 73, "SENT_START": 80, "NOUN": 92, "VERB": 100,
                "PERSON": 380, "ORG": 383, "LAW": 390, "DEPRECATED276": 379, "FLAG63": 63,
                "dobj": 416, "nsubj": 429, "root": 449, "acl": 451, "ENT_ID": 454,
                "IDX": 455, "_": 456}
    for name, value in expected.items():
        assert symbols.IDS[name] == value
    assert symbols.NOUN == 92 and symbols.nsubj == 429 and symbols.PERSON == 380
    assert len(symbols.IDS) == 457


def test_symbol_ids_equal_attribute_ids():
    for name, value in attrs.IDS.items():
        assert symbols.IDS[name] == value


def test_names_list_is_in_id_order():
    assert symbols.NAMES[0] == ""
    assert all(symbols.IDS[name] == i for i, name in enumerate(symbols.NAMES))
    assert symbols.sort_nums(("NOUN", 92)) == 92


def test_attrs_names_is_spacys_list():
    """spaCy's attrs.NAMES: the attribute names sorted by id (a list: NAMES.index("ORTH"))."""
    assert isinstance(attrs.NAMES, list) and attrs.NAMES[:2] == ["", "IS_ALPHA"]
    assert attrs.NAMES.index("ORTH") == attrs.ORTH == 65
    assert attrs.NAMES[-3:] == ["ENT_KB_ID", "MORPH", "ENT_ID", "IDX"][-3:]
    assert len(attrs.NAMES) == len(attrs.IDS)
    assert [attrs.IDS[n] for n in attrs.NAMES] == sorted(attrs.IDS.values())


def test_string_store_gives_symbols_their_ids():
    store = StringStore()
    assert store["NOUN"] == symbols.NOUN
    assert store[symbols.nsubj] == "nsubj"
    assert SYMBOLS_BY_INT == symbols.NAMES
    assert SYMBOLS_BY_STR == symbols.IDS


def test_parts_of_speech_enum():
    pos = parts_of_speech
    assert pos.NOUN == 92 and isinstance(pos.NOUN, int)
    assert pos.IDS["VERB"] is pos.univ_pos_t.VERB
    assert pos.NAMES[pos.ADJ] == "ADJ"
    assert pos.IDS[""] == 0 and pos.univ_pos_t.NO_TAG == 0
    assert pos.SPACE == 103 and pos.EOL == 102
    assert lexloom.morphology.POS_IDS is pos.IDS


def test_token_pos_is_the_enum_member():
    # spaCy's Token.pos is a Cython enum: the univ_pos_t member, equal to its id
    doc = Doc(lexloom.blank("en").vocab, words=["pizzas", "eat", "x"], pos=["NOUN", "VERB", ""])
    assert doc[0].pos is parts_of_speech.univ_pos_t.NOUN and doc[0].pos == 92
    assert doc[1].pos is parts_of_speech.VERB and doc[2].pos is parts_of_speech.univ_pos_t.NO_TAG
    assert {92: "noun"}[doc[0].pos] == "noun" and str(doc[0].pos) == "92"
    doc[2].pos = 5  # no UD tag: still a univ_pos_t holding the id, as spaCy's
    assert isinstance(doc[2].pos, parts_of_speech.univ_pos_t) and doc[2].pos == 5
    assert hash(doc[2].pos) == hash(5)
    assert repr(doc[2].pos) == "<univ_pos_t: 5>" and doc[2].pos.name is None


def test_univ_pos_t_holds_any_integer_as_spacys_cython_enum():
    univ_pos_t = parts_of_speech.univ_pos_t
    assert univ_pos_t(92) is univ_pos_t.NOUN and repr(univ_pos_t.NOUN) == "<univ_pos_t.NOUN: 92>"
    assert univ_pos_t(5) is univ_pos_t(5) and univ_pos_t(5.0) is univ_pos_t(5)
    assert repr(univ_pos_t(1000)) == "<univ_pos_t: 1000>"
    assert len(univ_pos_t) == 21 and 5 not in [member.value for member in univ_pos_t]
    with pytest.raises(ValueError):
        univ_pos_t("NOUN")
