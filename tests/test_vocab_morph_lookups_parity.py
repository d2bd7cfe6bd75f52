"""Vocab, Lexeme, StringStore, Morphology / MorphAnalysis, Lookups and language data behave as
spaCy 3.8's do: the values, exception types and error codes below were observed with spaCy
(a differential audit of ~23,000 calls); spaCy itself is not needed to run them."""
from __future__ import annotations

import json
import warnings

import numpy
import pytest

import lexloom
import lexloom.matcher
from lexloom.attrs import IS_ALPHA, LANG, LOWER, NORM, PREFIX
from lexloom.lookups import Lookups
from lexloom.morphology import Morphology
from lexloom.strings import StringStore
from lexloom.tokens import Doc, MorphAnalysis
from lexloom.vocab import Vocab

# ---- StringStore -------------------------------------------------------------------------


def test_to_bytes_is_spacys_json_str():
    assert StringStore(["b", "a", "c"]).to_bytes() == '["a","b","c"]'


def test_reading_a_folder_as_a_file_is_an_is_a_directory_error(tmp_path):
    """spaCy's open() raises IsADirectoryError; lexloom's error is one too, naming the path."""
    with pytest.raises(IsADirectoryError, match="is a folder") as info:
        StringStore().from_disk(tmp_path)
    assert isinstance(info.value, ValueError) and str(tmp_path) in str(info.value)


def test_to_disk_writes_indented_json(tmp_path):
    StringStore(["b", "a"]).to_disk(tmp_path / "s.json")
    assert (tmp_path / "s.json").read_text() == '[\n  "a",\n  "b"\n]'


def test_bytes_keys_hash_the_bytes_themselves():
    ss = StringStore()
    assert ss[b"NOUN"] == 1979547925953114071 and ss["NOUN"] == 92
    assert ss[b""] == 14313749767032693980 and ss[""] == 0
    assert ss.add(b"NOUN") == 1979547925953114071
    assert ss[b"hello"] == ss["hello"]


def test_as_int_returns_non_strings_unchanged():
    ss = StringStore()
    assert ss.as_int(None) is None and ss.as_int(5) == 5 and ss.as_int("") == 0


@pytest.mark.parametrize("key", [-1, -5, 2 ** 64, 2 ** 70])
def test_out_of_range_ids_are_overflow_errors(key):
    with pytest.raises(OverflowError):
        StringStore()[key]


@pytest.mark.parametrize("data,code", [(b"[1, 2]", "E017")])
def test_from_bytes_non_strings_are_e017_type_errors(data, code):
    with pytest.raises(TypeError, match=code):
        StringStore().from_bytes(data)


def test_from_bytes_takes_a_json_objects_keys():
    assert list(StringStore().from_bytes(b'{"a": 1}')) == ["a"]


# ---- Vocab ---------------------------------------------------------------------------------

SPACY_BLANK_EN_GETTERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18,
                          66, 67, 68, 69, 70, 83]


def test_language_vocab_lists_spacys_lex_attr_getters():
    vocab = lexloom.blank("en").vocab
    assert sorted(vocab.lex_attr_getters) == SPACY_BLANK_EN_GETTERS
    assert vocab.lex_attr_getters[LANG]("_") == "en"


def test_custom_string_getters_are_used():
    vocab = Vocab(lex_attr_getters={LOWER: lambda s: "Q", PREFIX: lambda s: s[:2]})
    assert vocab["abc"].lower_ == "Q" and vocab["abc"].prefix_ == "ab"
    assert vocab["日本語"].lower_ == "Q" and vocab["日本語"].prefix_ == "日本"


def test_a_vocab_sets_only_the_attributes_it_has_getters_for():
    # spaCy 3.8: a bare Vocab() gives lexemes no lower, shape, affixes, norm or flags, so a
    # LOWER pattern matches nothing there; a getter for one attribute sets just that one
    bare = Doc(Vocab(), words=["Hello", "42", "ça", "!"])
    assert [(t.lower_, t.shape_, t.prefix_, t.suffix_, t.norm_) for t in bare] == \
        [("", "", "", "", "")] * 4
    assert not any(t.is_alpha or t.is_digit or t.is_punct or t.is_title or t.is_ascii
                   for t in bare)
    assert sorted(bare.vocab.strings) == ["!", "42", "Hello", "ça"]
    matcher = lexloom.matcher.Matcher(bare.vocab)
    matcher.add("HI", [[{"LOWER": "hello"}]])
    assert matcher(bare) == []
    norm_only = Vocab(lex_attr_getters={NORM: str.upper, IS_ALPHA: lambda s: True})
    doc = Doc(norm_only, words=["Hello", "ça", "42"])
    assert [(t.norm_, t.lower_, t.is_alpha, t.is_digit) for t in doc] == \
        [("HELLO", "", True, False), ("ÇA", "", True, False), ("42", "", True, False)]
    # a language's vocab lists them all
    full = lexloom.blank("en")("Hello 42")
    assert [(t.lower_, t.shape_, t.norm_, t.is_alpha, t.is_digit) for t in full] == \
        [("hello", "Xxxxx", "hello", True, False), ("42", "dd", "42", False, True)]


