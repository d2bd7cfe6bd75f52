"""spaCy's Vocab / Lexeme / StringStore / Vectors / Morphology members and module names."""
import pickle

import numpy
import pytest
from lexloom.lexeme import OOV_RANK
from lexloom.morphology import Morphology, unpickle_morphology
from lexloom.strings import StringStore
from lexloom.vectors import (
    BaseVectors,
    Mode,
    Vectors,
    create_mode_vectors,
    unpickle_vectors,
)
from lexloom.vocab import (
    BASE_NORMS,
    IS_STOP,
    LEX_ATTRS,
    Vocab,
    create_vocab,
    pickle_vocab,
    unpickle_vocab,
)

import lexloom
from lexloom import attrs, symbols


def test_vocab_module_names():
    assert IS_STOP == attrs.IS_STOP == 12
    assert BASE_NORMS["’"] == "'" and BASE_NORMS["—"] == "-"
    assert attrs.NORM in LEX_ATTRS and LEX_ATTRS[attrs.LIKE_URL]("www.example.com")


def test_create_vocab_uses_the_language_defaults():
    from lexloom.lang.en import English

    vocab = create_vocab("en", English.Defaults)
    assert vocab["the"].is_stop and not vocab["apple"].is_stop
    assert vocab["’"].norm_ == "'"
    assert vocab.get_noun_chunks is not None


def test_vocab_members():
    vocab = lexloom.blank("en").vocab
    n = len(vocab)
    vocab["new-word"]
    assert vocab.length == len(vocab) == n + 1
    assert vocab.cfg == {"oov_prob": -20.0}
    assert isinstance(vocab.morphology, Morphology)
    assert not vocab.in_memory_zone


def test_add_flag_takes_the_lowest_free_bit_and_sets_existing_lexemes():
    vocab = lexloom.blank("en").vocab
    vocab["apple"]
    flag = vocab.add_flag(lambda text: text.startswith("a"))
    assert flag == 13  # the first bit no lexical attribute uses, as in spaCy
    assert vocab["apple"].check_flag(flag) and not vocab["pear"].check_flag(flag)
    assert vocab.add_flag(lambda text: False) == 19
    assert vocab.add_flag(lambda text: False, flag_id=40) == 40
    with pytest.raises(ValueError, match="E063"):
        vocab.add_flag(lambda text: False, flag_id=64)


def test_vocab_memory_zone_releases_new_words_but_keeps_live_docs():
    nlp = lexloom.blank("en")
    nlp("warm up")
    before = len(nlp.vocab)
    with nlp.vocab.memory_zone():
        assert nlp.vocab.in_memory_zone
        kept = nlp("zonewordone zonewordtwo")
        nlp("zonewordthree")
    assert not nlp.vocab.in_memory_zone
    assert [t.text for t in kept] == ["zonewordone", "zonewordtwo"]
    assert len(nlp.vocab) <= before + 2
    assert [t.text for t in nlp("zonewordthree again")] == ["zonewordthree", "again"]


def test_string_store_members():
    strings = StringStore(["apple", "pear"])
    assert strings.values() == [strings["apple"], strings["pear"]]
    with strings.memory_zone():
        key = strings.add("transient-word", allow_transient=True)
        kept = strings.add("kept-word")
        assert key in strings
    assert key not in strings and kept in strings
    assert pickle.loads(pickle.dumps(strings)).values() == strings.values()


def test_lexeme_members():
    nlp = lexloom.blank("en")
    lex = nlp.vocab["apple"]
    assert lex.rank == OOV_RANK and lex.is_oov
    assert lex.prob == -20.0 and lex.cluster == 0 and lex.sentiment == 0.0
    lex.prob, lex.cluster, lex.sentiment = -5.0, 7, 0.5
    assert (lex.prob, lex.cluster, lex.sentiment) == (-5.0, 7, 0.5)
    assert nlp.vocab.lookups.get_table("lexeme_prob")["apple"] == -5.0
    assert lex.flags & (1 << attrs.IS_ALPHA)
    lex.flags = 0
    assert not lex.is_alpha
    lex.set_attrs(is_stop=True, norm="APPLE", prob=-3.0)
    assert lex.is_stop and lex.norm_ == "APPLE" and lex.prob == -5.0
    lex.rank = 3
    assert lex.rank == 3
    nlp.vocab.set_vector("pear", numpy.ones(4, dtype="f"))
    assert not nlp.vocab["pear"].is_oov and nlp.vocab["pear"].rank == 0


