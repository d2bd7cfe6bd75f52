"""Adam.v1 for lexloom's configs: thinc's Optimizer, with each Adam step of a parameter made
in one native pass (lexloom.training._adam) instead of thinc's ten or so passes over it, most
through numpy temporaries. Weights, moments and averages come out bit for bit as thinc's; on
any other case (RAdam, SGD, arrays it can't take) thinc's own code runs.

`@optimizers = "Adam.v1"` resolves here in lexloom (registry.optimizers is looked up before
thinc's), with thinc's arguments and defaults; thinc's registry, which spaCy uses, is left as
it is."""
from __future__ import annotations

import numpy
from thinc.api import Optimizer
from thinc.optimizers import ADAM_DEFAULTS, FloatOrSeq

from ..registry import registry
from ._adam import adam_update_

_MAX_AVERAGE_DECAY = 0.9999  # thinc's Ops.update_averages default


class FusedAdam(Optimizer):
    """thinc's Adam (or AdamW, with L2_is_weight_decay); only __call__ differs, and only in
    how many passes over memory it takes."""

    __slots__ = ()

    def __call__(self, key, weights, gradient, *, lr_scale: float = 1.0):
        if not self._fusable(key, weights, gradient, lr_scale):
            return super().__call__(key, weights, gradient, lr_scale=lr_scale)
        if len(gradient) < 1:
            return weights, gradient
        # below: thinc's Optimizer.__call__ and _adam, in the same order and precision
        self.nr_update[key] += 1
        nr_upd = self.nr_update[key]
        if self.L2 != 0 and not self.L2_is_weight_decay:
            gradient += self.L2 * weights
        grad_scale = None
        if self.grad_clip:
            grad_norm = numpy.linalg.norm(gradient)
            if grad_norm >= self.grad_clip:
                grad_scale = self.grad_clip / grad_norm
        if key not in self.mom1:
            self.mom1[key] = numpy.zeros((weights.size,), dtype="float32")
        if key not in self.mom2:
            self.mom2[key] = numpy.zeros((weights.size,), dtype="float32")
        fix1 = 1.0 - (self.b1 ** nr_upd)
        fix2 = 1.0 - (self.b2 ** nr_upd)
        lr = self.learn_rate * fix2 ** 0.5 / fix1
        decay = None
        if self.L2 != 0 and self.L2_is_weight_decay:
            decay = lr_scale * self.learn_rate * self.L2
        averages, average_rate = None, 0.0
        if self.averages is not None:
            if key not in self.averages:
                self.averages[key] = numpy.zeros(weights.shape, dtype="float32")
            averages = self.averages[key]
            average_rate = 1 - min((1.0 + nr_upd) / (10.0 + nr_upd), _MAX_AVERAGE_DECAY)
        adam_update_(weights, gradient, self.mom1[key], self.mom2[key], averages,
                     self.b1, self.b2, self.eps, lr * lr_scale, grad_scale, decay,
                     average_rate)
        return weights, gradient

    def _fusable(self, key, weights, gradient, lr_scale) -> bool:
        """Adam (not RAdam, not SGD) on C-contiguous float32 numpy arrays of one size that
        don't overlap, with the state kept for `key` of their shape, and plain Python
        numbers for the rates that thinc multiplies arrays by (a schedule may yield numpy
        float64 scalars, with which numpy computes those steps in float64). Anything else
        takes thinc's own code (which raises where it must)."""
        if self.use_radam or not (self.b1 > 0.0 and self.b2 > 0.0):
            return False
        for value in (self.learn_rate, self.L2, self.grad_clip, lr_scale):
            if type(value) not in (float, int):
                return False
        for arr in (weights, gradient):
            if type(arr) is not numpy.ndarray or arr.dtype != numpy.float32 \
                    or not arr.flags.c_contiguous or not arr.flags.writeable:
                return False
        if weights.size != gradient.size or numpy.may_share_memory(weights, gradient):
            return False
        for state in (self.mom1, self.mom2):
            if key in state and state[key].size != weights.size:
                return False
        return self.averages is None or key not in self.averages \
            or self.averages[key].shape == weights.shape


@registry.optimizers("Adam.v1")
def Adam(
    learn_rate: FloatOrSeq = ADAM_DEFAULTS["learn_rate"],
    *,
    L2: FloatOrSeq = ADAM_DEFAULTS["L2"],
    beta1: FloatOrSeq = ADAM_DEFAULTS["beta1"],
    beta2: FloatOrSeq = ADAM_DEFAULTS["beta2"],
    eps: FloatOrSeq = ADAM_DEFAULTS["eps"],
    grad_clip: FloatOrSeq = ADAM_DEFAULTS["grad_clip"],
    L2_is_weight_decay: bool = bool(ADAM_DEFAULTS["L2_is_weight_decay"]),
    use_averages: bool = True,
) -> FusedAdam:
    """thinc's Adam.v1 (same arguments and defaults), as a FusedAdam."""
    return FusedAdam(learn_rate, L2=L2, beta1=beta1, beta2=beta2, eps=eps, grad_clip=grad_clip,
                     L2_is_weight_decay=L2_is_weight_decay, use_averages=use_averages,
                     use_radam=False)
