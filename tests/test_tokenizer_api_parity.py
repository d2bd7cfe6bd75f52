"""Tokenizer API behaviour a spaCy 3.8 user relies on: special-case validation (spaCy's error
codes and exception types), the live `rules` dict, setters that flush the cache, explain on
custom rules, serialisation errors, pickling. Every expected value was observed from spaCy
3.8.18 in a differential audit; the tests don't need spaCy."""
from __future__ import annotations

import pickle
import re

import pytest

import lexloom
from lexloom import util
from lexloom.symbols import NORM, ORTH
from lexloom.tokenizer import Tokenizer
from lexloom.lang.lex_attrs import LEX_ATTRS
from lexloom.vocab import Vocab

PREFIX = util.compile_prefix_regex([r"\(", r"\"", r"\$"])
SUFFIX = util.compile_suffix_regex([r"\)", r"\"", r"\.", r"%", r"!"])
INFIX = util.compile_infix_regex([r"-", r"~", r"(?<=[a-z])\.(?=[a-z])"])


def make(**kwargs) -> Tokenizer:
    return Tokenizer(Vocab(lex_attr_getters=LEX_ATTRS), prefix_search=PREFIX.search,
                     suffix_search=SUFFIX.search, infix_finditer=INFIX.finditer, **kwargs)


def texts(doc) -> list[str]:
    return [t.text for t in doc]


# --- add_special_case: spaCy's checks, codes and exception types --------------------------

@pytest.mark.parametrize("string,substrings", [
    ("don't", [{"ORTH": "do"}, {"ORTH": "nt"}]),
    ("Don't", [{"ORTH": "do"}, {"ORTH": "n't"}]),
    ("ab", []),
])
def test_orth_that_changes_the_text_is_e997(string, substrings):
    with pytest.raises(ValueError, match=r"\[E997\]"):
        make().add_special_case(string, substrings)


@pytest.mark.parametrize("key,name", [
    ("LEMMA", "LEMMA"), ("TAG", "TAG"), ("POS", "POS"), ("LOWER", "LOWER"),
    ("IS_ALPHA", "IS_ALPHA"), ("SENT_START", "SENT_START"), ("ENT_TYPE", "ENT_TYPE"),
    ("SPACY", "SPACY"), ("ID", "ID"), ("L", "LEMMA"), ("pos", "TAG"), (73, "LEMMA"),
])
def test_attribute_other_than_orth_and_norm_is_e1005(key, name):
    with pytest.raises(ValueError, match=rf"\[E1005\].*'{name}'"):
        make().add_special_case("ab", [{"ORTH": "a", key: "x"}, {"ORTH": "b"}])


def test_text_check_comes_before_the_attribute_check():
    with pytest.raises(ValueError, match=r"\[E997\]"):
        make().add_special_case("ab", [{"ORTH": "a", "LEMMA": "x"}])


def test_attribute_id_that_names_nothing_is_a_key_error_e018():
    with pytest.raises(KeyError, match=r"\[E018\]"):
        make().add_special_case("ab", [{ORTH: "a", 999999: "x"}, {ORTH: "b"}])


def test_token_without_orth_is_a_key_error():
    with pytest.raises(KeyError):
        make().add_special_case("ab", [{"NORM": "a"}, {"ORTH": "b"}])


@pytest.mark.parametrize("substrings", [
    [{"ORTH": 5}, {"ORTH": "b"}],
    [{"ORTH": "a", "NORM": None}, {"ORTH": "b"}],
])
def test_orth_or_norm_of_the_wrong_type_is_a_type_error(substrings):
    with pytest.raises(TypeError):
        make().add_special_case("ab", substrings)


@pytest.mark.parametrize("substrings", ["ab", {"ORTH": "ab"}, ["a", "b"], [("ORTH", "ab")]])
def test_token_that_is_no_dict_is_an_attribute_error(substrings):
    with pytest.raises(AttributeError):
        make().add_special_case("ab", substrings)


@pytest.mark.parametrize("substrings", [[], [{"ORTH": ""}]])
def test_empty_string_is_kept_among_the_rules_and_never_applies(substrings):
    tokenizer = make()
    tokenizer.add_special_case("", substrings)
    assert "" in tokenizer.rules
    assert texts(tokenizer(" . ()")) == [" ", ".", "(", ")"]


