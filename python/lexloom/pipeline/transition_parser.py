"""Greedy transition-based components (parser, ner) on spaCy's TransitionBasedParser model
(ml/models/parser.py, ml/tb_framework.py).

Calling the model on a batch of Docs computes the token vectors and their products with the
lower layer's per-slot weights once. Inference then decodes the whole batch in one native
call (`greedy_parse`: csrc/lexloom/greedy_decode.hh). Training steps from Python: each step
scores the unfinished states' context tokens natively (parser_internals.state_layer) and each
state takes its best valid move (ties: the first move, as in spaCy), so the loss follows the
model's own predictions, with the dynamic oracle's costs telling which moves are still
correct. Gradients are summed over all steps and passed back through the layers once.

The moves are a MoveTable (transition_moves.py: spaCy's order and `moves` file) that builds
the native transition system (ArcEagerMoveTable, BiluoMoveTable); a `_System` adapter
(parser.py, ner.py) gives batch operations on its native states: features, validity and
costs, stepping, finality.
"""
from __future__ import annotations

import random
from pathlib import Path
from typing import Callable, Iterable

import numpy
import srsly
from thinc.api import Config, Model, set_dropout_rate

from ..built_once import built_once
from ..errors import DeserializationError, LabelTypeError, ModelError, PipelineError
from ..ml.models.parser import N_FEATURES, build_tb_parser_model
from ..ml.single_doc import TransitionRunner, runner_for
from ..training.example import Example
from ..util import check_lexeme_norms
from .trainable_pipe import TrainablePipe
from .transition_moves import MoveTable


def oracle_loss(scores: numpy.ndarray, valid: numpy.ndarray, costs: numpy.ndarray
                ) -> tuple[float, numpy.ndarray]:
    """spaCy's parser loss, per state: a softmax over all moves (invalid ones too, so their
    scores are pushed down) minus a softmax over the gold moves, the valid moves of the
    lowest cost (costs can be negative: then only the moves that recover arcs are gold).
    States whose cheapest valid move costs more than 1 get no gradient (spaCy's
    arg_max_if_gold: a state whose best move costs exactly 1, e.g. an ner state after a
    preset entity that contradicts the gold, still trains towards its cost-1 moves). The
    loss is spaCy's: the sum of the gradient's squares (not normalized by the number of
    states), a float32 scalar as spaCy adds it up."""
    valid = valid.astype(bool)
    min_cost = numpy.where(valid, costs, numpy.inf).min(axis=1, initial=numpy.inf)
    has_gold = min_cost <= 1
    gold = valid & (costs <= min_cost[:, None]) & has_gold[:, None]
    s = scores.astype(numpy.float64)
    p = numpy.exp(s - s.max(axis=1, keepdims=True))
    p /= 1e-10 + p.sum(axis=1, keepdims=True)
    g_max = numpy.where(gold, s, -numpy.inf).max(axis=1, keepdims=True)
    q = numpy.where(gold, numpy.exp(s - numpy.where(has_gold[:, None], g_max, 0.0)), 0.0)
    q /= 1e-10 + q.sum(axis=1, keepdims=True)
    d = ((p - q) * has_gold[:, None]).astype(numpy.float32)
    return (d * d).sum(), d


# Beam candidates that take no move: a final parent carried over, or one with no valid move
# finished where it stands (spaCy's beam fails an assertion there; the greedy decoder stops).
_CARRIED, _FINISHED = -1, -2


