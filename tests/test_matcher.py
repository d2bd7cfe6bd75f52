"""lexloom.matcher.Matcher: attributes, predicates, operators, greedy filters, callbacks, spans,
alignments, validation errors, and a property test against a brute-force regex matcher."""
import re

import pytest
from hypothesis import given, settings, strategies as st

import lexloom
from lexloom.errors import ExtensionError, MatcherError, MatchPatternError
from lexloom.matcher import Matcher, levenshtein_compare
from lexloom.tokens import Doc, Span, Token


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("en")


@pytest.fixture(scope="module")
def vocab(nlp):
    return nlp.vocab


def spans(matcher, doclike, **kwargs):
    """(key string, start, end) for every match, in the matcher's order."""
    strings = matcher.vocab.strings
    return [(strings[m[0]], m[1], m[2]) for m in matcher(doclike, **kwargs)]


def make(vocab, *patterns, validate=True, **add_kwargs):
    m = Matcher(vocab, validate=validate)
    for i, p in enumerate(patterns):
        m.add(f"P{i}", [p], **add_kwargs)
    return m


def annotated_doc(vocab):
    words = ["Alice", "saw", "2", "big", "dogs", "in", "Paris", "."]
    doc = Doc(vocab, words=words, spaces=[True] * 6 + [False, False],
              pos=["PROPN", "VERB", "NUM", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
              tags=["NNP", "VBD", "CD", "JJ", "NNS", "IN", "NNP", "."],
              lemmas=["Alice", "see", "2", "big", "dog", "in", "Paris", "."],
              morphs=["Number=Sing", "Tense=Past|VerbForm=Fin", "NumType=Card",
                      "Degree=Pos", "Number=Plur", "", "Number=Sing", "PunctType=Peri"],
              deps=["nsubj", "ROOT", "nummod", "amod", "obj", "case", "obl", "punct"],
              heads=[1, 1, 4, 4, 1, 6, 1, 1])
    doc.ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, 6, 7, label="GPE")]
    return doc


# ---- attributes ----------------------------------------------------------------------------

def test_lexical_attributes(nlp):
    doc = nlp("The Cat sat on 3 mats , happily")
    v = nlp.vocab
    assert spans(make(v, [{"ORTH": "Cat"}]), doc) == [("P0", 1, 2)]
    assert spans(make(v, [{"TEXT": "cat"}]), doc) == []
    assert spans(make(v, [{"LOWER": "cat"}]), doc) == [("P0", 1, 2)]
    assert spans(make(v, [{"NORM": "the"}]), doc) == [("P0", 0, 1)]
    assert spans(make(v, [{"LENGTH": 7}]), doc) == [("P0", 7, 8)]
    assert spans(make(v, [{"IS_DIGIT": True}]), doc) == [("P0", 4, 5)]
    assert spans(make(v, [{"IS_TITLE": True}]), doc) == [("P0", 0, 1), ("P0", 1, 2)]
    assert spans(make(v, [{"IS_PUNCT": True}]), doc) == [("P0", 6, 7)]
    assert spans(make(v, [{"LIKE_NUM": True}, {"IS_ALPHA": True}]), doc) == [("P0", 4, 6)]
    assert spans(make(v, [{"is_alpha": False}]), doc) == [("P0", 4, 5), ("P0", 6, 7)]
    assert spans(make(v, [{"SPACY": False}]), doc) == [("P0", 7, 8)]


def test_token_annotation_attributes(vocab):
    doc = annotated_doc(vocab)
    assert spans(make(vocab, [{"POS": "PROPN"}]), doc) == [("P0", 0, 1), ("P0", 6, 7)]
    assert spans(make(vocab, [{"TAG": "NNS"}]), doc) == [("P0", 4, 5)]
    assert spans(make(vocab, [{"LEMMA": "see"}, {"POS": "NUM"}]), doc) == [("P0", 1, 3)]
    assert spans(make(vocab, [{"DEP": "amod"}, {"DEP": "obj"}]), doc) == [("P0", 3, 5)]
    assert spans(make(vocab, [{"MORPH": "Number=Plur"}]), doc) == [("P0", 4, 5)]
    assert spans(make(vocab, [{"ENT_TYPE": "GPE"}]), doc) == [("P0", 6, 7)]
    assert spans(make(vocab, [{"ENT_IOB": "B"}]), doc) == [("P0", 0, 1), ("P0", 6, 7)]
    assert [s[1] for s in spans(make(vocab, [{"ENT_IOB": "O"}]), doc)] == [1, 2, 3, 4, 5, 7]
    # sentence starts: the parse makes token 0 the only start
    assert spans(make(vocab, [{"SENT_START": True}, {"IS_SENT_START": False}]), doc) == \
        [("P0", 0, 2)]


