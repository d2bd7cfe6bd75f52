"""spaCy's `_beam_utils` under lexloom: BeamBatch (beams over transition states, advanced with
scores from outside), its density cut, gold beams, and the helpers of spaCy's beam update;
spaCy's tests/parser/test_nn_beam.py rewritten against lexloom, plus the search itself: a
beam stepped to the end gives valid parses, and stepped with a parser's own scores it is
that parser's beam_parse."""
import math

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from lexloom.errors import BeamScoresError, ModelError, PipelineError
from lexloom.language import Language
from lexloom.pipeline._parser_internals._beam_utils import (
    BeamBatch,
    collect_states,
    get_gradient,
    get_unique_states,
    update_beam,
)
from lexloom.pipeline._parser_internals.arc_eager import ArcEager
from lexloom.pipeline._parser_internals.ner import BiluoPushDown
from lexloom.pipeline._parser_internals.stateclass import StateClass
from lexloom.pipeline.transition_moves import MoveTable
from lexloom.pipeline.transition_parser import Beam, _doc_offsets
from lexloom.vocab import Vocab

import lexloom
from lexloom.tokens import Doc
from lexloom.training import Example

WIDTH = 4


@pytest.fixture(scope="module")
def vocab():
    return Vocab()


@pytest.fixture(scope="module")
def moves(vocab):
    """spaCy's test_nn_beam table (its repeated L-aux is added once)."""
    aeager = ArcEager(vocab.strings, {})
    for action, label in [(0, ""), (1, ""), (2, "nsubj"), (2, "punct"), (2, "aux"),
                          (2, "nsubjpass"), (3, "dobj"), (2, "aux"), (4, "ROOT")]:
        aeager.add_action(action, label)
    return aeager


@pytest.fixture(scope="module")
def examples(vocab):
    doc = Doc(vocab, words=["Rats", "bite", "things"], heads=[1, 1, 1],
              deps=["nsubj", "ROOT", "dobj"], sent_starts=[True, False, False])
    return [Example(doc, doc.copy())]


@pytest.fixture
def beam(moves, examples):
    states, golds, _ = moves.init_gold_batch(examples)
    return BeamBatch(moves, states, golds, width=WIDTH, density=0.0)


def _random_scores(moves, n_rows, seed=0):
    rng = numpy.random.default_rng(seed)
    return rng.uniform(-0.1, 0.1, (n_rows, moves.n_moves)).astype("float32")


def _run(batch, moves, seed=0, follow_gold=False):
    """Advance the batch to the end with random scores; the number of steps."""
    rng = numpy.random.default_rng(seed)
    for step in range(100):
        if batch.is_done:
            return step
        n = len(batch.get_unfinished_states())
        batch.advance(rng.uniform(-1, 1, (n, moves.n_moves)).astype("float32"),
                      follow_gold=follow_gold)
    raise AssertionError("the beam didn't finish")


def _is_tree(doc):
    """Every word's chain of heads ends at a root (a word heading itself), without cycles."""
    for token in doc:
        node = token
        for _ in range(len(doc) + 1):
            if node.head.i == node.i:
                break
            node = node.head
        else:
            return False
    return True


# ---- spaCy's test_nn_beam ----------------------------------------------------------------

def test_create_beam(beam, examples):
    assert len(beam) == 1 and beam.docs == [examples[0].predicted]
    (b,) = beam
    assert len(b) == 1 and b.width == WIDTH and b.min_density == 0.0
    assert not b.is_done and not beam.is_done
    assert b.scores == [0.0] and list(b.probs) == [1.0] and b.histories == [[]]
    assert isinstance(b, Beam) and isinstance(b.at(0), StateClass)


def test_beam_advance_ignores_extra_rows(beam, moves):
    """spaCy's test passes width rows per beam; only the first (one live state) is read."""
    beam.advance(_random_scores(moves, WIDTH))
    (b,) = beam
    assert b.t == 1 and 1 <= len(b) <= WIDTH
    assert all(len(h) == 1 for h in b.histories)


def test_beam_advance_too_few_scores(beam, moves):
    n_state = sum(len(b) for b in beam)
    scores = _random_scores(moves, WIDTH)[:n_state]
    with pytest.raises(IndexError, match="0 score rows for 1 unfinished"):
        beam.advance(scores[:-1])
    with pytest.raises(BeamScoresError):
        beam.advance(scores[:-1])
    beam.advance(scores)  # nothing was consumed by the failed calls
    rows = len(beam.get_unfinished_states())
    with pytest.raises(BeamScoresError, match=f"{rows - 1} score rows for {rows}"):
        beam.advance(_random_scores(moves, rows - 1))


