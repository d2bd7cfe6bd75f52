"""The attribute ruler: rules from patterns, tag maps and morph rules; order and index
semantics; saving; bad input; and a small en_core_web_sm-like pipeline (a tag map plus
exceptions, then the rule lemmatizer) with expected output derived by hand."""
import pytest
import srsly
from hypothesis import given, settings
from hypothesis import strategies as st

import lexloom
from lexloom.errors import AttributeRulerError, DeserializationError
from lexloom.lookups import Lookups
from lexloom.pipeline import AttributeRuler
from lexloom.tokens import Doc, Token
from lexloom.training.example import Example

TAG_MAP = {
    "PRP": {"POS": "PRON", "PronType": "prs"},
    "VBD": {"POS": "VERB", "VerbForm": "fin", "Tense": "past"},
    "DT": {"POS": "DET"},
    "NNS": {"POS": "NOUN", "Number": "plur"},
    ".": {"POS": "PUNCT", "PunctType": "peri"},
}
MORPH_RULES = {"PRP": {"I": {"LEMMA": "I", "Case": "Nom", "Number": "Sing", "Person": "1",
                             "PronType": "Prs"}}}


@pytest.fixture
def nlp():
    return lexloom.blank("en")


def tagged(nlp, words, tags, **kw):
    return Doc(nlp.vocab, words=words, tags=tags, **kw)


def test_add_sets_attrs_on_the_indexed_token(nlp):
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler) and ruler.name == "attribute_ruler"
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN", "MORPH": "Number=Plur"})
    ruler.add([[{"LOWER": "the"}, {"TAG": "NNS"}]], {"LEMMA": "THE-X"}, index=-1)
    ruler.add([[{"LOWER": "the"}]], {"LEMMA": "the", "NORM": "teh"})
    doc = ruler(tagged(nlp, ["the", "ducks", "ducks"], ["DT", "NNS", "NNS"]))
    assert [t.pos_ for t in doc] == ["", "NOUN", "NOUN"]
    assert [str(t.morph) for t in doc] == ["", "Number=Plur", "Number=Plur"]
    assert [t.lemma_ for t in doc] == ["the", "THE-X", ""]
    assert [t.norm_ for t in doc] == ["teh", "ducks", "ducks"]


def test_later_rules_win(nlp):
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN", "LEMMA": "a"})
    ruler.add([[{"LOWER": "ducks"}]], {"POS": "PROPN"})
    ruler.add([[{"TAG": "NNS"}]], {"LEMMA": "b"})
    doc = ruler(tagged(nlp, ["ducks", "geese"], ["NNS", "NNS"]))
    assert [(t.pos_, t.lemma_) for t in doc] == [("PROPN", "b"), ("NOUN", "b")]


def test_tag_map_and_morph_rules(nlp):
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.load_from_tag_map(TAG_MAP)
    ruler.load_from_morph_rules(MORPH_RULES)
    doc = ruler(tagged(nlp, ["I", "saw", "the", "ducks", "."], ["PRP", "VBD", "DT", "NNS", "."]))
    assert [t.pos_ for t in doc] == ["PRON", "VERB", "DET", "NOUN", "PUNCT"]
    assert [str(t.morph) for t in doc] == [
        "Case=Nom|Number=Sing|Person=1|PronType=Prs", "Tense=past|VerbForm=fin", "",
        "Number=plur", "PunctType=peri"]
    assert doc[0].lemma_ == "I" and doc[1].lemma == 0
    # a tag-map entry without features still sets MORPH (to the empty analysis)
    assert doc[2].morph.key == nlp.vocab.strings["_"]
    assert ruler.patterns[0] == {"patterns": [[{"TAG": "PRP"}]],
                                 "attrs": {"POS": "PRON", "MORPH": "PronType=prs"}, "index": 0}


