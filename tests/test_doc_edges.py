"""Left/right edges, child counts, subtree order and sentence bounds as spaCy 3.8 sets them,
and Span.as_doc.

spaCy does not compute subtrees exactly: it sweeps the tokens left-to-right and right-to-left,
widening each head's edges by its children's, and sweeps again (at most 12 times) only while
some head lies outside the sentences those edges imply. On non-projective trees that can stop
with edges narrower than the subtree, and users of trained pipelines see those values.
"""
from __future__ import annotations

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexloom.errors import DocError
from lexloom.tokens import Doc, Token
from lexloom.vocab import Vocab


def _doc(heads, deps=None, vocab=None):
    n = len(heads)
    if deps is None:
        deps = ["ROOT" if heads[i] == i else "dep" for i in range(n)]
    return Doc(vocab or Vocab(), words=[f"w{i}" for i in range(n)], heads=heads, deps=deps)


def _view(doc):
    return [(t.left_edge.i, t.right_edge.i, t.n_lefts, t.n_rights, [c.i for c in t.subtree],
             t.is_sent_start) for t in doc]


# heads [0, 2, 0, 3, 4, 1]: roots 0, 3, 4; arcs 2->1, 0->2, 1->5 (crosses the roots 3 and 4).
# Sweep 1, left to right: 1 widens 2 to (1, 2); 2 widens 0 to (0, 2); 5 widens 1 to (1, 5).
# Right to left: 2 is widened by 1 to (1, 5), but 0 was already visited, so it keeps (0, 2).
# Sentence check: starts at the roots' left edges {0, 3, 4}; spans [0,3), [3,4), and [4,5)
# (the last token is never checked), all heads inside -> done after one sweep.
# Subtree of 0: no lefts; itself; rights within (0, 2] = [2] -> subtree(2) = lefts within
# [1, 2) = [1] -> subtree(1) = [1, 5]; then 2. So [0, 1, 5, 2].
NONPROJ_HEADS = [0, 2, 0, 3, 4, 1]
NONPROJ_EXPECTED = [
    (0, 2, 0, 1, [0, 1, 5, 2], True),
    (1, 5, 0, 1, [1, 5], False),
    (1, 5, 1, 0, [1, 5, 2], False),
    (3, 3, 0, 0, [3], True),
    (4, 4, 0, 0, [4], True),
    (5, 5, 0, 0, [5], False),
]


def test_nonprojective_forest_keeps_spacys_narrow_edges():
    doc = _doc(NONPROJ_HEADS)
    assert _view(doc) == NONPROJ_EXPECTED
    assert [(s.start, s.end) for s in doc.sents] == [(0, 3), (3, 4), (4, 6)]
    # children are always found: a child always lies within its head's edges
    assert [[c.i for c in t.children] for t in doc] == [[2], [5], [1], [], [], []]
    assert [[c.i for c in t.lefts] for t in doc] == [[], [], [1], [], [], []]
    assert [[c.i for c in t.rights] for t in doc] == [[2], [5], [], [], [], []]


def test_nonprojective_values_same_through_from_array():
    vocab = Vocab()
    for label in ("ROOT", "dep"):
        vocab.strings.add(label)
    ref = _doc(NONPROJ_HEADS, vocab=vocab)
    doc = Doc(vocab, words=[t.text for t in ref])
    doc.from_array(["HEAD", "DEP"], ref.to_array(["HEAD", "DEP"]))
    assert _view(doc) == NONPROJ_EXPECTED


def test_unlabelled_root_starts_no_sentence():
    # token 3 is head-less without a label: missing annotation, not a sentence root
    doc = _doc([0, 0, 3, 3], deps=["ROOT", "dep", "dep", ""])
    assert [t.is_sent_start for t in doc] == [True, False, False, False]
    assert [(t.left_edge.i, t.right_edge.i) for t in doc] == [(0, 1), (1, 1), (2, 2), (2, 3)]


def test_head_setter_recomputes_edges_and_keeps_a_cycle_as_spacy():
    """Values as spaCy 3.8 gives for the same assignments. A head that closes a cycle is
    kept (spaCy's setter allows it; rearranging a tree passes through one), so code that
    swaps heads runs unchanged."""
    doc = _doc([0, 0, 0, 3, 3])   # two trees: 0 <- 1, 2 and 3 <- 4
    doc[3].head = doc[2]          # hang the second tree under token 2
    assert [t.head.i for t in doc] == [0, 0, 0, 2, 3]
    assert [(t.left_edge.i, t.right_edge.i) for t in doc] == [(0, 4), (1, 1), (2, 4), (3, 4),
                                                              (4, 4)]
    assert [(s.start, s.end) for s in doc.sents] == [(0, 5)]
    doc[2].head = doc[4]          # a cycle 2 -> 4 -> 3 -> 2 (was a DocError)
    assert [t.head.i for t in doc] == [0, 0, 4, 2, 3]
    assert [(t.left_edge.i, t.right_edge.i) for t in doc] == [(0, 1), (1, 1), (2, 4), (2, 4),
                                                              (2, 4)]
    with pytest.raises(DocError, match="cycle"):
        list(doc[2].subtree)
    doc[3].head = doc[3]          # mended: 3 is a root again
    assert [t.head.i for t in doc] == [0, 0, 4, 3, 3]
    assert [t.is_sent_start for t in doc] == [True, False, True, False, False]
    assert [t.i for t in doc[3].subtree] == [3, 2, 4]   # spaCy's order after the cycle
    assert [(s.start, s.end) for s in doc.sents] == [(0, 2), (2, 5)]


