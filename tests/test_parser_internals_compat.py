"""spaCy's `pipeline._parser_internals` under lexloom: the pseudo-projectivity functions
(nonproj) against brute-force definitions, the state view (StateClass), and the transition
systems' spaCy API (ArcEager, BiluoPushDown: get_actions, oracle sequences, costs), which
the components' move tables now carry."""
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lexloom.errors import ExampleError
from lexloom.pipeline._parser_internals import nonproj
from lexloom.pipeline._parser_internals.arc_eager import ArcEager
from lexloom.pipeline._parser_internals.ner import BiluoPushDown
from lexloom.pipeline._parser_internals.stateclass import StateClass
from lexloom.pipeline.dep_parser import DEFAULT_PARSER_MODEL
from lexloom.pipeline.transition_parser import Parser
from lexloom.registry import registry
from lexloom.vocab import Vocab

import lexloom
from lexloom.pipeline import DependencyParser, EntityRecognizer
from lexloom.tokens import Doc, Span
from lexloom.training import Example

# ---- nonproj: head lists ---------------------------------------------------------------

def _dominates(head, k, heads):
    """Brute force: head is on k's chain of heads (or the chain hits an unknown head)."""
    node = k
    for _ in range(len(heads) + 1):
        if heads[node] is None:
            return True
        if heads[node] == head:
            return True
        if heads[node] == node:
            return False
        node = heads[node]
    raise AssertionError("cycle")


def _nonproj_brute(i, heads):
    h = heads[i]
    if h is None or h == i:
        return False
    return any(not _dominates(h, k, heads) for k in range(min(h, i) + 1, max(h, i)))


@st.composite
def forests(draw, max_words=12):
    """Acyclic head lists: each word's head is a root (itself) or a word attached earlier
    in a random order, sometimes unknown (None)."""
    n = draw(st.integers(1, max_words))
    order = draw(st.permutations(list(range(n))))
    heads = [None] * n
    placed = []
    for w in order:
        choice = draw(st.integers(-2, len(placed) - 1)) if placed else -1
        heads[w] = w if choice == -1 else (None if choice == -2 else placed[choice])
        placed.append(w)
    return heads


@settings(max_examples=150, deadline=None)
@given(forests())
def test_nonproj_checks_match_the_definition(heads):
    for i in range(len(heads)):
        assert nonproj.is_nonproj_arc(i, heads) is _nonproj_brute(i, heads)
    expected = any(_nonproj_brute(i, heads) for i in range(len(heads)))
    assert nonproj.is_nonproj_tree(heads) is expected
    assert (nonproj.get_smallest_nonproj_arc_slow(heads) == -1) is not expected
    assert nonproj.contains_cycle(heads) is None


def test_ancestors_walk_up_to_a_root_an_unknown_head_or_len_steps():
    assert list(nonproj.ancestors(0, [2, 0, 2])) == [2]
    assert list(nonproj.ancestors(2, [2, 0, 2])) == []
    assert list(nonproj.ancestors(0, [1, None, 1])) == [1, None]
    # a cycle 0 -> 1 -> 0 repeats until len(heads) steps
    assert list(nonproj.ancestors(0, [1, 0, 2])) == [1, 0, 1]


def test_contains_cycle_returns_the_tokens_walked():
    assert nonproj.contains_cycle([0, 2, 1]) == {1, 2}
    assert nonproj.contains_cycle([0, 0, None]) is None


def test_a_cycle_met_while_checking_an_arc_raises():
    heads = [0, 3, 0, 1]  # 1 -> 3 -> 1; the arc 2 <- 0 spans word 1
    assert nonproj.is_nonproj_arc(0, heads) is False
    with pytest.raises(ExampleError, match=r"Found cycle in dependency graph: \[0, 3, 0, 1\]"):
        nonproj.is_nonproj_arc(2, heads)
    # as spaCy's: arcs are checked left to right, and 1 <- 3 crosses word 2 before the
    # check of 2 <- 0 walks into the cycle
    assert nonproj.is_nonproj_tree(heads) is True
    with pytest.raises(ValueError, match="Found cycle"):
        nonproj.projectivize(heads, ["a"] * 4)


def test_decorated_labels():
    assert nonproj.decompose("obj||xcomp") == ("obj", "xcomp")
    assert nonproj.decompose("obj") == ("obj", "")
    assert nonproj.is_decorated("obj||xcomp") and not nonproj.is_decorated("obj")


def test_lift_moves_a_word_to_its_grandparent_or_makes_it_a_root():
    heads = [1, 2, 2]
    assert nonproj._lift(0, heads) == 2 and heads == [2, 2, 2]
    assert nonproj._lift(1, heads) == 1 and heads == [2, 1, 2]