def test_ent_id_and_kb_id(vocab):
    doc = Doc(vocab, words=["New", "York", "is", "big"])
    doc.ents = [Span(doc, 0, 2, label="GPE", kb_id="Q60", span_id="nyc")]
    assert spans(make(vocab, [{"ENT_KB_ID": "Q60", "OP": "+"}]), doc) == \
        [("P0", 0, 1), ("P0", 0, 2), ("P0", 1, 2)]
    assert spans(make(vocab, [{"ENT_ID": "nyc"}, {"ENT_ID": "nyc"}]), doc) == [("P0", 0, 2)]


def test_missing_annotation_raises_unless_allowed(nlp):
    doc = nlp("dogs bark")
    m = make(nlp.vocab, [{"LEMMA": "dog"}])
    with pytest.raises(MatcherError, match="LEMMA"):
        m(doc)
    assert m(doc, allow_missing=True) == []
    # predicates on the attribute don't count as annotation use (as in spaCy)
    assert make(nlp.vocab, [{"POS": {"IN": ["NOUN"]}}])(doc) == []


def test_extension_attributes(nlp):
    Token.set_extension("mt_flag", getter=lambda t: t.text.startswith("b"), force=True)
    Token.set_extension("mt_tag", getter=lambda t: t.text.upper(), force=True)
    doc = nlp("a bee buzzes by")
    v = nlp.vocab
    assert spans(make(v, [{"_": {"mt_flag": True}, "OP": "+"}]), doc) == \
        [("P0", 1, 2), ("P0", 1, 3), ("P0", 2, 3), ("P0", 1, 4), ("P0", 2, 4), ("P0", 3, 4)]
    assert spans(make(v, [{"_": {"mt_tag": "BY"}}]), doc) == [("P0", 3, 4)]
    assert spans(make(v, [{"_": {"mt_tag": {"IN": ["A", "BEE"]}}}]), doc) == \
        [("P0", 0, 1), ("P0", 1, 2)]
    assert spans(make(v, [{"_": {"mt_tag": {"REGEX": "^B.Z"}}}]), doc) == [("P0", 2, 3)]


def test_unknown_extension_raises_when_matching(nlp):
    m = make(nlp.vocab, [{"_": {"mt_never_registered": "x"}}])
    with pytest.raises(ExtensionError):
        m(nlp("some text"))


def test_extension_value_of_wrong_type_raises(nlp):
    Token.set_extension("mt_none", default=None, force=True)
    m = make(nlp.vocab, [{"_": {"mt_none": "x"}}])
    with pytest.raises(MatcherError, match="mt_none"):
        m(nlp("some text"))


def test_predicate_errors_raise_only_where_the_search_needs_them(nlp):
    # as in spaCy, which evaluates predicates lazily: a predicate that fails on tokens the
    # pattern never reaches is no error; one that fails on a token it reaches is
    Token.set_extension("mt_price", getter=lambda t: int(t.text) if t.text.isdigit() else None,
                        force=True)
    doc = nlp("costs 12 and 5 or 30 dollars")
    m = Matcher(nlp.vocab)
    m.add("P", [[{"LOWER": {"IN": ["costs", "or"]}}, {"_": {"mt_price": {">=": 10}}}]])
    assert [x[1:] for x in m(doc)] == [(0, 2), (4, 6)]
    m.add("Q", [[{"_": {"mt_price": {">=": 10}}}]])
    with pytest.raises(TypeError):
        m(doc)


# ---- predicates ----------------------------------------------------------------------------

def test_set_predicates(nlp):
    doc = nlp("red green blue red")
    v = nlp.vocab
    assert spans(make(v, [{"LOWER": {"IN": ["red", "blue"]}}]), doc) == \
        [("P0", 0, 1), ("P0", 2, 3), ("P0", 3, 4)]
    assert spans(make(v, [{"LOWER": {"NOT_IN": ["red", "blue"]}}]), doc) == [("P0", 1, 2)]
    # for a single-valued attribute {value} is the set: subset <=> in, superset <=> set is {value}
    assert spans(make(v, [{"ORTH": {"IS_SUBSET": ["green", "x"]}}]), doc) == [("P0", 1, 2)]
    assert spans(make(v, [{"ORTH": {"IS_SUPERSET": ["green"]}}]), doc) == [("P0", 1, 2)]
    assert spans(make(v, [{"ORTH": {"IS_SUPERSET": ["green", "red"]}}]), doc) == []
    assert len(make(v, [{"ORTH": {"IS_SUPERSET": []}}])(doc)) == 4
    assert spans(make(v, [{"ORTH": {"INTERSECTS": ["blue", "x"]}}]), doc) == [("P0", 2, 3)]
    assert spans(make(v, [{"LENGTH": {"IN": [4, 5]}}]), doc) == [("P0", 1, 2), ("P0", 2, 3)]