@st.composite
def projective_forests(draw, max_size=12):
    """Heads of a random projective forest: consecutive trees, each built by choosing a root
    in its interval and splitting the parts left and right of it into consecutive subtrees."""
    n = draw(st.integers(1, max_size))
    heads = [0] * n

    def build(lo, hi):      # a projective tree over [lo, hi); returns its root
        root = draw(st.integers(lo, hi - 1))
        heads[root] = root
        for a, b in ((lo, root), (root + 1, hi)):
            while a < b:
                cut = draw(st.integers(a + 1, b))
                heads[build(a, cut)] = root
                a = cut
        return root

    a, roots = 0, []
    while a < n:
        cut = draw(st.integers(a + 1, n))
        roots.append(build(a, cut))
        a = cut
    return heads, roots


def _descendants(heads, i):
    out = {i}
    for j in range(len(heads)):
        k = j
        while heads[k] != k and k != i:
            k = heads[k]
        if k == i:
            out.add(j)
    return out


@settings(max_examples=150, deadline=None)
@given(projective_forests())
def test_projective_edges_are_the_subtree_bounds(forest):
    heads, roots = forest
    n = len(heads)
    doc = _doc(heads)
    for t in doc:
        sub = _descendants(heads, t.i)
        assert (t.left_edge.i, t.right_edge.i) == (min(sub), max(sub))
        assert [x.i for x in t.subtree] == sorted(sub)   # projective: in-order is sorted
        kids = [j for j in range(n) if heads[j] == t.i and j != t.i]
        assert (t.n_lefts, t.n_rights) == (sum(k < t.i for k in kids), sum(k > t.i for k in kids))
    starts = sorted(min(_descendants(heads, r)) for r in roots)
    assert [s.start for s in doc.sents] == starts
    assert [t.is_sent_start for t in doc] == [i in starts for i in range(n)]


# ---- Span.as_doc ------------------------------------------------------------------------


def test_as_doc_reattaches_heads_outside_the_span():
    # a <- b, c (b, c headed by a); span b c: both lose their head and have no ancestor in
    # the span, so the first (b) becomes the root and c, from the same old tree, attaches to it
    doc = Doc(Vocab(), words=list("abcd"), heads=[0, 0, 0, 1],
              deps=["ROOT", "nsubj", "dobj", "amod"])
    sub = doc[1:3].as_doc()
    assert [(t.text, t.head.i, t.dep_) for t in sub] == [("b", 0, "dep"), ("c", 0, "dep")]
    assert [(s.start, s.end) for s in sub.sents] == [(0, 2)]
    # heads [0, 3, 0, 2]: b's head d is outside, but d's head c is inside -> b attaches to c
    doc = Doc(Vocab(), words=list("abcd"), heads=[0, 3, 0, 2],
              deps=["ROOT", "nsubj", "ccomp", "advmod"])
    sub = doc[1:3].as_doc()
    assert [(t.text, t.head.i, t.dep_) for t in sub] == [("b", 1, "dep"), ("c", 1, "dep")]
    assert [t.is_sent_start for t in sub] == [True, False]


def test_as_doc_drops_entities_cut_by_the_span():
    doc = Doc(Vocab(), words=list("abcde"), ents=["B-PER", "I-PER", "O", "B-ORG", "I-ORG"])
    sub = doc[1:4].as_doc()
    assert [(e.start, e.end, e.label_) for e in sub.ents] == []
    assert [t.ent_iob_ for t in sub] == ["", "O", ""]
    sub = doc[0:4].as_doc()
    assert [(e.start, e.end, e.label_) for e in sub.ents] == [(0, 2, "PER")]
    assert [t.ent_iob_ for t in sub] == ["B", "I", "O", ""]


def test_as_doc_copy_user_data_shifts_extension_offsets():
    Token.set_extension("edge_mark", default=None, force=True)
    try:
        doc = Doc(Vocab(), words=["aa", "bb", "cc"])
        doc[2]._.edge_mark = "x"
        doc.user_data["plain"] = 1
        assert doc[1:3].as_doc().user_data == {}
        sub = doc[1:3].as_doc(copy_user_data=True)
        assert sub[1]._.edge_mark == "x" and sub[0]._.edge_mark is None
        assert sub.user_data == {("._.", "edge_mark", 3, None): "x", "plain": 1}
    finally:
        Token.remove_extension("edge_mark")


def test_as_doc_accepts_precomputed_arrays():
    doc = Doc(Vocab(), words=list("abcd"), heads=[1, 1, 1, 2], deps=["a", "ROOT", "b", "c"])
    attrs = Doc._get_array_attrs()
    arr = doc.to_array(attrs)
    one = doc[1:4].as_doc(array_head=attrs, array=arr)
    two = doc[1:4].as_doc()
    assert numpy.array_equal(one.to_array(["HEAD", "DEP"]), two.to_array(["HEAD", "DEP"]))
    assert [(t.head.i, t.dep_) for t in one] == [(0, "ROOT"), (0, "b"), (1, "c")]


def test_subtree_yields_the_token_itself():
    """spaCy's docs walk `subject.subtree` asserting `subject is descendant or
    subject.is_ancestor(descendant)`: the token's own place holds the same object."""
    doc = _doc([1, 3, 1, 3, 3])
    subject = list(doc[3].lefts)[0]
    walked = list(subject.subtree)
    assert [t.i for t in walked] == [0, 1, 2]
    assert [t is subject for t in walked] == [False, True, False]
    assert all(subject is t or subject.is_ancestor(t) for t in walked)
