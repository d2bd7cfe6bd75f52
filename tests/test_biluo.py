"""The BILUO entity transition system (lexloom.parser_internals.biluo) and the IOB/BILUO
tag utilities (lexloom.training.iob_utils)."""
from __future__ import annotations

import pickle
import warnings

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lexloom

from lexloom.errors import ExampleError, ModelError
from lexloom.parser_internals.biluo import BiluoPushDown
from lexloom.tokens import Doc, Span
from lexloom.training import (biluo_tags_to_offsets, biluo_tags_to_spans, biluo_to_iob,
                              iob_to_biluo, offsets_to_biluo_tags)
from lexloom.training.iob_utils import doc_to_biluo_tags, tags_to_entities
from lexloom.vocab import Vocab

LABELS = ["PER", "ORG", "LOC"]


@pytest.fixture(scope="module")
def vocab():
    # a language's vocab: a bare Vocab() gives lexemes no flags (IS_SPACE), as spaCy's
    return lexloom.blank("en").vocab


@pytest.fixture(scope="module")
def moves():
    return BiluoPushDown(LABELS)


def _doc(vocab, n):
    return Doc(vocab, words=[f"w{i}" for i in range(n)])


# ---- the moves ---------------------------------------------------------------------------


def test_move_names_follow_spacy_order(moves):
    assert moves.n_moves == 3 * 4 + 2
    assert moves.move_names[:3] == ["B-PER", "B-ORG", "B-LOC"]
    assert moves.move_names[-2:] == ["U-", "O"]
    assert pickle.loads(pickle.dumps(moves)).move_names == moves.move_names


def test_validity_fresh_state(vocab, moves):
    valid = set(moves.valid_moves(_doc(vocab, 3)))
    assert valid == {f"B-{x}" for x in LABELS} | {f"U-{x}" for x in LABELS} | {"O"}


def test_validity_with_open_entity(vocab, moves):
    doc = _doc(vocab, 3)
    assert set(moves.valid_moves(doc, ["B-PER"])) == {"I-PER", "L-PER"}
    assert set(moves.valid_moves(doc, ["B-PER", "I-PER"])) == {"L-PER"}  # last token


def test_validity_last_token_cannot_begin(vocab, moves):
    valid = set(moves.valid_moves(_doc(vocab, 1)))
    assert not any(m.startswith(("B-", "I-", "L-")) for m in valid)
    assert "O" in valid and "U-PER" in valid


def test_validity_respects_sentence_starts_and_whitespace(vocab, moves):
    doc = Doc(vocab, words=["a", "b", "c"], sent_starts=[True, True, False])
    assert not any(m.startswith("B-") for m in moves.valid_moves(doc))
    space = Doc(vocab, words=[" ", "b"], spaces=[False, False])
    valid = moves.valid_moves(space)
    assert not any(m.startswith(("B-", "U-")) for m in valid if m != "U-") and "O" in valid


def test_validity_respects_preset_entities(vocab, moves):
    doc = _doc(vocab, 4)
    doc.set_ents([Span(doc, 1, 3, label="ORG")], default="missing")
    assert moves.oracle_sequence(doc, ["-"] * 4)[1:3] == ["B-ORG", "L-ORG"]
    assert set(moves.valid_moves(doc, ["O"])) == {"B-ORG"}
    assert set(moves.valid_moves(doc, ["O", "B-ORG"])) == {"L-ORG"}


def test_invalid_move_raises(vocab, moves):
    with pytest.raises(ModelError):
        moves.apply_all(_doc(vocab, 2), ["I-PER", "L-PER"])
    with pytest.raises(ModelError):
        moves.apply_all(_doc(vocab, 2), ["B-PER"])  # unfinished
    with pytest.raises(ModelError):
        moves.move_index("B-NOPE")


# ---- oracle and costs --------------------------------------------------------------------


@st.composite
def biluo_sequences(draw):
    n = draw(st.integers(1, 12))
    tags, i = [], 0
    while i < n:
        kind = draw(st.sampled_from(["O", "ent"]))
        label = draw(st.sampled_from(LABELS))
        if kind == "O":
            tags.append("O")
            i += 1
            continue
        length = draw(st.integers(1, n - i))
        if length == 1:
            tags.append(f"U-{label}")
        else:
            tags += [f"B-{label}"] + [f"I-{label}"] * (length - 2) + [f"L-{label}"]
        i += length
    return tags