@settings(max_examples=150, deadline=None)
@given(forests())
def test_projectivize_makes_a_projective_tree_with_decorated_lifts(heads):
    labels = [f"l{i}" for i in range(len(heads))]
    new_heads, new_labels = nonproj.projectivize(heads, labels)
    assert not nonproj.is_nonproj_tree(new_heads)
    for i, (old, new) in enumerate(zip(heads, new_heads)):
        if old == new:
            assert new_labels[i] == labels[i]
        else:
            assert new_labels[i] == f"{labels[i]}||{labels[old]}"
            assert new in nonproj.ancestors(old, heads) or new == i


def test_projectivize_then_deprojectivize_restores_the_tree():
    # "what did she say he bought": 0 (what) hangs from 5 (bought), crossing 2 (she)
    words = ["what", "did", "she", "say", "he", "bought"]
    heads = [5, 3, 3, 3, 5, 3]
    labels = ["obj", "aux", "nsubj", "ROOT", "nsubj", "ccomp"]
    assert nonproj.is_nonproj_tree(heads)
    proj_heads, deco = nonproj.projectivize(heads, labels)
    assert proj_heads == [3, 3, 3, 3, 5, 3]
    assert deco == ["obj||ccomp", "aux", "nsubj", "ROOT", "nsubj", "ccomp"]
    doc = Doc(Vocab(), words=words, heads=proj_heads, deps=deco)
    assert nonproj.deprojectivize(doc) is doc
    assert [t.head.i for t in doc] == heads
    assert [t.dep_ for t in doc] == labels


def test_projective_input_comes_back_as_copies():
    heads, labels = [1, 1, 1], ["a", "ROOT", "b"]
    new_heads, new_labels = nonproj.projectivize(heads, labels)
    assert (new_heads, new_labels) == (heads, labels)
    assert new_heads is not heads and new_labels is not labels


# ---- StateClass ------------------------------------------------------------------------

def test_stateclass_steps_and_reads_like_spacys():
    doc = Doc(Vocab(), words=["a", "b", "c", "d"])
    state = StateClass(doc)
    assert (state.stack, state.queue, state.is_final(), state.eol()) == ([], [0, 1, 2, 3],
                                                                         False, False)
    state.push()
    state.push()
    assert state.stack == [1, 0] and state.S(0) == 1 and state.B(0) == 2
    state.pop()
    assert state.stack == [0] and state.stack_depth() == 1 and state.buffer_length() == 2
    state.add_arc(3, 1, 0)
    state.add_arc(3, 2, 0)
    assert state.H(1) == 3 and state.H(0) == -1
    assert state.L(3, 1) == 2 and state.L(3, 2) == 1 and state.n_L(3) == 2 and state.n_R(3) == 0
    assert [a["child"] for a in state.arcs] == [1, 2]
    copy = state.copy()
    assert isinstance(copy, StateClass) and copy.heads == state.heads


def test_stateclass_refuses_impossible_steps():
    state = StateClass(Doc(Vocab(), words=["a"]))
    with pytest.raises(ValueError, match="stack is empty"):
        state.pop()
    state.push()
    with pytest.raises(ValueError, match="buffer is empty"):
        state.push()
    with pytest.raises(ValueError, match="must be words"):
        state.add_arc(0, 3, 0)


# ---- ArcEager --------------------------------------------------------------------------

def _arc_eager(*labels):
    vocab = Vocab()
    moves = ArcEager(vocab.strings, ArcEager.get_actions())
    for label in labels:
        moves.add_action(2, label)
        moves.add_action(3, label)
    return vocab, moves


def test_arc_eager_get_actions_has_spacys_moves():
    actions = ArcEager.get_actions(left_labels=["amod"], right_labels=["obj"])
    table = ArcEager(Vocab().strings, actions)
    names = [table.get_class_name(i) for i in range(table.n_moves)]
    # spaCy also labels an S (left labels) and a D (right labels) move
    assert sorted(names) == sorted(["S", "S-amod", "D", "D-obj", "L-amod", "L-dep", "R-obj",
                                    "R-dep", "B-ROOT"])


def test_arc_eager_oracle_reaches_the_gold_tree():
    vocab, moves = _arc_eager("nsubj", "det", "dobj")
    doc = Doc(vocab, words=["She", "ate", "the", "pizza"])
    eg = Example.from_dict(doc, {"heads": [1, 1, 3, 1],
                                 "deps": ["nsubj", "ROOT", "det", "dobj"]})
    names = [moves.get_class_name(i) for i in moves.get_oracle_sequence(eg)]
    assert names == ["S", "L-nsubj", "S", "S", "L-det", "R-dobj", "D", "D"]
    states, golds, n_steps = moves.init_gold_batch([eg])
    assert n_steps == 4
    state, gold = states[0], golds[0]
    for name in names:
        gold.update(state)
        i = [moves.get_class_name(k) for k in range(moves.n_moves)].index(name)
        assert moves.get_cost(state, gold, i) <= 0
        moves.transition(state, name)
    assert state.is_final()
    moves.set_annotations(state, doc)
    assert [t.head.i for t in doc] == [1, 1, 3, 1]


