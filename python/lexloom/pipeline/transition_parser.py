"""Greedy transition-based components (parser, ner) and their model, spaCy's
`TransitionBasedParser` architecture.

The model projects each token's tok2vec vector to `hidden_width` (the "table", with one
learned row for absent tokens). A state's hidden vector is a Maxout over the concatenated
table rows of a few context tokens (its features); a linear layer (when `use_upper`) scores
the moves. As the Maxout's input is a concatenation, its product splits into one product per
feature slot, so every token's products with every slot's weights are computed once per
batch (one matrix product, "precomputed"); each step then only sums a few rows per state in
native code (parser_internals.state_layer). States step greedily on their best valid move,
in training too: the loss follows the model's own predictions, with the dynamic oracle's
costs telling which moves are still correct (spaCy's target: a softmax over the zero-cost
moves). Gradients are summed over all steps and passed back through the table once.

The transition system is the component's: a `_System` adapter (parser.py, ner.py) gives
batch operations on native states: features, validity and costs, stepping, finality.
"""
from __future__ import annotations

import random
from typing import Callable, Iterable, Optional

import numpy
from thinc.api import (Config, Linear, Maxout, Model, chain, list2array, set_dropout_rate,
                       zero_init)

from ..errors import ModelError, PipelineError
from ..parser_internals import state_layer
from ..registry import register
from ..training.example import Example
from .trainable_pipe import TrainablePipe

# Context tokens per state: (state_type, extra_state_tokens) -> count.
N_FEATURES = {("parser", False): 8, ("parser", True): 13, ("ner", False): 3, ("ner", True): 6}


@register("architectures", "lexloom.TransitionBasedParser.v2", "spacy.TransitionBasedParser.v2",
          "spacy.TransitionBasedParser.v1")
def build_tb_parser_model(tok2vec: Model, state_type: str, extra_state_tokens: bool,
                          hidden_width: int, maxout_pieces: int, use_upper: bool = True,
                          nO: Optional[int] = None) -> Model:
    """tok2vec >> Linear(hidden_width) per token; per state the concatenated vectors of its
    context tokens >> Maxout(hidden_width) >> Linear(nO moves, zero-initialized). With
    use_upper false the Maxout layer outputs the move scores itself."""
    if state_type not in ("parser", "ner"):
        raise ModelError(f"TransitionBasedParser state_type is 'parser' or 'ner', not "
                         f"{state_type!r}.")
    n_feats = N_FEATURES[(state_type, bool(extra_state_tokens))]
    proj = chain(tok2vec, list2array(), Linear(hidden_width), _with_pad_row(hidden_width))
    lower = Maxout(hidden_width if use_upper else nO, n_feats * hidden_width, nP=maxout_pieces)
    layers = [proj, lower]
    if use_upper:
        layers.append(Linear(nO, hidden_width, init_W=zero_init))
    model = Model("transition-parser", _forward, init=_init, layers=layers,
                  dims={"nO": nO, "hidden": hidden_width},
                  attrs={"state_type": state_type, "n_feats": n_feats, "use_upper": use_upper})
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("lower", lower)
    if use_upper:
        model.set_ref("upper", layers[2])
    model.set_ref("output_layer", layers[-1])
    return model


def _with_pad_row(width: int) -> Model:
    """Rows (n, width) -> (n + 1, width): a learned first row stands for absent tokens."""
    def forward(model, rows, is_train):
        pad = model.get_param("pad")
        table = model.ops.xp.vstack([pad[None, :], rows])

        def backprop(d_table):
            model.inc_grad("pad", d_table[0])
            return d_table[1:]

        return table, backprop

    def init(model, X=None, Y=None):
        model.set_param("pad", model.ops.alloc1f(width))

    return Model("pad-row", forward, init=init, params={"pad": None}, dims={"nO": width})