class _System:
    """What the stepping loop needs from a transition system (see parser.py, ner.py). Every
    operation takes a batch of states."""

    n_moves: int
    n_feats: int

    def init_states(self, docs: list) -> list:
        raise NotImplementedError

    def final_mask(self, states: list) -> numpy.ndarray:
        raise NotImplementedError

    def features(self, states: list, offsets: numpy.ndarray) -> numpy.ndarray:
        """(n_states, n_feats) int32 table rows of the states' context tokens (0 for none);
        state i's doc starts at row offsets[i]."""
        raise NotImplementedError

    def costs(self, states: list, golds: list) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(valid, costs) per state and move."""
        raise NotImplementedError

    def apply(self, states: list, scores: numpy.ndarray) -> None:
        """Each state takes its best valid move."""
        raise NotImplementedError

    def greedy_parse(self, states: list, offsets: numpy.ndarray, step_model,
                     max_steps: int) -> int:
        """Step the states to the end in one native call (the same moves as stepping with
        `features`, the step model's scores and `apply`); returns how many are unfinished."""
        return self.moves.greedy_parse(states, offsets, *step_model.greedy_weights(),
                                       self.n_feats, max_steps)

    def beam_parse(self, states: list, offsets: numpy.ndarray, step_model, width: int,
                   density: float, max_steps: int) -> tuple[int, list]:
        """Beam search for each state's Doc in one native call; the best final candidate is
        written back into the state. Returns (how many Docs are unfinished, each Doc's final
        candidates: (score, state, moves), best first)."""
        return self.moves.beam_parse(states, offsets, *step_model.greedy_weights(),
                                     self.n_feats, width, density, max_steps)

    def cut_states(self, state, gold, max_length: int) -> list:
        """(start state, end) pieces of `max_length` moves along the oracle's path from
        `state`; end is B0 after the piece's moves (-1 at the end of the Doc)."""
        raise NotImplementedError

    def first_buffer_word(self, state) -> int:
        """B0 of a state, -1 once its buffer is empty."""
        raise NotImplementedError

    def valid(self, states: list) -> numpy.ndarray:
        """(n_states, n_moves) bool: the moves each state may take."""
        raise NotImplementedError

    def copy_and_apply(self, state, move: int):
        """A copy of the state after one move."""
        raise NotImplementedError

    def finished_copy(self, state):
        """A copy of a state that has no valid move, stopped where it stands (as the greedy
        decoder stops it)."""
        state = state.copy()
        state.finish_as_is()
        return state


def _doc_offsets(docs: list) -> numpy.ndarray:
    """Each Doc's first row in the step model's token table (row 0 is the pad)."""
    return numpy.cumsum([1] + [len(d) for d in docs])[:-1].astype("int32")


def default_model_config(state_type: str) -> Config:
    """spaCy's default [model] block of the parser and ner factories (they differ only in
    state_type), on the tok2vec component's default embedding."""
    from .tok2vec import DEFAULT_TOK2VEC_MODEL

    return Config({"@architectures": "spacy.TransitionBasedParser.v2",
                   "state_type": state_type, "extra_state_tokens": False, "hidden_width": 64,
                   "maxout_pieces": 2, "use_upper": True,
                   "tok2vec": DEFAULT_TOK2VEC_MODEL.copy()})


class Beam:
    """The candidates a beam search kept for one Doc (what beam_parse returns, one per Doc):
    final states with their scores (summed log probabilities), best first, and the moves
    that led to each."""

    def __init__(self, width: int, min_density: float, candidates: list):
        self.width = width
        self.min_density = min_density
        self._candidates = sorted(candidates, key=lambda c: -c[0])

    def __len__(self) -> int:
        return len(self._candidates)

    @property
    def size(self) -> int:
        return len(self._candidates)

    @property
    def is_done(self) -> bool:
        return all(_is_final(st) for _score, st, _hist in self._candidates)

    @property
    def scores(self) -> list:
        return [score for score, _st, _hist in self._candidates]

    @property
    def probs(self) -> numpy.ndarray:
        """The candidates' probabilities, renormalized over the beam."""
        scores = numpy.asarray(self.scores, dtype="float64")
        if not len(scores):
            return scores
        p = numpy.exp(scores - scores.max())
        return p / p.sum()

    @property
    def histories(self) -> list:
        return [list(hist) for _score, _st, hist in self._candidates]

    def at(self, i: int):
        """The state of the i-th best candidate."""
        return self._candidates[i][1]

    def best(self):
        """The best candidate's state (what set_annotations writes), None for an empty beam."""
        return self._candidates[0][1] if len(self._candidates) else None

    def finished(self) -> list:
        """(probability, state) of each final candidate, best first: what a beam's
        confidences (scored_ents, moves.get_beam_parses, ...) sum over."""
        return [(float(prob), state) for prob, (_score, state, _hist)
                in zip(self.probs, self._candidates) if _is_final(state)]


def _step_pending_layers(model: Model, skip: set, sgd) -> None:
    """Apply the optimizer to the parameters of `model`'s layers outside `skip` (node ids)
    that hold a non-zero gradient (thinc's finish_update, restricted: a zeroed gradient
    means the step was taken, and Adam would still move a parameter on a second call)."""
    for node in model.walk():
        if node.id in skip:
            continue
        for name in node.param_names:
            if node.has_grad(name):
                grad = node.get_grad(name)
                if not node.ops.xp.any(grad):
                    continue
                param, _ = sgd((node.id, name), node.get_param(name), grad)
                node.set_param(name, param)


def _is_final(state) -> bool:
    final = state.is_final
    return bool(final() if callable(final) else final)


def _best_states(states_or_beams: list) -> list:
    """set_annotations takes states or Beams (predict, beam_parse): a Beam gives its best
    state, an empty one None (its Doc is left unannotated)."""
    return [s.best() if isinstance(s, Beam) else s for s in states_or_beams]


# The widest beam a parser or ner takes: each Doc keeps this many states per step, so a
# mistyped width (1e7) would allocate until the machine runs out of memory.
MAX_BEAM_WIDTH = 4096


def check_search_settings(cfg: dict, name: str) -> str | None:
    """What is wrong with the beam and oracle-cut settings in a parser's cfg, or None."""
    width = cfg.get("beam_width", 1)
    if width is not None and (isinstance(width, bool) or not isinstance(width, int)
                              or not 1 <= width <= MAX_BEAM_WIDTH):
        return (f"'{name}': beam_width must be a whole number from 1 to {MAX_BEAM_WIDTH}, "
                f"not {width!r}")
    for key in ("beam_density", "beam_update_prob"):
        value = cfg.get(key, 0.0)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                  or not 0.0 <= value <= 1.0):
            return f"'{name}': {key} must be a number from 0 to 1, not {value!r}"
    cut = cfg.get("update_with_oracle_cut_size", 0)
    if cut is not None and (isinstance(cut, bool) or not isinstance(cut, int) or cut < 0):
        return (f"'{name}': update_with_oracle_cut_size must be a whole number >= 0, not "
                f"{cut!r}")
    return None


