"""The arc-eager transition system: moves, costs, oracle, batch steps, pseudo-projectivity."""
import random

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexloom.errors import ExampleError, LexloomError, ModelError
from lexloom.parser_internals.arc_eager import (ArcEager, deprojectivize, deprojectivize_doc,
                                                projectivize)
from lexloom.tokens.doc import Doc
from lexloom.vocab import Vocab

LABELS = ["amod", "det", "dobj", "nsubj", "punct"]


@pytest.fixture(scope="module")
def vocab():
    return Vocab()


@pytest.fixture(scope="module")
def ae():
    return ArcEager(LABELS)


def make_doc(vocab, n):
    return Doc(vocab, words=[f"w{i}" for i in range(n)])


def run(ae, doc, moves):
    state = ae.init_states([doc])[0]
    for m in moves:
        ae.apply(state, m)
    return state


def test_move_names_and_order(ae):
    assert ae.move_names[:2] == ["S", "D"]
    assert ae.move_names[-1] == "B-ROOT"
    assert "L-nsubj" in ae.move_names and "R-dobj" in ae.move_names
    assert "L-dep" in ae.move_names and "R-dep" in ae.move_names  # backoff label, as in spaCy
    assert ae.n_moves == 2 + 2 * (len(LABELS) + 1) + 1


def test_shift_and_left_arc(ae, vocab):
    doc = make_doc(vocab, 3)
    state = ae.init_states([doc])[0]
    assert state.stack == [] and state.buffer == [0, 1, 2]
    assert ae.is_valid(state, "S") and not ae.is_valid(state, "D")
    assert not ae.is_valid(state, "L-det") and not ae.is_valid(state, "R-det")
    ae.apply(state, "S")
    assert state.stack == [0] and state.buffer == [1, 2]
    ae.apply(state, "L-det")
    assert state.heads[0] == 1 and state.stack == [] and state.buffer == [1, 2]


def test_right_arc_and_reduce(ae, vocab):
    doc = make_doc(vocab, 3)
    state = run(ae, doc, ["S", "R-dobj"])
    assert state.heads == [None, 0, None] and state.stack == [1, 0]
    ae.apply(state, "D")  # 1 has a head: popped
    assert state.stack == [0] and state.buffer == [2]
    assert not ae.is_valid(state, "S")  # SHIFT never takes the last buffer word
    ae.apply(state, "R-punct")
    ae.apply(state, "D")
    ae.apply(state, "D")
    assert state.is_final
    ae.set_annotations(state, doc)
    assert [t.head.i for t in doc] == [0, 0, 0]
    assert [t.dep_ for t in doc] == ["ROOT", "dobj", "punct"]
    assert doc[0].is_sent_start


def test_reduce_of_headless_word_puts_it_back(ae, vocab):
    doc = make_doc(vocab, 4)
    state = run(ae, doc, ["S", "S", "D"])
    assert state.stack == [0] and state.buffer == [1, 2, 3]
    assert not ae.is_valid(state, "S")  # no shift loop on the word put back
    ae.apply(state, "R-nsubj")
    assert state.heads[1] == 0


def test_break_marks_sentence_start(ae, vocab):
    doc = make_doc(vocab, 4)
    state = run(ae, doc, ["S", "B-ROOT"])
    assert state.sent_starts == [2]
    assert not ae.is_valid(state, "B-ROOT")
    # The sentence start blocks arcs into it until the stack is cleared.
    ae.apply(state, "R-dobj")
    assert state.buffer == [2, 3]
    assert not ae.is_valid(state, "R-dobj") and not ae.is_valid(state, "L-dobj")
    assert not ae.is_valid(state, "S")
    ae.apply(state, "D")
    ae.apply(state, "D")
    ae.apply(state, "S")
    ae.apply(state, "R-dobj")
    ae.apply(state, "D")
    ae.apply(state, "D")
    assert state.is_final
    ae.set_annotations(state, doc)
    assert [t.is_sent_start for t in doc] == [True, False, True, False]


def test_doc_sent_start_constraints(ae, vocab):
    doc = make_doc(vocab, 3)
    doc[1].is_sent_start = False
    state = ae.init_states([doc])[0]
    assert not ae.is_valid(state, "B-ROOT")