def _init(model: Model, X=None, Y=None) -> Model:
    if not model.has_dim("nO") or model.get_dim("nO") is None:
        raise ModelError("The transition model needs its number of moves (nO) before "
                         "initialize; the component sets it from its labels.")
    nO = model.get_dim("nO")
    proj, lower = model.layers[0], model.layers[1]
    proj.initialize(X=X)
    if model.attrs["use_upper"]:
        model.layers[2].set_dim("nO", nO)
        lower.initialize()
        model.layers[2].initialize()
    else:
        lower.set_dim("nO", nO)
        lower.initialize()
    return model


def _forward(model: Model, docs: list, is_train: bool):
    """docs -> (table, backprop): the projected token vectors of the batch, one row per
    token after a first row for absent context tokens."""
    return model.layers[0](docs, is_train)


def _to_numpy(array) -> numpy.ndarray:
    return array.get() if hasattr(array, "get") else numpy.asarray(array)


def oracle_loss(scores: numpy.ndarray, valid: numpy.ndarray, costs: numpy.ndarray
                ) -> tuple[float, numpy.ndarray]:
    """spaCy's parser loss: softmax over the valid moves minus softmax over the zero-cost
    (gold) valid moves; the loss is -log P(some gold move). States without a gold move get
    no gradient."""
    valid = valid.astype(bool)
    gold = valid & (costs <= 0)
    has_gold = gold.any(axis=1)
    neg = numpy.float32(-1e30)
    s = scores.astype(numpy.float32)

    def softmax(mask):
        z = numpy.where(mask, s, neg)
        z = z - z.max(axis=1, keepdims=True)
        e = numpy.where(mask, numpy.exp(z), 0.0)
        return e / numpy.maximum(e.sum(axis=1, keepdims=True), 1e-30)

    p = softmax(valid)
    q = softmax(gold)
    d = ((p - q) * has_gold[:, None]).astype(numpy.float32)
    p_gold = (p * gold).sum(axis=1)
    loss = float(-numpy.log(numpy.maximum(p_gold[has_gold], 1e-12)).sum())
    return loss, d


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

    def cut_states(self, state, gold, max_length: int) -> list:
        """States along the oracle's path from `state`, `max_length` moves apart."""
        raise NotImplementedError

    def valid(self, states: list) -> numpy.ndarray:
        """(n_states, n_moves) bool: the moves each state may take."""
        raise NotImplementedError

    def copy_and_apply(self, state, move: int):
        """A copy of the state after one move."""
        raise NotImplementedError


