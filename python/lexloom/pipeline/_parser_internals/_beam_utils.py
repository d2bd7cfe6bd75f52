"""spaCy's `_beam_utils`: beam search stepped from Python, over the states of lexloom's
transition systems (ArcEager, BiluoPushDown), with scores that come from any model.

Why a Python beam next to the native one: lexloom's components decode with a beam in one
native call (csrc/lexloom/beam_decode.hh), which scores the states itself. spaCy code that
holds its own scores (a custom model, a test, spaCy's max-violation beam update) needs the
beam one step at a time: `BeamBatch.advance(scores)` takes one score row per unfinished
candidate, beam after beam, in the order `get_unfinished_states()` lists them.

The search is spaCy's (thinc's Beam), as TransitionParser.beam_parse and the native decoder
run it: each unfinished candidate expands into one candidate per valid move, scored by its
parent's score plus the move's score (float32 sums); a finished candidate stays, its score
s becoming s + s / t after the beam's t-th step (the path average). With density > 0,
candidates whose softmax probability is below density times the best one's are dropped,
so every kept candidate has probability >= density * the best's. Each beam keeps its
`width` best (ties: the larger parent * n_moves + move first). lexloom's one extension, as
in the native decoder: a candidate with no valid move is finished where it stands, where
thinc's Beam fails an assertion.

With golds, each candidate also sums the oracle costs of its moves (its loss); with
`follow_gold`, a beam takes only the cheapest valid moves of cost <= 0 (a gold beam).

Each step's expansion and ranking runs natively for all beams at once
(csrc/lexloom/beam_step.hh, sharing beam_rank.hh with the decoder); Python makes the kept
candidates' states. Each beam is a transition_parser.Beam (the type beam_parse returns), so
a parser's set_annotations and scored_parses / scored_ents take them as they are.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy

from ...errors import BeamScoresError, ModelError, PipelineError
from ...parser_internals.beam_step import advance_beams
from ..ner import BiluoMoveTable, _BiluoSystem
from ..parser import ArcEagerMoveTable, _ArcEagerSystem
from ..transition_parser import (
    _CARRIED,
    _FINISHED,
    Beam,
    _best_states,
    _is_final,
    _System,
)

__all__ = ["BeamBatch", "collect_states", "get_gradient", "get_unique_states", "update_beam"]

_f32 = numpy.float32


def _system_of(moves, n_feats: int = 0) -> _System:
    """The batch operations (validity, costs, stepping copies) of a move table's system: the
    same adapters the parser and the entity recognizer step with."""
    if isinstance(moves, ArcEagerMoveTable):
        return _ArcEagerSystem(moves.native, n_feats)
    if isinstance(moves, BiluoMoveTable):
        return _BiluoSystem(moves.native, n_feats)
    raise PipelineError(
        f"BeamBatch needs a transition system with states (ArcEager or BiluoPushDown from "
        f"lexloom.pipeline._parser_internals, or a component's `.moves`), not "
        f"{type(moves).__name__}.")


class SearchBeam(Beam):
    """One Doc's beam while it is searched (thinc's Beam, as spaCy uses it): the candidates
    best first, each with its score, state, moves so far and loss (summed oracle costs)."""

    def __init__(self, nr_class: int, width: int, min_density: float, state):
        super().__init__(width, min_density, [(_f32(0.0), state, ())])
        self.nr_class = nr_class
        #: Steps taken (a finished candidate's path average divides by it).
        self.t = 0
        self._losses = [0.0]
        # whether each candidate is final: a candidate's state never changes once in the
        # beam, and every step of a search asks
        self._final = [_is_final(state)]

    @property
    def is_done(self) -> bool:
        return all(self._final)

    @property
    def score(self) -> float:
        """The best candidate's score."""
        return float(self._candidates[0][0])

    @property
    def min_score(self) -> float:
        """The last (worst) kept candidate's score."""
        return float(self._candidates[-1][0])

    @property
    def loss(self) -> float:
        """The best candidate's loss: the summed costs of its moves (0 without golds)."""
        return self._losses[0]

    @property
    def losses(self) -> list[float]:
        """Each candidate's loss, best candidate first."""
        return list(self._losses)

    def _replace(self, kept: list) -> None:
        """Take the next step's candidates, (score, state, history, loss) best first."""
        self._candidates = [(score, st, hist) for score, st, hist, _loss in kept]
        self._losses = [loss for _s, _st, _h, loss in kept]
        self._final = [_is_final(st) for _score, st, _hist in self._candidates]
        self.t += 1


