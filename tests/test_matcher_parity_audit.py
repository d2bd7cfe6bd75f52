"""Matcher / PhraseMatcher / DependencyMatcher parity with spaCy 3.8, from a differential
audit: spaCy's error codes and builtin exception types, zero-repeat operators, nested
REGEX / FUZZY, validation corner cases, extension values, warnings with spaCy's codes.
Expected values were produced by spaCy 3.8.18 (no spaCy needed here)."""
import pickle
import re
import warnings

import pytest

import lexloom
from lexloom.errors import MatchPatternError
from lexloom.matcher import DependencyMatcher, Matcher, PhraseMatcher
from lexloom.tokens import Doc, Token

TEXT = "The quick brown fox jumps over the lazy dog . The Dog barks , the FOX runs"


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("en")


@pytest.fixture(scope="module", autouse=True)
def extensions():
    for name, default in (("audit_int", 0), ("audit_str", ""), ("audit_none", None),
                          ("audit_float", 0.0)):
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)


def named(matcher, matches):
    s = matcher.vocab.strings
    return [(s[m[0]],) + tuple(m[1:]) for m in matches]


def ann_doc(vocab):
    return Doc(vocab, words=["Alice", "saw", "big", "dogs", "."],
               pos=["PROPN", "VERB", "ADJ", "NOUN", "PUNCT"],
               deps=["nsubj", "ROOT", "amod", "dobj", "punct"], heads=[1, 1, 3, 1, 1])


def code_of(err):
    m = re.search(r"\[(E\d+)\]", str(err))
    return m.group(1) if m else None


# ---- error codes (spaCy's code at the start of the message, after "[lexloom]") --------------

@pytest.mark.parametrize("call,code", [
    (lambda m: m.add("K", None), "E948"),
    (lambda m: m.add("K", {"a": 1}), "E948"),
    (lambda m: m.add("K", ([{"LOWER": "a"}],)), "E948"),
    (lambda m: m.add("K", [[{"LOWER": "a"}]], on_match=1), "E171"),
    (lambda m: m.add("K", [[{"LOWER": "a"}]], greedy="first"), "E947"),
    (lambda m: m.add("K", [[]]), "E012"),
    (lambda m: m.add("K", [{"LOWER": "a"}]), "E178"),
    (lambda m: m.add("K", [({"LOWER": "a"},)]), "E178"),
    (lambda m: m.remove("NOPE"), "E175"),
])
def test_matcher_add_remove_codes(nlp, call, code):
    m = Matcher(nlp.vocab)
    with pytest.raises(ValueError) as err:
        call(m)
    assert str(err.value).startswith(f"[lexloom] [{code}]")


def test_matcher_call_codes(nlp):
    m = Matcher(nlp.vocab)
    m.add("A", [[{"LOWER": "the"}]])
    for bad in ("text", nlp.make_doc("the x")[0]):
        with pytest.raises(ValueError, match=r"\[E195\]"):
            m(bad)
    m.add("P", [[{"POS": "NOUN"}]])
    with pytest.raises(ValueError, match=r"^\[lexloom\] \[E155\]") as err:
        m(nlp.make_doc("the dog"))
    assert "POS" in str(err.value)
    assert named(m, m(nlp.make_doc("the dog"), allow_missing=True)) == [("A", 0, 1)]


def test_matcher_key_type_error(nlp):
    with pytest.raises(TypeError):
        Matcher(nlp.vocab).add(None, [[{"LOWER": "a"}]])


def test_phrasematcher_codes(nlp):
    with pytest.raises(ValueError, match=r"\[E152\]"):
        PhraseMatcher(nlp.vocab, attr="HEAD")
    pm = PhraseMatcher(nlp.vocab)
    with pytest.raises(ValueError, match=r"\[E179\]"):
        pm.add("P", nlp.make_doc("a"))
    with pytest.raises(ValueError, match=r"\[E195\]"):
        pm("abc")
    with pytest.raises(TypeError):
        pm.add(("a",), [nlp.make_doc("a")])
    pos = PhraseMatcher(nlp.vocab, attr="POS")
    with pytest.raises(ValueError, match=r"^\[lexloom\] \[E155\]"):
        pos.add("P", [nlp.make_doc("big dogs")])
    tagged = PhraseMatcher(nlp.vocab, attr="ORTH", validate=True)
    with pytest.warns(UserWarning, match=r"\[W012\]"):
        tagged.add("P", [ann_doc(nlp.vocab)])