class TransitionParser(TrainablePipe):
    """The shared machinery of the parser and the entity recognizer. The moves live in a
    MoveTable (saved as the `moves` file, spaCy's format); the model's output rows follow
    its order."""

    moves: MoveTable  # the moves in model-output order (the `moves` file)

    #: The system's actions a label gets moves for (add_label).
    action_types: tuple[int, ...] = ()

    #: The name a component constructed without one gets (spaCy's defaults).
    default_name = "base_parser"

    def __new__(cls, *args, **kwargs):
        """spaCy's `Parser(vocab, model, moves=system)`: the base class given a system's
        move table makes the component of that system (parser for ArcEager, ner for
        BiluoPushDown)."""
        moves = kwargs.get("moves", args[3] if len(args) > 3 else None)
        target = cls
        if cls is TransitionParser and isinstance(moves, MoveTable):
            from .ner import BiluoMoveTable, EntityRecognizer
            from .parser import ArcEagerMoveTable, DependencyParser

            if isinstance(moves, ArcEagerMoveTable):
                target = DependencyParser
            elif isinstance(moves, BiluoMoveTable):
                target = EntityRecognizer
        return super().__new__(target)

    def __init__(self, vocab, model: Model, name: str | None = None, moves=None, *,
                 scorer: Callable | None = None, **cfg):
        """`moves`: a move table to use (spaCy's transition system object), or None for a
        new, empty one."""
        self.vocab = vocab
        self.model = model
        self.name = self.default_name if name is None else name
        self.scorer = self.default_scorer() if scorer is None else scorer
        table = moves if isinstance(moves, MoveTable) else None
        self.cfg = {"moves": None if table is not None else moves,
                    "update_with_oracle_cut_size": 100, "multitasks": [],
                    "min_action_freq": 30, "learn_tokens": False, "beam_width": 1,
                    "beam_density": 0.0, "beam_update_prob": 0.0,
                    "incorrect_spans_key": None, **cfg}
        problem = check_search_settings(self.cfg, self.name)
        if problem:
            raise PipelineError(problem + ".")
        self.moves = self._new_move_table() if table is None else table
        self._system: _System | None = None
        self._multitasks: list = []
        self._rehearsal_model: Model | None = None
        if table is not None and len(table):
            self._moves_changed()

    def _new_move_table(self) -> MoveTable:
        return MoveTable()

    @staticmethod
    def default_scorer() -> Callable | None:
        """The scorer of a component constructed without one (the factories pass theirs)."""
        return None

    def move_name(self, action: int, label: str) -> str:
        """The move's name, as its system gives it (the move table's move_name)."""
        return self.moves.move_name(action, label)

    @property
    def move_names(self) -> list[str]:
        """The moves' names in model-output order (the ner's blocked "U-" left out)."""
        names = (self.move_name(action, label) for action, label in self.moves.moves)
        return [n for n in names if n != "U-"]

    @property
    def label_data(self) -> dict:
        """The move table ({action: {label: frequency}}), what initialize(labels=) takes."""
        return {a: dict(freqs) for a, freqs in self.moves.labels.items()}

    @property
    def n_feats(self) -> int:
        return self.model.get_ref("lower").get_dim("nF")

    def _make_system(self) -> _System:
        raise NotImplementedError

    def _require_labels(self) -> None:
        if not len(self.moves):
            raise PipelineError(
                f"[E109] Component '{self.name}' has no moves. Give it training examples with "
                "annotation for it in nlp.initialize(get_examples), or add labels with "
                f"add_label / [initialize.components.{self.name}.labels].")

    @property
    def system(self) -> _System:
        return built_once(self, "_system", self._make_system)

    def __getstate__(self) -> dict:
        """Pickled without the native system: a cache of the move table, rebuilt when next
        used (spaCy's pipelines pickle after they have parsed, as for multiprocessing)."""
        state = self.__dict__.copy()
        state["_system"] = None
        return state

    def _moves_changed(self) -> None:
        """Rebuild the native system from the table and size the output layer to it."""
        self._system = None
        for _action, label in self.moves.moves:
            if label:
                self.vocab.strings.add(label)
        if len(self.moves):
            self.model.attrs["resize_output"](self.model, len(self.moves))

    def add_label(self, label: str) -> int:
        if not isinstance(label, str):
            raise LabelTypeError(f"[E017] Labels are non-empty strings, not {label!r} of type "
                                 f"{type(label).__name__}.")
        if not label:
            raise PipelineError("Labels are non-empty strings, not ''.")
        added = sum(self.moves.add(action, label) for action in self.action_types)
        if not added:
            return 0
        self._moves_changed()
        return 1

    def _init_moves(self, actions: dict) -> None:
        """spaCy's initialize: the moves of `actions`, plus those added before."""
        actions = {int(a): dict(freqs) for a, freqs in actions.items()}
        for action, freqs in self.moves.labels.items():
            for label, freq in freqs.items():
                actions.setdefault(action, {}).setdefault(label, freq)
        self.moves.initialize(actions)
        self._moves_changed()

    # ---- saving -----------------------------------------------------------------------

    def _moves_bytes(self) -> bytes:
        return self.moves.to_bytes({"neg_key": self.cfg.get("incorrect_spans_key")})

    def _read_moves(self, data: bytes, where: str) -> None:
        table, _cfg = MoveTable.read_bytes(data, where)
        self.moves = self._new_move_table()
        self.moves.initialize(table)

    def _after_load(self) -> None:
        self.cfg.pop("labels", None)
        problem = check_search_settings(self.cfg, self.name)
        if problem:
            raise DeserializationError(f"{problem} (read from its saved cfg): fix the value "
                                       f"in the pipeline's {self.name}/cfg file.")
        self._moves_changed()

    def _bytes_parts(self, exclude: set[str]) -> dict:
        msg = super()._bytes_parts(exclude)
        if "moves" not in exclude:
            msg["moves"] = self._moves_bytes()
        return msg

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()):
        exclude = set(exclude)
        if "moves" not in exclude:
            try:
                msg = srsly.msgpack_loads(bytes_data)
            except (ValueError, TypeError, OverflowError, RecursionError) as e:
                # msgpack raises TypeError for a map key it can't hash (a map used as a key)
                raise DeserializationError(f"Can't load '{self.name}': the data is not a "
                                           f"saved component ({e}).") from None
            if isinstance(msg, dict) and "moves" in msg:
                self._read_moves(msg["moves"], f"the bytes of '{self.name}'")
        return super().from_bytes(bytes_data, exclude=exclude)

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        """spaCy's folder: `cfg`, `moves`, `model` (and the vocab unless excluded)."""
        super().to_disk(path, exclude=exclude)
        if "moves" not in set(exclude):
            (Path(path) / "moves").write_bytes(self._moves_bytes())

    def from_disk(self, path, *, exclude: Iterable[str] = ()):
        path = Path(path)
        if "moves" not in set(exclude) and (path / "moves").is_file():
            self._read_moves((path / "moves").read_bytes(), str(path / "moves"))
        return super().from_disk(path, exclude=exclude)

    # ---- stepping ---------------------------------------------------------------------

    def _parse(self, docs: list) -> list:
        """Greedy inference: every Doc's state stepped to the end, natively. One Doc takes
        the direct path (ml/single_doc.py) when the model is the standard one."""
        runner = runner_for(self, TransitionRunner) if len(docs) == 1 else None
        if runner is not None:
            step_model = runner.step_weights(docs[0])
        else:
            step_model, _finish = self.model(docs, False)
        states = self.system.init_states(docs)
        max_steps = 10 * max((len(d) for d in docs), default=0) + 10
        if self.system.greedy_parse(states, _doc_offsets(docs), step_model, max_steps):
            raise ModelError(f"'{self.name}': states didn't finish in {max_steps} steps.")
        return states

    def _step(self, step_model, states: list, offsets: numpy.ndarray, max_steps: int,
              golds: list | None = None, loss: float = 0.0) -> tuple[numpy.ndarray, float]:
        """Step the unfinished states (state i's Doc starts at row offsets[i]) at most
        max_steps times, each taking its best valid move. With golds (training), each step's
        oracle-loss gradient goes to the step model. Returns the indices of the states still
        unfinished and `loss` plus every step's loss (added step by step in float32, as
        spaCy adds them to its losses dict)."""
        system = self.system
        active = numpy.flatnonzero(~system.final_mask(states))
        for _ in range(max_steps):
            if not len(active):
                break
            batch = [states[i] for i in active]
            scores, bp_scores = step_model.scores(system.features(batch, offsets[active]))
            if golds is not None:
                valid, costs = system.costs(batch, [golds[i] for i in active])
                step_model.mark_seen(numpy.flatnonzero((valid & (costs <= 0)).any(axis=0)))
                step_loss, d_scores = oracle_loss(scores, valid, costs)
                loss += step_loss
                bp_scores(d_scores)
            system.apply(batch, scores)
            active = active[~system.final_mask(batch)]
        return active, loss

    def _training_states(self, examples, states, golds):
        """The states to train on, their golds and docs, and the step limit, in spaCy's
        order. With update_with_oracle_cut_size N >= 1, M is drawn uniformly from
        [max(N // 2, 1), 2N) per batch; a Doc shorter than M trains whole, a longer one is
        cut along the oracle's path into states M moves apart (after the whole ones; a piece
        whose stretch of buffer holds no annotation is left out), and every state takes at
        most M + 1 steps. 0 means whole Docs."""
        cut_size = int(self.cfg.get("update_with_oracle_cut_size") or 0)
        cut = int(random.uniform(max(cut_size // 2, 1), cut_size * 2)) if cut_size >= 1 else 0
        system = self.system
        final = system.final_mask(states)
        whole, pieces = [], []
        for i, (state, gold) in enumerate(zip(states, golds)):
            if gold is None or final[i]:
                continue
            if cut and len(examples[i].predicted) >= cut:
                for piece, end in system.cut_states(state, gold, cut):
                    start = system.first_buffer_word(piece)
                    if self._has_gold_between(examples[i], start, end):
                        pieces.append((piece, gold, i))
            else:
                whole.append((state, gold, i))
        run = [s for s, _g, _i in whole + pieces]
        run_golds = [g for _s, g, _i in whole + pieces]
        run_docs = numpy.asarray([i for _s, _g, i in whole + pieces], dtype="int64")
        return run, run_golds, run_docs, (cut + 1 if cut else 0)

    def _has_gold_between(self, eg: Example, start: int, end: int) -> bool:
        """Whether the reference has annotation for the stretch of a cut piece, from B0 of
        its first state to B0 of its last (-1: the end). spaCy's test, quirks included."""
        raise NotImplementedError

    # ---- inference --------------------------------------------------------------------

    def predict(self, docs: list) -> list:
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [None for _ in docs]
        self._require_labels()
        width = int(self.cfg.get("beam_width") or 1)
        if width > 1:
            return self._beam_parse(docs, width, float(self.cfg.get("beam_density") or 0.0))
        return self._parse(docs)

    def _beam_parse(self, docs: list, width: int, density: float) -> list:
        """spaCy's beam search, natively (csrc/lexloom/beam_decode.hh): each Doc keeps its
        `width` best move sequences by summed raw scores (finished ones path-averaged);
        candidates whose softmax probability falls below `density` times the best one's are
        dropped. Returns a Beam per Doc with every final candidate."""
        step_model, _finish = self.model(docs, False)
        max_steps = 10 * max((len(d) for d in docs), default=0) + 10
        unfinished, finals = self.system.beam_parse(
            self.system.init_states(docs), _doc_offsets(docs), step_model, width, density,
            max_steps)
        if unfinished:
            raise ModelError(f"'{self.name}': the beam didn't finish in {max_steps} steps.")
        return [Beam(width, density, candidates) for candidates in finals]

    def _as_beams(self, beams_or_states: list) -> list:
        """Beams for scored_parses/scored_ents: the Docs of final states (greedy_parse, or
        predict with beam_width 1) are beam-searched with the component's beam settings to
        get every candidate's probability."""
        out = list(beams_or_states)
        redo = [i for i, b in enumerate(out) if not isinstance(b, Beam) and b is not None]
        if redo:
            width = max(int(self.cfg.get("beam_width") or 1), 1)
            density = float(self.cfg.get("beam_density") or 0.0)
            found = self.beam_parse([out[i].doc for i in redo], beam_width=width,
                                    beam_density=density)
            for i, beam in zip(redo, found):
                out[i] = beam
        return [Beam(1, 0.0, []) if b is None else b for b in out]

    def greedy_parse(self, docs: list, drop: float = 0.0) -> list:
        """Final states for the Docs, each taking its best valid move at every step."""
        docs = list(docs)
        set_dropout_rate(self.model, drop)
        if not any(len(doc) for doc in docs):
            return [None for _ in docs]
        self._require_labels()
        return self._parse(docs)

    def beam_parse(self, docs: list, beam_width: int, drop: float = 0.0,
                   beam_density: float = 0.0) -> list:
        """One Beam per Doc with every final candidate, by spaCy's beam (thinc's Beam): the
        `beam_width` best move sequences by summed scores, a finished candidate's score
        growing by its path average each step, candidates whose share of the beam's
        probability falls below `beam_density` times a uniform share dropped, ties broken by
        (parent, move). The search runs natively (see _beam_parse); dropout plays no part,
        as in spaCy's, which predicts."""
        docs = list(docs)
        set_dropout_rate(self.model, drop)
        self._require_labels()
        if beam_width < 1:
            raise PipelineError(f"beam_width must be at least 1, not {beam_width}.")
        if not docs:
            return []
        return self._beam_parse(docs, int(beam_width), float(beam_density))

    # ---- training ---------------------------------------------------------------------

    def _gold(self, eg: Example):
        """The gold of one example in the system's form, or None to skip it."""
        raise NotImplementedError

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd=None,
               losses: dict[str, float] | None = None) -> dict[str, float]:
        """One greedy oracle update, as spaCy makes it: nothing runs (no model, no random
        draw) when no example has gold annotation for this component or every state of
        the oracle cut is left out; listeners' upstream components backpropagate what
        the others sent in their finish_update."""
        examples, losses = self._begin_update(examples, losses)
        for multitask in self._multitasks:
            multitask.update(examples, drop=drop, sgd=sgd)
        if not any(len(eg.predicted) for eg in examples):
            return losses
        self._require_labels()
        golds = [self._gold(eg) for eg in examples]
        if all(gold is None for gold in golds):
            return losses
        set_dropout_rate(self.model, drop)
        width = int(self.cfg.get("beam_width") or 1)
        if width >= 2 and numpy.random.random() < float(self.cfg.get("beam_update_prob") or 0):
            return self.update_beam(examples, beam_width=width, drop=drop, sgd=sgd,
                                    losses=losses,
                                    beam_density=float(self.cfg.get("beam_density") or 0))
        docs = [eg.predicted for eg in examples]
        run, run_golds, run_docs, max_steps = self._training_states(
            examples, self.system.init_states(docs), golds)
        if not run:
            return losses
        step_model, finish = self.model(docs, True)
        _active, losses[self.name] = self._step(
            step_model, run, _doc_offsets(docs)[run_docs],
            max_steps or 10 * max(len(d) for d in docs) + 10, run_golds, losses[self.name])
        finish()
        if sgd not in (None, False):
            self.finish_update(sgd)
        return losses

    def get_loss(self, examples, scores):
        raise PipelineError(f"'{self.name}' computes its loss while stepping: call update().")

    def get_batch_loss(self, states: list, golds: list, scores: numpy.ndarray,
                       losses: dict | None) -> numpy.ndarray:
        """The oracle loss's gradient for one step's scores (n_states, n_moves): a softmax
        over all moves minus a softmax over the cheapest valid ones (oracle_loss). Moves with
        a zero-cost option count as seen from now on; the loss (sum of the gradient's
        squares) is added to losses[self.name]."""
        valid, costs = self.system.costs(list(states), list(golds))
        seen = numpy.flatnonzero((valid & (costs <= 0)).any(axis=0))
        self.model.attrs["unseen_classes"].difference_update(int(c) for c in seen)
        loss, d_scores = oracle_loss(numpy.asarray(scores, dtype="float32"), valid, costs)
        if losses is not None:
            losses.setdefault(self.name, 0.0)
            losses[self.name] += loss
        return d_scores

    def transition_states(self, states: list, scores: numpy.ndarray) -> list:
        """Each state takes its best valid move by `scores`; returns the unfinished ones."""
        states = list(states)
        if not states:
            return []
        self.system.apply(states, numpy.ascontiguousarray(scores, dtype="float32"))
        final = self.system.final_mask(states)
        return [st for st, done in zip(states, final) if not done]

    @property
    def postprocesses(self) -> list:
        """Functions set_annotations runs on each annotated Doc (see DependencyParser)."""
        return []

    @property
    def tok2vec(self) -> Model:
        """The model's token-vector part (tok2vec >> list2array >> Linear)."""
        return self.model.get_ref("tok2vec")

    @property
    def incorrect_spans_key(self) -> str | None:
        """The doc.spans key of spans known not to be entities (ner training), or None."""
        return self.cfg.get("incorrect_spans_key")

    # ---- multitask objectives -----------------------------------------------------------

    def add_multitask_objective(self, mt_component) -> None:
        """Train `mt_component` (a TrainablePipe sharing this model's tok2vec, e.g. one built
        with build_multi_task_model) alongside: updated and rehearsed with this component,
        and sized to its labels by init_multitask_objectives."""
        self._multitasks.append(mt_component)

    def init_multitask_objectives(self, get_examples: Callable, nlp=None, **cfg) -> None:
        """Give each multitask component's output one class per label of this component and
        initialize it."""
        for labeller in self._multitasks:
            labeller.model.set_dim("nO", len(self.labels))
            if labeller.model.has_ref("output_layer"):
                labeller.model.get_ref("output_layer").set_dim("nO", len(self.labels))
            labeller.initialize(get_examples, nlp=nlp)

    def finish_update(self, sgd) -> None:
        """Step this model, then the multitask objectives' own layers: nlp.update runs their
        update without an optimizer, and their heads are not part of this model. Shared
        layers are stepped once, with this model; layers without a pending gradient (their
        update stepped them already) are left alone."""
        super().finish_update(sgd)
        if not self._multitasks:
            return
        own = {node.id for node in self.model.walk()}
        for multitask in self._multitasks:
            model = getattr(multitask, "model", None)
            if isinstance(model, Model):
                _step_pending_layers(model, own, sgd)

    # ---- rehearsal and beam training --------------------------------------------------

    def rehearse(self, examples: Iterable[Example], *, drop: float = 0.0, sgd=None,
                 losses: dict[str, float] | None = None, **config) -> dict[str, float]:
        """spaCy's rehearsal update, against catastrophic forgetting: step the Docs with the
        current model, pushing its move scores at every state toward those of the copy of
        the model nlp.resume_training() made (squared error, divided by the number of
        states); the states follow the current model's moves. A no-op before
        resume_training. The loss recorded is the mean over all scores."""
        if losses is None:
            losses = {}
        for multitask in self._multitasks:
            if hasattr(multitask, "rehearse"):
                multitask.rehearse(examples, losses=losses, sgd=sgd)
        tutor_model = self._rehearsal_model
        if tutor_model is None:
            return losses
        examples, losses = self._begin_update(examples, losses)
        docs = [eg.predicted for eg in examples]
        if not any(len(doc) for doc in docs):
            return losses
        self._require_labels()
        set_dropout_rate(self.model, drop)
        set_dropout_rate(tutor_model, 0.0)
        # both step models keep their own dropout on the hidden units (0.1), as spaCy's
        tutor, _ = tutor_model(docs, True)
        student, finish = self.model(docs, True)
        system = self.system
        states = system.init_states(docs)
        offsets = _doc_offsets(docs)
        active = numpy.flatnonzero(~system.final_mask(states))
        loss, n_scores = 0.0, 0
        for _ in range(10 * max(len(d) for d in docs) + 10):
            if not len(active):
                break
            batch = [states[i] for i in active]
            feats = system.features(batch, offsets[active])
            targets, _ = tutor.scores(feats)
            guesses, backprop = student.scores(feats)
            d_scores = numpy.zeros_like(guesses)
            n = min(guesses.shape[1], targets.shape[1])  # moves added since: unsupervised
            d_scores[:, :n] = (guesses[:, :n] - targets[:, :n]) / targets.shape[0]
            loss += (d_scores ** 2).sum()   # float32, as spaCy's
            n_scores += d_scores.size
            backprop(d_scores)
            system.apply(batch, guesses)
            active = active[~system.final_mask(batch)]
        finish()
        if sgd not in (None, False):
            self.finish_update(sgd)
        losses[self.name] += loss / max(n_scores, 1)
        return losses

    def update_beam(self, examples: Iterable[Example], *, beam_width: int, drop: float = 0.0,
                    sgd=None, losses: dict[str, float] | None = None,
                    beam_density: float = 0.0) -> dict[str, float]:
        """spaCy's beam update (_beam_utils.update_beam): a predicted beam and a beam that
        follows zero-cost moves advance on the same scores; at the step where the predicted
        beam's best sequence beats the gold beam's by the most, the two beams' sequence
        probabilities (times the violation's cost) are the moves' gradient. `update` takes
        this path with probability beam_update_prob when beam_width >= 2, as spaCy's does."""
        from ._parser_internals._beam_utils import update_beam as beam_update  # imports us

        examples, losses = self._begin_update(examples, losses)
        if not any(len(eg.predicted) for eg in examples):
            return losses
        self._require_labels()
        set_dropout_rate(self.model, drop)
        states, golds, _n_steps = self.moves.init_gold_batch(examples)
        if not states:
            return losses
        step_model, finish = self.model([eg.predicted for eg in examples], True)
        losses[self.name] += beam_update(self.moves, states, golds, step_model, beam_width,
                                         beam_density=beam_density)
        finish()
        if sgd not in (None, False):
            self.finish_update(sgd)
        return losses

    def _init_model(self, get_examples: Callable[[], Iterable[Example]]) -> None:
        check_lexeme_norms(self.vocab, "parser or NER")
        self._require_labels()
        docs = [eg.x for _i, eg in zip(range(10), get_examples())]
        self.model.initialize(X=docs)


#: spaCy's name of the base class.
Parser = TransitionParser

__all__ = ["TransitionParser", "Parser", "Beam", "build_tb_parser_model", "oracle_loss",
           "N_FEATURES"]