class BeamBatch:
    """A beam per state, advanced together: spaCy's
    `BeamBatch(moves, states, golds, width, density=0.0)`. Iterating gives the beams
    (SearchBeam: probs, scores, histories, loss, at(i), is_done, min_density, len)."""

    def __init__(self, moves, states: Iterable, golds: Sequence | None, width: int,
                 density: float = 0.0):
        """`states`: a starting state per Doc (moves.init_batch or init_gold_batch; never
        modified); `golds`: one per state (init_gold_batch), or None to track no costs."""
        if isinstance(width, bool) or not isinstance(width, (int, numpy.integer)) \
                or not 1 <= width < 2 ** 31:   # spaCy's is a C int
            raise PipelineError(f"BeamBatch: width must be an integer from 1 to 2**31 - 1, "
                                f"not {width!r}.")
        density = float(density)
        if not 0.0 <= density <= 1.0:
            raise PipelineError(f"BeamBatch: density must be in [0, 1], not {density!r}: "
                                "candidates below density * the best one's probability "
                                "are dropped.")
        states = list(states)
        if golds is not None:
            golds = list(golds)
            if len(golds) != len(states):
                raise PipelineError(f"BeamBatch: {len(states)} states but {len(golds)} "
                                    "golds; give one gold per state (init_gold_batch), or "
                                    "None.")
        if not moves.n_moves:
            raise PipelineError("BeamBatch: the transition system has no moves yet; add "
                                "them (add_action, or initialize the component) first.")
        self.moves = moves
        self.states = states
        self.docs = [state.doc for state in states]
        self.golds = golds
        self._system = _system_of(moves)
        # stored as float32, as thinc's Beam keeps it (so it reads back as it was given)
        self.density = float(_f32(density))
        self.width = int(width)
        self.beams = [SearchBeam(moves.n_moves, self.width, self.density, st) for st in states]

    @property
    def is_done(self) -> bool:
        """Whether every beam holds only final states."""
        return all(beam.is_done for beam in self.beams)

    def __getitem__(self, i: int) -> SearchBeam:
        return self.beams[i]

    def __len__(self) -> int:
        return len(self.beams)

    def __iter__(self):
        return iter(self.beams)

    def get_states(self) -> list:
        """Every candidate's state, beam after beam, best first within a beam."""
        return [beam.at(i) for beam in self.beams for i in range(len(beam))]

    def get_unfinished_states(self) -> list:
        """The states advance() wants score rows for, in the order it reads them."""
        return [st for beam in self.beams
                for (_score, st, _hist), final in zip(beam._candidates, beam._final)
                if not final]

    def advance(self, scores, follow_gold: bool = False) -> None:
        """Advance every unfinished beam one step. `scores` is (n, n_moves) with a row per
        unfinished candidate (get_unfinished_states' order); rows beyond those are ignored,
        as spaCy does. With follow_gold (golds needed), only the cheapest valid moves of cost
        <= 0 are followed."""
        scores = self._check_scores(scores)
        if follow_gold and self.golds is None:
            raise PipelineError("BeamBatch.advance(follow_gold=True) needs golds: build the "
                                "BeamBatch with the golds of init_gold_batch.")
        advancing = [(b, beam) for b, beam in enumerate(self.beams) if not beam.is_done]
        beams = [beam for _b, beam in advancing]
        live, live_golds, rows = [], [], []
        for b, beam in advancing:
            for (_score, st, _hist), final in zip(beam._candidates, beam._final):
                rows.append(-1 if final else len(live))
                if not final:
                    live.append(st)
                    if self.golds is not None:
                        live_golds.append(self.golds[b])
        if scores.shape[0] < len(live):
            raise BeamScoresError(
                f"BeamBatch.advance got {scores.shape[0]} score rows for {len(live)} "
                "unfinished candidates: give one row per state of get_unfinished_states(), "
                "beam after beam.")
        if not live:
            return
        if self.golds is None:
            valid, costs = self._system.valid(live), None
        else:
            valid, costs = self._system.costs(live, live_golds)
        # the expansion and ranking of every beam in one native call (beam_step.hh); Python
        # makes only the kept candidates' states
        firsts = numpy.cumsum([0] + [len(beam) for beam in beams]).tolist()
        starts, parent, action, new_scores, new_losses = advance_beams(
            firsts,
            [score for beam in beams for score, _st, _hist in beam._candidates],
            [loss for beam in beams for loss in beam._losses],
            [bool(hist) for beam in beams for _score, _st, hist in beam._candidates],
            rows, [beam.t for beam in beams], scores[:len(live)], valid, costs,
            follow_gold, self.density, self.width)
        kept = list(zip(parent.tolist(), action.tolist(), new_scores.tolist(),
                        new_losses.tolist()))
        starts = starts.tolist()
        system = self._system
        for b, beam in enumerate(beams):
            step = []
            for i, move, score, loss in kept[starts[b]:starts[b + 1]]:
                _score, st, hist = beam._candidates[i - firsts[b]]
                if move == _CARRIED:
                    step.append((score, st, hist, loss))
                elif move == _FINISHED:
                    step.append((score, system.finished_copy(st), hist, loss))
                else:
                    step.append((score, system.copy_and_apply(st, move), hist + (move,), loss))
            beam._replace(step)

    def _check_scores(self, scores) -> numpy.ndarray:
        scores = numpy.asarray(scores)
        if scores.ndim != 2 or scores.shape[1] != self.moves.n_moves:
            raise ModelError(f"BeamBatch.advance: scores of shape {scores.shape}; expected "
                             f"(n_unfinished_candidates, {self.moves.n_moves}), a row of "
                             "move scores per candidate.")
        return scores.astype("float32", copy=False)