def test_ignored_and_renamed_keys_tokenize_as_spacy():
    tokenizer = make()
    tokenizer.add_special_case("ab", [{"orth": "a", "norm": "A", "FOO": 1}, {"F": "b"}])
    doc = tokenizer("ab (ab)")
    assert texts(doc) == ["a", "b", "(", "a", "b", ")"]
    assert doc[0].norm_ == "A"
    assert tokenizer.rules["ab"] == [{"orth": "a", "norm": "A", "FOO": 1}, {"ORTH": "b"}]


def test_special_case_with_attribute_ids():
    tokenizer = Tokenizer(Vocab(), rules={"don't": [{ORTH: "do"}, {ORTH: "n't", NORM: "not"}]})
    doc = tokenizer("don't")
    # a bare Vocab has no NORM getter: only the rule's NORM is set (spaCy's too)
    assert [(t.text, t.norm_) for t in doc] == [("do", ""), ("n't", "not")]


# --- rules and the other settings ------------------------------------------------------------

def test_rules_is_the_live_dict_whose_changes_wait_for_a_reload():
    tokenizer = make()
    tokenizer.add_special_case("ab", [{"ORTH": "a"}, {"ORTH": "b"}])
    tokenizer.rules["cd"] = [{"ORTH": "c"}, {"ORTH": "d"}]
    assert sorted(tokenizer.rules) == ["ab", "cd"]
    assert texts(tokenizer("cd ab")) == ["cd", "a", "b"]  # as spaCy: not applied yet
    tokenizer.url_match = None  # any setter reloads the special cases
    assert texts(tokenizer("cd ab")) == ["c", "d", "a", "b"]


def test_rules_that_are_no_mapping_is_an_attribute_error():
    with pytest.raises(AttributeError):
        Tokenizer(Vocab(), rules=[("ab", [{"ORTH": "ab"}])])


def test_bad_rules_in_constructor_and_setter_are_e997():
    with pytest.raises(ValueError, match=r"\[E997\]"):
        Tokenizer(Vocab(), rules={"ab": [{"ORTH": "a"}]})
    tokenizer = make()
    with pytest.raises(ValueError, match=r"\[E997\]"):
        tokenizer.rules = {"ab": [{"ORTH": "a"}]}


@pytest.mark.parametrize("attr,value,text,before,after", [
    ("prefix_search", None, "(a)", ["(", "a", ")"], ["(a", ")"]),
    ("suffix_search", None, "(a)", ["(", "a", ")"], ["(", "a)"]),
    ("infix_finditer", None, "a-b", ["a", "-", "b"], ["a-b"]),
    ("token_match", re.compile(r"^a-b$").match, "a-b", ["a", "-", "b"], ["a-b"]),
    ("url_match", re.compile(r"^a-b$").match, "a-b", ["a", "-", "b"], ["a-b"]),
    ("rules", {"a-b": [{"ORTH": "a-b", "NORM": "AB"}]}, "a-b", ["a", "-", "b"], ["a-b"]),
    ("prefix_search", PREFIX.match, "(a)", ["(", "a", ")"], ["(", "a", ")"]),
])
def test_setting_a_rule_flushes_the_cache(attr, value, text, before, after):
    tokenizer = make()
    assert texts(tokenizer(text)) == before
    setattr(tokenizer, attr, value)
    assert texts(tokenizer(text)) == after


def test_adding_a_special_case_flushes_the_cache():
    tokenizer = make()
    assert texts(tokenizer("ab.")) == ["ab", "."]
    tokenizer.add_special_case("ab", [{"ORTH": "a"}, {"ORTH": "b"}])
    assert texts(tokenizer("ab.")) == ["a", "b", "."]