@settings(max_examples=200, deadline=None)
@given(biluo_sequences())
def test_oracle_sequence_reproduces_gold(tags):
    vocab, moves = Vocab(), BiluoPushDown(LABELS)
    doc = _doc(vocab, len(tags))
    assert moves.oracle_sequence(doc, tags) == tags
    moves.apply_all(doc, tags)
    assert doc_to_biluo_tags(doc) == tags


@settings(max_examples=100, deadline=None)
@given(biluo_sequences())
def test_gold_moves_cost_nothing_and_wrong_ones_cost(tags):
    vocab, moves = Vocab(), BiluoPushDown(LABELS)
    doc = _doc(vocab, len(tags))
    for step, gold in enumerate(tags):
        valid, costs = moves.costs(doc, tags, tags[:step])
        for i, name in enumerate(moves.move_names):
            if not valid[i]:
                assert costs[i] == 9000
            elif name == gold:
                assert costs[i] == 0
            else:
                assert costs[i] > 0, (step, name, tags)


@settings(max_examples=100, deadline=None)
@given(biluo_sequences(), st.data())
def test_missing_regions_cost_nothing(tags, data):
    vocab, moves = Vocab(), BiluoPushDown(LABELS)
    doc = _doc(vocab, len(tags))
    hidden = data.draw(st.lists(st.booleans(), min_size=len(tags), max_size=len(tags)))
    gold = ["-" if h else t for t, h in zip(tags, hidden)]
    oracle = moves.oracle_sequence(doc, gold)
    for step, tag in enumerate(gold):
        valid, costs = moves.costs(doc, gold, oracle[:step])
        if tag == "-":
            assert (costs[valid] == 0).all(), (step, gold, oracle)
    all_missing = [None] * len(tags)
    valid, costs = moves.costs(doc, all_missing)
    assert (costs[valid] == 0).all()


def test_costs_hand_checked(vocab, moves):
    doc = _doc(vocab, 3)
    gold = ["B-PER", "L-PER", "O"]
    valid, costs = moves.costs(doc, gold)
    by_name = dict(zip(moves.move_names, costs))
    assert by_name["B-PER"] == 0 and by_name["B-ORG"] == 1 and by_name["U-PER"] == 1
    assert by_name["O"] == 1 and by_name["I-PER"] == 9000


def test_unknown_gold_label_raises(vocab, moves):
    with pytest.raises(ExampleError, match="MISC"):
        moves.oracle_sequence(_doc(vocab, 1), ["U-MISC"])
    with pytest.raises(ExampleError):
        moves.oracle_sequence(_doc(vocab, 2), ["O"])


def test_apply_all_writes_entities(vocab, moves):
    doc = Doc(vocab, words=["John", "Smith", "works", "at", "Acme"])
    moves.apply_all(doc, ["B-PER", "L-PER", "O", "O", "U-ORG"])
    assert [(e.text, e.label_) for e in doc.ents] == [("John Smith", "PER"), ("Acme", "ORG")]
    assert [t.ent_iob_ for t in doc] == ["B", "I", "O", "O", "B"]


def test_greedy_apply_picks_best_valid_move(vocab, moves):
    docs = [_doc(vocab, 2), _doc(vocab, 1)]
    scores = numpy.zeros((2, 2, moves.n_moves), dtype="f")
    scores[:, 0, moves.move_index("B-LOC")] = 5.0     # invalid for the one-token Doc
    scores[1, 0, moves.move_index("U-ORG")] = 1.0
    chosen = moves.greedy_apply(docs, scores)
    assert [moves.move_names[k] for k in chosen[0]] == ["B-LOC", "L-LOC"]
    assert [moves.move_names[k] for k in chosen[1]] == ["U-ORG"]
    assert [e.label_ for e in docs[1].ents] == ["ORG"]
    with pytest.raises(ModelError):
        moves.greedy_apply(docs, numpy.zeros((2, 1, moves.n_moves), dtype="f"))


# ---- iob_utils -----------------------------------------------------------------------------