def collect_states(beams: Iterable, docs: Iterable) -> list:
    """A state per Doc from states or beams (a beam gives its best candidate, an empty one
    None), as set_annotations wants them."""
    return [state for state, _doc in zip(_best_states(list(beams)), docs)]


def get_unique_states(pbeams: BeamBatch, gbeams: BeamBatch) -> tuple:
    """The unfinished states of a predicted and a gold beam batch, each scored once:
    (states, p_indices, g_indices, beam_map). p_indices / g_indices give the rows of the
    states' scores for pbeams.advance / gbeams.advance; beam_map maps (example, *moves) to
    a row, for get_gradient."""
    if len(pbeams) != len(gbeams):
        raise ModelError(f"get_unique_states: {len(pbeams)} predicted beams but {len(gbeams)} "
                         "gold beams; they must be built from the same states.")
    states: list = []
    p_indices: list[int] = []
    g_indices: list[int] = []
    beam_map: dict = {}
    for eg_id, (pbeam, gbeam) in enumerate(zip(pbeams, gbeams)):
        if not pbeam.is_done:
            for (_score, state, hist), final in zip(pbeam._candidates, pbeam._final):
                if final:
                    continue
                key = (eg_id, *hist)
                if key in beam_map:
                    raise ModelError(f"get_unique_states: the move sequence {key} is in the "
                                     "predicted beam twice.")
                beam_map[key] = len(states)
                p_indices.append(len(states))
                states.append(state)
        if not gbeam.is_done:
            for (_score, state, hist), final in zip(gbeam._candidates, gbeam._final):
                if final:
                    continue
                key = (eg_id, *hist)
                if key not in beam_map:
                    beam_map[key] = len(states)
                    states.append(state)
                g_indices.append(beam_map[key])
    return (states, numpy.asarray(p_indices, dtype="i"), numpy.asarray(g_indices, dtype="i"),
            beam_map)


def get_gradient(nr_class: int, beam_maps: list, histories: list, losses: list) -> list:
    """The gradient of each step's scores (one (rows, nr_class) array per step) from a loss
    per move sequence: a sequence's scores are summed, so its loss goes to every move it
    took, at the row its prefix had in that step (beam_maps). A sequence shorter than the
    longest one with a loss gets its average loss per move added for each missing step (it
    was scored again at each, as a finished candidate)."""
    if len(histories) != len(losses):
        raise ModelError(f"get_gradient: {len(histories)} examples' histories but "
                         f"{len(losses)} examples' losses.")
    n_steps = []
    for hists, eg_losses in zip(histories, losses):
        if any(math.isnan(loss) for loss in eg_losses):
            raise ModelError("get_gradient: a loss is NaN; check the model's scores.")
        n_steps.append(max((len(h) for loss, h in zip(eg_losses, hists) if loss != 0.0),
                           default=0))
    grads = [numpy.zeros((max(beam_maps[t].values(), default=-1) + 1, nr_class), dtype="f")
             for t in range(max(n_steps, default=0))]
    for eg_id, (hists, eg_losses) in enumerate(zip(histories, losses)):
        for loss, hist in zip(eg_losses, hists):
            if loss == 0.0 or not hist:
                continue
            loss = loss + loss / len(hist) * (n_steps[eg_id] - len(hist))
            prefix: tuple = (eg_id,)
            for step, clas in enumerate(hist):
                grads[step][beam_maps[step][prefix], clas] += loss
                prefix = (*prefix, clas)
    return grads