class _StepModel:
    """The model's weights for one batch, in the form the stepping loop uses: P, the table's
    products with the lower layer's per-slot weights, and the upper layer; gradients
    accumulate here over the steps and go back to the thinc layers once (`finish`)."""

    def __init__(self, model: Model, table, is_train: bool):
        self.model = model
        lower = model.get_ref("lower")
        self.lower = lower
        W = _to_numpy(lower.get_param("W"))
        self.b = numpy.ascontiguousarray(_to_numpy(lower.get_param("b")), dtype="float32")
        nO, nP, nI = W.shape
        n_feats = model.attrs["n_feats"]
        nH = nI // n_feats
        self.shape = (n_feats, nO, nP, nH)
        # (n_feats * nO * nP, nH): row (f, o, p) holds W[o, p, f*nH:(f+1)*nH]
        self.W_slots = numpy.ascontiguousarray(
            W.reshape(nO * nP, n_feats, nH).transpose(1, 0, 2).reshape(-1, nH))
        self.table = numpy.ascontiguousarray(_to_numpy(table), dtype="float32")
        n_rows = self.table.shape[0]
        # a C-contiguous (nH, slots) right operand: numpy's BLAS runs ~4x slower on the
        # transposed view here
        slots_by_width = numpy.ascontiguousarray(self.W_slots.T)
        self.P = (self.table @ slots_by_width).reshape(n_rows, n_feats, nO, nP)
        self.use_upper = model.attrs["use_upper"]
        if self.use_upper:
            upper = model.get_ref("upper")
            self.upper = upper
            self.Wu = _to_numpy(upper.get_param("W"))
            self.bu = _to_numpy(upper.get_param("b"))
        if is_train:
            self.dP = numpy.zeros_like(self.P)
            self.db = numpy.zeros_like(self.b)
            if self.use_upper:
                self.dWu = numpy.zeros_like(self.Wu)
                self.dbu = numpy.zeros_like(self.bu)

    def scores(self, feats: numpy.ndarray):
        """Move scores for states with these features, and a backprop callback that adds the
        gradient of the scores to the batch's accumulators."""
        H, which = state_layer.forward(self.P, feats, self.b)
        S = H @ self.Wu.T + self.bu if self.use_upper else H

        def backprop(dS: numpy.ndarray) -> None:
            if self.use_upper:
                self.dWu += dS.T @ H
                self.dbu += dS.sum(axis=0)
                dH = numpy.ascontiguousarray(dS @ self.Wu, dtype="float32")
            else:
                dH = numpy.ascontiguousarray(dS, dtype="float32")
            state_layer.backward(dH, which, feats, self.dP, self.db)

        return S, backprop

    def finish(self):
        """Pass the accumulated gradients to the layers; returns d_table."""
        n_feats, nO, nP, nH = self.shape
        dP = self.dP.reshape(self.dP.shape[0], -1)
        d_table = dP @ self.W_slots
        dW = (dP.T @ self.table).reshape(n_feats, nO * nP, nH).transpose(1, 0, 2)
        ops = self.model.ops
        self.lower.inc_grad("W", ops.asarray(dW.reshape(nO, nP, n_feats * nH)))
        self.lower.inc_grad("b", ops.asarray(self.db))
        if self.use_upper:
            self.upper.inc_grad("W", ops.asarray(self.dWu))
            self.upper.inc_grad("b", ops.asarray(self.dbu))
        return ops.asarray(d_table)


def default_model_config(state_type: str) -> Config:
    """spaCy's default [model] block of the parser and ner factories (they differ only in
    state_type), on the tok2vec component's default embedding."""
    from .tok2vec import DEFAULT_TOK2VEC_MODEL

    return Config({"@architectures": "spacy.TransitionBasedParser.v2",
                   "state_type": state_type, "extra_state_tokens": False, "hidden_width": 64,
                   "maxout_pieces": 2, "use_upper": True,
                   "tok2vec": DEFAULT_TOK2VEC_MODEL.copy()})


