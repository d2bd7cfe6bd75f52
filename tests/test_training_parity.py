"""Training parity with spaCy, step for step: from the same config and seed, lexloom's tiny
tagger + parser + ner + textcat pipeline on a shared tok2vec starts from spaCy's weights, and
its losses, first gradients and weights after four Adam steps (dropout 0.1, oracle cuts)
equal the reference spaCy 3.8 computed once (benchmarks/make_training_parity_reference.py),
to float precision; so do those of the same pipeline with beam_parser and beam_ner taking
spaCy's beam updates."""
import json
from pathlib import Path

import pytest

import _training_parity_data as data
import lexloom
import lexloom.training
import lexloom.util

REFERENCE = json.loads((Path(__file__).parent / "data" / "training_parity_reference.json")
                       .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ours():
    return data.run(lexloom)


def assert_close(ours: dict, ref: dict, rtol: float) -> None:
    assert sorted(ours) == sorted(ref)
    for key in ref:
        got, want = ours[key], ref[key]
        assert got["shape"] == want["shape"], key
        scale = max(want["abs_sum"], 1e-6)
        assert got["abs_sum"] == pytest.approx(want["abs_sum"], rel=rtol), key
        assert abs(got["sum"] - want["sum"]) <= rtol * scale, key
        largest = max((abs(v) for v in want["head"]), default=0.0)
        for g, w in zip(got["head"], want["head"]):
            assert abs(g - w) <= rtol * max(largest, 1e-3) + 1e-7, key


def test_labels_and_move_order_are_spacys(ours):
    assert ours["labels"] == REFERENCE["labels"]


def test_initial_weights_are_spacys(ours):
    # To float precision: the draws are spaCy's (the parser's and ner's lower layer once
    # truncated its random state ids from float64, not float32, and started ~1e-4 off).
    assert_close(ours["init"], REFERENCE["init"], rtol=1e-6)


def assert_losses_match(ours: list, ref: list) -> None:
    assert len(ours) == len(ref)
    for got, want in zip(ours, ref):
        assert sorted(got) == sorted(want)
        for name, value in want.items():
            assert got[name] == pytest.approx(value, rel=1e-4, abs=1e-6), name


def test_losses_are_spacys_at_every_step(ours):
    assert_losses_match(ours["losses"], REFERENCE["losses"])


def test_first_gradients_are_spacys(ours):
    assert_close(ours["grads"], REFERENCE["grads"], rtol=1e-3)


def test_weights_after_four_adam_steps_are_spacys(ours):
    assert_close(ours["final"], REFERENCE["final"], rtol=1e-3)


# ---- beam updates (beam_parser / beam_ner, beam_update_prob 1.0) ----------------------------

BEAM_REFERENCE = json.loads((Path(__file__).parent / "data" / "training_parity_beam_reference.json")
                            .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ours_beam():
    return data.run(lexloom, data.BEAM_CONFIG)


def test_beam_updates_follow_spacys_losses(ours_beam):
    """spaCy's max-violation beam update (_beam_utils.update_beam), step for step."""
    assert_losses_match(ours_beam["losses"], BEAM_REFERENCE["losses"])
    assert any(step["parser"] > 1 for step in BEAM_REFERENCE["losses"])  # updates happened


def test_beam_updates_give_spacys_gradients_and_weights(ours_beam):
    assert_close(ours_beam["grads"], BEAM_REFERENCE["grads"], rtol=1e-3)
    assert_close(ours_beam["final"], BEAM_REFERENCE["final"], rtol=1e-3)