def test_vocab_strings_make_lexemes_without_attributes_as_spacy():
    # spaCy makes a lexeme per string before it sets the getters: counted and `in` at once,
    # with no attributes even when getters are given; later words get them
    from lexloom.lang.lex_attrs import LEX_ATTRS

    vocab = Vocab(strings=["dog", "Cat"])
    assert len(vocab) == 2 and "Cat" in vocab and sorted(vocab.strings) == ["Cat", "dog"]
    with_getters = Vocab(strings=["dog"], lex_attr_getters=LEX_ATTRS)
    assert with_getters["dog"].lower_ == "" and with_getters["Cow"].lower_ == "cow"


def test_lang_getter_gives_vocab_lang():
    assert Vocab(lex_attr_getters={LANG: lambda s: "xx"}).lang == "xx"


def test_add_flag_takes_the_lowest_bit_without_a_getter():
    vocab = Vocab()
    vocab["hello"], vocab["World"]
    assert vocab.add_flag(lambda s: s.istitle()) == 1
    assert vocab.add_flag(lambda s: s.islower()) == 2
    assert [vocab["World"].check_flag(1), vocab["hello"].check_flag(1),
            vocab["hello"].check_flag(2), vocab["New"].check_flag(1)] == [True, False, True, True]
    assert lexloom.blank("en").vocab.add_flag(lambda s: True) == 13


def test_contains_bytes_and_empty_text():
    vocab = Vocab()
    vocab["apple"], vocab[""]
    assert b"apple" in vocab and "apple" in vocab
    assert "" not in vocab


def test_getitem_errors():
    vocab = Vocab()
    with pytest.raises(KeyError, match="E018"):
        vocab[123456789]
    for bad in (None, [1], b"apple"):
        with pytest.raises(TypeError):
            vocab[bad]


def test_lexeme_vector_without_vectors_is_e010():
    with pytest.raises(ValueError, match="E010"):
        Vocab()["cat"].vector
    with pytest.raises(ValueError, match="E010"):
        Vocab()["cat"].vector_norm


def test_to_bytes_keys_and_exclude():
    import srsly

    vocab = lexloom.blank("en").vocab
    vocab.set_vector("hello", numpy.ones((3,), "f"))
    assert sorted(srsly.msgpack_loads(vocab.to_bytes())) == ["lookups", "strings", "vectors"]
    assert sorted(srsly.msgpack_loads(vocab.to_bytes(exclude=["strings"]))) == [
        "lookups", "vectors"]
    assert srsly.msgpack_loads(vocab.to_bytes(exclude=["strings", "vectors", "lookups"])) == {}
    data = vocab.to_bytes()
    assert "hello" not in Vocab().from_bytes(data, exclude=["strings"]).strings
    assert "hello" in Vocab().from_bytes(data).strings
    assert len(Vocab().from_bytes(srsly.msgpack_dumps({})).strings) == 0


def test_from_disk_without_strings_json_raises(tmp_path):
    with pytest.raises(ValueError):
        Vocab().from_disk(tmp_path / "nope")


def test_prune_vectors_to_zero_rows_is_e198():
    vocab = Vocab()
    vocab.set_vector("a", numpy.ones((2,), "f"))
    with pytest.raises(ValueError, match="E198"):
        vocab.prune_vectors(0)


# ---- Morphology / MorphAnalysis ------------------------------------------------------------


@pytest.mark.parametrize("feats,expected", [
    ("Number=", {"Number": ""}), ("=Sing", {"": "Sing"}), ("Case=Nom,Acc", {"Case": "Acc,Nom"}),
    ("Number=Sing|Number=Plur", {"Number": "Plur"}), ("_", {}), ("", {})])
def test_feats_to_dict(feats, expected):
    assert Morphology.feats_to_dict(feats) == expected


@pytest.mark.parametrize("feats", ["a=b=c", "Number", "Number=Sing|Case"])
def test_feats_to_dict_malformed_is_a_value_error(feats):
    with pytest.raises(ValueError):
        Morphology.feats_to_dict(feats)


@pytest.mark.parametrize("features,text", [
    ("pos=noun", "POS=NOUN"), ({"POS": "NOUN"}, "POS=NOUN"), ({"Number": ""}, "Number="),
    ({5: "x"}, "IS_PUNCT=x"), ({"Number": 5}, "Number=IS_PUNCT"), ("Number=", "Number="),
    ("Case=Nom|Number=Sing", "Case=Nom|Number=Sing"), ("Number=Sing|Case=Nom",
                                                       "Case=Nom|Number=Sing")])