@pytest.mark.parametrize("pattern,code,exc", [
    ([], "E012", ValueError),
    (["x"], "E1008", ValueError),
    ([{}], "E098", ValueError),
    ([{"RIGHT_ATTRS": {}}], "E099", ValueError),
    ([{"RIGHT_ID": "a", "RIGHT_ATTRS": {}, "REL_OP": ">"}], "E099", ValueError),
    ([{"RIGHT_ID": "a", "RIGHT_ATTRS": {}},
      {"LEFT_ID": "a", "RIGHT_ID": "b", "RIGHT_ATTRS": {}}], "E100", ValueError),
    ([{"RIGHT_ID": "a", "RIGHT_ATTRS": {}},
      {"LEFT_ID": "z", "REL_OP": ">", "RIGHT_ID": "b", "RIGHT_ATTRS": {}}], "E101", ValueError),
    ([{"RIGHT_ID": "a", "RIGHT_ATTRS": {}},
      {"LEFT_ID": "a", "REL_OP": "??", "RIGHT_ID": "b", "RIGHT_ATTRS": {}}], "E1007",
     ValueError),
    ([{"RIGHT_ID": "a", "RIGHT_ATTRS": {"OP": "+"}}], "E1016", ValueError),
    ([{"RIGHT_ID": "a"}], None, KeyError),  # spaCy reads relation["RIGHT_ATTRS"]
])
def test_dependencymatcher_pattern_codes(nlp, pattern, code, exc):
    dm = DependencyMatcher(nlp.vocab)
    with pytest.raises(exc) as err:
        dm.add("D", [pattern])
    assert isinstance(err.value, MatchPatternError)
    if code:
        assert code_of(err.value) == code and str(err.value).startswith(f"[lexloom] [{code}]")
    assert len(dm) == 0


def test_dependencymatcher_api_codes(nlp):
    dm = DependencyMatcher(nlp.vocab)
    with pytest.raises(ValueError, match=r"\[E948\]"):
        dm.add("D", None)
    with pytest.raises(ValueError, match=r"\[E171\]"):
        dm.add("D", [[{"RIGHT_ID": "a", "RIGHT_ATTRS": {}}]], on_match=1)
    with pytest.raises(ValueError, match=r"\[E1008\]"):
        dm.add("D", [{"RIGHT_ID": "a", "RIGHT_ATTRS": {}}])
    with pytest.raises(ValueError, match=r"\[E175\]"):
        dm.remove("D")
    with pytest.raises(ValueError, match=r"\[E195\]"):
        dm("abc")
    dm.add("D", [[{"RIGHT_ID": "a", "RIGHT_ATTRS": {"POS": "VERB"}}]])
    with pytest.raises(ValueError, match=r"\[E155\]"):
        dm(nlp.make_doc("Alice saw dogs"))


def test_dependencymatcher_warning_codes(nlp):
    dm = DependencyMatcher(nlp.vocab)
    with pytest.warns(UserWarning, match=r"\[W126\]"):
        dm.add("D", [[{"RIGHT_ID": "a", "RIGHT_ATTRS": {}},
                      {"LEFT_ID": "a", "REL_OP": ">", "RIGHT_ID": "b", "RIGHT_ATTRS": {},
                       "EXTRA": 1}]])
    dm2 = DependencyMatcher(nlp.vocab)
    dm2.add("D", [[{"RIGHT_ID": "a", "RIGHT_ATTRS": {"ORTH": "a", "OP": "{2}"}}]])
    doc = Doc(nlp.vocab, words=["a", "a"], heads=[0, 0], deps=["ROOT", "dep"])
    with pytest.warns(UserWarning, match=r"\[W110\]"):
        assert named(dm2, dm2(doc)) == [("D", [0])]


# ---- zero-repeat operators, {n} limits, nested predicates ------------------------------

def test_zero_repeat_patterns(nlp):
    doc = nlp.make_doc(TEXT)
    for op in ("{0}", "{0,0}", "{,0}"):
        m = Matcher(nlp.vocab)
        m.add("Z", [[{"IS_LOWER": True, "OP": op}]], greedy="LONGEST")
        assert m(doc) == [] and m(doc, with_alignments=True) == [] and len(m) == 1
    m = Matcher(nlp.vocab)
    m.add("A", [[{"LOWER": "the"}, {"OP": "{0}"}, {"LOWER": "quick"}],
                [{"LOWER": "the", "OP": "{0}"}, {"LOWER": "fox"}]])
    assert named(m, m(doc, with_alignments=True)) == [("A", 0, 2, [0, 2]), ("A", 3, 4, [1]),
                                                      ("A", 15, 16, [1])]
    m.add("Z", [[{"OP": "{0}"}]])
    m.remove("Z")
    assert named(m, m(doc)) == [("A", 0, 2), ("A", 3, 4), ("A", 15, 16)]
    m2 = pickle.loads(pickle.dumps(m))
    assert named(m2, m2(doc)) == [("A", 0, 2), ("A", 3, 4), ("A", 15, 16)]