def test_vectors_members_and_pickle():
    assert Mode.values() == ["default", "floret"] and Mode("floret") == "floret"
    with pytest.raises(TypeError, match="E1046"):
        BaseVectors()
    table = Vectors(shape=(3, 4))
    assert isinstance(table, BaseVectors) and table.vectors_length == 4
    table.add("apple", vector=numpy.arange(4, dtype="f"))
    copy = pickle.loads(pickle.dumps(table))
    assert copy.vectors_length == 4 and copy.key2row == table.key2row
    assert unpickle_vectors(table.to_bytes()).shape == (3, 4)
    vocab = Vocab()
    assert create_mode_vectors()(vocab).strings is vocab.strings


def test_vocab_pickles_in_memory():
    nlp = lexloom.blank("en")
    nlp.vocab.strings.add("pickled")
    nlp.vocab.set_vector("cat", numpy.ones(3, dtype="f"))
    reducer, _ = pickle_vocab(nlp.vocab)
    assert reducer is unpickle_vocab
    copy = pickle.loads(pickle.dumps(nlp.vocab))
    assert "pickled" in copy.strings and copy.vectors.shape == nlp.vocab.vectors.shape
    assert copy["the"].is_stop and copy.lang == "en"


def test_morphology():
    strings = StringStore()
    morph = Morphology(strings)
    key = morph.add({"Number": "Sing", "Case": "Nom,Acc"})
    assert morph.get(key) == "Case=Acc,Nom|Number=Sing"
    assert morph.add("") == strings["_"] and morph.get(strings["_"]) == "_"
    assert morph.get(0) == "" and morph.get(strings.add("dog")) == ""
    assert morph.normalize_features({"POS": "NOUN", "Number": "Sing"}) == "Number=Sing|POS=NOUN"
    assert morph.normalize_attrs({"pos": "noun"}) == {attrs.POS: symbols.NOUN}
    assert Morphology.feats_to_dict("B=2|A=1,0") == {"B": "2", "A": "0,1"}
    assert Morphology.dict_to_feats({"B": "2", "A": "1,0"}) == "A=0,1|B=2"
    assert Morphology.dict_to_feats({}) == ""
    with pytest.warns(UserWarning, match="W100"):
        assert morph.normalize_features(["bad"]) == "_"
    again = unpickle_morphology(strings, ["Number=Sing"])
    assert again.get(strings["Number=Sing"]) == "Number=Sing"
    assert pickle.loads(pickle.dumps(morph)).get(key) == "Case=Acc,Nom|Number=Sing"


def test_setting_one_lex_attr_getter_takes_effect_for_new_lexemes():
    """spaCy code overrides a getter in place: vocab.lex_attr_getters[LIKE_NUM] = fn."""
    import lexloom
    from lexloom.attrs import LIKE_NUM

    nlp = lexloom.blank("en")
    nlp.vocab.lex_attr_getters[LIKE_NUM] = lambda text: text == "zork"
    assert [t.like_num for t in nlp("zork eleventy")] == [True, False]
    getters = nlp.vocab.lex_attr_getters
    del getters[LIKE_NUM]
    assert LIKE_NUM not in nlp.vocab.lex_attr_getters
    assert len(pickle.loads(pickle.dumps(nlp.vocab)).lex_attr_getters) == len(getters)


def test_the_empty_string_is_spacys_empty_lexeme():
    # spaCy's vocab[""] is its EMPTY_LEXEME: every id 0 and every flag False; the
    # character-class rules (all() over no characters) had made it punctuation and currency
    lex = lexloom.blank("en").vocab[""]
    assert (lex.orth, lex.lower, lex.norm, lex.shape, lex.lang) == (0, 0, 0, 0, 0)
    assert not any((lex.is_punct, lex.is_currency, lex.is_ascii, lex.is_alpha, lex.like_num,
                    lex.is_stop, lex.is_space))
    assert lex.text == "" and lex.is_oov


def test_string_getters_may_return_none_or_an_id_as_in_spacy():
    from lexloom.attrs import LOWER, NORM
    from lexloom.errors import VocabError

    vocab = lexloom.blank("en").vocab
    vocab.lex_attr_getters[NORM] = lambda text: None
    assert vocab["qq"].norm_ == ""
    vocab.lex_attr_getters[NORM] = lambda text: 5   # an id: spaCy's IS_PUNCT symbol
    assert vocab["qz"].norm_ == "IS_PUNCT"
    vocab.lex_attr_getters[NORM] = lambda text: text.upper()
    vocab.lex_attr_getters[LOWER] = lambda text: None
    assert vocab["Qw"].lower_ == "" and vocab["Qw"].norm_ == "QW"
    vocab.lex_attr_getters[NORM] = lambda text: 3.5
    with pytest.raises(VocabError, match="for NORM returned float 3.5"):
        vocab["qy"]