def test_initialize_replaces_rules(nlp):
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "x"}]], {"POS": "X"})
    patterns = [{"patterns": [[{"ORTH": "ducks"}]], "attrs": {"LEMMA": "duck"}}]
    ruler.initialize(lambda: [], patterns=patterns, tag_map={"NNS": {"POS": "NOUN"}})
    assert len(ruler.patterns) == 2
    doc = ruler(tagged(nlp, ["x", "ducks"], ["NNS", "NNS"]))
    assert [(t.pos_, t.lemma_) for t in doc] == [("NOUN", ""), ("NOUN", "duck")]


def test_index_out_of_span_is_an_error(nlp):
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "a"}, {"ORTH": "b"}]], {"LEMMA": "z"}, index=2)
    with pytest.raises(AttributeRulerError, match=r"Index 2 .*\['a', 'b'\]"):
        ruler(Doc(nlp.vocab, words=["a", "b"]))
    ruler.clear()
    ruler.add([[{"ORTH": "a"}, {"ORTH": "b"}]], {"LEMMA": "z"}, index=-3)
    with pytest.raises(ValueError):
        ruler(Doc(nlp.vocab, words=["a", "b"]))


def test_unknown_attributes_and_head_are_ignored_with_a_warning_as_spacy_skips_them(nlp):
    # a spaCy pipeline whose rules name them still loads and runs
    ruler = nlp.add_pipe("attribute_ruler")
    with pytest.warns(UserWarning, match="WIBBLE"):
        ruler.add([[{"ORTH": "a"}]], {"WIBBLE": "x", "TAG": "DT"})
    with pytest.warns(UserWarning, match="HEAD"):
        ruler.add([[{"ORTH": "b"}]], {"HEAD": 1, "TAG": "NN"})
    doc = nlp("a b")
    assert [t.tag_ for t in doc] == ["DT", "NN"]
    assert [t.head.i for t in doc] == [0, 1]
    assert ruler.patterns[0]["attrs"] == {"WIBBLE": "x", "TAG": "DT"}


def test_bad_attrs(nlp):
    ruler = nlp.add_pipe("attribute_ruler")
    with pytest.raises(AttributeRulerError, match="E1025"):
        ruler.add([[{"ORTH": "a"}]], {"ENT_IOB": "X"})
    with pytest.raises(AttributeRulerError, match="noun"):
        ruler.add([[{"ORTH": "a"}]], {"POS": "noun"})
    with pytest.raises(AttributeRulerError, match="POS value 12345"):
        ruler.add([[{"ORTH": "a"}]], {"POS": 12345})
    with pytest.raises(AttributeRulerError, match="ENT_IOB"):
        ruler.add([[{"ORTH": "a"}]], {"ENT_IOB": 7})
    with pytest.raises(AttributeRulerError, match="float"):
        ruler.add([[{"ORTH": "a"}]], {"LEMMA": 1.5})
    with pytest.raises(AttributeRulerError, match="not_registered"):
        ruler.add([[{"ORTH": "a"}]], {"_": {"not_registered": 1}})
    with pytest.raises(AttributeRulerError, match="'patterns'"):
        ruler.add_patterns([{"attrs": {"POS": "X"}}])
    assert ruler.patterns == []


def test_extension_attrs(nlp):
    Token.set_extension("ar_flag", default=False, force=True)
    try:
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add([[{"ORTH": "b"}]], {"_": {"ar_flag": True}, "POS": "X"})
        doc = ruler(Doc(nlp.vocab, words=["a", "b"]))
        assert [t._.ar_flag for t in doc] == [False, True]
        assert doc[1].pos_ == "X"
    finally:
        Token.remove_extension("ar_flag")


def test_entity_and_morph_values(nlp):
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "Paris"}]], {"ENT_IOB": "B", "ENT_TYPE": "GPE", "MORPH": ""})
    doc = ruler(Doc(nlp.vocab, words=["in", "Paris"]))
    assert doc[1].ent_iob_ == "B" and doc[1].ent_type_ == "GPE"
    assert doc[1].morph.key == nlp.vocab.strings["_"]