def test_morph_set_predicates(vocab):
    doc = annotated_doc(vocab)
    assert spans(make(vocab, [{"MORPH": {"IS_SUBSET": ["Number=Sing", "Tense=Past"]}}]), doc) \
        == [("P0", 0, 1), ("P0", 5, 6), ("P0", 6, 7)]  # the empty analysis is a subset too
    assert spans(make(vocab, [{"MORPH": {"IS_SUPERSET": ["VerbForm=Fin"]}}]), doc) == \
        [("P0", 1, 2)]
    assert spans(make(vocab, [{"MORPH": {"INTERSECTS": ["Number=Plur", "Degree=Pos"]}}]),
                 doc) == [("P0", 3, 4), ("P0", 4, 5)]
    # IN compares whole analyses, normalised (feature order doesn't matter)
    assert spans(make(vocab, [{"MORPH": {"IN": ["VerbForm=Fin|Tense=Past"]}}]), doc) == \
        [("P0", 1, 2)]


def test_comparison_predicates(nlp):
    doc = nlp("a bb ccc dddd")
    v = nlp.vocab
    def starts(op, n):
        return [s[1] for s in spans(make(v, [{"LENGTH": {op: n}}]), doc)]
    assert starts("==", 2) == [1]
    assert starts("!=", 2) == [0, 2, 3]
    assert starts(">=", 3) == [2, 3]
    assert starts("<=", 2) == [0, 1]
    assert starts(">", 3) == [3]
    assert starts("<", 2) == [0]
    assert starts(">", 2.5) == [2, 3]
    assert starts(">=", -1) == [0, 1, 2, 3]
    # several predicates in one dict must all hold
    assert [s[1] for s in spans(make(v, [{"LENGTH": {">": 1, "<": 4}}]), doc)] == [1, 2]


def test_regex_predicates(nlp):
    doc = nlp("walking talked Running sing")
    v = nlp.vocab
    assert spans(make(v, [{"TEXT": {"REGEX": "ing$"}}]), doc) == \
        [("P0", 0, 1), ("P0", 2, 3), ("P0", 3, 4)]
    assert spans(make(v, [{"LOWER": {"REGEX": "^run"}}]), doc) == [("P0", 2, 3)]
    assert spans(make(v, [{"TEXT": {"REGEX": {"IN": ["^t", "^s"]}}}]), doc) == \
        [("P0", 1, 2), ("P0", 3, 4)]
    assert spans(make(v, [{"TEXT": {"REGEX": {"NOT_IN": ["ing$"]}}}]), doc) == [("P0", 1, 2)]


def test_predicate_verdicts_cached_across_docs_and_rules(nlp):
    # verdicts are kept per attribute value between calls; a rule added later gets its own
    # column, and a removed rule's predicates stop counting
    matcher = Matcher(nlp.vocab)
    matcher.add("ING", [[{"TEXT": {"REGEX": "ing$"}}]])
    first, second = nlp("sing song sing"), nlp("song sing ring")
    assert [(s, e) for _, s, e in matcher(first)] == [(0, 1), (2, 3)]
    assert [(s, e) for _, s, e in matcher(second)] == [(1, 2), (2, 3)]
    matcher.add("S", [[{"TEXT": {"REGEX": "^s"}}, {"LOWER": {"REGEX": "^s"}}]])
    assert [(nlp.vocab.strings[k], s, e) for k, s, e in matcher(first)] == \
        [("ING", 0, 1), ("S", 0, 2), ("S", 1, 3), ("ING", 2, 3)]
    matcher.remove("ING")
    assert [(s, e) for _, s, e in matcher(second)] == [(0, 2)]


def test_fuzzy_predicates(nlp):
    doc = nlp("definately definitely defnitely xyz")
    v = nlp.vocab
    # default: max(2, round(0.3 * 10)) = 3 edits
    assert [s[1] for s in spans(make(v, [{"LOWER": {"FUZZY": "definitely"}}]), doc)] == [0, 1, 2]
    assert [s[1] for s in spans(make(v, [{"LOWER": {"FUZZY1": "definitely"}}]), doc)] == [0, 1, 2]
    with pytest.warns(UserWarning, match="FUZZY0"):
        unknown = make(v, [{"LOWER": {"FUZZY0": "x"}}], validate=False)
    assert [s[1] for s in spans(unknown, doc)] == [0, 1, 2, 3]  # ignored, as in spaCy
    assert [s[1] for s in spans(make(v, [{"LOWER": {"FUZZY": {"IN": ["xy", "abc"]}}}]), doc)] \
        == [3]
    assert [s[1] for s in spans(make(v, [{"LOWER": {"FUZZY": {"NOT_IN": ["xy"]}}}]), doc)] \
        == [0, 1, 2]


def test_levenshtein_compare():
    assert levenshtein_compare("abc", "abc")
    assert levenshtein_compare("abd", "abc", 1)
    assert not levenshtein_compare("abde", "abc", 1)
    assert levenshtein_compare("ba", "ab")  # a transposition is two edits; 2 always allowed
    # 0.3 * 15 = 4.5 rounds (half to even) to 4
    assert levenshtein_compare("a" * 15, "a" * 11 + "bbbb")
    assert not levenshtein_compare("a" * 15, "a" * 10 + "bbbbb")
    assert levenshtein_compare("ünïcödé", "unicode", 4)
    assert not levenshtein_compare("ünïcödé", "unicode", 3)


