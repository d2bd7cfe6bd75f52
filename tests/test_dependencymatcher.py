"""DependencyMatcher: hand-derived trees, every operator against a reference written from the
Token API, spaCy's validation errors, and whole-matcher results against a brute-force
enumeration of token assignments (in spaCy's order) on random trees."""
from __future__ import annotations

import itertools
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lexloom
from lexloom.errors import MatcherError, MatchPatternError
from lexloom.matcher import DependencyMatcher
from lexloom.matcher.dependencymatcher import OPS, relation_matrix
from lexloom.tokens import Doc


@pytest.fixture(scope="module")
def nlp():
    return lexloom.blank("en")


def named(nlp, matches):
    return [(nlp.vocab.strings[k], ids) for k, ids in matches]


def fox_doc(nlp):
    # the quick fox jumped over the lazy dog . | it slept   (two sentences)
    words = "the quick fox jumped over the lazy dog . it slept".split()
    heads = [2, 2, 3, 3, 3, 7, 7, 4, 3, 10, 10]
    deps = ["det", "amod", "nsubj", "ROOT", "prep", "det", "amod", "pobj", "punct", "nsubj",
            "ROOT"]
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps)


def node(rid, attrs, left=None, op=None):
    d = {"RIGHT_ID": rid, "RIGHT_ATTRS": attrs}
    if left is not None:
        d.update(LEFT_ID=left, REL_OP=op)
    return d


# ---- hand-derived ----------------------------------------------------------------------------

def test_fox_patterns(nlp):
    doc = fox_doc(nlp)
    m = DependencyMatcher(nlp.vocab)
    m.add("SVO", [[node("v", {"DEP": "ROOT"}), node("s", {"DEP": "nsubj"}, "v", ">")]])
    m.add("SIB", [[node("a", {}), node("b", {}, "a", "$+")]])
    m.add("PREC", [[node("a", {"ORTH": "."}), node("b", {}, "a", ".")]])
    m.add("TWO", [[node("a", {"ORTH": "the"}), node("b", {}, "a", "<<"),
                   node("c", {"ORTH": "fox"}, "a", ";*")]])
    assert named(nlp, m(doc)) == [
        # each root with its nsubj child, by sentence
        ("SVO", [3, 2]), ("SVO", [10, 9]),
        # b = a + 1 and a child of a's head: the(0)/quick(1) under fox, jumped(3)/over(4):
        # over is a child of jumped, which is its own head; the(5)/lazy(6) under dog
        ("SIB", [0, 1]), ("SIB", [3, 4]), ("SIB", [5, 6]),
        # "." (8) is last in its sentence: nothing follows it there; PREC has no match.
        # the(0) precedes fox, so only the(5): ancestors dog, over, jumped; fox before it
        ("TWO", [5, 3, 2]), ("TWO", [5, 4, 2]), ("TWO", [5, 7, 2]),
    ]


def test_span_is_matched_as_its_own_doc(nlp):
    doc = fox_doc(nlp)
    m = DependencyMatcher(nlp.vocab)
    m.add("SVO", [[node("v", {"DEP": "ROOT"}), node("s", {"DEP": "nsubj"}, "v", ">")]])
    assert named(nlp, m(doc[9:11])) == [("SVO", [1, 0])]


def test_span_heads_outside_are_rewired_as_spacy(nlp):
    doc = fox_doc(nlp)
    m = DependencyMatcher(nlp.vocab)
    m.add("A", [[node("a", {"DEP": "dep"}), node("b", {"ORTH": "dog"}, "a", ">")]])
    m.add("B", [[node("a", {"ORTH": "jumped"}), node("b", {"DEP": "dep"}, "a", ">")]])
    # over the lazy dog: "over" lost its head (jumped) and has no ancestor in the span, so
    # it becomes a root labelled "dep"; dog still hangs from it
    assert named(nlp, m(doc[4:8])) == [("A", [0, 3])]
    # jumped over the: "the" (head dog, outside) goes to its highest ancestor inside: jumped
    assert named(nlp, m(doc[3:6])) == [("B", [0, 2])]


def test_span_keeps_extension_values(nlp):
    from lexloom.tokens import Token

    Token.set_extension("dm_flag", default=False, force=True)
    doc = Doc(nlp.vocab, words="a b . c d".split(), heads=[1, 1, 1, 4, 4],
              deps=["x", "ROOT", "p", "x", "ROOT"])
    doc[3]._.dm_flag = True
    m = DependencyMatcher(nlp.vocab)
    m.add("F", [[node("a", {"_": {"dm_flag": True}}), node("b", {}, "a", "<")]])
    assert named(nlp, m(doc)) == [("F", [3, 4])]
    assert named(nlp, m(doc[3:5])) == [("F", [0, 1])]