def test_invalid_move_raises(ae, vocab):
    state = ae.init_states([make_doc(vocab, 2)])[0]
    with pytest.raises(ModelError, match="not valid"):
        ae.apply(state, "D")
    with pytest.raises(ModelError, match="Unknown arc-eager move"):
        ae.apply(state, "X-foo")
    with pytest.raises(ModelError):
        ae.apply(state, 10_000)


def test_oracle_reproduces_two_sentences(ae, vocab):
    heads = [1, 2, 2, 2, 2, 6, 6]
    labels = ["det", "nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT"]
    doc = make_doc(vocab, 7)
    moves = ae.oracle_sequence(doc, heads, labels)
    state = run(ae, doc, moves)
    assert state.is_final
    ae.set_annotations(state, doc)
    assert [t.head.i for t in doc] == heads
    assert [t.dep_ for t in doc] == labels
    assert [t.is_sent_start for t in doc] == [True] + [False] * 4 + [True, False]
    assert "B-ROOT" in [ae.move_names[m] for m in moves]


def test_costs_zero_for_gold_positive_for_wrong(ae, vocab):
    heads = [1, 2, 2, 4, 2]
    labels = ["det", "nsubj", "ROOT", "amod", "dobj"]
    doc = make_doc(vocab, 5)
    gold = ae.make_gold(5, heads, labels)
    state = ae.init_states([doc])[0]
    for move in ae.oracle_sequence(doc, heads, labels):
        costs, valid = ae.costs([state], [gold], return_valid=True)
        assert costs[0, move] == 0 and valid[0, move] == 1
        name = ae.move_names[move]
        if name[0] in "LR":
            for other, other_name in enumerate(ae.move_names):
                if other != move and other_name[0] == name[0]:
                    assert costs[0, other] > 0  # wrong label
        ae.apply(state, move)
    # From the start, a left arc from 0 to 1 with the right label is free, a right arc is not.
    state = run(ae, doc, ["S"])
    costs = ae.costs([state], [(heads, labels)])
    assert costs[0, ae.action_index("L-det")] == 0
    assert costs[0, ae.action_index("R-det")] > 0
    assert costs[0, ae.action_index("L-amod")] > 0


def test_missing_heads_cost_nothing_but_read_as_token_0s_dependents(ae, vocab):
    """spaCy's oracle reads an unknown gold head as token 0 (its gold heads are zero-filled):
    with token 0 on the stack, a right arc to a token of unknown head, or a sentence break
    after it, costs -1, so these are the gold moves there. Elsewhere missing heads make every
    valid move free."""
    doc = make_doc(vocab, 4)
    missing = ([None] * 4, [None] * 4)
    state = run(ae, doc, ["S"])
    costs, valid = ae.costs([state], [missing], return_valid=True)
    right = [i for i, name in enumerate(ae.move_names) if name[:2] in ("R-", "B-")]
    assert (costs[0, right] == -1).all()
    others = [i for i in range(ae.n_moves) if i not in right and valid[0, i]]
    assert others and (costs[0, others] == 0).all()
    state = run(ae, doc, ["S", "S"])  # token 0 below S0: a break still reads as -1
    costs = ae.costs([state], [missing])
    assert (costs[0, [i for i in right if ae.move_names[i][0] == "R"]] == 0).all()
    assert costs[0, ae.action_index("B-ROOT")] == -1
    state = run(ae, doc, ["S", "L-det", "S"])  # token 0 attached and popped
    costs, valid = ae.costs([state], [missing], return_valid=True)
    assert (costs[valid == 1] == 0).all()
    # A known head elsewhere doesn't change what token 0's unknown-headed neighbour reads as.
    state = run(ae, doc, ["S"])
    costs = ae.costs([state], [([None, None, 3, 3], [None, None, "det", "ROOT"])])
    assert costs[0, ae.action_index("R-det")] == -1


def test_apply_all_takes_best_valid_move(ae, vocab):
    docs = [make_doc(vocab, 3), make_doc(vocab, 2)]
    states = ae.init_states(docs)
    scores = numpy.zeros((2, ae.n_moves), dtype="f")
    scores[0, ae.action_index("D")] = 9  # invalid on an empty stack
    scores[0, ae.action_index("S")] = 1
    scores[1, ae.action_index("B-ROOT")] = 5
    chosen = ae.apply_all(states, scores)
    assert list(chosen) == [ae.action_index("S"), ae.action_index("B-ROOT")]
    rng = numpy.random.default_rng(0)
    for _ in range(50):
        if all(s.is_final for s in states):
            break
        ae.apply_all(states, rng.normal(size=(2, ae.n_moves)))
    assert all(s.is_final for s in states)
    for state, doc in zip(states, docs):
        ae.set_annotations(state, doc)
        assert all(0 <= t.head.i < len(doc) for t in doc)
    with pytest.raises(ModelError, match="expected"):
        ae.apply_all(states, numpy.zeros((3, ae.n_moves)))