def test_levenshtein_bounds_as_polyleven():
    from lexloom.matcher.levenshtein import levenshtein

    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("kitten", "sitting", 1) == 2  # above k (< 4): k + 1
    assert levenshtein("abcdefgh", "", 3) == 4  # length gap above k: k + 1
    assert levenshtein("", "abcdefgh", 20) == 8
    assert levenshtein("aaaaaaaa", "bbbbbbbb", 5) == 8  # k >= 4: the exact distance
    assert levenshtein("abc", "abd", 0) == 1


def test_custom_fuzzy_compare(nlp):
    m = Matcher(nlp.vocab, fuzzy_compare=lambda a, b, f: a[:1] == b[:1])
    m.add("F", [[{"LOWER": {"FUZZY": "zebra"}}]])
    assert [s[1] for s in spans(m, nlp("zoo bar zap"))] == [0, 2]


# ---- operators -------------------------------------------------------------------------------

@pytest.mark.parametrize("op,expected", [
    (None, [(1, 2), (2, 3), (3, 4)]),
    ("?", [(1, 2), (2, 3), (3, 4)]),
    ("+", [(1, 2), (1, 3), (2, 3), (1, 4), (2, 4), (3, 4)]),
    ("*", [(1, 2), (1, 3), (2, 3), (1, 4), (2, 4), (3, 4)]),
    ("{2}", [(1, 3), (2, 4)]),
    ("{2,3}", [(1, 3), (1, 4), (2, 4)]),
    ("{2,}", [(1, 3), (1, 4), (2, 4)]),
    ("{,2}", [(1, 2), (1, 3), (2, 3), (2, 4), (3, 4)]),
    ("!", [(0, 1), (4, 5)]),
])
def test_operators_single_spec(nlp, op, expected):
    doc = nlp("x a a a y")
    spec = {"ORTH": "a"}
    if op:
        spec["OP"] = op
    assert [s[1:] for s in spans(make(nlp.vocab, [spec]), doc)] == expected


def test_quantifier_with_spaces_needs_validate_false_as_in_spacy(nlp):
    """spaCy's matcher takes "{2, 3}" (its int() strips the spaces) unless validate=True,
    whose schema allows digits only."""
    doc = nlp("x a a a y")
    pattern = [{"ORTH": "a", "OP": "{2, 3}"}]
    assert [s[1:] for s in spans(make(nlp.vocab, pattern, validate=False), doc)] == \
        [(1, 3), (1, 4), (2, 4)]
    with pytest.raises(ValueError):
        make(nlp.vocab, pattern, validate=True)


def test_operators_in_sequence(nlp):
    doc = nlp("a b b c a c")
    v = nlp.vocab
    assert spans(make(v, [{"ORTH": "a"}, {"ORTH": "b", "OP": "*"}, {"ORTH": "c"}]), doc) == \
        [("P0", 0, 4), ("P0", 4, 6)]
    assert spans(make(v, [{"ORTH": "a"}, {"ORTH": "b", "OP": "?"}, {"ORTH": "b"}]), doc) == \
        [("P0", 0, 2), ("P0", 0, 3)]
    assert spans(make(v, [{"ORTH": "a"}, {"ORTH": "c", "OP": "!"}]), doc) == [("P0", 0, 2)]
    assert spans(make(v, [{}, {"ORTH": "c"}]), doc) == [("P0", 2, 4), ("P0", 4, 6)]
    assert spans(make(v, [{"ORTH": "b", "OP": "+"}, {"ORTH": "c", "OP": "?"}]), doc) == \
        [("P0", 1, 2), ("P0", 2, 3), ("P0", 2, 4), ("P0", 1, 3), ("P0", 1, 4)]


def test_order_and_duplicates_follow_spacy(nlp):
    # Reference output of spaCy 3.8 for these patterns (order included): matches come in the
    # order the state machine emits them, each (key, start, end) once.
    doc = nlp("a a b a")
    m = Matcher(nlp.vocab)
    m.add("X", [[{"ORTH": "a", "OP": "?"}, {"ORTH": "a", "OP": "?"}],
                [{"ORTH": "a", "OP": "*"}, {"ORTH": "b"}]])
    m.add("Y", [[{"OP": "+"}, {"ORTH": "a"}]])
    assert spans(m, doc) == [
        ("X", 0, 1), ("Y", 0, 2), ("X", 0, 2), ("X", 1, 2), ("X", 0, 3), ("X", 1, 3),
        ("X", 2, 3), ("Y", 2, 4), ("Y", 1, 4), ("Y", 0, 4), ("X", 3, 4)]


# ---- greedy, callbacks, spans, alignments ------------------------------------------------------