def test_scores_of_the_wrong_width_are_refused(beam, moves):
    with pytest.raises(ModelError, match=f"expected \\(n_unfinished_candidates, "
                                         f"{moves.n_moves}\\)"):
        beam.advance(numpy.zeros((1, moves.n_moves - 1), dtype="float32"))
    with pytest.raises(ValueError):
        beam.advance(numpy.zeros((moves.n_moves,), dtype="float32"))


def test_beam_parse(examples):
    nlp = Language()
    parser = nlp.add_pipe("beam_parser")
    parser.cfg["beam_width"] = WIDTH
    parser.add_label("nsubj")
    parser.initialize(lambda: examples)
    doc = nlp.make_doc("Australia is a country")
    parser(doc)
    assert doc.has_annotation("DEP") and _is_tree(doc)


@settings(max_examples=60, deadline=None)
@given(hyp=st.data())
def test_beam_density(moves, examples, hyp):
    """Every kept candidate is at least density times as probable as the best one."""
    density = float(hyp.draw(st.floats(0.0, 1.0, width=32)))
    states, golds, _ = moves.init_gold_batch(examples)
    batch = BeamBatch(moves, states, golds, width=WIDTH, density=density)
    for _ in range(hyp.draw(st.integers(1, 4))):
        if batch.is_done:
            break
        n_state = len(batch.get_unfinished_states())
        batch.advance(hyp.draw(arrays("float32", (n_state, moves.n_moves),
                                      elements=st.floats(-10, 10, width=32))))
        for b in batch:
            probs = b.probs
            assert b.min_density == density
            assert 1 <= len(b) <= WIDTH
            assert probs[-1] >= probs[0] * density
            assert list(b.scores) == sorted(b.scores, reverse=True)


# ---- the search ---------------------------------------------------------------------------

def _fresh(vocab, examples):
    """An Example whose predicted Doc is unannotated (for set_annotations), same reference."""
    doc = Doc(vocab, words=[t.text for t in examples[0].reference])
    return [Example(doc, examples[0].reference)]


def test_advancing_to_the_end_gives_valid_parses(vocab, moves, examples):
    examples = _fresh(vocab, examples)
    states, golds, _ = moves.init_gold_batch(examples)
    batch = BeamBatch(moves, states, golds, width=WIDTH)
    _run(batch, moves, seed=3)
    (b,) = batch
    assert batch.is_done and b.is_done and not batch.get_unfinished_states()
    assert all(b.at(i).is_final() for i in range(len(b)))
    assert math.isclose(sum(b.probs), 1.0) and list(b.probs) == sorted(b.probs, reverse=True)
    for i, hist in enumerate(b.histories):  # each history replays to its candidate
        state = moves.init_batch([examples[0].predicted])[0]
        for move in hist:
            moves.transition(state, move)
        assert state.is_final() and state.heads == b.at(i).heads
    doc = examples[0].predicted
    assert not doc.has_annotation("DEP")
    (best,) = collect_states(batch, [doc])
    moves.set_annotations(best, doc)
    assert _is_tree(doc) and doc.has_annotation("DEP")
    assert states[0].stack == [] and states[0].buffer == [0, 1, 2]  # inputs not stepped


def test_gold_beam_follows_zero_cost_moves_to_the_reference(vocab, moves, examples):
    examples = _fresh(vocab, examples)
    states, golds, _ = moves.init_gold_batch(examples)
    gold_beam = BeamBatch(moves, states, golds, width=WIDTH)
    _run(gold_beam, moves, seed=1, follow_gold=True)
    (b,) = gold_beam
    assert b.losses == [0.0] * len(b) and b.loss == 0.0
    doc = examples[0].predicted
    moves.set_annotations(b.at(0), doc)
    assert [t.head.i for t in doc] == [1, 1, 1]
    assert [t.dep_ for t in doc] == ["nsubj", "ROOT", "dobj"]