def test_large_exact_repeat_is_accepted(nlp):
    m = Matcher(nlp.vocab)
    m.add("K", [[{"LOWER": "a", "OP": "{1000}"}]])
    assert m(nlp.make_doc("a a b")) == []
    with pytest.raises(ValueError):
        m.add("K", [[{"LOWER": "a", "OP": "{99999999999}"}]])


@pytest.mark.parametrize("op,spans", [
    ("{1, 2}", [(0, 1), (0, 2), (1, 2)]), ("{ 1,2}", [(0, 1), (0, 2), (1, 2)]),
    ("{-1,1}", [(0, 1), (0, 2), (1, 2)]), ("{3,2 }", []), ("{1 ,}", None),
    ("{ 1 }", None), ("{1 }", None), ("{ 2}", None), ("{ 1,2 }", None), ("{x,2}", None),
    ("{,}", None), ("{2,1}", None)])
def test_repeat_operators_are_read_as_spacy_reads_them(nlp, op, spans):
    """One side of {n,m} must be digits only (and n <= m when both are); the other is read
    by int(), spaces and all: spaCy takes "{1, 2}" and refuses "{ 1 }" with E011."""
    m = Matcher(nlp.vocab, validate=False)
    if spans is None:
        with pytest.raises(MatchPatternError, match="E011"):
            m.add("K", [[{"ORTH": "a", "OP": op}]])
        return
    m.add("K", [[{"ORTH": "a", "OP": op}]])
    assert sorted((s, e) for _, s, e in m(Doc(nlp.vocab, words=["a", "a", "b"]))) == spans


def test_nested_regex_fuzzy_predicates(nlp):
    doc = nlp.make_doc(TEXT)
    for validate in (True, False):
        m = Matcher(nlp.vocab, validate=validate)
        m.add("R", [[{"LOWER": {"REGEX": {"REGEX": "^d"}}}]])
        m.add("F", [[{"LOWER": {"FUZZY": {"FUZZY": "dgo"}}}]])
        assert named(m, m(doc)) == [("R", 8, 9), ("F", 8, 9), ("R", 11, 12), ("F", 11, 12)]


def test_unknown_predicate_warns_w035(nlp):
    m = Matcher(nlp.vocab, validate=False)
    with pytest.warns(UserWarning, match=r"\[W035\]"):
        m.add("K", [[{"LOWER": {"XIN": ["a"]}}]])


def test_predicate_type_errors(nlp):
    for pattern in ([{"LOWER": {"REGEX": 1}}], [{"LOWER": {"FUZZY": 1}}],
                    [{"LENGTH": {">=": "a"}}], [{"_": {"audit_str": ["a"]}}]):
        with pytest.raises(TypeError):
            Matcher(nlp.vocab, validate=False).add("K", [pattern])
    with pytest.raises(re.error):
        Matcher(nlp.vocab).add("K", [[{"LOWER": {"REGEX": "("}}]])


# ---- validation ------------------------------------------------------------------------

def test_validation_corner_cases(nlp):
    doc = nlp.make_doc("a b")
    m = Matcher(nlp.vocab, validate=True)
    m.add("IOB", [[{"ENT_IOB": True}]])  # spaCy's Literal schema takes True as 1
    for pattern in ([{"orth": "a", "ORTH": "b"}], [{"LOWER": "a", "OP": "+", "op": "*"}]):
        with pytest.raises(MatchPatternError, match="Extra inputs"):
            Matcher(nlp.vocab, validate=True).add("K", [pattern])
    m = Matcher(nlp.vocab, validate=False)
    m.add("ANY", [[None], [{}, []]])  # falsy token specs match any token, as in spaCy
    assert named(m, m(doc)) == [("ANY", 0, 1), ("ANY", 0, 2), ("ANY", 1, 2)]


# ---- extension values ------------------------------------------------------------------

def test_extension_float_and_bad_values(nlp):
    m = Matcher(nlp.vocab)
    m.add("X", [[{"_": {"audit_float": 2.0}}], [{"_": {"audit_int": 2}}]])
    doc = nlp.make_doc("a b c")
    doc[0]._.audit_float = 2.0
    doc[1]._.audit_int = 2.7  # read as an integer, as spaCy's attr_t conversion does
    assert named(m, m(doc)) == [("X", 0, 1), ("X", 1, 2)]
    m2 = Matcher(nlp.vocab)
    m2.add("N", [[{"_": {"audit_none": "a"}}]])
    with pytest.raises(TypeError):
        m2(nlp.make_doc("a"))
    with pytest.raises(TypeError):
        Matcher(nlp.vocab, validate=False).add("K", [[{"_": {"audit_str": None}}]])


def test_no_native_crash_on_huge_optional_counts(nlp):
    m = Matcher(nlp.vocab)
    with pytest.raises(ValueError):
        m.add("K", [[{"LOWER": "a", "OP": "{0,100000}"}]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert len(m) == 0