class TransitionParser(TrainablePipe):
    """The shared machinery of the parser and the entity recognizer."""

    def __init__(self, vocab, model: Model, name: str, *, scorer: Callable | None = None,
                 **cfg):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.scorer = scorer
        self.cfg = dict(sorted({"labels": [], **cfg}.items()))
        self._system: _System | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.cfg["labels"])

    @property
    def label_data(self) -> list[str]:
        return list(self.cfg["labels"])

    def _make_system(self) -> _System:
        raise NotImplementedError

    @property
    def system(self) -> _System:
        if self._system is None:
            self._system = self._make_system()
        return self._system

    def _after_load(self) -> None:
        self._system = None
        for label in self.labels:
            self.vocab.strings.add(label)

    def add_label(self, label: str) -> int:
        if not isinstance(label, str) or not label:
            raise PipelineError(f"Labels are non-empty strings, not {label!r}.")
        if label in self.labels:
            return 0
        output = self.model.get_ref("output_layer")
        initialized = output.has_param("W") and output.get_param("W") is not None
        old_moves = list(self.system.moves.move_names) if initialized else None
        self.cfg["labels"].append(label)
        self.vocab.strings.add(label)
        self._system = None
        if initialized:
            self._resize_output(old_moves, list(self.system.moves.move_names))
        return 1

    def _resize_output(self, old_moves: list[str], new_moves: list[str]) -> None:
        """Give the output layer one row per move of the grown system: rows of moves it
        had keep their weights; new moves start with zero weights and the lowest old bias
        minus one, so they rarely win before training reaches them."""
        output = self.model.get_ref("output_layer")
        old_index = {name: i for i, name in enumerate(old_moves)}
        keep = [(new_i, old_index[name]) for new_i, name in enumerate(new_moves)
                if name in old_index]
        if output.name == "maxout":
            grown = Maxout(len(new_moves), output.get_dim("nI"), nP=output.get_dim("nP"))
        else:
            grown = Linear(len(new_moves), output.get_dim("nI"), init_W=zero_init)
        grown.initialize()
        grown.ops = output.ops
        for pname in ("W", "b"):
            old = output.get_param(pname)
            new = grown.ops.xp.zeros((len(new_moves),) + tuple(old.shape[1:]), dtype=old.dtype)
            if pname == "b" and len(old):
                new[...] = old.min() - 1
            for new_i, old_i in keep:
                new[new_i] = old[old_i]
            grown.set_param(pname, new)
        position = self.model.layers.index(output)
        self.model.layers[position] = grown
        self.model.set_ref("output_layer", grown)
        self.model.set_ref("upper" if self.model.attrs["use_upper"] else "lower", grown)
        self.model.set_dim("nO", len(new_moves), force=True)

    # ---- stepping ---------------------------------------------------------------------

    def _parse(self, docs: list, golds: list | None, is_train: bool):
        """Step all states to the end (in training: the states of the oracle cut, each for
        at most the cut's length). Returns (states, loss, backprop of the table)."""
        system = self.system
        table, bp_table = self.model(docs, is_train)
        step_model = _StepModel(self.model, table, is_train)
        doc_offsets = numpy.cumsum([1] + [len(d) for d in docs])[:-1].astype("int32")
        states = system.init_states(docs)
        max_steps = 10 * max((len(d) for d in docs), default=0) + 10
        if is_train:
            run, run_golds, run_docs, cut = self._training_states(docs, states, golds)
            max_steps = cut or max_steps
        else:
            run, run_docs = states, numpy.arange(len(states))
        offsets = doc_offsets[run_docs]
        loss = 0.0
        active = numpy.flatnonzero(~system.final_mask(run))
        for _ in range(max_steps):
            if not len(active):
                break
            batch = [run[i] for i in active]
            feats = system.features(batch, offsets[active])
            scores, bp_scores = step_model.scores(feats)
            if is_train:
                valid, costs = system.costs(batch, [run_golds[i] for i in active])
                step_loss, d_scores = oracle_loss(scores, valid, costs)
                loss += step_loss
                bp_scores(d_scores)
            system.apply(batch, scores)
            active = active[~system.final_mask(batch)]
        else:
            if len(active) and not is_train:
                raise ModelError(f"'{self.name}': states didn't finish in {max_steps} steps.")

        def backprop():
            if is_train:
                bp_table(step_model.finish())

        return states, loss, backprop

    def _training_states(self, docs, states, golds):
        """The states to train on, their golds and docs, and the step limit: with
        update_with_oracle_cut_size N >= 1, a Doc of at least M words (M drawn uniformly
        from [N/2, 2N) per batch, as spaCy does) is cut along the oracle's path into states
        M moves apart, each trained for at most M moves; 0 means whole Docs."""
        cut_size = int(self.cfg.get("update_with_oracle_cut_size") or 0)
        cut = int(random.uniform(cut_size // 2, cut_size * 2)) if cut_size >= 1 else 0
        cut = max(cut, 1) if cut_size >= 1 else 0
        system = self.system
        run, run_golds, run_docs = [], [], []
        for i, (state, gold) in enumerate(zip(states, golds)):
            if gold is None:
                continue
            pieces = system.cut_states(state, gold, cut) if cut and len(docs[i]) >= cut \
                else [state]
            run.extend(pieces)
            run_golds.extend([gold] * len(pieces))
            run_docs.extend([i] * len(pieces))
        return run, run_golds, numpy.asarray(run_docs, dtype="int64"), cut

    # ---- inference --------------------------------------------------------------------

    def predict(self, docs: list) -> list:
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [None for _ in docs]
        self._require_labels()
        width = int(self.cfg.get("beam_width") or 1)
        if width > 1:
            return self._beam_parse(docs, width, float(self.cfg.get("beam_density") or 0.0))
        states, _loss, _bp = self._parse(docs, None, is_train=False)
        return states

    def _beam_parse(self, docs: list, width: int, density: float) -> list:
        """Beam search: each Doc keeps its `width` best move sequences by summed log
        probability (a softmax over the valid moves at each step); candidates whose
        probability falls below `density` times the best one's are dropped. Returns the
        best final state per Doc."""
        system = self.system
        table, _ = self.model(docs, False)
        step_model = _StepModel(self.model, table, False)
        offsets = numpy.cumsum([1] + [len(d) for d in docs])[:-1].astype("int32")
        beams = [[(0.0, state)] for state in system.init_states(docs)]
        log_density = numpy.log(density) if density > 0 else -numpy.inf
        max_steps = 10 * max((len(d) for d in docs), default=0) + 10
        for _ in range(max_steps):
            live = [(d, k) for d, beam in enumerate(beams) for k, (_score, st) in enumerate(beam)
                    if not system.final_mask([st])[0]]
            if not live:
                break
            states = [beams[d][k][1] for d, k in live]
            scores, _ = step_model.scores(system.features(states, offsets[[d for d, _ in live]]))
            valid = system.valid(states)
            logp = numpy.where(valid, scores, -numpy.inf)
            logp = logp - logp.max(axis=1, keepdims=True)
            logp = logp - numpy.log(numpy.exp(logp).sum(axis=1, keepdims=True))
            row_of = {pair: i for i, pair in enumerate(live)}
            for d, beam in enumerate(beams):
                candidates = []  # (score, state, move or -1 for a finished state)
                for k, (score, st) in enumerate(beam):
                    i = row_of.get((d, k))
                    if i is None:
                        candidates.append((score, st, -1))
                        continue
                    for move in numpy.flatnonzero(valid[i]):
                        candidates.append((score + float(logp[i, move]), st, int(move)))
                if not any(move >= 0 for _s, _st, move in candidates):
                    continue
                candidates.sort(key=lambda c: -c[0])
                best = candidates[0][0]
                kept = [c for c in candidates[:width] if c[0] - best >= log_density]
                beams[d] = [(score, st if move < 0 else system.copy_and_apply(st, move))
                            for score, st, move in kept]
        else:
            raise ModelError(f"'{self.name}': the beam didn't finish in {max_steps} steps.")
        return [max(beam, key=lambda c: c[0])[1] for beam in beams]

    # ---- training ---------------------------------------------------------------------

    def _gold(self, eg: Example):
        """The gold of one example in the system's form, or None to skip it."""
        raise NotImplementedError

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd=None,
               losses: dict[str, float] | None = None) -> dict[str, float]:
        examples, losses = self._begin_update(examples, losses)
        if not any(len(eg.predicted) for eg in examples):
            return losses
        self._require_labels()
        golds = [self._gold(eg) for eg in examples]
        set_dropout_rate(self.model, drop)
        # Every doc runs through the tok2vec (a listener expects the whole batch); docs
        # without gold annotation take no steps.
        _states, loss, backprop = self._parse([eg.predicted for eg in examples], golds,
                                              is_train=True)
        backprop()
        if sgd not in (None, False):
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples, scores):
        raise PipelineError(f"'{self.name}' computes its loss while stepping: call update().")

    def _init_model(self, get_examples: Callable[[], Iterable[Example]]) -> None:
        self._require_labels()
        self._system = None
        self.model.set_dim("nO", self.system.n_moves, force=True)
        docs = [eg.x for _i, eg in zip(range(10), get_examples())]
        self.model.initialize(X=docs)


__all__ = ["TransitionParser", "build_tb_parser_model", "oracle_loss", "N_FEATURES"]