def test_losses_sum_the_costs_of_each_candidates_moves(moves, examples):
    states, golds, _ = moves.init_gold_batch(examples)
    batch = BeamBatch(moves, states, golds, width=16)
    _run(batch, moves, seed=2)
    (b,) = batch
    for i, hist in enumerate(b.histories):
        state = moves.init_batch([examples[0].predicted])[0]
        gold = golds[0]
        cost = 0.0
        for move in hist:
            cost += moves.get_cost(state, gold, move)
            moves.transition(state, move)
        assert b.losses[i] == cost
    assert any(loss > 0 for loss in b.losses)
    no_golds = BeamBatch(moves, moves.init_gold_batch(examples)[0], None, width=4)
    _run(no_golds, moves)
    assert set(no_golds[0].losses) == {0.0}


def test_entity_beams_with_gold(vocab):
    tsys = BiluoPushDown(vocab.strings, BiluoPushDown.get_actions(entity_types=["GPE", "PER"]))
    doc = Doc(vocab, words=["Ada", "flew", "to", "San", "Jose"])
    eg = Example.from_dict(doc, {"entities": ["U-PER", "O", "O", "B-GPE", "L-GPE"]})
    states, golds, _ = tsys.init_gold_batch([eg])
    gold_beam = BeamBatch(tsys, states, golds, width=3)
    _run(gold_beam, tsys, follow_gold=True)
    best = gold_beam[0].at(0)
    assert best.is_final() and gold_beam[0].loss == 0.0
    assert [tsys.get_class_name(m) for m in gold_beam[0].histories[0]] == \
        ["U-PER", "O", "O", "B-GPE", "L-GPE"]
    pred = BeamBatch(tsys, states, golds, width=3, density=0.5)
    _run(pred, tsys, seed=4)
    assert pred.is_done and 1 <= len(pred[0]) <= 3