def test_remove(nlp):
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "a"}]], {"POS": "X"})
    ruler.add([[{"ORTH": "b"}]], {"POS": "NOUN"})
    ruler.remove("0")
    assert [p["attrs"] for p in ruler.patterns] == [{"POS": "NOUN"}]
    doc = ruler(Doc(nlp.vocab, words=["a", "b"]))
    assert [t.pos_ for t in doc] == ["", "NOUN"]
    with pytest.raises(AttributeRulerError):
        ruler.remove("5")


def test_disk_and_bytes_round_trip(nlp, tmp_path):
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.load_from_tag_map(TAG_MAP)
    ruler.add([[{"LOWER": "the"}, {"TAG": "NNS"}]], {"LEMMA": "x"}, index=1)
    ruler.to_disk(tmp_path / "ar")
    # the file spaCy reads: msgpack of the patterns list
    assert srsly.read_msgpack(tmp_path / "ar" / "patterns") == ruler.patterns
    other = lexloom.blank("en")
    loaded = other.add_pipe("attribute_ruler").from_disk(tmp_path / "ar")
    assert loaded.patterns == ruler.patterns
    doc = loaded(tagged(other, ["the", "ducks"], ["DT", "NNS"]))
    assert [(t.pos_, t.lemma_) for t in doc] == [("DET", ""), ("NOUN", "x")]
    third = lexloom.blank("en")
    again = third.add_pipe("attribute_ruler").from_bytes(ruler.to_bytes())
    assert again.patterns == ruler.patterns
    (tmp_path / "ar" / "patterns").write_bytes(
        (tmp_path / "ar" / "patterns").read_bytes()[:30])
    with pytest.raises(DeserializationError, match="patterns"):
        lexloom.blank("en").add_pipe("attribute_ruler").from_disk(tmp_path / "ar")


def test_scorer(nlp):
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.load_from_tag_map(TAG_MAP)
    words, tags = ["the", "ducks"], ["DT", "NNS"]
    pred = ruler(tagged(nlp, words, tags))
    ref = Doc(nlp.vocab, words=words, tags=tags, pos=["DET", "VERB"],
              morphs=["_", "Number=plur"], lemmas=["the", "duck"])
    scores = ruler.score([Example(pred, ref)])
    assert scores["tag_acc"] == 1.0 and scores["pos_acc"] == 0.5 and scores["morph_acc"] == 1.0
    assert nlp.get_pipe_config("attribute_ruler")["scorer"] == {
        "@scorers": "spacy.attribute_ruler_scorer.v1"}


def test_small_tagger_output_pipeline(nlp, tmp_path):
    """What en_core_web_sm does after its tagger, on rules and tables written here."""
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.load_from_tag_map(TAG_MAP)
    ruler.load_from_morph_rules(MORPH_RULES)
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, index=0)
    lem = nlp.add_pipe("lemmatizer")
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["ed", ""]]})
    lookups.add_table("lemma_exc", {"verb": {"saw": ["see"]}})
    lookups.add_table("lemma_index", {"noun": ["duck"]})
    lem.initialize(lookups=lookups)
    ruler.to_disk(tmp_path / "attribute_ruler")
    lem.to_disk(tmp_path / "lemmatizer")
    fresh = lexloom.blank("en")
    fresh.add_pipe("attribute_ruler").from_disk(tmp_path / "attribute_ruler")
    fresh.add_pipe("lemmatizer").from_disk(tmp_path / "lemmatizer")
    words = ["I", "saw", "the", "ducks", ".", "gon", "na", "ducks"]
    tags = ["PRP", "VBD", "DT", "NNS", ".", "VBD", "DT", "NNS"]
    for pipeline in (nlp, fresh):
        doc = tagged(pipeline, words, tags)
        for _, proc in pipeline.pipeline:
            doc = proc(doc)
        assert [t.pos_ for t in doc] == ["PRON", "VERB", "DET", "NOUN", "PUNCT", "VERB", "DET",
                                         "NOUN"]
        # I: from the morph rule. saw: exception. the, ".": no det/punct tables -> lower-cased
        # text. ducks: -s rule, indexed. gon: the rule's lemma; na: no tables -> "na".
        assert [t.lemma_ for t in doc] == ["I", "see", "the", "duck", ".", "go", "na", "duck"]