# ---- random projective trees ----

def random_projective_tree(rng, lo, hi, heads):
    """Fill heads[lo:hi] with one projective tree; returns its root."""
    root = rng.randrange(lo, hi)
    heads[root] = root
    for a, b in ((lo, root), (root + 1, hi)):
        i = a
        while i < b:
            j = rng.randint(i + 1, b)
            heads[random_projective_tree(rng, i, j, heads)] = root
            i = j
    return root


def random_forest(rng, n):
    heads = [0] * n
    cuts = sorted(rng.sample(range(1, n), rng.randint(0, min(3, n - 1)))) if n > 1 else []
    bounds = [0, *cuts, n]
    for lo, hi in zip(bounds, bounds[1:]):
        random_projective_tree(rng, lo, hi, heads)
    labels = ["ROOT" if h == i else rng.choice(LABELS) for i, h in enumerate(heads)]
    return heads, labels, bounds[:-1]


@settings(max_examples=150, deadline=None)
@given(n=st.integers(1, 25), seed=st.integers(0, 2**32 - 1))
def test_oracle_reproduces_random_projective_trees(ae, vocab, n, seed):
    heads, labels, starts = random_forest(random.Random(seed), n)
    doc = make_doc(vocab, n)
    moves = ae.oracle_sequence(doc, heads, labels)
    state = run(ae, doc, moves)
    assert state.is_final
    ae.set_annotations(state, doc)
    assert [t.head.i for t in doc] == heads
    assert [t.dep_ for t in doc] == labels
    assert [i for i, t in enumerate(doc) if t.is_sent_start] == starts


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 15), seed=st.integers(0, 2**32 - 1))
def test_gold_moves_cost_zero_and_wrong_arcs_cost_more(ae, vocab, n, seed):
    heads, labels, _ = random_forest(random.Random(seed), n)
    doc = make_doc(vocab, n)
    gold = ae.make_gold(n, heads, labels)
    state = ae.init_states([doc])[0]
    for move in ae.oracle_sequence(doc, heads, labels):
        costs, valid = ae.costs([state], [gold], return_valid=True)
        assert costs[0, move] == 0
        assert (costs[0][valid[0] == 1] >= 0).all()
        name = ae.move_names[move]
        if name[0] in "LR":  # a gold arc: the other labels and the other direction lose it
            for other, other_name in enumerate(ae.move_names):
                if other_name[0] in "LR" and other != move and valid[0, other]:
                    assert costs[0, other] > 0, (name, other_name)
        ae.apply(state, move)


# ---- pseudo-projectivity ----

NONPROJ_HEADS = [1, 1, 5, 1, 3, 3]  # 2 <- 5 crosses over 3 and 4
NONPROJ_LABELS = ["det", "ROOT", "amod", "dobj", "punct", "nsubj"]


def test_projectivize_lifts_and_decorates():
    heads, labels = projectivize(NONPROJ_HEADS, NONPROJ_LABELS)
    assert heads == [1, 1, 3, 1, 3, 3]
    assert labels == ["det", "ROOT", "amod||nsubj", "dobj", "punct", "nsubj"]
    assert projectivize([0, 0, 1], ["ROOT", "a", "b"]) == ([0, 0, 1], ["ROOT", "a", "b"])


def test_nonprojective_sentence_through_projectivize_oracle_deprojectivize(vocab):
    proj_heads, deco_labels = projectivize(NONPROJ_HEADS, NONPROJ_LABELS)
    ae = ArcEager([lb for lb in deco_labels if lb != "ROOT"])
    doc = make_doc(vocab, len(NONPROJ_HEADS))
    state = run(ae, doc, ae.oracle_sequence(doc, proj_heads, deco_labels))
    ae.set_annotations(state, doc)
    assert [t.dep_ for t in doc][2] == "amod||nsubj"
    deprojectivize_doc(doc)
    assert [t.head.i for t in doc] == NONPROJ_HEADS
    assert [t.dep_ for t in doc] == NONPROJ_LABELS
    assert deprojectivize(proj_heads, deco_labels) == (NONPROJ_HEADS, NONPROJ_LABELS)