def _softmax(scores: list) -> list[float]:
    if not scores:
        return []
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    Z = sum(weights)
    return [w / Z for w in weights]


class _MaxViolation:
    """spaCy's max-violation bookkeeping (thinc's MaxViolation.check_crf) for one example:
    at the step where the predicted beam's best is wrong and leads the gold beam's best by
    the most, the wrong predicted sequences and the gold ones, with their gradients."""

    def __init__(self):
        self.cost = 0.0
        self.delta = -1.0
        self.p_hist: list = []
        self.g_hist: list = []
        self.p_probs: list = []
        self.g_probs: list = []

    def check_crf(self, pred: SearchBeam, gold: SearchBeam) -> None:
        delta = pred.score - gold.score
        if not (pred.loss > 0 and (self.cost == 0 or delta > self.delta)):
            return
        gold_hists = {tuple(h) for h in gold.histories}
        p_scores, p_hist, g_scores, g_hist = [], [], [], []
        for score, loss, hist in zip(pred.scores, pred.losses, pred.histories):
            if loss > 0:
                p_scores.append(float(score))
                p_hist.append(hist)
            elif tuple(hist) not in gold_hists:  # a gold sequence only the prediction found
                g_scores.append(float(score))
                g_hist.append(hist)
        for score, loss, hist in zip(gold.scores, gold.losses, gold.histories):
            if loss == 0:
                g_scores.append(float(score))
                g_hist.append(hist)
        joint = _softmax(p_scores + g_scores)
        self.cost = pred.loss
        self.delta = delta
        self.p_hist = p_hist
        self.g_hist = g_hist
        # the loss's gradient: the model's probability minus the gold's (spread over the
        # gold sequences in proportion to their scores)
        self.p_probs = joint[:len(p_scores)]
        self.g_probs = [p - q for p, q in zip(joint[len(p_scores):], _softmax(g_scores))]


def update_beam(moves, states: list, golds: list, model, width: int,
                beam_density: float = 0.0) -> float:
    """spaCy's beam update: a predicted beam and a gold beam (following zero-cost moves)
    advance on the same scores from `model` (a model over states: begin_update(states) gives
    (scores, backprop)); at the step of maximum violation, the wrong predicted sequences'
    probabilities and the gold ones' are passed back through every step's scores, times the
    violation's cost. Returns the loss (the mean squared gradient, summed over steps)."""
    if getattr(model, "system", ()) is None and hasattr(model, "get_token_ids"):
        # a ParserStepModel reads states through a system, which its component usually sets
        model.system = _system_of(moves, model.n_feats)
    pbeam = BeamBatch(moves, states, golds, width=width, density=beam_density)
    gbeam = BeamBatch(moves, states, golds, width=width, density=0.0)
    beam_maps, backprops = [], []
    violations = [_MaxViolation() for _ in pbeam]
    done = [False] * len(pbeam)
    while not pbeam.is_done or not gbeam.is_done:
        step_states, p_indices, g_indices, beam_map = get_unique_states(pbeam, gbeam)
        beam_maps.append(beam_map)
        if not step_states:
            break
        scores, bp_scores = model.begin_update(step_states)
        scores = numpy.asarray(scores)
        backprops.append(bp_scores)
        if not pbeam.is_done:
            pbeam.advance(numpy.ascontiguousarray(scores[p_indices]))
        if not gbeam.is_done:
            gbeam.advance(numpy.ascontiguousarray(scores[g_indices]), follow_gold=True)
        for i, violation in enumerate(violations):
            if not done[i]:
                violation.check_crf(pbeam[i], gbeam[i])
                done[i] = pbeam[i].is_done and gbeam[i].is_done
    histories, grads = [], []
    for violation in violations:
        histories.append(violation.p_hist + violation.g_hist)
        grads.append([d * violation.cost for d in violation.p_probs + violation.g_probs])
    loss = 0.0
    for d_scores, bp_scores in zip(get_gradient(moves.n_moves, beam_maps, histories, grads),
                                   backprops):
        loss += (d_scores ** 2).mean()   # float32, as spaCy's
        bp_scores(d_scores)
    return loss