def test_offsets_to_biluo_tags(vocab):
    doc = Doc(vocab, words=["I", "like", "New", "York", "and", "Paris"])
    ents = [(7, 15, "LOC"), (20, 25, "LOC")]
    assert offsets_to_biluo_tags(doc, ents) == ["O", "O", "B-LOC", "L-LOC", "O", "U-LOC"]
    assert offsets_to_biluo_tags(doc, ents, missing="-") == ["-", "-", "B-LOC", "L-LOC", "-",
                                                             "U-LOC"]
    assert offsets_to_biluo_tags(doc, [(0, 1, "")]) == ["O"] * 6


def test_misaligned_offsets_are_missing_with_warning(vocab):
    doc = Doc(vocab, words=["I", "like", "New", "York"])
    with pytest.warns(UserWarning, match="W030"):
        tags = offsets_to_biluo_tags(doc, [(8, 15, "LOC")])
    assert tags == ["O", "O", "-", "-"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert offsets_to_biluo_tags(doc, [(8, 15, "LOC")], missing="-") == ["-"] * 4


def test_overlapping_entities_raise(vocab):
    doc = Doc(vocab, words=["I", "like", "New", "York"])
    with pytest.raises(ExampleError, match="overlap"):
        offsets_to_biluo_tags(doc, [(7, 15, "LOC"), (11, 15, "GPE")])
    # an empty entity between two overlapping ones hides nothing (spaCy's E103)
    with pytest.raises(ExampleError, match="E103"):
        offsets_to_biluo_tags(doc, [(0, 15, "X"), (2, 2, "Y"), (7, 11, "Z")])


@settings(max_examples=100, deadline=None)
@given(biluo_sequences())
def test_biluo_offsets_round_trip(tags):
    doc = _doc(Vocab(), len(tags))
    offsets = biluo_tags_to_offsets(doc, tags)
    assert offsets_to_biluo_tags(doc, offsets) == tags
    spans = biluo_tags_to_spans(doc, tags)
    assert [(s.start_char, s.end_char, s.label_) for s in spans] == offsets


@settings(max_examples=100, deadline=None)
@given(biluo_sequences())
def test_iob_biluo_round_trip(tags):
    assert iob_to_biluo(biluo_to_iob(tags)) == tags


def test_iob1_to_biluo():
    assert iob_to_biluo(["I-PER", "I-PER", "O", "I-LOC"]) == ["B-PER", "L-PER", "O", "U-LOC"]
    assert biluo_to_iob(["U-PER", None, "B-LOC", "L-LOC"]) == ["B-PER", None, "B-LOC", "I-LOC"]
    with pytest.raises(ExampleError):
        iob_to_biluo(["B-"])


def test_tags_to_entities_like_spacy():
    assert tags_to_entities(["B-PER", "L-PER", "-", "U-ORG", "O"]) == [
        ("PER", 0, 1), ("", 2, 2), ("ORG", 3, 3)]
    with pytest.raises(ExampleError):
        tags_to_entities(["O", "I-PER"])
    with pytest.raises(ExampleError):
        tags_to_entities(["X-PER"])


def test_stepwise_state_matches_replayed_costs_and_validity(vocab, moves):
    from lexloom.parser_internals.biluo import BiluoGold, BiluoState

    doc = _doc(vocab, 7)
    tags = ["B-PER", "L-PER", "O", "-", "U-LOC", "-", "O"]
    gold = BiluoGold(moves, doc, tags)
    state = BiluoState(moves, doc)
    history = []
    for name in moves.oracle_sequence(doc, tags):
        valid, costs = moves.costs(doc, tags, history)
        row_valid = numpy.zeros(moves.n_moves, dtype=numpy.uint8)
        state.fill_valid(row_valid)
        v32 = numpy.zeros(moves.n_moves, dtype=numpy.int32)
        c32 = numpy.zeros(moves.n_moves, dtype=numpy.float32)
        state.fill_costs(gold, v32, c32)
        assert (row_valid.astype(bool) == valid).all() and (v32.astype(bool) == valid).all()
        assert (c32 == costs).all()
        state.apply(moves.move_index(name))
        history.append(name)
    assert state.is_final()
    with pytest.raises(ModelError):
        state.fill_valid(numpy.zeros(3, dtype=numpy.uint8))