def test_unparsed_doc_and_empty_doc(nlp):
    m = DependencyMatcher(nlp.vocab)
    m.add("ONE", [[node("a", {"ORTH": "x"})]])
    m.add("TWO", [[node("a", {}), node("b", {}, "a", ".")]])
    # without a parse every token is its own tree and sentence: no "." relations
    assert named(nlp, m(Doc(nlp.vocab, words=["x", "y", "x"]))) == [("ONE", [0]), ("ONE", [2])]
    assert m(Doc(nlp.vocab, words=[])) == []


def test_multi_token_node_match_warns_and_uses_first_token(nlp):
    m = DependencyMatcher(nlp.vocab)
    m.add("W", [[node("a", {"ORTH": "a", "OP": "{2}"})]])
    with pytest.warns(UserWarning, match="one token"):
        assert named(nlp, m(Doc(nlp.vocab, words=["a", "a", "a"]))) == [("W", [0]), ("W", [1])]


def test_rule_api(nlp):
    calls = []
    m = DependencyMatcher(nlp.vocab)
    pattern = [node("v", {"DEP": "ROOT"}), node("s", {"DEP": "nsubj"}, "v", ">")]
    m.add("SVO", [pattern], on_match=lambda *args: calls.append(args))
    assert len(m) == 1 and "SVO" in m and "X" not in m
    assert m.get("SVO") == (m._callbacks[nlp.vocab.strings["SVO"]], [pattern])
    assert m.get("X", 5) == 5
    doc = fox_doc(nlp)
    matches = m(doc)
    assert [(c[0], c[1], c[2]) for c in calls] == [(m, doc, 0), (m, doc, 1)]
    assert calls[0][3] is matches
    m.remove("SVO")
    with pytest.warns(UserWarning, match="no patterns"):  # spaCy's W036, from the Matcher
        assert len(m) == 0 and m(doc) == []
    with pytest.raises(ValueError):
        m.remove("SVO")
    with pytest.raises(MatcherError):
        m("not a doc")
    # re-adding after a remove matches again
    m.add("SVO", [pattern])
    assert named(nlp, m(doc)) == [("SVO", [3, 2]), ("SVO", [10, 9])]


@pytest.mark.parametrize("pattern,message", [
    ([{"RIGHT_ID": "a"}], "RIGHT_ATTRS"),
    ([{"RIGHT_ATTRS": {}}], "anchor"),
    ([node("a", {}, "b", ">")], "anchor"),
    ([node("a", {}), {"RIGHT_ID": "b", "RIGHT_ATTRS": {}, "LEFT_ID": "a"}], "REL_OP"),
    ([node("a", {}), node("b", {}, "x", ">")], "LEFT_ID 'x'"),
    ([node("a", {}), node("a", {}, "a", ">")], "new node"),
    ([node("a", {}), node("b", {}, "a", "><")], "unsupported operator '><'"),
    ([node("a", {"ORTH": "x", "OP": "+"})], "'OP'"),
    ([], "at least one node"),
    (["x"], "expected a dict"),
])
def test_malformed_patterns(nlp, pattern, message):
    m = DependencyMatcher(nlp.vocab)
    with pytest.raises(MatchPatternError, match=message) as err:
        m.add("BAD", [pattern])
    assert isinstance(err.value, ValueError) and "'BAD'" in str(err.value)
    assert len(m) == 0


def test_bad_add_arguments(nlp):
    m = DependencyMatcher(nlp.vocab)
    with pytest.raises(MatchPatternError, match="list"):
        m.add("K", [node("a", {})][0])
    with pytest.raises(MatchPatternError, match="callable"):
        m.add("K", [[node("a", {})]], on_match=3)
    with pytest.warns(UserWarning, match="unsupported"):
        m.add("K", [[node("a", {}), dict(node("b", {}, "a", ">"), EXTRA=1)]])


# ---- a reference written from the Token API ------------------------------------------------

def sentence(tok):
    root = list(tok.ancestors)[-1] if list(tok.ancestors) else tok
    return range(root.left_edge.i, root.right_edge.i + 1)


def ref_relation(doc, op, a, b):
    A, B = doc[a], doc[b]
    head = A.head
    kids = [t.i for t in head.children]
    return {
        "<": head.i != a and b == head.i,
        ">": b in [t.i for t in A.children],
        "<<": b in [t.i for t in A.ancestors],
        ">>": b != a and b in [t.i for t in A.subtree],
        ".": b == a + 1 and b in sentence(A),
        ".*": a < b < sentence(A).stop,
        ";": b == a - 1 and b in sentence(A),
        ";*": sentence(A).start <= b < a,
        "$+": b == a + 1 and b in kids,
        "$-": b == a - 1 and b in kids,
        "$++": b > a and b in kids,
        "$--": b < a and b in kids,
        ">+": b == a + 1 and b in [t.i for t in A.rights],
        ">-": b == a - 1 and b in [t.i for t in A.lefts],
        ">++": b in [t.i for t in A.rights],
        ">--": b in [t.i for t in A.lefts],
        "<+": head.i == a + 1 and b == head.i,
        "<-": head.i == a - 1 and b == head.i,
        "<++": head.i > a and b == head.i,
        "<--": head.i < a and b == head.i,
    }[op]