def test_validate_reports_malformed_patterns(nlp):
    from lexloom.errors import MatchPatternError

    ruler = nlp.add_pipe("attribute_ruler", config={"validate": True})
    assert ruler.validate is True
    with pytest.raises(MatchPatternError, match="TAGG"):
        ruler.add([[{"TAGG": "NNS"}]], {"POS": "NOUN"})


def test_pipeline_folder_round_trip(nlp, tmp_path):
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN", "MORPH": "Number=Plur"})
    lem = nlp.add_pipe("lemmatizer")
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]]})
    lem.initialize(lookups=lookups)
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "attribute_ruler" / "patterns").exists()
    assert (tmp_path / "pipe" / "lemmatizer" / "lookups" / "lookups.bin").exists()
    loaded = lexloom.load(tmp_path / "pipe")
    doc = tagged(loaded, ["ducks"], ["NNS"])
    for _, proc in loaded.pipeline:
        doc = proc(doc)
    assert [(t.pos_, str(t.morph), t.lemma_) for t in doc] == [("NOUN", "Number=Plur", "duck")]


WORDS = ["a", "b", "c", "A"]
TAGS = ["X1", "X2", "X3"]
SETTABLE = [("POS", ["NOUN", "VERB", "ADJ"]), ("LEMMA", ["l1", "l2"]), ("MORPH", ["F=1", "F=2"]),
            ("NORM", ["n1", "n2"])]


@st.composite
def rule(draw):
    length = draw(st.integers(1, 2))
    pattern = []
    for _ in range(length):
        key = draw(st.sampled_from(["ORTH", "LOWER", "TAG"]))
        pattern.append({key: draw(st.sampled_from(TAGS if key == "TAG" else WORDS))})
    attrs = {name: draw(st.sampled_from(values))
             for name, values in draw(st.lists(st.sampled_from(SETTABLE), min_size=1,
                                               max_size=3, unique_by=lambda x: x[0]))}
    index = draw(st.integers(-length, length - 1))
    return pattern, attrs, index


def reference(words, tags, rules):
    """Brute force: every rule in order, every start position, last write wins."""
    out = [{} for _ in words]
    for pattern, attrs, index in rules:
        n = len(pattern)
        for start in range(len(words) - n + 1):
            ok = all(
                (words[start + k] if key == "ORTH" else words[start + k].lower() if key == "LOWER"
                 else tags[start + k]) == value
                for k, spec in enumerate(pattern) for key, value in spec.items())
            if ok:
                out[start + index if index >= 0 else start + n + index].update(attrs)
    return out


@settings(max_examples=50, deadline=None)
@given(st.lists(rule(), min_size=1, max_size=6),
       st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS)), min_size=1,
                max_size=12))
def test_rules_match_a_brute_force_reference(rules, tokens):
    nlp = lexloom.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for pattern, attrs, index in rules:
        ruler.add([pattern], attrs, index=index)
    words, tags = [w for w, _ in tokens], [t for _, t in tokens]
    doc = ruler(Doc(nlp.vocab, words=words, tags=tags))
    expected = reference(words, tags, rules)
    for token, exp in zip(doc, expected):
        assert token.pos_ == exp.get("POS", "")
        assert token.lemma_ == exp.get("LEMMA", "")
        assert str(token.morph) == exp.get("MORPH", "")
        assert token.norm_ == exp.get("NORM", token.lower_)


def test_empty_doc(nlp):
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "a"}]], {"POS": "X"})
    lem = nlp.add_pipe("lemmatizer")
    lookups = Lookups()
    lookups.add_table("lemma_rules", {})
    lem.initialize(lookups=lookups)
    doc = Doc(nlp.vocab, words=[])
    assert len(lem(ruler(doc))) == 0