def test_faster_heuristics_decides_which_special_cases_match_as_phrases():
    tokenizer = make()
    tokenizer.add_special_case("ab", [{"ORTH": "a"}, {"ORTH": "b"}])
    tokenizer.add_special_case("a-b", [{"ORTH": "a-"}, {"ORTH": "b"}])
    text = "ab (ab) xab a-b xa-b a-bx"
    expected = ["a", "b", "(", "a", "b", ")", "xab", "a-", "b", "xa", "-", "b", "a", "-", "bx"]
    assert texts(tokenizer(text)) == expected
    tokenizer.faster_heuristics = False
    assert tokenizer.faster_heuristics is False
    assert texts(tokenizer(text)) == expected
    assert tokenizer.explain(text) == [
        ("SPECIAL-1", "a"), ("SPECIAL-2", "b"), ("PREFIX", "("), ("SPECIAL-1", "a"),
        ("SPECIAL-2", "b"), ("SUFFIX", ")"), ("TOKEN", "xab"), ("SPECIAL-1", "a-"),
        ("SPECIAL-2", "b"), ("TOKEN", "xa"), ("INFIX", "-"), ("TOKEN", "b"), ("TOKEN", "a"),
        ("INFIX", "-"), ("TOKEN", "bx")]


# --- explain ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,explained,tokens", [
    ("a b", ["a", " ", "b"], ["a", " ", "b"]),
    ("a  b", ["a", " ", "b"], ["a", " ", "b"]),
    ("(a b)", ["(", "a", " ", "b", ")"], ["(", "a", " ", "b", ")"]),
    ("(x.", ["(", "x."], ["(", "x."]),
    ("(x", ["(", "x"], ["(", "x"]),
    ("((x", ["(", "(", "x"], ["(", "(", "x"]),
    ("x.)", ["x.", ")"], ["x.", ")"]),
])
def test_explain_with_phrase_special_cases(text, explained, tokens):
    tokenizer = make()
    tokenizer.add_special_case("a b", [{"ORTH": "a"}, {"ORTH": " "}, {"ORTH": "b"}])
    tokenizer.add_special_case("x.", [{"ORTH": "x."}])
    tokenizer.add_special_case("(x", [{"ORTH": "(", "NORM": "P"}, {"ORTH": "x"}])
    assert [word for _, word in tokenizer.explain(text)] == explained
    assert texts(tokenizer(text)) == tokens


def test_explain_labels_special_case_pieces():
    tokenizer = make()
    tokenizer.add_special_case("a b", [{"ORTH": "a"}, {"ORTH": " "}, {"ORTH": "b"}])
    tokenizer.add_special_case("(x", [{"ORTH": "(", "NORM": "P"}, {"ORTH": "x"}])
    assert tokenizer.explain("(a b)") == [("PREFIX", "("), ("SPECIAL-1", "a"), ("SPECIAL-2", " "),
                                          ("SPECIAL-3", "b"), ("SUFFIX", ")")]
    assert tokenizer.explain("((x") == [("PREFIX", "("), ("SPECIAL-1", "("), ("SPECIAL-2", "x")]


def test_explain_with_overlapping_custom_infixes_is_e194():
    class Match:
        def __init__(self, start, end):
            self._start, self._end = start, end

        def start(self):
            return self._start

        def end(self):
            return self._end

    tokenizer = Tokenizer(Vocab(), infix_finditer=lambda s: [Match(1, 3), Match(2, 4)]
                          if len(s) > 4 else [])
    with pytest.raises(ValueError, match=r"\[E194\]"):
        tokenizer.explain("a-b-c")
    with pytest.raises(ValueError, match=r"\[E031\]"):
        tokenizer("a-b-c")


# --- serialisation ---------------------------------------------------------------------------

def test_saving_a_rule_that_is_no_regex_method_is_an_attribute_error():
    with pytest.raises(AttributeError):
        Tokenizer(Vocab(), token_match=lambda s: None).to_bytes()


def test_from_bytes_of_a_str_is_a_type_error():
    with pytest.raises(TypeError):
        Tokenizer(Vocab()).from_bytes("abc")


def test_from_disk_of_a_missing_file_or_a_folder_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        Tokenizer(Vocab()).from_disk(tmp_path / "nothing")
    with pytest.raises(IsADirectoryError):
        Tokenizer(Vocab()).from_disk(tmp_path)


def test_saved_live_rules_include_changes_made_in_place():
    tokenizer = make()
    tokenizer.rules["cd"] = [{"ORTH": "c"}, {"ORTH": "d"}]
    loaded = Tokenizer(Vocab()).from_bytes(tokenizer.to_bytes())
    assert texts(loaded("cd")) == ["c", "d"]