def test_greedy_filters(nlp):
    doc = nlp("a a a b a a")
    for greedy, expected in [("FIRST", [(0, 3), (4, 6)]), ("LONGEST", [(0, 3), (4, 6)])]:
        m = Matcher(nlp.vocab)
        m.add("A", [[{"ORTH": "a", "OP": "+"}]], greedy=greedy)
        assert [s[1:] for s in spans(m, doc)] == expected
    # FIRST prefers the earliest start; LONGEST the longest span
    doc = nlp("x y y y")
    first = Matcher(nlp.vocab)
    first.add("A", [[{"ORTH": "x"}, {"ORTH": "y"}], [{"ORTH": "y", "OP": "{3}"}]],
              greedy="FIRST")
    assert [s[1:] for s in spans(first, doc)] == [(0, 2)]
    longest = Matcher(nlp.vocab)
    longest.add("A", [[{"ORTH": "x"}, {"ORTH": "y"}], [{"ORTH": "y", "OP": "{3}"}]],
                greedy="LONGEST")
    assert [s[1:] for s in spans(longest, doc)] == [(1, 4)]


def test_greedy_keys_come_after_unfiltered_keys(nlp):
    doc = nlp("a b")
    m = Matcher(nlp.vocab)
    m.add("G", [[{"ORTH": "a"}]], greedy="LONGEST")
    m.add("N", [[{"ORTH": "b"}]])
    assert spans(m, doc) == [("N", 1, 2), ("G", 0, 1)]


def test_on_match_callback(nlp):
    doc = nlp("a b a")
    seen = []
    def on_match(matcher, d, i, matches):
        seen.append((i, matches[i][1], d is doc, matcher is m))
    m = Matcher(nlp.vocab)
    m.add("A", [[{"ORTH": "a"}]], on_match=on_match)
    m.add("B", [[{"ORTH": "b"}]])
    m(doc)
    assert seen == [(0, 0, True, True), (2, 2, True, True)]


def test_span_input_and_as_spans(nlp):
    doc = nlp("a b a b a")
    m = Matcher(nlp.vocab)
    m.add("AB", [[{"ORTH": "a"}, {"ORTH": "b"}]])
    span = doc[1:5]
    assert spans(m, span) == [("AB", 1, 3)]  # tuples: offsets within the span
    result = m(span, as_spans=True)
    assert [(s.start, s.end, s.label_, s.text) for s in result] == [(2, 4, "AB", "a b")]
    assert result[0].doc is doc


def test_with_alignments(nlp):
    doc = nlp("a b b c")
    m = Matcher(nlp.vocab)
    m.add("A", [[{"ORTH": "a"}, {"ORTH": "b", "OP": "+"}, {"ORTH": "c"}]])
    assert [(s, e, al) for _k, s, e, al in m(doc, with_alignments=True)] == \
        [(0, 4, [0, 1, 1, 2])]
    # as_spans wins over with_alignments
    assert len(m(doc, as_spans=True, with_alignments=True)) == 1


# ---- rule management ---------------------------------------------------------------------------

def test_add_remove_get_len_contains(nlp):
    doc = nlp("a b")
    m = Matcher(nlp.vocab)
    assert len(m) == 0 and "A" not in m
    cb = lambda *args: None
    m.add("A", [[{"ORTH": "a"}]])
    m.add("A", [[{"ORTH": "b"}]], on_match=cb)
    m.add(12345, [[{"ORTH": "b"}]])
    assert len(m) == 2 and "A" in m and 12345 in m
    assert m.get("A") == (cb, [[{"ORTH": "a"}], [{"ORTH": "b"}]])
    assert m.get("nope", "default") == "default"
    assert [(k, s, e) for k, s, e in m(doc)] == \
        [(nlp.vocab.strings["A"], 0, 1), (nlp.vocab.strings["A"], 1, 2), (12345, 1, 2)]
    m.remove("A")
    assert len(m) == 1 and "A" not in m
    assert m(doc) == [(12345, 1, 2)]
    with pytest.raises(MatcherError):
        m.remove("A")
    with pytest.raises(ValueError):
        m.remove("A")


def test_empty_doc_and_no_patterns(nlp):
    m = make(nlp.vocab, [{"ORTH": "a", "OP": "*"}])
    assert m(nlp("")) == []
    with pytest.warns(UserWarning):
        assert Matcher(nlp.vocab)(nlp("a")) == []


def test_bad_doclike(nlp):
    m = make(nlp.vocab, [{"ORTH": "a"}])
    with pytest.raises(MatcherError):
        m("a string")


def test_long_doc_and_long_pattern(vocab):
    doc = Doc(vocab, words=["a", "b"] * 200_000)
    m = Matcher(vocab)
    m.add("AB", [[{"ORTH": "a"}, {"ORTH": "b"}]])
    m.add("LONG", [[{"ORTH": w} for w in ["a", "b"] * 100]])
    out = m(doc)
    assert sum(1 for k, s, e in out if e - s == 2) == 200_000
    assert sum(1 for k, s, e in out if e - s == 200) == 200_000 - 99


