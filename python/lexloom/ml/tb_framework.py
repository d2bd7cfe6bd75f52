"""spaCy's `parser_model`: the transition model as one Thinc node over three layers
(tok2vec >> list2array >> Linear, the precomputable-affine lower layer, the `upper` output
Linear or a noop), and the step model a batch of Docs gives.

Calling the model on Docs runs the tok2vec and the lower layer's product once and returns a
`StepModel`. Greedy inference hands its arrays (`greedy_weights`) to the native decoder; the
training loop and beam search ask it for scores of batches of states' context rows, by one
native call per step
(parser_internals.state_layer sums each state's rows of P, adds b, takes the maxout), then the
upper layer. Its gradients accumulate over the steps and go back through the layers once
(`finish`). Moves never seen in training (`unseen_classes`) score the batch's minimum.
"""
from __future__ import annotations

import numpy
from thinc.api import Model, NumpyOps, noop
from thinc.util import to_numpy

from ..parser_internals import state_layer

_NUMPY_OPS = NumpyOps()
# spaCy drops hidden units at this fixed rate in training (its step model's default).
HIDDEN_DROPOUT = 0.1


def TransitionModel(tok2vec: Model, lower: Model, upper: Model | None, resize_output,
                    unseen_classes=()) -> Model:
    has_upper = upper is not None
    if upper is None:
        upper = noop()
    return Model("parser_model", _forward, init=_init,
                 dims={"nI": tok2vec.maybe_get_dim("nI")},
                 layers=[tok2vec, lower, upper],
                 refs={"tok2vec": tok2vec, "lower": lower, "upper": upper},
                 attrs={"has_upper": has_upper, "unseen_classes": set(unseen_classes),
                        "resize_output": resize_output})


def _init(model: Model, X=None, Y=None) -> Model:
    model.get_ref("tok2vec").initialize(X=X)
    lower = model.get_ref("lower")
    lower.initialize()
    if model.attrs["has_upper"]:
        model.get_ref("upper").initialize(X=model.ops.alloc2f(2, lower.get_dim("nO")))
    return model


def _forward(model: Model, docs: list, is_train: bool):
    step_model = StepModel(model, docs, is_train)
    return step_model, step_model.finish


class StepModel:
    """The model's weights for one batch of Docs: P, the lower layer's per-slot products of
    the batch's token vectors (row 0: the pad), and the upper layer. State features index
    rows of P: 0 for an absent token, 1 + the token's position in the batch otherwise."""

    def __init__(self, model: Model, docs: list, is_train: bool):
        self.model = model
        self.is_train = is_train
        tokvecs, self._bp_tokvecs = model.get_ref("tok2vec")(docs, is_train)
        self.lower = model.get_ref("lower")
        P, self._bp_P = self.lower(tokvecs, is_train)
        self.P = numpy.ascontiguousarray(to_numpy(P), dtype="float32")
        self.b = numpy.ascontiguousarray(to_numpy(self.lower.get_param("b")), dtype="float32")
        self.n_pieces = self.lower.get_dim("nP")
        self.has_upper = model.attrs["has_upper"]
        if self.has_upper:
            self.upper = model.get_ref("upper")
            self.Wu = numpy.ascontiguousarray(to_numpy(self.upper.get_param("W")),
                                              dtype="float32")
            self.bu = numpy.ascontiguousarray(to_numpy(self.upper.get_param("b")),
                                              dtype="float32")
        n_classes = self.Wu.shape[0] if self.has_upper else self.lower.get_dim("nO")
        self.seen = numpy.ones((n_classes,), dtype=bool)
        for clas in model.attrs["unseen_classes"]:
            if 0 <= clas < n_classes:
                self.seen[clas] = False
        self.all_seen = bool(self.seen.all())
        if is_train:
            self.dP = numpy.zeros_like(self.P)
            self.db = numpy.zeros_like(self.b)
            if self.has_upper:
                self.dWu = numpy.zeros_like(self.Wu)
                self.dbu = numpy.zeros_like(self.bu)

    def greedy_weights(self) -> tuple:
        """What the native greedy decoder reads (parser_internals greedy_parse): P, the
        hidden bias, the output layer's W and b (None without one) and the seen-moves mask
        (None when every move was seen)."""
        if self.has_upper:
            return self.P, self.b, self.Wu, self.bu, None if self.all_seen else self.seen
        return self.P, self.b, None, None, None if self.all_seen else self.seen

    @property
    def n_feats(self) -> int:
        return self.P.shape[1]

    def scores(self, feats: numpy.ndarray):
        """Move scores (n_states, n_moves) for states with these context rows, and a
        backprop callback that adds the scores' gradient to the batch's accumulators.
        Inference is spaCy's greedy path exactly (maxout of one piece: no activation);
        training uses its training path (one piece: ReLU; dropout on the hidden units)."""
        H, which = state_layer.forward(self.P, feats, self.b)
        relu = mask = None
        if self.is_train and self.n_pieces == 1:
            relu = H >= 0
            H = H * relu
        if self.is_train and self.has_upper:
            mask = _NUMPY_OPS.get_dropout_mask(H.shape, HIDDEN_DROPOUT)
            H = H * mask
        if self.has_upper:
            S = _NUMPY_OPS.gemm(H, self.Wu, trans2=True)
            S += self.bu
        else:
            S = H.copy()
        if not self.all_seen:
            S[:, ~self.seen] = S.min() if S.size else 0.0

        def backprop(dS: numpy.ndarray) -> None:
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
            if relu is not None:
                dH = dH * relu
            state_layer.backward(numpy.ascontiguousarray(dH, dtype="float32"), which, feats,
                                 self.dP, self.db)

        return S, backprop

    def finish(self, *_args) -> None:
        """Pass the accumulated gradients to the layers (training only)."""
        if not self.is_train:
            return
        ops = self.model.ops
        self.lower.inc_grad("b", ops.asarray(self.db))
        if self.has_upper:
            self.upper.inc_grad("W", ops.asarray(self.dWu))
            self.upper.inc_grad("b", ops.asarray(self.dbu))
        self._bp_tokvecs(self._bp_P(ops.asarray(self.dP)))

    def mark_seen(self, classes) -> None:
        """Classes with a zero-cost move in training are seen from the next batch on
        (spaCy's rule)."""
        unseen = self.model.attrs["unseen_classes"]
        for clas in classes:
            unseen.discard(int(clas))


__all__ = ["TransitionModel", "StepModel"]
