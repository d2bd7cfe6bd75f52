"""Training parity with spaCy, step for step: from the same config and seed, lexloom's tiny
tagger + parser + ner + textcat pipeline on a shared tok2vec starts from spaCy's weights, and
its losses, first gradients and weights after four Adam steps (dropout 0.1, oracle cuts)
equal the reference spaCy 3.8 computed once (benchmarks/make_training_parity_reference.py),
to float precision."""
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
    assert_close(ours["init"], REFERENCE["init"], rtol=1e-3)


def test_losses_are_spacys_at_every_step(ours):
    assert len(ours["losses"]) == len(REFERENCE["losses"])
    for got, want in zip(ours["losses"], REFERENCE["losses"]):
        assert sorted(got) == sorted(want)
        for name, value in want.items():
            assert got[name] == pytest.approx(value, rel=1e-4, abs=1e-6), name


def test_first_gradients_are_spacys(ours):
    assert_close(ours["grads"], REFERENCE["grads"], rtol=1e-3)


def test_weights_after_four_adam_steps_are_spacys(ours):
    assert_close(ours["final"], REFERENCE["final"], rtol=1e-3)