# ---- validation --------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern,fragment", [
    ([{"FOO": "x"}], "FOO"),
    ([{"LOWER": 5}], "LOWER"),
    ([{"LOWER": "x", "OP": "%"}], "OP"),
    ([{"LOWER": {"XIN": ["a"]}}], "XIN"),
    ([{"IS_ALPHA": "yes"}], "IS_ALPHA"),
    ([{"LENGTH": "3"}], "LENGTH"),
    (["x"], "pattern -> 0"),
    ([{"ENT_IOB": "Z"}], "ENT_IOB"),
    ([{"LOWER": None}], "LOWER"),
    ([{"Lower": "x"}], "Lower"),
    ([{"LOWER": {"IN": "abc"}}], "IN"),
])
def test_validation_errors_name_rule_and_key(vocab, pattern, fragment):
    m = Matcher(vocab)
    with pytest.raises(MatchPatternError) as err:
        m.add("MY_RULE", [[{"ORTH": "ok"}], pattern])
    msg = str(err.value)
    assert "MY_RULE" in msg and fragment in msg and "Pattern 1" in msg
    assert isinstance(err.value, ValueError)
    assert len(m) == 0


@pytest.mark.parametrize("pattern,fragment", [
    ([{"FOO": "x"}], "FOO"),
    ([{"LOWER": 5.5}], "LOWER"),
    ([{"LOWER": "x", "OP": "{3,1}"}], "OP"),
    ([{"LOWER": "x", "OP": 2}], "OP"),
    ([{"TEXT": {"REGEX": "("}}], "REGEX"),
    (["x"], "0"),
    ([{"_": "x"}], "_"),
    ([{"LENGTH": -1}], "LENGTH"),
])
def test_compile_errors_without_validation(vocab, pattern, fragment):
    m = Matcher(vocab, validate=False)
    with pytest.raises(MatchPatternError) as err:
        m.add("MY_RULE", [pattern])
    assert "MY_RULE" in str(err.value) and fragment in str(err.value)


def test_add_argument_errors(vocab):
    m = Matcher(vocab)
    with pytest.raises(ValueError):
        m.add("A", [[]])
    with pytest.raises(ValueError):
        m.add("A", [{"ORTH": "a"}])  # a single pattern instead of a list of patterns
    with pytest.raises(ValueError):
        m.add("A", None)
    with pytest.raises(ValueError):
        m.add("A", [[{"ORTH": "a"}]], greedy="MOST")
    with pytest.raises(ValueError):
        m.add("A", [[{"ORTH": "a"}]], on_match="not callable")


def test_empty_pattern_list_adds_rule(vocab):
    m = Matcher(vocab)
    m.add("A", [])
    assert len(m) == 1 and "A" in m
    assert m(Doc(vocab, words=["a"])) == []


def test_unknown_predicate_warns_when_not_validating(vocab):
    m = Matcher(vocab, validate=False)
    with pytest.warns(UserWarning, match="XIN"):
        m.add("A", [[{"LOWER": {"XIN": ["a"]}}]])


# ---- property test: native matcher vs brute force ---------------------------------------------

ALPHABET = ["a", "bb", "c"]
OPS = [None, None, "?", "*", "+", "!", "{2}", "{1,2}", "{,2}", "{2,}", "{0,1}"]
_CMP = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, ">=": lambda a, b: a >= b,
        "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, "<": lambda a, b: a < b}
Token.set_extension("pt_first", getter=lambda t: t.text[0], force=True)


def _word_test(spec):
    """What a token spec asks of one word, written directly in Python."""
    tests = []
    value = spec.get("ORTH")
    if isinstance(value, str):
        tests.append(lambda w, v=value: w == v)
    elif isinstance(value, dict) and "IN" in value:
        tests.append(lambda w, v=value["IN"]: w in v)
    elif isinstance(value, dict) and "NOT_IN" in value:
        tests.append(lambda w, v=value["NOT_IN"]: w not in v)
    elif isinstance(value, dict):
        tests.append(lambda w, r=value["REGEX"]: re.search(r, w) is not None)
    if "LENGTH" in spec:
        ((op, n),) = spec["LENGTH"].items()
        tests.append(lambda w, f=_CMP[op], n=n: f(len(w), n))
    if "_" in spec:
        tests.append(lambda w, v=spec["_"]["pt_first"]: w[0] == v)
    return lambda w: all(t(w) for t in tests)


def _expand(spec):
    """A token spec -> list of (min, max or None, test) items, the regex it stands for."""
    test = _word_test(spec)
    op = spec.get("OP")
    if op == "!":
        return [(1, 1, lambda w, t=test: not t(w))]
    if op is None:
        return [(1, 1, test)]
    lo, hi = {"?": (0, 1), "*": (0, None), "+": (1, None)}.get(op, (None, None))
    if lo is None:
        body = op[1:-1]
        n, _, m = body.partition(",") if "," in body else (body, ",", body)
        lo, hi = int(n or 0), (int(m) if m else None)
    return [(lo, hi, test)]


