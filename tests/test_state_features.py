"""The transition model's batch pieces: context-token features of parser and NER states
(checked against a reference computed from the heads), and the precomputed lower layer
(checked against the plain Maxout over concatenated rows, forward and backward)."""
import random

import numpy
import pytest

from lexloom.errors import ModelError
from lexloom.parser_internals import state_layer
from lexloom.parser_internals.arc_eager import ArcEager
from lexloom.parser_internals.biluo import BiluoGold, BiluoPushDown, BiluoState
from lexloom.tokens.doc import Doc
from lexloom.vocab import Vocab

LABELS = ["amod", "det", "nsubj", "obj"]


class ReferenceArcs:
    """spaCy's StateC arc bookkeeping, written plainly: per head, a list of arcs in the
    order they were made; re-attaching a child removes its old arc (popped when last,
    blanked otherwise); L(h, i) / R(h, i) count live arcs from the newest."""

    def __init__(self):
        self.left, self.right, self.head = {}, {}, {}

    def add(self, head, child):
        if child in self.head:
            old = self.head[child]
            arcs = (self.left if old > child else self.right)[old]
            if arcs[-1] == child:
                arcs.pop()
            else:
                arcs[arcs.index(child)] = -1
        (self.left if head > child else self.right).setdefault(head, []).append(child)
        self.head[child] = head

    def nth(self, side, head, idx):
        live = [c for c in (self.left if side == "L" else self.right).get(head, []) if c != -1]
        return live[-idx] if len(live) >= idx else -1


def reference_parser_features(state, arcs, n_feats):
    """spaCy's set_context_tokens for 8 and 13 features (13 with its overwritten slot 6)."""
    stack, buffer = state.stack, state.buffer

    def at(seq, i):
        return seq[i] if i < len(seq) else -1

    s0, s1, b0 = at(stack, 0), at(stack, 1), at(buffer, 0)
    L = lambda w, i: arcs.nth("L", w, i)  # noqa: E731
    R = lambda w, i: arcs.nth("R", w, i)  # noqa: E731
    if n_feats == 8:
        return [b0, at(buffer, 1), s0, s1, at(stack, 2), L(b0, 1), L(s0, 1), R(s0, 1)]
    return [b0, at(buffer, 1), s0, s1, at(stack, 2), L(s0, 1), R(s0, 1), L(b0, 1), R(s0, 2),
            L(s1, 1), L(s1, 2), R(s1, 1), R(s1, 2)]


@pytest.mark.parametrize("n_feats", [8, 13])
@pytest.mark.parametrize("seed", range(20))
def test_parser_features_match_reference_along_random_paths(n_feats, seed):
    rng = random.Random(seed)
    vocab = Vocab()
    docs = [Doc(vocab, words=[f"w{i}" for i in range(rng.randint(1, 25))]) for _ in range(3)]
    ae = ArcEager(LABELS)
    states = ae.init_states(docs)
    arcs = [ReferenceArcs() for _ in docs]
    offsets = numpy.cumsum([1] + [len(d) for d in docs])[:-1].astype("int32")
    for _ in range(200):
        active = [i for i, s in enumerate(states) if not s.is_final]
        if not active:
            break
        feats = ae.context_tokens([states[i] for i in active], n_feats, offsets[active])
        for row, i in zip(feats.tolist(), active):
            want = [offsets[i] + w if w >= 0 else 0
                    for w in reference_parser_features(states[i], arcs[i], n_feats)]
            assert row == want
        scores = numpy.asarray([[rng.random() for _ in range(ae.n_moves)] for _ in active],
                               dtype="float32")
        before = [(states[i].stack, states[i].buffer) for i in active]
        chosen = ae.apply_all([states[i] for i in active], scores)
        for (stack, buffer), i, move in zip(before, active, chosen.tolist()):
            name = ae.move_names[move]
            if name[0] in "LR":
                head, child = (buffer[0], stack[0]) if name[0] == "L" else (stack[0], buffer[0])
                arcs[i].add(head, child)
    assert all(s.is_final for s in states)
    assert ae.final_mask(states).all()


def test_parser_features_reject_bad_arguments():
    ae = ArcEager(LABELS)
    states = ae.init_states([Doc(Vocab(), words=["a", "b"])])
    with pytest.raises(ModelError, match="8 or 13"):
        ae.context_tokens(states, 5, [1])
    with pytest.raises(ModelError, match="offsets"):
        ae.context_tokens(states, 8, [1, 2])


@pytest.mark.parametrize("n_feats", [3, 6])
def test_ner_features_follow_the_state(n_feats):
    vocab = Vocab()
    doc = Doc(vocab, words=["Mr", "John", "Smith", "went", "to", "Paris"])
    moves = BiluoPushDown(["LOC", "PER"])
    states = [BiluoState(moves, doc)]
    for t, name in enumerate(["O", "B-PER", "L-PER", "O", "O", "U-LOC"]):
        feats = moves.context_tokens(states, n_feats, [10])[0].tolist()
        ent_start = 1 if t == 2 else -1

        def row(w):
            return 10 + w if 0 <= w < len(doc) else 0

        # spaCy's order: B0, the open entity's first token, B0 - 1 (6: B0, then the open
        # entity's tokens before B0)
        if n_feats == 3:
            expected = [row(t), row(ent_start), row(t - 1) if ent_start >= 0 else 0]
        else:
            expected = [row(t)] + ([row(ent_start)] if ent_start >= 0 else []) \
                + [0] * (5 if ent_start < 0 else 4)
        assert feats == expected
        scores = numpy.zeros((1, moves.n_moves), dtype="float32")
        scores[0, moves.move_index(name)] = 1.0
        assert moves.step(states, scores).tolist() == [moves.move_index(name)]
    assert moves.final_mask(states).tolist() == [True]
    states[0].set_annotations()
    assert [(e.text, e.label_) for e in doc.ents] == [("John Smith", "PER"), ("Paris", "LOC")]