def test_morph_analysis_text(features, text):
    vocab = Vocab()
    morph = MorphAnalysis(vocab, features)
    assert str(morph) == morph.to_json() == repr(morph) == text


@pytest.mark.parametrize("bad", [None, 5.0, ["Number=Sing"], b"Number=Sing"])
def test_morph_analysis_of_other_types_warns_w100(bad):
    with pytest.warns(UserWarning, match="W100"):
        assert str(MorphAnalysis(Vocab(), bad)) == ""


def test_morph_analysis_contains_iter_len():
    morph = MorphAnalysis(Vocab(), "Number=Sing,|Case=Nom,Acc")
    assert list(morph) == ["Case=Acc", "Case=Nom", "Number=", "Number=Sing"]
    assert len(morph) == 4
    assert "Case=Nom" in morph and "Number" not in morph and "Case=Nom,Acc" not in morph


def test_morph_analysis_eq_hash():
    vocab = Vocab()
    a = MorphAnalysis(vocab, "Number=Sing|Case=Nom")
    b = MorphAnalysis(vocab, "Case=Nom|Number=Sing")
    assert a == b and hash(a) == hash(b)
    assert hash(MorphAnalysis(vocab, "Number=Sing")) == -7154192158212308945
    with pytest.raises(ValueError, match="E977"):
        a == "Case=Nom|Number=Sing"
    assert MorphAnalysis(vocab, "Number=Sing") != MorphAnalysis(vocab, "Number=Plur")


def test_token_morph_is_the_one_morph_analysis_class():
    import pickle

    import lexloom.morphology
    import lexloom.tokens.morphanalysis

    doc = Doc(Vocab(), words=["cats", "sat"], morphs=["Number=Plur", ""])
    morph = doc[0].morph
    assert type(morph) is MorphAnalysis is lexloom.morphology.MorphAnalysis
    assert MorphAnalysis is lexloom.tokens.morphanalysis.MorphAnalysis
    assert (str(morph), morph.get("Number"), morph.to_dict()) == ("Number=Plur", ["Plur"],
                                                                  {"Number": "Plur"})
    assert str(doc[1].morph) == "" and morph.vocab is doc.vocab
    with pytest.raises(AttributeError):   # read only, as spaCy's
        morph.key = 5
    with pytest.raises(TypeError):        # spaCy's can't be pickled either: the Doc travels
        pickle.dumps(morph)


def test_morphology_get_only_knows_analyses():
    vocab = Vocab()
    assert vocab.morphology.get(vocab.strings.add("Number=Sing|Case=Nom")) == ""
    assert vocab.morphology.get(vocab.strings.add("Case=Nom,Acc")) == ""
    assert vocab.morphology.get(vocab.strings.add("hello")) == ""
    assert vocab.morphology.get(vocab.morphology.add("Number=Sing|Case=Nom")) == (
        "Case=Nom|Number=Sing")
    assert str(MorphAnalysis.from_id(vocab, 12345)) == ""