def test_arc_eager_oracle_stops_where_the_tokenization_differs():
    vocab, moves = _arc_eager("punct", "nsubj")
    ref = Doc(vocab, words=["Hi", "!"], heads=[0, 0], deps=["ROOT", "punct"])
    pred = Doc(vocab, words=["H", "i", "!"])
    seq = moves.get_oracle_sequence(Example(pred, ref))
    assert all(0 <= i < moves.n_moves for i in seq)


def test_apply_transition_needs_a_valid_move():
    vocab, moves = _arc_eager("nsubj")
    state = moves.init_batch([Doc(vocab, words=["a", "b"])])[0]
    assert isinstance(state, StateClass)
    with pytest.raises(ValueError, match="not valid"):
        moves.apply_transition(state, "D")


def test_parser_base_class_with_a_system_makes_that_component():
    vocab, moves = _arc_eager("nsubj")
    model = registry.resolve({"model": DEFAULT_PARSER_MODEL}, validate=True)["model"]
    parser = Parser(vocab, model, moves=moves, learn_tokens=False, min_action_freq=30,
                    update_with_oracle_cut_size=100)
    assert isinstance(parser, DependencyParser) and parser.moves is moves
    assert parser.cfg["moves"] is None  # the table is not config
    assert parser.model.get_ref("upper").get_dim("nO") == moves.n_moves


def test_components_tables_carry_spacys_api_and_pickle():
    nlp = lexloom.blank("en")
    parser, ner = nlp.add_pipe("parser"), nlp.add_pipe("ner")
    assert isinstance(parser.moves, ArcEager) and isinstance(ner.moves, BiluoPushDown)
    ner.add_label("PERSON")
    again = pickle.loads(pickle.dumps(ner.moves))
    assert again.moves == ner.moves.moves and again.strings is None


# ---- BiluoPushDown ---------------------------------------------------------------------

@pytest.fixture
def biluo():
    vocab = Vocab()
    actions = BiluoPushDown.get_actions(entity_types=["GPE", "PERSON"])
    return vocab, BiluoPushDown(vocab.strings, actions)


def test_biluo_oracle_names_follow_the_entities(biluo):
    vocab, tsys = biluo
    doc = Doc(vocab, words=["Ada", "flew", "to", "San", "Jose", "."])
    eg = Example.from_dict(doc, {"entities": ["U-PERSON", "O", "O", "B-GPE", "L-GPE", "O"]})
    names = [tsys.get_class_name(i) for i in tsys.get_oracle_sequence(eg)]
    assert names == ["U-PERSON", "O", "O", "B-GPE", "L-GPE", "O"]


def test_biluo_get_actions_counts_example_labels():
    doc = Doc(Vocab(), words=["New", "York"])
    eg = Example.from_dict(doc, {"entities": ["B-CITY-NAME", "L-CITY-NAME"]})
    actions = BiluoPushDown.get_actions(examples=[eg])
    assert actions[1]["CITY-NAME"] == 2 and actions[5] == {"": 1}


def test_biluo_known_wrong_span_makes_its_moves_costly(biluo):
    vocab, tsys = biluo
    tsys.cfg["neg_key"] = "wrong"
    doc = Doc(vocab, words=["A", "B"])
    eg = Example.from_dict(doc, {"entities": [None, None]})
    eg.y.spans["wrong"] = [Span(eg.y, 0, 2, label="PERSON")]
    names = [tsys.get_class_name(i) for i in tsys.get_oracle_sequence(eg)]
    assert names[0] != "B-PERSON" and names[-1] != "L-PERSON"


def test_ner_refuses_a_span_that_is_both_right_and_wrong():
    nlp = lexloom.blank("en")
    ner = nlp.add_pipe("ner", config={"incorrect_spans_key": "wrong"})
    ner.add_label("PERSON")
    doc = nlp.make_doc("I met Ada Lovelace")
    eg = Example.from_dict(doc, {"entities": [(6, 18, "PERSON")]})
    eg.reference.spans["wrong"] = [Span(eg.reference, 2, 4, "PERSON")]
    nlp.initialize()
    with pytest.raises(ExampleError, match="both as an entity and as a wrong one"):
        nlp.update([eg])


def test_entity_recognizer_base_class_dispatch(biluo):
    vocab, tsys = biluo
    from lexloom.pipeline.ner import DEFAULT_NER_MODEL

    model = registry.resolve({"model": DEFAULT_NER_MODEL}, validate=True)["model"]
    ner = Parser(vocab, model, "ner", tsys)
    assert isinstance(ner, EntityRecognizer) and ner.labels == ("GPE", "PERSON")