def test_ner_costs_batch_matches_single_state_costs():
    vocab = Vocab()
    doc = Doc(vocab, words=["a", "b", "c", "d"])
    moves = BiluoPushDown(["X"])
    gold = BiluoGold(moves, doc, ["B-X", "L-X", "O", "-"])
    states = [BiluoState(moves, doc), BiluoState(moves, doc)]
    states[1].apply(moves.move_index("O"))
    valid, costs = moves.costs_batch(states, [gold, gold])
    for i, st in enumerate(states):
        v = numpy.zeros(moves.n_moves, dtype=numpy.int32)
        c = numpy.zeros(moves.n_moves, dtype=numpy.float32)
        st.fill_costs(gold, v, c)
        assert valid[i].tolist() == v.astype(bool).tolist()
        assert costs[i].tolist() == c.tolist()
    assert costs[0, moves.move_index("B-X")] == 0
    assert costs[0, moves.move_index("O")] > 0


def plain_lower(table, feats, W, b):
    """Maxout over the concatenated rows, as thinc's Maxout computes it."""
    X = table[feats].reshape((feats.shape[0], -1))
    pre = numpy.einsum("ni,opi->nop", X, W) + b
    return pre.max(axis=2), pre


def precompute(table, W, n_feats):
    nO, nP, nI = W.shape
    nH = nI // n_feats
    slots = W.reshape(nO * nP, n_feats, nH).transpose(1, 0, 2).reshape(-1, nH)
    return numpy.ascontiguousarray((table @ slots.T).reshape(len(table), n_feats, nO, nP)), slots


def test_state_layer_forward_and_backward_match_the_plain_maxout():
    rng = numpy.random.default_rng(0)
    n_rows, nH, n_feats, nO, nP, n = 30, 6, 4, 5, 3, 12
    table = rng.normal(size=(n_rows, nH)).astype("float32")
    W = rng.normal(size=(nO, nP, n_feats * nH)).astype("float32")
    b = rng.normal(size=(nO, nP)).astype("float32")
    feats = rng.integers(0, n_rows, size=(n, n_feats)).astype("int32")
    feats[0] = 0  # absent tokens all read the padding row
    P, slots = precompute(table, W, n_feats)
    hidden, which = state_layer.forward(P, feats, b)
    want, pre = plain_lower(table, feats, W, b)
    numpy.testing.assert_allclose(hidden, want, rtol=1e-4, atol=1e-4)
    assert (which == pre.argmax(axis=2)).all()

    d_hidden = rng.normal(size=hidden.shape).astype("float32")
    dP = numpy.zeros_like(P)
    db = numpy.zeros_like(b)
    state_layer.backward(d_hidden, which, feats, dP, db)
    # reference gradients of the plain formulation
    d_pre = numpy.zeros_like(pre)
    numpy.put_along_axis(d_pre, pre.argmax(axis=2)[..., None], d_hidden[..., None], axis=2)
    X = table[feats].reshape((n, -1))
    dW_want = numpy.einsum("nop,ni->opi", d_pre, X)
    dX = numpy.einsum("nop,opi->ni", d_pre, W).reshape(n, n_feats, nH)
    d_table_want = numpy.zeros_like(table)
    numpy.add.at(d_table_want, feats.ravel(), dX.reshape(-1, nH))
    numpy.testing.assert_allclose(db, d_pre.sum(axis=0), rtol=1e-4, atol=1e-4)
    dP2 = dP.reshape(n_rows, -1)
    numpy.testing.assert_allclose(dP2 @ slots, d_table_want, rtol=1e-3, atol=1e-3)
    dW = (dP2.T @ table).reshape(n_feats, nO * nP, nH).transpose(1, 0, 2).reshape(W.shape)
    numpy.testing.assert_allclose(dW, dW_want, rtol=1e-3, atol=1e-3)


def test_state_layer_rejects_bad_arguments():
    P = numpy.zeros((4, 2, 3, 2), dtype="float32")
    b = numpy.zeros((3, 2), dtype="float32")
    with pytest.raises(ModelError, match="outside"):
        state_layer.forward(P, numpy.asarray([[0, 4]], dtype="int32"), b)
    with pytest.raises(ModelError, match="int32"):
        state_layer.forward(P, numpy.asarray([[0, 1]], dtype="int64"), b)
    with pytest.raises(ModelError, match="bias"):
        state_layer.forward(P, numpy.asarray([[0, 1]], dtype="int32"), b[:2])
    with pytest.raises(ModelError, match="float32"):
        state_layer.forward(P.astype("float64"), numpy.asarray([[0, 1]], dtype="int32"), b)
    hidden, which = state_layer.forward(P, numpy.zeros((0, 2), dtype="int32"), b)
    assert hidden.shape == (0, 3)
    # no maxout pieces: the max over none read an empty buffer (a segfault)
    with pytest.raises(ModelError, match="maxout_pieces must be between 1 and 255"):
        state_layer.forward(P[..., :0], numpy.asarray([[0, 1]], dtype="int32"), b[:, :0])