def test_reading_an_unseen_morph_string_leaves_the_warning_registry_alone():
    # a catch_warnings block in Morphology.get reset which warnings had been shown, so a
    # user's "default"-action warning repeated after every nlp() (found with textdescriptives)
    import warnings

    def warn():
        warnings.warn("a user warning", UserWarning)

    vocab = Vocab()
    doc = Doc(vocab, words=["dogs"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        warn()
        doc[0].morph = vocab.strings.add("Number=Plur")
        assert str(doc[0].morph) == "Number=Plur"
        warn()
    assert len(caught) == 1


def test_morphology_add_known_string_shortcut():
    vocab = Vocab()
    key = vocab.morphology.add({"Number": "Sing|Case=Nom"})
    assert vocab.strings[key] == "Number=Sing|Case=Nom"
    assert vocab.morphology.add("Number=Sing|Case=Nom") == key


@pytest.mark.parametrize("how", ["morphology.add", "Doc(morphs=)", "token.set_morph",
                                 "morphologizer"])
def test_an_analysis_interns_its_fields_and_field_values(how):
    """spaCy's Morphology.add interns "Aspect", "Aspect=Prog", ...: code looks them up by
    hash, and saved strings.json files list them."""
    from lexloom.strings import hash_string

    nlp = lexloom.blank("en")
    feats = "Tense=Pres|Aspect=Prog|Number=Plur,Sing"
    if how == "morphology.add":
        nlp.vocab.morphology.add(feats)
    elif how == "Doc(morphs=)":
        Doc(nlp.vocab, words=["looking"], morphs=[feats])
    elif how == "token.set_morph":
        Doc(nlp.vocab, words=["looking"])[0].set_morph(feats)
    else:
        nlp.add_pipe("morphologizer").add_label(f"POS=VERB|{feats}")
    for text in ["Aspect", "Aspect=Prog", "Tense=Pres", "Number=Plur", "Number=Sing"]:
        assert nlp.vocab.strings[hash_string(text)] == text
    assert ("POS=VERB" in nlp.vocab.strings) == (how == "morphologizer")


def test_doc_morphs_int_is_e017():
    with pytest.raises(TypeError, match="E017"):
        Doc(Vocab(), words=["x"], morphs=[5])


# ---- Lookups -------------------------------------------------------------------------------


def test_lookups_error_codes():
    lookups = Lookups()
    lookups.add_table("t1")
    with pytest.raises(ValueError, match="E158"):
        lookups.add_table("t1")
    with pytest.raises(KeyError, match="E159"):
        lookups.get_table("zz")
    with pytest.raises(KeyError, match="E159"):
        lookups.remove_table("zz")


def test_load_lookups_unknown_language_is_e955():
    from lexloom.lookups import load_lookups

    with pytest.raises(ValueError, match="E955"):
        load_lookups("zz", ["lexeme_norm"])
    assert load_lookups("zz", ["lexeme_norm"], strict=False).tables == []


# ---- language data -------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["am", "bg", "mk", "ti"])
def test_defaults_with_a_lang_getter(code):
    from lexloom.attrs import LANG, LIKE_NUM

    getters = lexloom.util.get_lang_class(code).Defaults.lex_attr_getters
    assert sorted(getters) == sorted([LANG, LIKE_NUM])   # attribute ids, as spaCy keys them
    assert getters["LANG"]("_") == code and getters[LANG] is getters["LANG"]


def test_defaults_lex_attr_getters_are_keyed_by_attribute_id_as_spacys():
    """spaCy's Defaults.lex_attr_getters are keyed by ids: `getters[LIKE_NUM]` works; names
    work too, and a language class's own dict is converted when the class is made."""
    from lexloom.attrs import IS_STOP, LIKE_NUM

    getters = lexloom.util.get_lang_class("en").Defaults.lex_attr_getters
    assert list(getters) == [LIKE_NUM] and getters[LIKE_NUM]("ten") is True
    assert "LIKE_NUM" in getters and "NOT_AN_ATTR" not in getters and IS_STOP not in getters

    class Custom(lexloom.util.get_lang_class("en").Defaults):
        lex_attr_getters = {"LIKE_NUM": lambda text: text == "zork"}

    assert list(Custom.lex_attr_getters) == [LIKE_NUM]
    assert Custom.lex_attr_getters[LIKE_NUM]("zork") is True


@pytest.mark.parametrize("code", ["id", "ms"])
def test_noun_chunks_of_id_and_ms(code):
    nlp = lexloom.blank(code)
    assert "noun_chunks" in nlp.Defaults.syntax_iterators
    doc = Doc(nlp.vocab, words=["kucing", "hitam", "tidur"], heads=[2, 0, 2],
              deps=["nsubj", "amod", "ROOT"], pos=["NOUN", "ADJ", "VERB"])
    assert [c.text for c in doc.noun_chunks] == ["kucing hitam"]


@pytest.mark.parametrize("code", ["gd", "vi"])
def test_stop_words_hold_spacys_empty_string(code):
    assert "" in lexloom.util.get_lang_class(code).Defaults.stop_words


def test_glossary_matches_spacys_wording():
    assert lexloom.explain("PER") == "Named person or family."
    assert lexloom.explain("BA") == "把 in ba-construction"
    assert lexloom.explain("MISC") == ("Miscellaneous entities, e.g. events, nationalities, "
                                       "products or works of art")


def test_strings_to_bytes_loads_in_vocab_from_bytes():
    vocab = Vocab(strings=["a", "b"])
    assert json.loads(vocab.strings.to_bytes()) == ["a", "b"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "a" in Vocab().from_bytes(vocab.to_bytes()).strings


def test_morph_to_dict_is_a_fresh_dict_each_call():
    """The parsed FEATS are cached per string: the dict handed out is the caller's own."""
    import lexloom
    from lexloom.morphology import feats_to_dict

    nlp = lexloom.blank("en")
    doc = nlp("cats sleep")
    doc[0].set_morph("Number=Plur|Case=Nom,Acc")
    first = doc[0].morph.to_dict()
    assert first == {"Case": "Acc,Nom", "Number": "Plur"}
    first["Number"] = "Sing"
    first["Extra"] = "x"
    assert doc[0].morph.to_dict() == {"Case": "Acc,Nom", "Number": "Plur"}
    assert feats_to_dict("Number=Plur|Case=Nom,Acc") == {"Case": "Acc,Nom", "Number": "Plur"}
    assert doc[0].morph.get("Case") == ["Acc", "Nom"]
