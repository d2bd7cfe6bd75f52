"""Tokenizer members spaCy documents beside __call__: find_prefix / find_suffix / find_infix
(what the affix rules would split), score (tokenization P/R/F), max_cache_size (how many
chunk splits are remembered), and the ORTH / NORM names the module exports."""
import pytest
from lexloom.tokenizer import NORM, ORTH, Tokenizer

import lexloom
from lexloom.training import Example


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("en")


def test_tokenizer_module_exports_orth_and_norm_ids():
    assert (ORTH, NORM) == (65, 67)


def test_find_prefix_and_suffix_give_the_length_split_off(nlp):
    tok = nlp.tokenizer
    assert tok.find_prefix("(hello") == 1
    assert tok.find_prefix("hello") == 0
    assert tok.find_suffix("hello!!") == 1   # one mark at a time, as the splitter takes them
    assert tok.find_suffix("hello") == 0


def test_find_infix_lists_the_matches_inside(nlp):
    found = nlp.tokenizer.find_infix("mother-in-law")
    assert [(m.start(), m.end(), m.group()) for m in found] == [(6, 7, "-"), (9, 10, "-")]
    assert nlp.tokenizer.find_infix("word") == []


def test_find_functions_without_rules_return_zero(nlp):
    bare = Tokenizer(nlp.vocab)
    assert (bare.find_prefix("(x"), bare.find_suffix("x)"), bare.find_infix("a-b")) == (0, 0, 0)


def test_score_compares_predicted_tokens_with_the_reference(nlp):
    same = Example.from_dict(nlp.make_doc("I cannot go"),
                             {"words": ["I", "can", "not", "go"],
                              "spaces": [True, False, True, False]})
    split = Example.from_dict(nlp.make_doc("New York-based"),
                              {"words": ["New", "York-based"], "spaces": [True, False]})
    assert nlp.tokenizer.score([same]) == {"token_acc": 1.0, "token_p": 1.0, "token_r": 1.0,
                                           "token_f": 1.0}
    scores = nlp.tokenizer.score([split])
    assert scores["token_p"] == pytest.approx(0.25)
    assert scores["token_r"] == pytest.approx(0.5)
    assert scores["token_f"] == pytest.approx(1 / 3)


def test_max_cache_size_defaults_to_spacys_and_bounds_the_cache(nlp):
    assert nlp.tokenizer.max_cache_size == 10000
    small = Tokenizer(nlp.vocab, max_cache_size=2)
    doc = small("alpha beta gamma delta alpha")
    assert [t.text for t in doc] == ["alpha", "beta", "gamma", "delta", "alpha"]
    assert small._cache_size() == 2
    none = Tokenizer(nlp.vocab, max_cache_size=0)
    assert [t.text for t in none("x y")] == ["x", "y"]
    assert none._cache_size() == 0
    none.max_cache_size = 5
    none("x y")
    assert none._cache_size() == 2


def test_get_regex_pattern_reads_a_rules_pattern_to_extend_it():
    """spaCy's `spacy.tokenizer._get_regex_pattern`, as code that adds a pattern to a
    tokenizer's token_match uses it: the pattern string, None for no rule."""
    import re

    import lexloom
    from lexloom.tokenizer import _get_regex_pattern

    nlp = lexloom.blank("en")
    assert _get_regex_pattern(None) is None
    assert _get_regex_pattern(re.compile(r"\w+#").match) == r"\w+#"
    prefixes = _get_regex_pattern(nlp.tokenizer.prefix_search)
    assert re.compile(prefixes).search("(hello") is not None
    assert re.compile(_get_regex_pattern(nlp.tokenizer.url_match)).match("www.x.org")
    hashtags = _get_regex_pattern(re.compile(r"#\w+$").match)
    nlp.tokenizer.token_match = re.compile(f"(#\\d+$|{hashtags})").match
    assert [t.text for t in nlp("I love #NLProc (#1)")] == ["I", "love", "#NLProc", "(",
                                                          "#1", ")"]
    with pytest.raises(AttributeError, match="no pattern"):
        _get_regex_pattern(len)


def test_get_regex_pattern_of_a_bytes_regex_is_its_bytes_pattern():
    import re

    from lexloom.tokenizer import _get_regex_pattern

    assert _get_regex_pattern(re.compile(rb"x+").match) == rb"x+"


def test_get_regex_pattern_refuses_what_is_not_a_bound_method():
    import re

    from lexloom.tokenizer import _get_regex_pattern

    with pytest.raises(AttributeError):
        _get_regex_pattern(re.compile("z"))  # the pattern itself, not its .match