def test_beam_batch_is_the_parsers_beam_parse():
    """Stepped with the parser's own scores, BeamBatch keeps exactly the candidates (moves,
    scores) of TransitionParser.beam_parse; what predict's native decoder picks is first."""
    nlp = lexloom.blank("en")
    parser = nlp.add_pipe("beam_parser", config={"min_action_freq": 1})
    data = [("She ate the pizza", [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"]),
            ("They eat ham . We sleep", [1, 1, 1, 1, 5, 5],
             ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT"])]
    examples = [Example.from_dict(nlp.make_doc(text), {"heads": heads, "deps": deps})
                for text, heads, deps in data]
    nlp.initialize(lambda: examples)
    docs = [nlp.make_doc("I like green eggs"), nlp.make_doc("Dogs bark . Cats sleep now")]
    expected = parser.beam_parse(docs, beam_width=3, beam_density=0.001)
    step_model, _finish = parser.model(docs, False)
    system = parser.system
    offset_of = {id(doc): off for doc, off in zip(docs, _doc_offsets(docs))}
    batch = BeamBatch(parser.moves, system.init_states(docs), None, width=3, density=0.001)
    while not batch.is_done:
        states = batch.get_unfinished_states()
        offsets = numpy.asarray([offset_of[id(st.doc)] for st in states], dtype="int32")
        scores, _ = step_model.scores(system.features(states, offsets))
        batch.advance(scores)
    for got, want in zip(batch, expected):
        assert got.histories == want.histories
        assert [float(s) for s in got.scores] == [float(s) for s in want.scores]
    parser.cfg.update(beam_width=3, beam_density=0.001)
    predicted = [beam.best() for beam in parser.predict(docs)]  # the native decoder
    for got, state in zip(collect_states(batch, docs), predicted):
        assert got.heads == state.heads and got.label_ids == state.label_ids


# ---- arguments ----------------------------------------------------------------------------

def test_bad_arguments_get_clear_errors(moves, examples):
    states, golds, _ = moves.init_gold_batch(examples)
    with pytest.raises(PipelineError, match="width must be an integer from 1"):
        BeamBatch(moves, states, golds, width=0)
    with pytest.raises(PipelineError, match="width must be an integer from 1"):
        BeamBatch(moves, states, golds, width=2 ** 63)   # spaCy's width is a C int
    with pytest.raises(PipelineError, match="density must be in"):
        BeamBatch(moves, states, golds, width=2, density=1.5)
    with pytest.raises(PipelineError, match="1 states but 2 golds"):
        BeamBatch(moves, states, golds * 2, width=2)
    with pytest.raises(PipelineError, match="ArcEager or BiluoPushDown"):
        BeamBatch(MoveTable({0: {"": 1}}), states, golds, width=2)
    with pytest.raises(PipelineError, match="no moves"):
        BeamBatch(ArcEager(Vocab().strings, {}), states, None, width=2)
    no_golds = BeamBatch(moves, states, None, width=2)
    with pytest.raises(PipelineError, match="follow_gold=True\\) needs golds"):
        no_golds.advance(_random_scores(moves, 1), follow_gold=True)


def test_nan_scores_with_a_density_cut_raise(moves, examples):
    states, golds, _ = moves.init_gold_batch(examples)
    batch = BeamBatch(moves, states, golds, width=2, density=0.1)
    with pytest.raises(ModelError, match="not finite"):
        batch.advance(numpy.full((1, moves.n_moves), numpy.nan, dtype="float32"))


# ---- spaCy's beam-update helpers ------------------------------------------------------------

def test_collect_states_takes_states_or_beams(moves, examples, beam):
    state = moves.init_batch([examples[0].predicted])[0]
    assert collect_states([state], [examples[0].predicted]) == [state]
    assert collect_states(beam, beam.docs) == [beam[0].at(0)]
    assert collect_states([Beam(1, 0.0, [])], [None]) == [None]


def test_get_unique_states_scores_shared_states_once(moves, examples):
    states, golds, _ = moves.init_gold_batch(examples)
    pbeam = BeamBatch(moves, states, golds, width=WIDTH)
    gbeam = BeamBatch(moves, states, golds, width=WIDTH)
    for _ in range(2):
        found, p_idx, g_idx, beam_map = get_unique_states(pbeam, gbeam)
        n_p = len(pbeam.get_unfinished_states())
        assert list(p_idx) == list(range(n_p)) and len(g_idx) == len(gbeam.get_unfinished_states())
        assert len(found) == len(beam_map) and sorted(beam_map.values()) == list(range(len(found)))
        for key, row in beam_map.items():
            assert key[0] == 0 and not found[row].is_final()
        scores = _random_scores(moves, len(found), seed=5)
        pbeam.advance(scores[p_idx])
        gbeam.advance(scores[g_idx], follow_gold=True)
    with pytest.raises(ModelError, match="1 predicted beams but 0 gold"):
        get_unique_states(pbeam, BeamBatch(moves, [], [], width=2))


def test_get_gradient_credits_every_move_of_a_sequence():
    beam_maps = [{(0,): 0}, {(0, 1): 0, (0, 2): 1}, {(0, 1, 3): 0}]
    # two sequences: [1, 3, 0] (3 moves) and [2] (1 move, so its loss is spread to 3 steps)
    grads = get_gradient(4, beam_maps, [[[1, 3, 0], [2]]], [[0.5, -0.3]])
    assert [g.shape for g in grads] == [(1, 4), (2, 4), (1, 4)]
    assert grads[0][0, 1] == pytest.approx(0.5) and grads[0][0, 2] == pytest.approx(-0.9)
    assert grads[1][0, 3] == pytest.approx(0.5) and grads[2][0, 0] == pytest.approx(0.5)
    assert float(numpy.abs(grads[1][1]).sum()) == 0.0
    assert get_gradient(4, beam_maps, [[[1]]], [[0.0]]) == []
    with pytest.raises(ModelError, match="NaN"):
        get_gradient(4, beam_maps, [[[1]]], [[float("nan")]])


class _CostlyModel:
    """A model over states that scores every move by its oracle cost, so the beam walks
    away from the reference; it keeps what backprop gets."""

    def __init__(self, moves, gold):
        self.moves, self.gold, self.grads = moves, gold, []

    def begin_update(self, states):
        scores = numpy.asarray([[self.moves.get_cost(st, self.gold, i)
                                 for i in range(self.moves.n_moves)] for st in states],
                               dtype="float32")
        return scores, self.grads.append


def test_update_beam_pushes_down_wrong_sequences(moves, examples):
    states, golds, _ = moves.init_gold_batch(examples)
    model = _CostlyModel(moves, golds[0])
    loss = update_beam(moves, states, golds, model, WIDTH)
    assert loss > 0 and model.grads
    d = numpy.concatenate(model.grads)
    assert numpy.isfinite(d).all() and (d > 0).any() and (d < 0).any()


def test_update_beam_with_a_parsers_step_model(examples):
    nlp = Language()
    parser = nlp.add_pipe("beam_parser")
    parser.add_label("nsubj")
    parser.initialize(lambda: examples)
    states, golds, _ = parser.moves.init_gold_batch(examples)
    step_model, finish = parser.model([eg.predicted for eg in examples], True)
    loss = update_beam(parser.moves, states, golds, step_model, 2, beam_density=0.0)
    finish()
    assert math.isfinite(loss) and loss >= 0
