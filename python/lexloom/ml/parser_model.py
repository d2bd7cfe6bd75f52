"""spaCy's `parser_model`: what the transition model (tb_framework.TransitionModel) gives for
one batch of Docs, and how it scores states.

`precompute_hiddens` holds P, the lower layer's product of every token vector with every
context slot's weights, computed once per batch (row 0: the learned pad for an absent
token), and makes a state's hidden vector from its context rows: the sum of its rows of P,
plus b, then maxout (ReLU with one piece, in training). The sum and its gradient are one
native call per step (parser_internals.state_layer).

`ParserStepModel` is a Thinc model over states: `step_model(states, is_train)` gives the
moves' scores (n_states, n_moves) and a callback taking their gradient. Gradients accumulate
over the steps and go back through the lower layer and the tok2vec once, in `finish_steps`.
Greedy inference skips it all: `greedy_weights()` hands P and the upper layer to the native
decoder.

Context rows differ from spaCy's token ids in one way: lexloom numbers them from 1 within
the batch (0 for an absent token) where spaCy uses the position within the batch and -1.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
from thinc.api import Model, NumpyOps
from thinc.util import to_numpy

from ..errors import ModelError
from ..parser_internals import state_layer

NUMPY_OPS = NumpyOps()


class precompute_hiddens:
    """P for one batch, and the hidden vectors of states read from it (spaCy's name)."""

    nF: int  # feature slots per state
    nO: int  # hidden width
    nP: int  # maxout pieces
    ops: Any  # the lower layer's ops
    numpy_ops: Any

    def __init__(self, batch_size: int, tokvecs, lower_model: Model, cuda_stream=None,
                 activation: str | None = "maxout", train: bool = False, *, P=None,
                 bias=None):
        """P and bias: the lower layer's output and the state bias to go with it when the
        caller computed them (inference through FoldedInput; tokvecs are then not used)."""
        if activation not in (None, "relu", "maxout"):
            raise ModelError(f"precompute_hiddens: activation is 'maxout', 'relu' or None "
                             f"(ReLU), not {activation!r}.")
        if P is None:
            P, self._bp_P = lower_model(tokvecs, train)
        elif train:
            raise ModelError("precompute_hiddens takes a computed P only at inference.")
        self.ops = lower_model.ops
        self.numpy_ops = NUMPY_OPS
        self.P = numpy.ascontiguousarray(to_numpy(P), dtype="float32")
        self.bias = numpy.ascontiguousarray(
            to_numpy(lower_model.get_param("b") if bias is None else bias), dtype="float32")
        self.nF = self.P.shape[1]
        self.nO = self.P.shape[2]
        self.nP = lower_model.get_dim("nP") if lower_model.has_dim("nP") else 1
        self.activation = activation
        self.train = train
        self.dP = numpy.zeros_like(self.P) if train else None
        self.d_bias = numpy.zeros_like(self.bias) if train else None

    def has_dim(self, name: str):
        return getattr(self, name) if name in ("nF", "nO", "nP") else False

    def get_dim(self, name: str) -> int:
        if name not in ("nF", "nO", "nP"):
            raise ModelError(f"precompute_hiddens has the dims nF, nO and nP, not {name!r}.")
        return getattr(self, name)

    def set_dim(self, name: str, value: int) -> None:
        if name not in ("nF", "nO", "nP"):
            raise ModelError(f"precompute_hiddens has the dims nF, nO and nP, not {name!r}.")
        setattr(self, name, value)

    def __call__(self, token_ids: numpy.ndarray, is_train: bool):
        if is_train:
            return self.begin_update(token_ids)
        return self.predict(token_ids), lambda d: d

    def predict(self, token_ids: numpy.ndarray) -> numpy.ndarray:
        """Hidden vectors (n_states, nO) at inference: maxout of the pieces; with one piece,
        a ReLU, as spaCy's step model has (its beam search scores with it; its greedy C
        loop, which the native greedy decoder follows, has no ReLU there)."""
        H, _which = state_layer.forward(self.P, _rows(token_ids), self.bias)
        if self.nP == 1 and self.activation != "maxout":
            H *= H >= 0
        return H

    def begin_update(self, token_ids: numpy.ndarray) -> tuple[numpy.ndarray, Callable]:
        """Hidden vectors (n_states, nO) and a callback taking (d_hidden, token_ids) that adds
        their gradient to the batch's dP and db (passed back by `finish`)."""
        feats = _rows(token_ids)
        H, which = state_layer.forward(self.P, feats, self.bias)
        relu = None
        if self.nP == 1 and self.activation != "maxout":
            relu = H >= 0
            H = H * relu

        def backward(d_state_vector_ids) -> None:
            d_hidden, ids = d_state_vector_ids
            if relu is not None:
                d_hidden = d_hidden * relu
            if self.dP is None:
                raise ModelError("precompute_hiddens was built for inference (train=False); "
                                 "it keeps no gradients.")
            state_layer.backward(numpy.ascontiguousarray(d_hidden, dtype="float32"), which,
                                 _rows(ids), self.dP, self.d_bias)

        return H, backward

    def finish(self):
        """Pass the accumulated dP back through the lower layer; returns the token vectors'
        gradient and db (the bias's gradient, which the caller adds to the lower layer)."""
        lower_ops = self.ops
        return self._bp_P(lower_ops.asarray(self.dP)), lower_ops.asarray(self.d_bias)


def _folded_products(tok2vec: Model, lower: Model, docs: list):
    """At inference, (P, state bias) for a batch through FoldedInput (the Linear that ends
    the tok2vec folded into the lower layer's weights) where the batch is large enough for
    folding to pay; else None (nothing computed)."""
    from thinc.layers.chain import forward as chain_forward

    from ._precomputable_affine import FoldedInput

    if tok2vec._func is not chain_forward or len(tok2vec.layers) != 3 \
            or lower.name != "precomputable_affine":
        return None
    t2v, to_array, linear = tok2vec.layers
    if to_array.name != "list2array" or linear.name != "linear" \
            or not all(isinstance(node.ops, NumpyOps) for node in (linear, lower)) \
            or not FoldedInput.fits(linear, lower, rows=sum(len(doc) for doc in docs)):
        return None
    T = to_array.predict(t2v.predict(docs))
    fold = FoldedInput.for_params(lower.id, lower.get_param("W"), linear.get_param("W"),
                                  linear.get_param("b"))
    return fold.forward(T, lower.get_param("pad"), lower.get_param("b"))


def _rows(token_ids) -> numpy.ndarray:
    return numpy.ascontiguousarray(token_ids, dtype="int32")


class ParserStepModel(Model):
    """The transition model's weights for one batch of Docs (spaCy's name), called on states.
    `unseen_classes` is the model's own set: moves never seen in training score the batch's
    minimum, and `mark_class_seen` updates it for the next batches."""

    def __init__(self, docs: list, layers: list, *, has_upper: bool, unseen_classes=None,
                 train: bool = True, dropout: float = 0.1):
        # init given: thinc's default (partial(empty_init, self)) would make every step model
        # a reference cycle, keeping the batch's Docs (and their memory zone) alive until the
        # cyclic GC runs
        Model.__init__(self, name="parser_step_model", forward=step_forward, init=_no_init)
        self.attrs["has_upper"] = has_upper
        self.attrs["dropout_rate"] = dropout
        self.is_train = train
        # each Doc's first row, by id: the step model keeps no Doc (states hold theirs)
        self._offset_of = {id(doc): int(start) for doc, start in zip(docs, _doc_offsets(docs))}
        self.lower = layers[1]
        # tokvecs: the tok2vec's output (after its Linear), None where inference went
        # through the folded weights (_folded_products) and never made it
        folded = None if train else _folded_products(layers[0], self.lower, docs)
        P = bias = None
        if folded is None:
            self.tokvecs, self.bp_tokvecs = layers[0](docs, is_train=train)
        else:
            P, bias = folded
            self.tokvecs = self.bp_tokvecs = None
        activation = "maxout" if self.lower.get_dim("nP") >= 2 else (
            None if has_upper else "relu")
        self.state2vec = precompute_hiddens(len(docs), self.tokvecs, self.lower,
                                            activation=activation, train=train, P=P,
                                            bias=bias)
        self.P, self.b, self.n_pieces = self.state2vec.P, self.state2vec.bias, self.state2vec.nP
        self.has_upper = has_upper
        self.vec2scores = layers[-1] if has_upper else None
        if has_upper:
            self.Wu = numpy.ascontiguousarray(to_numpy(self.vec2scores.get_param("W")),
                                              dtype="float32")
            self.bu = numpy.ascontiguousarray(to_numpy(self.vec2scores.get_param("b")),
                                              dtype="float32")
            if train:
                self.dWu = numpy.zeros_like(self.Wu)
                self.dbu = numpy.zeros_like(self.bu)
        self.unseen_classes = unseen_classes if unseen_classes is not None else set()
        self.seen = numpy.ones((self.nO,), dtype=bool)
        for clas in self.unseen_classes:
            if 0 <= clas < self.nO:
                self.seen[clas] = False
        self.all_seen = bool(self.seen.all())
        #: The transition system whose states `get_token_ids` reads (set by the component).
        self.system = None

    @property
    def nO(self) -> int:
        return self.Wu.shape[0] if self.has_upper else self.state2vec.nO

    @property
    def n_feats(self) -> int:
        return self.state2vec.nF

    def class_is_unseen(self, class_: int) -> bool:
        return not self.seen[class_]

    def mark_class_unseen(self, class_: int) -> None:
        self.seen[class_] = False
        self.all_seen = False
        self.unseen_classes.add(int(class_))

    def mark_class_seen(self, class_: int) -> None:
        self.seen[class_] = True
        self.all_seen = bool(self.seen.all())
        self.unseen_classes.discard(int(class_))

    def mark_seen(self, classes) -> None:
        """Classes with a zero-cost move in training are seen from the next batch on
        (spaCy's rule); the current batch keeps its mask."""
        for clas in classes:
            self.unseen_classes.discard(int(clas))

    def clear_memory(self) -> None:
        """Drop the batch's arrays (the step model can't be used after this)."""
        for name in ("tokvecs", "bp_tokvecs", "state2vec", "P", "b", "_offset_of"):
            self.__dict__.pop(name, None)

    def get_token_ids(self, states: list) -> numpy.ndarray:
        """(n_unfinished_states, nF) context rows of the states that are not final."""
        if self.system is None:
            raise ModelError("This step model has no transition system to read states with; "
                             "the parser or ner component that made it sets `system`. Pass "
                             "context rows (system.features) to scores() instead.")
        states = [st for st in states if not _is_final(st)]
        offsets = numpy.asarray([self._offset_of[id(st.doc)] for st in states], dtype="int32")
        return self.system.features(states, offsets)

    def greedy_weights(self) -> tuple:
        """What the native greedy decoder reads (parser_internals greedy_parse): P, the
        hidden bias, the output layer's W and b (None without one) and the seen-moves mask
        (None when every move was seen)."""
        mask = None if self.all_seen else self.seen
        if self.has_upper:
            return self.P, self.b, self.Wu, self.bu, mask
        return self.P, self.b, None, None, mask

    def scores(self, feats: numpy.ndarray, is_train: bool | None = None):
        """Move scores (n_states, n_moves) for states with these context rows, and a
        backprop callback that adds the scores' gradient to the batch's accumulators.
        As spaCy's step model: one piece goes through a ReLU; training adds dropout on the
        hidden units."""
        is_train = self.is_train if is_train is None else is_train
        if is_train:
            H, bp_hidden = self.state2vec.begin_update(feats)
        else:
            H, bp_hidden = self.state2vec.predict(feats), None
        mask = None
        rate = self.attrs["dropout_rate"]
        if is_train and self.has_upper and rate > 0:
            mask = NUMPY_OPS.get_dropout_mask(H.shape, rate)
            H = H * mask
        if self.has_upper:
            S = NUMPY_OPS.gemm(H, self.Wu, trans2=True)
            S += self.bu
        else:
            S = H.copy()
        if not self.all_seen:
            S[:, ~self.seen] = S.min() if S.size else 0.0

        def backprop(dS: numpy.ndarray) -> None:
            if bp_hidden is None:
                raise ModelError("These scores were computed for inference (is_train=False); "
                                 "they have no gradient.")
            if not self.all_seen:
                dS = dS * self.seen
            if self.has_upper:
                self.dWu += dS.T @ H
                self.dbu += dS.sum(axis=0)
                dH = dS @ self.Wu
            else:
                dH = dS
            if mask is not None:
                dH = dH * mask
            bp_hidden((dH, feats))

        return S, backprop

    def backprop_step(self, token_ids, d_vector, get_d_tokvecs) -> None:
        """Pass one step's hidden-vector gradient to the batch's accumulators."""
        get_d_tokvecs((d_vector, token_ids))

    def finish_steps(self, golds=None):
        """Pass the accumulated gradients to the layers (training only); returns the token
        vectors' gradient (None at inference)."""
        if not self.is_train:
            return None
        ops = self.lower.ops
        d_tokvecs, d_bias = self.state2vec.finish()
        self.lower.inc_grad("b", d_bias)
        if self.has_upper:
            self.vec2scores.inc_grad("W", ops.asarray(self.dWu))
            self.vec2scores.inc_grad("b", ops.asarray(self.dbu))
        self.bp_tokvecs(d_tokvecs)
        return d_tokvecs

    def finish(self, *_args) -> None:
        self.finish_steps()


def _no_init(model, X=None, Y=None) -> None:
    """A step model is made from trained layers: nothing to initialize."""


def step_forward(model: ParserStepModel, states, is_train: bool):
    """The step model's forward: the unfinished states' move scores, and their backprop."""
    token_ids = states if isinstance(states, numpy.ndarray) else model.get_token_ids(states)
    return model.scores(token_ids, is_train)


def _is_final(state) -> bool:
    final = state.is_final
    return final() if callable(final) else bool(final)


def _doc_offsets(docs: list) -> numpy.ndarray:
    """Each Doc's first row in the step model's token table (row 0 is the pad)."""
    return numpy.cumsum([1] + [len(d) for d in docs])[:-1].astype("int32")


__all__ = ["ParserStepModel", "precompute_hiddens", "step_forward"]