def test_custom_tokenizer_round_trips_through_bytes_and_pickle():
    tokenizer = make(token_match=re.compile(r"^\d+-\d+$").match, faster_heuristics=False)
    tokenizer.add_special_case("a-b", [{"ORTH": "a"}, {"ORTH": "-b", "NORM": "BEE"}])
    text = "(a-b) a-b. 5-6 foo.bar 3%"
    expected = [("(", "("), ("a", "a"), ("-b", "BEE"), (")", ")"), ("a", "a"), ("-b", "BEE"),
                (".", "."), ("5-6", "5-6"), ("foo", "foo"), (".", "."), ("bar", "bar"),
                ("3", "3"), ("%", "%")]
    for other in (Tokenizer(Vocab(lex_attr_getters=LEX_ATTRS)).from_bytes(tokenizer.to_bytes()),
                  pickle.loads(pickle.dumps(tokenizer))):
        assert [(t.text, t.norm_) for t in other(text)] == expected


# --- calling ---------------------------------------------------------------------------------

def test_whitespace_only_and_empty_texts():
    nlp = lexloom.blank("en")
    assert len(nlp.tokenizer("")) == 0
    assert [(t.text, t.whitespace_) for t in nlp.tokenizer("   ")] == [("   ", "")]
    assert [(t.text, t.whitespace_) for t in nlp.tokenizer("a  ")] == [("a", " "), (" ", "")]
    assert [(t.text, t.whitespace_) for t in nlp.tokenizer(" \t ")] == [(" \t ", "")]
    assert [(t.text, t.whitespace_) for t in nlp.tokenizer("a\n ")] == [("a", ""), ("\n ", "")]


def test_non_str_input_is_a_type_error():
    nlp = lexloom.blank("en")
    for value in (5, None, b"ab", ["a"]):
        with pytest.raises(TypeError):
            nlp.tokenizer(value)


# --- language data seen through the tokenizer --------------------------------------------------

@pytest.mark.parametrize("lang", ["id", "ms"])
def test_malay_family_units_glue_s_onto_the_last_shared_unit_as_spacy(lang):
    nlp = lexloom.blank(lang)
    assert texts(nlp("'90s")) == ["'", "90s"]
    assert texts(nlp("90s 3s.")) == ["90s", "3s", "."]
    assert texts(nlp("5\u0627\u0643\u0648\u0627\u0628s 10kbps 5bit")) == [
        "5", "\u0627\u0643\u0648\u0627\u0628s", "10", "kbps", "5", "bit"]


def test_special_case_norms_are_in_the_string_store_from_the_start():
    """spaCy's tokenizer puts each special case's NORM in the StringStore as it loads the
    cases: a blank pipeline's strings (and the strings.json it saves) hold "Alabama" ("Ala.")
    and "going" ("gonna") before any text is seen, and a case added later brings its own."""
    import lexloom

    nlp = lexloom.blank("en")
    strings = nlp.vocab.strings
    assert "Alabama" in strings and "going" in strings and "  " in strings   # NBSP's norm
    assert "definitely-not-a-norm" not in strings
    nlp.tokenizer.add_special_case("gimme", [{"ORTH": "gim", "NORM": "give-norm"},
                                             {"ORTH": "me"}])
    assert "give-norm" in nlp.vocab.strings
    assert [t.norm_ for t in nlp("gimme")] == ["give-norm", "me"]


def test_a_special_case_with_a_lone_surrogate_is_refused_up_front():
    """spaCy refuses it at add_special_case (its StringStore can't hold it); lexloom did the
    tokenizing and then failed to save the pipeline with a bare UnicodeEncodeError."""
    import lexloom
    from lexloom.errors import TokenizerError

    nlp = lexloom.blank("en")
    with pytest.raises(TokenizerError, match="lone surrogate"):
        nlp.tokenizer.add_special_case("a\ud800", [{"ORTH": "a\ud800"}])
    with pytest.raises(ValueError, match="lone surrogate"):
        nlp.tokenizer.add_special_case("ab", [{"ORTH": "ab", "NORM": "x\udc00"}])
    assert "a\ud800" not in nlp.tokenizer.rules
    assert nlp.tokenizer.to_bytes()   # still saves
