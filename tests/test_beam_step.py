"""The native step of training beams (csrc/lexloom/beam_step.hh) against a plain-Python
statement of thinc's Beam as spaCy's beam training steps it: same candidates, scores,
losses and order, for random beams with and without golds, density cuts and NaN / inf
scores; bad arrays raise."""
from __future__ import annotations

import math

import numpy
import pytest

from lexloom.errors import ModelError
from lexloom.parser_internals.beam_step import advance_beams

CARRIED, FINISHED = -1, -2
f32 = numpy.float32


def reference(firsts, scores_p, losses_p, moved, rows, steps, S, V, K, follow_gold, density,
              width):
    """One beam at a time, as spaCy's Python-stepped beam: carried / finished parents first,
    then every allowed move; the density cut in double; best first (NaN last; ties: larger
    parent * n_moves + move); `width` kept."""
    C = S.shape[1]
    out = []
    for b in range(len(firsts) - 1):
        lo, hi = firsts[b], firsts[b + 1]

        def expand(strict):
            fixed, moves = [], []
            for k, i in enumerate(range(lo, hi)):
                s = f32(scores_p[i])
                if rows[i] < 0:
                    score = f32(s + s / f32(steps[b])) if moved[i] else s
                    fixed.append((score, k * C, i, CARRIED, float(losses_p[i])))
                    continue
                v = V[rows[i]].astype(bool)
                if not v.any():
                    fixed.append((s, k * C, i, FINISHED, float(losses_p[i])))
                    continue
                cost = K[rows[i]] if K is not None else numpy.zeros(C, dtype=f32)
                allowed = v
                if follow_gold:
                    cheapest = numpy.where(v, cost, numpy.inf).min()
                    allowed = v & (cost <= (min(cheapest, 0) if strict else cheapest))
                for c in numpy.flatnonzero(allowed):
                    moves.append((f32(s + S[rows[i], c]), k * C + c, i, int(c),
                                  float(losses_p[i]) + float(cost[c])))
            return fixed + moves

        cands = expand(True)
        if not cands and follow_gold:
            cands = expand(False)
        if density > 0 and cands:
            finite = [float(c[0]) for c in cands if not math.isnan(c[0])]
            top = max(finite, default=math.nan)
            weights = [math.exp(float(c[0]) - top) for c in cands]
            Z = sum(w for w in weights if not math.isnan(w))
            cands = [c for c, w in zip(cands, weights) if Z > 0 and w / Z >= (1.0 / Z) * density]
        cands.sort(key=lambda c: (-math.inf if math.isnan(c[0]) else c[0], c[1]), reverse=True)
        out.append(cands[:width])
    return out


def random_case(rng, follow_gold, with_nan):
    n_beams, C = int(rng.integers(1, 6)), int(rng.integers(2, 9))
    sizes = rng.integers(1, 6, size=n_beams)
    firsts = numpy.concatenate([[0], numpy.cumsum(sizes)]).astype(numpy.int64)
    n = int(firsts[-1])
    final = rng.random(n) < 0.3
    for b in range(n_beams):   # a beam being advanced has a live candidate
        final[firsts[b]] = False
    rows = numpy.full(n, -1, dtype=numpy.int64)
    rows[~final] = numpy.arange(int((~final).sum()))
    R = int((~final).sum())
    S = rng.normal(size=(R, C)).astype(f32) * 3
    # ties, so the order decides
    S[rng.random((R, C)) < 0.2] = f32(0.5)
    if with_nan:
        S[rng.random((R, C)) < 0.1] = numpy.nan
        S[rng.random((R, C)) < 0.05] = numpy.inf
    V = (rng.random((R, C)) < 0.6).astype(numpy.uint8)
    V[rng.random(R) < 0.1] = 0    # no valid move: finished where it stands
    K = rng.integers(0, 3, size=(R, C)).astype(f32) if follow_gold or rng.random() < 0.5 \
        else None
    scores_p = rng.normal(size=n).astype(f32) * 5
    losses_p = rng.integers(0, 4, size=n).astype(numpy.float64)
    moved = (rng.random(n) < 0.8).astype(numpy.uint8)
    steps = rng.integers(1, 7, size=n_beams).astype(numpy.int64)
    density = float(f32(rng.choice([0.0, 0.0001, 0.01, 0.3])))
    width = int(rng.integers(1, 10))
    return firsts, scores_p, losses_p, moved, rows, steps, S, V, K, follow_gold, density, width


@pytest.mark.parametrize("seed", range(60))
def test_beam_step_matches_the_python_statement_of_the_beam(seed):
    rng = numpy.random.default_rng(seed)
    case = random_case(rng, follow_gold=seed % 3 == 0, with_nan=seed % 4 == 1)
    expected = reference(*case)
    if any(not kept for kept in expected):   # NaN everywhere: every candidate cut
        with pytest.raises(ModelError, match="density cut dropped every candidate"):
            advance_beams(*case)
        return
    starts, parent, action, score, loss = advance_beams(*case)
    got = [list(zip(score[a:b].tolist(), parent[a:b].tolist(), action[a:b].tolist(),
                    loss[a:b].tolist())) for a, b in zip(starts[:-1], starts[1:])]
    want = [[(float(c[0]), c[2], c[3], c[4]) for c in kept] for kept in expected]
    assert numpy.asarray(got, dtype=object).shape == numpy.asarray(want, dtype=object).shape
    for g, w in zip(got, want):
        assert len(g) == len(w)
        for (gs, gp, ga, gl), (ws, wp, wa, wl) in zip(g, w):
            assert (gp, ga, gl) == (wp, wa, wl)
            assert gs == ws or (math.isnan(gs) and math.isnan(ws))


def test_beam_step_rejects_bad_arrays():
    rng = numpy.random.default_rng(0)
    case = list(random_case(rng, follow_gold=True, with_nan=False))
    bad_rows = case[4].copy()
    bad_rows[0] = case[6].shape[0]
    with pytest.raises(ModelError, match="row is out of"):
        advance_beams(*case[:4], bad_rows, *case[5:])
    with pytest.raises(ModelError, match="same shape"):
        advance_beams(*case[:7], case[7][:, :1], *case[8:])
    with pytest.raises(ModelError, match="rise from 0"):
        advance_beams(case[0][::-1], *case[1:])
    with pytest.raises(ModelError, match="one entry per candidate"):
        advance_beams(case[0], case[1][:-1], *case[2:])
    with pytest.raises(ModelError, match="follow_gold needs costs"):
        advance_beams(*case[:8], None, True, *case[10:])
    with pytest.raises(ModelError, match="width"):
        advance_beams(*case[:11], 0)


def test_a_gold_beam_without_a_free_move_follows_its_cheapest_moves():
    """spaCy's gold beam takes the valid moves of cost <= 0; a beam whose candidates have
    none follows the cheapest ones (spaCy fails there)."""
    S = numpy.asarray([[1.0, 2.0, 3.0]], dtype=f32)
    V = numpy.asarray([[1, 1, 0]], dtype=numpy.uint8)
    K = numpy.asarray([[2.0, 1.0, 0.0]], dtype=f32)   # the free move is not valid
    case = ([0, 1], [0.5], [1.0], [1], [0], [1], S, V, K, True, 0.0, 4)
    starts, parent, action, score, loss = advance_beams(*case)
    assert starts.tolist() == [0, 1] and action.tolist() == [1]
    assert score.tolist() == [2.5] and loss.tolist() == [2.0]
    # with a free valid move, only that one
    K[0, 0] = 0.0
    assert advance_beams(*case)[2].tolist() == [0]
    assert reference(*case)[0][0][3] == 0