@st.composite
def trees(draw, max_sents=3, max_len=6):
    """Docs of 1-3 random projective sentences (spaCy and lexloom agree on their edges)."""
    words, heads = [], []
    for _ in range(draw(st.integers(1, max_sents))):
        n = draw(st.integers(1, max_len))
        base = len(words)
        h = [0] * n

        def build(lo, hi, parent):
            if lo >= hi:
                return
            r = draw(st.integers(lo, hi - 1))
            h[r] = r if parent is None else parent
            build(lo, r, r)
            build(r + 1, hi, r)

        build(0, n, None)
        words += [draw(st.sampled_from("abc")) for _ in range(n)]
        heads += [base + x for x in h]
    deps = ["ROOT" if h == i else draw(st.sampled_from(["nsubj", "obj"]))
            for i, h in enumerate(heads)]
    return words, heads, deps


@settings(max_examples=60, deadline=None)
@given(tree=trees())
def test_every_operator_equals_reference(nlp, tree):
    words, heads, deps = tree
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    n = len(doc)
    for op in OPS:
        got = relation_matrix(doc, op)
        want = [[ref_relation(doc, op, a, b) for b in range(n)] for a in range(n)]
        assert got.tolist() == want, op


ATTRS = [{}, {"ORTH": "a"}, {"ORTH": "b"}, {"DEP": "nsubj"}, {"DEP": "ROOT"}]


@st.composite
def dep_patterns(draw):
    n = draw(st.integers(1, 3))
    pattern = [node("n0", draw(st.sampled_from(ATTRS)))]
    for j in range(1, n):
        pattern.append(node(f"n{j}", draw(st.sampled_from(ATTRS)),
                            f"n{draw(st.integers(0, j - 1))}", draw(st.sampled_from(list(OPS)))))
    return pattern


def node_matches(tok, attrs):
    return all((tok.orth_ if k == "ORTH" else tok.dep_) == v for k, v in attrs.items())


def reference_matches(doc, rules):
    """spaCy's algorithm, unoptimised: trees ordered by their first token matching any node;
    per key, per pattern, per tree, the product of each node's candidates, filtered."""
    all_attrs = [n["RIGHT_ATTRS"] for _, pats in rules for p in pats for n in p]
    roots = []
    for tok in doc:
        root = (list(tok.ancestors) or [tok])[-1].i
        if root not in roots and any(node_matches(tok, a) for a in all_attrs):
            roots.append(root)
    out = []
    for key, patterns in rules:
        for pattern in patterns:
            index = {n["RIGHT_ID"]: j for j, n in enumerate(pattern)}
            for root in roots:
                cands = [[t.i for t in doc if node_matches(t, n["RIGHT_ATTRS"])
                          and (list(t.ancestors) or [t])[-1].i == root] for n in pattern]
                for assign in itertools.product(*cands):
                    if all(ref_relation(doc, n["REL_OP"], assign[index[n["LEFT_ID"]]], assign[j])
                           for j, n in enumerate(pattern) if j > 0):
                        out.append((key, list(assign)))
    return out


@settings(max_examples=80, deadline=None)
@given(tree=trees(), rules=st.lists(st.lists(dep_patterns(), min_size=1, max_size=2),
                                    min_size=1, max_size=3))
def test_matches_equal_brute_force(nlp, tree, rules):
    words, heads, deps = tree
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    m = DependencyMatcher(nlp.vocab)
    named_rules = [(f"R{i}", pats) for i, pats in enumerate(rules)]
    for key, pats in named_rules:
        m.add(key, pats)
    assert named(nlp, m(doc)) == reference_matches(doc, named_rules)


@pytest.mark.slow
def test_long_doc(nlp):
    n = 200_000
    heads = [i - 1 if i % 50 else i for i in range(n)]  # chains of 50, each its own sentence
    doc = Doc(nlp.vocab, words=["w"] * n, heads=heads,
              deps=["ROOT" if i % 50 == 0 else "dep" for i in range(n)])
    m = DependencyMatcher(nlp.vocab)
    m.add("R", [[node("r", {"DEP": "ROOT"}), node("c", {}, "r", ">")]])
    assert len(m(doc)) == n // 50