def _full_match(items, words):
    """Whether words match the sequence of (min, max, test) items exactly (backtracking)."""
    if not items:
        return not words
    lo, hi, test = items[0]
    count = 0
    while True:
        if count >= lo and _full_match(items[1:], words[count:]):
            return True
        if count == len(words) or (hi is not None and count == hi) or not test(words[count]):
            return False
        count += 1


def brute_force(patterns_by_key, words):
    found = set()
    for key, patterns in patterns_by_key.items():
        for pattern in patterns:
            items = [item for spec in pattern for item in _expand(spec)]
            for start in range(len(words)):
                for end in range(start + 1, len(words) + 1):
                    if _full_match(items, words[start:end]):
                        found.add((key, start, end))
    return found


_orth = st.one_of(
    st.sampled_from(ALPHABET),
    st.builds(lambda v: {"IN": v}, st.lists(st.sampled_from(ALPHABET), max_size=2)),
    st.builds(lambda v: {"NOT_IN": v}, st.lists(st.sampled_from(ALPHABET), max_size=2)),
    st.builds(lambda r: {"REGEX": r}, st.sampled_from(["^a", "b", "^c$", "."])))
token_spec = st.builds(
    lambda orth, length, first, op: {
        **({} if orth is None else {"ORTH": orth}),
        **({} if length is None else {"LENGTH": {length[0]: length[1]}}),
        **({} if first is None else {"_": {"pt_first": first}}),
        **({} if op is None else {"OP": op})},
    st.one_of(st.none(), st.none(), _orth),
    st.one_of(st.none(), st.none(), st.tuples(st.sampled_from(sorted(_CMP)),
                                              st.integers(1, 2))),
    st.one_of(st.none(), st.none(), st.none(), st.sampled_from(["a", "b"])),
    st.sampled_from(OPS))


@settings(max_examples=200, deadline=None)
@given(patterns=st.dictionaries(st.sampled_from(["K1", "K2", "K3"]),
                                st.lists(st.lists(token_spec, min_size=1, max_size=4),
                                         min_size=1, max_size=2), min_size=1, max_size=3),
       words=st.lists(st.sampled_from(ALPHABET), max_size=8))
def test_matches_equal_brute_force(patterns, words):
    vocab = _PROPERTY_VOCAB
    doc = Doc(vocab, words=words) if words else Doc(vocab, words=[])
    m = Matcher(vocab)
    for key, pats in patterns.items():
        m.add(key, pats)
    got = [(vocab.strings[k], s, e) for k, s, e in m(doc)]
    assert len(got) == len(set(got)), "a match was reported twice"
    assert set(got) == brute_force(patterns, words)
    # a Span gives the same matches as the Doc of its words, shifted
    if len(words) > 2:
        sub = Doc(vocab, words=words[1:-1])
        assert m(sub) == m(doc[1:-1])


_PROPERTY_VOCAB = lexloom.blank("en").vocab


@settings(max_examples=100, deadline=None)
@given(pattern=st.lists(token_spec, min_size=1, max_size=4),
       words=st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=8))
def test_alignments_assign_each_token_a_spec_it_satisfies(pattern, words):
    vocab = _PROPERTY_VOCAB
    doc = Doc(vocab, words=words)
    m = Matcher(vocab)
    m.add("K", [pattern])
    plain = m(doc)
    aligned = m(doc, with_alignments=True)
    assert [x[:3] for x in aligned] == plain
    for _key, start, end, alignment in aligned:
        assert len(alignment) == end - start
        assert alignment == sorted(alignment)  # pattern order is kept
        for word, spec_idx in zip(words[start:end], alignment):
            lo, hi, test = _expand(pattern[spec_idx])[0]
            assert hi != 0 and test(word)


# ---- native core, no Python ----------------------------------------------------------------