def test_sent_start_sets_and_is_sent_start_is_ignored_as_in_spacy():
    """SENT_START in attrs sets a sentence start (the attribute ruler and a retokenizer
    merge alike); IS_SENT_START is ignored without a word, as spaCy's token setter does."""
    nlp = lexloom.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}]], {"SENT_START": 0})
    ruler.add([[{"LOWER": "b"}]], {"SENT_START": 1})
    ruler.add([[{"LOWER": "c"}]], {"IS_SENT_START": True})
    assert [t.is_sent_start for t in nlp("x a b c a")] == [True, None, True, None, None]
    doc = nlp.make_doc("x a b c a")
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[1:2], attrs={"SENT_START": 1})
        retokenizer.merge(doc[2:3], attrs={"IS_SENT_START": True})
    assert [t.is_sent_start for t in doc] == [True, True, None, None, None]


def test_an_empty_ruler_warns_w036_as_in_spacy():
    nlp = lexloom.blank("en")
    nlp.add_pipe("attribute_ruler")
    with pytest.warns(UserWarning, match=r"\[W036\]"):
        nlp("a b")


def test_pattern_type_names_are_importable_for_type_hints():
    from lexloom.pipeline.attributeruler import (AttributeRulerPatternType, MatcherPatternType,
                                                 MorphRulesType, TagMapType)

    assert MatcherPatternType.__origin__ is list and TagMapType.__origin__ is dict
    assert AttributeRulerPatternType.__origin__ is dict and MorphRulesType.__origin__ is dict


def test_a_saved_rulers_missing_patterns_file_is_an_error_not_an_empty_ruler(tmp_path):
    # spaCy can't read the folder either; loading it empty changed every annotation
    nlp = lexloom.blank("en")
    nlp.add_pipe("attribute_ruler").add(patterns=[[{"ORTH": "a"}]], attrs={"TAG": "DT"})
    nlp.add_pipe("span_ruler").add_patterns([{"label": "X", "pattern": "a"}])
    nlp.to_disk(tmp_path / "pipe")
    for name in ("attribute_ruler", "span_ruler"):
        copy = tmp_path / f"without_{name}"
        import shutil

        shutil.copytree(tmp_path / "pipe", copy)
        (copy / name / "patterns").unlink()
        with pytest.raises(FileNotFoundError, match="patterns is missing"):
            lexloom.load(copy)
    assert lexloom.load(tmp_path / "pipe")("a b")[0].tag_ == "DT"


def test_loading_replaces_the_rules_instead_of_adding_to_them(tmp_path):
    """spaCy's from_bytes / from_disk add the stored rules to the ruler's own: each
    nlp.from_bytes(nlp.to_bytes()) on one pipeline doubled them (and its strings). A load
    that fails leaves the rules as they were."""
    import lexloom
    from lexloom.errors import LexloomError

    nlp = lexloom.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "dog"}]], {"TAG": "NN"})
    ruler.add([[{"LOWER": "cats"}]], {"TAG": "NNS"})
    for _ in range(3):
        nlp.from_bytes(nlp.to_bytes())
    assert len(ruler.patterns) == 2
    ruler.to_disk(tmp_path / "ruler")
    ruler.from_disk(tmp_path / "ruler")
    assert len(ruler.patterns) == 2
    assert [t.tag_ for t in nlp("dog cats")] == ["NN", "NNS"]
    import srsly

    bad = srsly.msgpack_dumps({"patterns": srsly.msgpack_dumps(
        [{"patterns": [[{"LOWER": "x"}]], "attrs": {"TAG": "X"}},
         {"patterns": [[{"LOWER": "y"}]], "attrs": {"TAG": 5.5}}])})
    with pytest.raises(LexloomError):
        ruler.from_bytes(bad)
    assert len(ruler.patterns) == 2 and [t.tag_ for t in nlp("dog")] == ["NN"]


def test_patterns_that_are_not_a_list_are_a_clear_error():
    import lexloom

    ruler = lexloom.blank("en").add_pipe("attribute_ruler")
    with pytest.raises(ValueError, match=r"E948.*list of Matcher patterns.*not 5"):
        ruler.add_patterns([{"patterns": 5, "attrs": {"TAG": "X"}}])
    assert ruler.patterns == []