def test_oracle_on_nonprojective_tree_raises(ae, vocab):
    doc = make_doc(vocab, 6)
    with pytest.raises(ExampleError, match="projectivize"):
        ae.oracle_sequence(doc, NONPROJ_HEADS, ["det", "ROOT", "amod", "dobj", "punct", "nsubj"])


def test_cut_pieces_stop_where_the_oracle_does(ae, vocab):
    """spaCy cuts a long Doc along the oracle's path as far as the oracle gets: pieces of
    max_length moves, each with the B0 its moves end at (-1 at the end of the Doc)."""
    labels = ["det", "ROOT", "amod", "dobj", "punct", "nsubj"]
    doc = make_doc(vocab, 6)
    state = ae.init_states([doc])[0]
    path, complete = ae._oracle(state.copy(), ae.make_gold(6, NONPROJ_HEADS, labels))
    assert not complete and path
    pieces = ae.cut_states(state, ae.make_gold(6, NONPROJ_HEADS, labels), 1)
    assert len(pieces) == len(path)
    assert pieces[-1][1] != -1  # stopped inside the Doc
    for (piece, end), (next_piece, _end) in zip(pieces, pieces[1:]):
        assert end == (next_piece.buffer[0] if next_piece.buffer else -1)
    heads, _labels, _starts = random_forest(random.Random(3), 12)
    dep_labels = ["ROOT" if h == i else "det" for i, h in enumerate(heads)]
    doc = make_doc(vocab, 12)
    state = ae.init_states([doc])[0]
    pieces = ae.cut_states(state, ae.make_gold(12, heads, dep_labels), 5)
    assert len(pieces) == -(-len(ae.oracle_sequence(doc, heads, dep_labels)) // 5)
    assert pieces[-1][1] == -1 and pieces[0][0].buffer == state.buffer


def test_oracle_takes_the_least_cost_move(ae, vocab):
    """The first valid move of least cost, not the first free one (spaCy's rule): with every
    head unknown, the right arc from token 0 (cost -1) beats SHIFT (cost 0)."""
    doc = make_doc(vocab, 4)
    moves = ae.oracle_sequence(doc, [None] * 4, [None] * 4)
    assert ae.move_names[moves[0]] == "S"
    assert ae.move_names[moves[1]].startswith("R-")


# ---- bad input: lexloom errors, never a crash ----

@pytest.mark.parametrize("heads", [[0, 5, 1], [0, -2, 1], [1, 2, 0], [1, 0, 2], [0, 1.5, 0], [0, "a", 0]])
def test_bad_heads_raise_lexloom_errors(ae, vocab, heads):
    labels = ["ROOT", "det", "det"]
    doc = make_doc(vocab, 3)
    with pytest.raises(ExampleError):
        ae.oracle_sequence(doc, heads, labels)
    with pytest.raises(ExampleError):
        ae.make_gold(3, heads, labels)
    with pytest.raises(ExampleError):
        projectivize(heads, labels)
    with pytest.raises(ExampleError):
        deprojectivize(heads, labels)


def test_length_mismatches_raise(ae, vocab):
    doc = make_doc(vocab, 3)
    with pytest.raises(ExampleError):
        ae.oracle_sequence(doc, [0, 0], ["ROOT", "det"])
    with pytest.raises(ExampleError):
        ae.oracle_sequence(doc, [0, 0, 0], ["ROOT"])
    state = ae.init_states([doc])[0]
    with pytest.raises(ExampleError):
        ae.costs([state], [([0, 0], ["ROOT", "det"])])
    with pytest.raises(ExampleError):
        ae.costs([state], [])
    with pytest.raises(LexloomError):
        ArcEager("nsubj")


def test_empty_doc(ae, vocab):
    doc = make_doc(vocab, 0)
    assert ae.oracle_sequence(doc, [], []) == []
    state = ae.init_states([doc])[0]
    assert state.is_final
    ae.set_annotations(state, doc)
    assert projectivize([], []) == ([], []) and deprojectivize([], []) == ([], [])


def test_deprojectivize_keeps_a_decorated_root_a_root():
    # A lifted word can end up as a root; spaCy would search below it and attach it to its
    # own descendant (a cycle). lexloom keeps it a root and strips the decoration.
    heads, labels = deprojectivize([0, 0, 1], ["b||a", "a", "c"])
    assert heads == [0, 0, 1] and labels == ["b", "a", "c"]