def test_cpp_unit_tests_pass(tmp_path):
    import shutil
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    cxx = shutil.which("g++") or shutil.which("c++") or shutil.which("clang++")
    assert cxx, "a C++ compiler is needed to build the native core"
    binary = tmp_path / "test_matcher"
    build = subprocess.run(
        [cxx, "-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror", f"-I{root / 'csrc'}",
         str(root / "csrc" / "tests" / "test_matcher.cc"),
         str(root / "csrc" / "lexloom" / "matcher.cc"), "-o", str(binary)],
        capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(binary)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "all C++ matcher tests passed" in run.stdout


def test_matcher_pickles_with_its_rules(vocab):
    import pickle

    m = Matcher(vocab)
    m.add("A", [[{"ORTH": "a"}, {"ORTH": "b", "OP": "+"}]], greedy="LONGEST")
    try:
        copy = pickle.loads(pickle.dumps(m))
    except (TypeError, pickle.PicklingError, AttributeError) as err:
        pytest.skip(f"the vocab does not pickle here: {err}")
    doc = Doc(copy.vocab, words=["a", "b", "b"])
    assert [x[1:] for x in copy(doc)] == [(0, 3)]


def test_levenshtein_compare_is_registered():
    import lexloom.builtins  # noqa: F401  (registers the built-in functions)
    from lexloom.registry import registry

    make_compare = registry.misc.get("spacy.levenshtein_compare.v1")
    assert make_compare() is levenshtein_compare


def test_remove_keeps_other_rules_filters_and_predicates(nlp):
    doc = nlp("a a b ab")
    m = Matcher(nlp.vocab)
    m.add("R", [[{"TEXT": {"REGEX": "^a"}}]])
    m.add("G", [[{"ORTH": "a", "OP": "+"}]], greedy="LONGEST")
    m.add("X", [[{"ORTH": "b"}]])
    m.remove("R")
    assert spans(m, doc) == [("X", 2, 3), ("G", 0, 2)]
    m.add("R", [[{"TEXT": {"REGEX": "b$"}}]])
    m.add("G", [[{"ORTH": "b"}]], greedy="FIRST")  # a second add replaces the filter
    assert spans(m, doc) == [("X", 2, 3), ("R", 2, 3), ("R", 3, 4), ("G", 0, 2), ("G", 2, 3)]


def test_many_rules_add_quickly(vocab):
    import time

    m = Matcher(vocab)
    t0 = time.perf_counter()
    for i in range(5000):
        m.add(f"K{i}", [[{"LOWER": f"w{i}"}, {"IS_DIGIT": True, "OP": "?"}]])
    assert time.perf_counter() - t0 < 20  # linear: was quadratic when every add rescanned
    doc = Doc(vocab, words=["w17", "3", "w4999", "x"])
    assert spans(m, doc) == [("K17", 0, 1), ("K17", 0, 2), ("K4999", 2, 3)]


def _greedy_reference(found, greedy):
    """spaCy's greedy filter over a set of (start, end): sort, then keep what doesn't overlap."""
    if greedy == "FIRST":
        ordered = sorted(found, key=lambda se: (se[0], -se[1]))
    else:
        ordered = sorted(found, key=lambda se: (se[1] - se[0], -se[0]), reverse=True)
    taken, kept = set(), []
    for start, end in ordered:
        if not taken.intersection(range(start, end)):
            kept.append((start, end))
            taken.update(range(start, end))
    return kept


@settings(max_examples=100, deadline=None)
@given(patterns=st.lists(st.lists(token_spec, min_size=1, max_size=3), min_size=1, max_size=2),
       words=st.lists(st.sampled_from(ALPHABET), max_size=8),
       greedy=st.sampled_from(["FIRST", "LONGEST"]))
def test_greedy_filters_equal_reference(patterns, words, greedy):
    vocab = _PROPERTY_VOCAB
    doc = Doc(vocab, words=words)
    m = Matcher(vocab)
    m.add("G", patterns, greedy=greedy)
    found = {(s, e) for _k, s, e in brute_force({"G": patterns}, words)}
    assert [(s, e) for _k, s, e in m(doc)] == _greedy_reference(found, greedy)


def test_predicates_read_a_foreign_docs_strings():
    """spaCy's predicates read token.vocab.strings, so a Doc made with another vocab matches
    by its own strings (reading the matcher's raised, and the failure was cached per value,
    so a loaded pipeline's attribute_ruler then failed on every later text with that word)."""
    nlp = lexloom.blank("en")
    matcher = Matcher(nlp.vocab)
    matcher.add("R", [[{"LOWER": {"REGEX": "^qw"}}]])
    matcher.add("F", [[{"LOWER": {"FUZZY": "qwzzxx"}}]])
    foreign = Doc(lexloom.blank("en").vocab, words=["Hello", "qwzzxv"])
    assert "qwzzxv" not in nlp.vocab.strings
    assert sorted((nlp.vocab.strings[k], s, e) for k, s, e in matcher(foreign)) == [
        ("F", 1, 2), ("R", 1, 2)]
    doc = nlp.make_doc("zzqq qwzzxv")
    assert sorted((nlp.vocab.strings[k], s) for k, s, _ in matcher(doc)) == [("F", 1), ("R", 1)]


def test_a_zero_width_token_needs_no_annotation():
    """spaCy drops a {0} / {0,0} token when it compiles a pattern, so the attribute it names
    (TAG, POS, LEMMA, DEP) needs no component: it matches on an untagged Doc (found by a
    fuzzer), while a token that is compared still needs its tagger."""
    import lexloom
    from lexloom.errors import MatcherError
    from lexloom.matcher import Matcher

    nlp = lexloom.blank("en")
    doc = nlp("a b a")
    matcher = Matcher(nlp.vocab)
    matcher.add("K", [[{"TAG": "NN", "OP": "{0}"}, {"ORTH": "a"}],
                      [{"POS": "NOUN", "OP": "{0,0}"}, {"ORTH": "b"}]])
    assert sorted((s, e) for _, s, e in matcher(doc)) == [(0, 1), (1, 2), (2, 3)]
    matcher.add("T", [[{"TAG": "NN", "OP": "?"}, {"ORTH": "b"}]])
    with pytest.raises(MatcherError, match="E155"):
        matcher(doc)
