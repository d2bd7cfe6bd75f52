"""The lemmatizer: English rule semantics on hand-made tables, lookup mode, the native cache
against the per-token rules, tables from [initialize], disk and bytes, and bad input."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexloom.util import load_model_from_config
import lexloom
from lexloom.errors import DeserializationError, LexloomWarning, LookupsError, PipelineError
from lexloom.lang.en.lemmatizer import EnglishLemmatizer
from lexloom.lookups import Lookups
from lexloom.pipeline import Lemmatizer
from lexloom.tokens import Doc
from lexloom.training.example import Example

RULES = {"noun": [["s", ""], ["ies", "y"], ["es", ""]],
         "verb": [["ing", ""], ["ed", ""], ["s", ""], ["ies", "y"]],
         "adj": [["er", ""], ["est", ""]]}
INDEX = {"noun": ["duck", "fly", "box"], "verb": ["walk", "fly"], "adj": ["big"]}
EXC = {"noun": {"mice": ["mouse"]}, "verb": {"went": ["go"], "flies": ["fly"]}}


def rule_lookups(exc=True, index=True) -> Lookups:
    lookups = Lookups()
    lookups.add_table("lemma_rules", RULES)
    if index:
        lookups.add_table("lemma_index", INDEX)
    if exc:
        lookups.add_table("lemma_exc", EXC)
    return lookups


@pytest.fixture
def nlp():
    return lexloom.blank("en")


@pytest.fixture
def rule_lemmatizer(nlp):
    lem = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lem.initialize(lookups=rule_lookups())
    return lem


def lemmas(nlp, lem, words, pos, morphs=None, lemmas=None):
    doc = Doc(nlp.vocab, words=words, pos=pos, morphs=morphs, lemmas=lemmas)
    return [t.lemma_ for t in lem(doc)]


def test_factory_makes_the_english_rule_lemmatizer(nlp):
    lem = nlp.add_pipe("lemmatizer")
    assert isinstance(lem, EnglishLemmatizer) and lem.mode == "rule" and lem.overwrite is False
    cfg = nlp.get_pipe_config("lemmatizer")
    assert cfg["mode"] == "rule" and cfg["model"] is None
    assert cfg["scorer"] == {"@scorers": "spacy.lemmatizer_scorer.v1"}
    assert Lemmatizer.get_lookups_config("rule") == (["lemma_rules"], ["lemma_exc", "lemma_index"])
    assert Lemmatizer.get_lookups_config("lookup") == (["lemma_lookup"], [])


def test_rule_lemmas_derived_by_hand(nlp, rule_lemmatizer):
    words = ["ducks", "flies", "mice", "went", "walking", "jumped", "boxes", "e-mails", "bigger"]
    pos = ["NOUN", "NOUN", "NOUN", "VERB", "VERB", "VERB", "NOUN", "NOUN", "ADJ"]
    # ducks: -s gives the indexed "duck". flies: -ies gives indexed "fly", ahead of the OOV
    # "flie"/"fli". mice/went: exceptions. jumped: only the OOV "jump". boxes: -es gives
    # indexed "box" (-s gives OOV "boxe"). e-mails: "e-mail" isn't alphabetic, so it is kept.
    # bigger: -er gives only the OOV "bigg" (real tables list such words as exceptions).
    assert lemmas(nlp, rule_lemmatizer, words, pos) == [
        "duck", "fly", "mouse", "go", "walk", "jump", "box", "e-mail", "bigg"]


def test_rule_lemma_candidates_order(nlp, rule_lemmatizer):
    doc = Doc(nlp.vocab, words=["flies", "Ducks", "Ducks", "Jumped"],
              pos=["VERB", "PROPN", "ADV", "VERB"])
    # exception first, then indexed forms
    assert rule_lemmatizer.rule_lemmatize(doc[0]) == ["fly"]
    assert rule_lemmatizer.rule_lemmatize(doc[1]) == ["Ducks"]  # no propn tables: as written
    assert rule_lemmatizer.rule_lemmatize(doc[2]) == ["ducks"]  # no adv tables: lower-cased
    assert rule_lemmatizer.rule_lemmatize(doc[3]) == ["jump"]


def test_english_base_forms_skip_the_rules(nlp, rule_lemmatizer):
    words = ["ducks", "walking", "bigger", "flies", "Ducks"]
    pos = ["NOUN", "VERB", "ADJ", "VERB", "NOUN"]
    morphs = ["Number=Sing", "VerbForm=Inf", "Degree=Pos", "Tense=Pres|VerbForm=Fin",
              "Number=Plur"]
    assert lemmas(nlp, rule_lemmatizer, words, pos, morphs) == [
        "ducks", "walking", "bigger", "flies", "duck"]


def test_same_text_other_pos_or_morph_gets_its_own_lemma(nlp, rule_lemmatizer):
    words = ["flies", "flies", "flies", "ducks", "ducks"]
    pos = ["NOUN", "VERB", "VERB", "NOUN", "NOUN"]
    morphs = [None, None, "Tense=Pres|VerbForm=Fin", "Number=Plur", "Number=Sing"]
    assert lemmas(nlp, rule_lemmatizer, words, pos, morphs) == [
        "fly", "fly", "flies", "duck", "ducks"]


def test_missing_pos_warns_and_lowercases(nlp, rule_lemmatizer):
    with pytest.warns(LexloomWarning, match="POS"):
        assert lemmas(nlp, rule_lemmatizer, ["Ducks"], [""]) == ["ducks"]
    assert lemmas(nlp, rule_lemmatizer, [" "], ["SPACE"]) == [" "]


def test_overwrite(nlp):
    keep = nlp.add_pipe("lemmatizer", name="keep")
    keep.initialize(lookups=rule_lookups())
    assert lemmas(nlp, keep, ["ducks", "ducks"], ["NOUN", "NOUN"],
                  lemmas=["DUCK", None]) == ["DUCK", "duck"]
    over = nlp.add_pipe("lemmatizer", name="over", config={"overwrite": True})
    over.initialize(lookups=rule_lookups())
    assert lemmas(nlp, over, ["ducks", "ducks"], ["NOUN", "NOUN"],
                  lemmas=["DUCK", None]) == ["duck", "duck"]


WORDS = ["ducks", "flies", "mice", "went", "walking", "boxes", "Boxes", "bigger", "biggest",
         "e-mails", "x", "ies", "s", "Went", "FLIES"]
POS = ["NOUN", "VERB", "ADJ", "PROPN", "ADV", "PUNCT", "SPACE"]
MORPHS = [None, "Number=Sing", "Number=Plur", "VerbForm=Inf", "Degree=Pos",
          "Tense=Pres|VerbForm=Fin"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(POS), st.sampled_from(MORPHS)),
                min_size=1, max_size=25))
def test_cached_lemmas_equal_the_per_token_rules(tokens):
    """The native cache gives every token what the Python rules give it alone."""
    nlp = lexloom.blank("en")
    lem = nlp.add_pipe("lemmatizer")
    lem.initialize(lookups=rule_lookups())
    words, pos, morphs = zip(*tokens)
    doc = lem(Doc(nlp.vocab, words=list(words), pos=list(pos), morphs=list(morphs)))
    reference = Lemmatizer.__new__(EnglishLemmatizer)
    reference.lookups, reference.cache = rule_lookups(), {}
    fresh = Doc(nlp.vocab, words=list(words), pos=list(pos), morphs=list(morphs))
    assert [t.lemma_ for t in doc] == [reference.rule_lemmatize(t)[0] for t in fresh]


def test_lookup_mode(nlp):
    lem = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"went": "go", "mice": "mouse"})
    lem.initialize(lookups=lookups)
    assert lemmas(nlp, lem, ["went", "mice", "Went", "cats", "went"],
                  ["VERB", "NOUN", "VERB", "NOUN", "NOUN"]) == ["go", "mouse", "Went", "cats", "go"]


def test_unknown_mode_is_an_error(nlp):
    with pytest.raises(PipelineError, match="pos_lookup"):
        nlp.add_pipe("lemmatizer", config={"mode": "pos_lookup"})


def test_pos_lookup_mode_of_a_language_subclass(nlp):
    class PosLookupLemmatizer(Lemmatizer):
        @classmethod
        def get_lookups_config(cls, mode):
            if mode == "pos_lookup":
                return (["lemma_lookup_noun", "lemma_lookup_verb"], [])
            return super().get_lookups_config(mode)

        def pos_lookup_lemmatize(self, token):
            table = self.lookups.get_table("lemma_lookup_" + token.pos_.lower(), {})
            return [table.get(token.text.lower(), token.text.lower())]

    lem = PosLookupLemmatizer(nlp.vocab, None, mode="pos_lookup")
    lookups = Lookups()
    lookups.add_table("lemma_lookup_noun", {"saw": "saw"})
    lookups.add_table("lemma_lookup_verb", {"saw": "see"})
    lem.initialize(lookups=lookups)
    assert (lemmas(nlp, lem, ["saw", "saw", "Saw"], ["NOUN", "VERB", "VERB"])
            == ["saw", "see", "see"])


def test_missing_tables_name_the_table_and_the_fix(nlp, monkeypatch):
    import lexloom.lookups as lookups_mod

    lem = nlp.add_pipe("lemmatizer")
    with pytest.raises(LookupsError, match=r"'lemma_rules'.*initialize\.components\.lemmatizer"):
        lem(nlp("ducks"))
    only_exc = Lookups()
    only_exc.add_table("lemma_exc", EXC)
    with pytest.raises(LookupsError, match="lemma_rules"):
        lem.initialize(lookups=only_exc)
    monkeypatch.setattr(lookups_mod, "_language_data", lambda lang: None)
    with pytest.raises(LookupsError, match="pip install spacy-lookups-data"):
        lem.initialize()


def test_tables_from_the_initialize_block(nlp, monkeypatch, tmp_path):
    import json

    import lexloom.lookups as lookups_mod

    (tmp_path / "lookup.json").write_text(json.dumps({"went": "go"}))
    monkeypatch.setattr(lookups_mod, "_language_data",
                        lambda lang: {"lemma_lookup": str(tmp_path / "lookup.json")})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # no [initialize] lookups: spacy-lookups-data (faked here)
    assert [t.lemma_ for t in nlp("he went")] == ["he", "go"]


def test_disk_and_bytes_round_trip(nlp, rule_lemmatizer, tmp_path):
    rule_lemmatizer.to_disk(tmp_path / "lemmatizer")
    assert (tmp_path / "lemmatizer" / "lookups" / "lookups.bin").exists()
    other = lexloom.blank("en")
    loaded = other.add_pipe("lemmatizer").from_disk(tmp_path / "lemmatizer")
    words, pos = ["mice", "flies", "jumped"], ["NOUN", "VERB", "VERB"]
    assert lemmas(other, loaded, words, pos) == ["mouse", "fly", "jump"]
    third = lexloom.blank("en")
    again = third.add_pipe("lemmatizer").from_bytes(rule_lemmatizer.to_bytes())
    assert again.lookups.tables == ["lemma_rules", "lemma_index", "lemma_exc"]
    assert lemmas(third, again, words, pos) == ["mouse", "fly", "jump"]


def test_loading_makes_the_lemma_index_sets_before_the_first_doc(nlp, rule_lemmatizer):
    # rule mode asks "is this form a known lemma?" of sets made from the index's lists;
    # they are made with the tables (initialize, from_disk, from_bytes), not in a first call
    loaded = lexloom.blank("en").add_pipe("lemmatizer").from_bytes(rule_lemmatizer.to_bytes())
    for lem in (rule_lemmatizer, loaded):
        sets = {pos: entry[2] for pos, entry in lem.__dict__["_index_sets"].items()}
        assert sets == {pos: frozenset(forms) for pos, forms in INDEX.items()}


def test_truncated_lookups_file(nlp, rule_lemmatizer, tmp_path):
    rule_lemmatizer.to_disk(tmp_path / "lemmatizer")
    path = tmp_path / "lemmatizer" / "lookups" / "lookups.bin"
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(DeserializationError, match="lookups.bin"):
        lexloom.blank("en").add_pipe("lemmatizer").from_disk(tmp_path / "lemmatizer")


def test_missing_lookups_file_is_a_missing_table_error(tmp_path):
    (tmp_path / "lemmatizer").mkdir()
    with pytest.raises(LookupsError, match="lemma_rules"):
        lexloom.blank("en").add_pipe("lemmatizer").from_disk(tmp_path / "lemmatizer")


def test_lemma_scorer(nlp, rule_lemmatizer):
    words = ["ducks", "went", "mice"]
    pred = Doc(nlp.vocab, words=words, pos=["NOUN", "VERB", "NOUN"])
    ref = Doc(nlp.vocab, words=words, lemmas=["duck", "go", "mice"])
    rule_lemmatizer(pred)
    scores = rule_lemmatizer.score([Example(pred, ref)])
    assert scores["lemma_acc"] == pytest.approx(2 / 3)


def test_tables_from_initialize_config_block(nlp):
    from lexloom.registry import registry

    @registry.misc("test_lemmatizer.lookups.v1")
    def make_lookups(word: str, lemma: str) -> Lookups:
        lookups = Lookups()
        lookups.add_table("lemma_lookup", {word: lemma})
        return lookups

    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    config = nlp.config
    config["initialize"]["components"]["lemmatizer"] = {"lookups": {
        "@misc": "test_lemmatizer.lookups.v1", "word": "went", "lemma": "go"}}
    other = load_model_from_config(config, auto_fill=True)
    other.initialize()
    assert [t.lemma_ for t in other("he went")] == ["he", "go"]


def test_rule_mode_without_pos_warns_spacys_W108_and_lowercases(nlp, rule_lemmatizer):
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = rule_lemmatizer(Doc(nlp.vocab, words=["Ducks", "Flew"]))
    assert [t.lemma_ for t in doc] == ["ducks", "flew"]
    assert any(str(w.message).startswith("[W108]") for w in caught)


def _lookup_lemmatizer(nlp, table):
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookups = Lookups()
    lookups.add_table("lemma_lookup", table)
    lemmatizer.initialize(lookups=lookups)
    return lemmatizer


def test_edited_tables_and_a_cleared_cache_take_effect():
    # spaCy reads the tables anew for each token; lexloom's cache of lemmas must follow
    nlp = lexloom.blank("en")
    lemmatizer = _lookup_lemmatizer(nlp, {"dogs": "dog"})
    assert nlp("dogs")[0].lemma_ == "dog"
    lemmatizer.lookups.get_table("lemma_lookup")["dogs"] = "DOGGY"
    assert nlp("dogs")[0].lemma_ == "DOGGY"
    lemmatizer.lookups.remove_table("lemma_lookup")
    lemmatizer.lookups.add_table("lemma_lookup", {"dogs": "hound"})
    assert nlp("dogs")[0].lemma_ == "hound"
    # rule mode: spaCy keeps its own cache until lemmatizer.cache.clear()
    nlp = lexloom.blank("en")
    rule = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]]})
    lookups.add_table("lemma_exc", {"noun": {}})
    lookups.add_table("lemma_index", {"noun": []})
    rule.initialize(lookups=lookups)
    doc = Doc(nlp.vocab, words=["dogs"], pos=["NOUN"])
    assert rule(doc)[0].lemma_ == "dog"
    lookups.get_table("lemma_exc")["noun"] = {"dogs": ["DOGEXC"]}
    rule.cache.clear()
    assert rule(Doc(nlp.vocab, words=["dogs"], pos=["NOUN"]))[0].lemma_ == "DOGEXC"


def test_a_users_lemmatize_that_reads_context_is_called_for_every_token():
    nlp = lexloom.blank("en")
    lemmatizer = _lookup_lemmatizer(nlp, {})
    lemmatizer.lemmatize = lambda token: [f"{token.text}{token.i}"]
    assert [t.lemma_ for t in nlp("a a a")] == ["a0", "a1", "a2"]


def test_a_doc_of_another_vocab_gets_its_lemma_strings():
    nlp = lexloom.blank("en")
    lemmatizer = _lookup_lemmatizer(nlp, {"geese": "goose"})
    assert nlp("geese")[0].lemma_ == "goose"
    other = lexloom.blank("en")
    doc = lemmatizer(other.make_doc("geese walk"))
    assert [t.lemma_ for t in doc] == ["goose", "walk"]


def test_irish_lemmatizer_factory_has_no_scorer_setting():
    nlp = lexloom.blank("ga")
    nlp.add_pipe("lemmatizer")
    assert "scorer" not in nlp.config["components"]["lemmatizer"]
    with pytest.raises(ValueError):
        lexloom.blank("ga").add_pipe(
            "lemmatizer", config={"scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}})


def test_assigning_a_new_cache_empties_the_native_one_too():
    nlp = lexloom.blank("en")
    lemmatizer = _lookup_lemmatizer(nlp, {"ducks": "duck"})
    assert nlp("ducks")[0].lemma_ == "duck"
    from collections import OrderedDict

    from lexloom.strings import get_string_id

    # an edit the table's change counter doesn't see: replacing the cache starts afresh
    table = lemmatizer.lookups.get_table("lemma_lookup")
    OrderedDict.__setitem__(table, get_string_id("ducks"), "DUCKY")
    assert nlp("ducks")[0].lemma_ == "duck"
    lemmatizer.cache = {}
    assert nlp("ducks")[0].lemma_ == "DUCKY"
