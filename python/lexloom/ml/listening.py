"""The listener side of a shared embedding (tok2vec or transformer): a layer that, in
training, takes the output its upstream component computed for the same batch, with the
callback that sends its gradient back (see pipeline/broadcast.py for the component side).
"""
from __future__ import annotations

import warnings
from typing import Callable, Iterable

import numpy
from thinc.api import Model

from ..errors import LexloomWarning


def batch_id(docs: Iterable) -> int:
    """A content hash of a batch (its words, in order), to match output with input."""
    docs = list(docs)
    lengths = numpy.asarray([len(doc) for doc in docs], dtype=numpy.int64)
    orths = [doc.to_array("ORTH") for doc in docs if len(doc)]
    words = numpy.concatenate(orths) if orths else numpy.zeros(0, dtype=numpy.uint64)
    return hash((lengths.tobytes(), words.tobytes()))


class BatchListener(Model):
    """A Model that holds one batch of upstream output at a time. upstream_name: the
    upstream component's name, or "*" for any before this one."""

    def __init__(self, name: str, forward: Callable, upstream_name: str, **model_args):
        Model.__init__(self, name=name, forward=forward, **model_args)
        self.upstream_name = upstream_name
        self._batch_id: int | None = None
        self._outputs: list | None = None
        self._backprop: Callable | None = None
        self._used = False
        # why no component feeds this listener (set by Language after each pipeline edit),
        # or None; a listener reading zeros warns with it once
        self.no_upstream: str | None = None
        self.warned_no_upstream = False

    @classmethod
    def get_batch_id(cls, docs: Iterable) -> int:
        return batch_id(docs)

    def receive(self, batch_id: int, outputs: list, backprop: Callable) -> None:
        """Store the upstream output for a batch and the callback that takes its gradient."""
        self._batch_id = batch_id
        self._outputs = outputs
        self._backprop = backprop
        self._used = False

    def take(self) -> tuple:
        """The held (outputs, backprop), once: later calls for the same batch are errors
        (verify_inputs says so)."""
        outputs, backprop = self._outputs, self._backprop
        self._outputs = self._backprop = None
        self._used = True
        return outputs, backprop


def upstream_tensor(listener: BatchListener, doc, width: int):
    """A tok2vec listener's vectors for `doc` at inference: doc.tensor, which the upstream
    set, or zeros when it is unset or of another shape (no upstream ran, as spaCy allows).
    The first time that happens for a listener Language found cut off, warn why."""
    tensor = doc.tensor
    if tensor.shape == (len(doc), width):
        return tensor
    reason = getattr(listener, "no_upstream", None)
    if len(doc) and reason and not getattr(listener, "warned_no_upstream", False):
        listener.warned_no_upstream = True
        warnings.warn(f"[lexloom] {reason}", LexloomWarning, stacklevel=3)
    return listener.ops.alloc2f(len(doc), width)


__all__ = ["BatchListener", "batch_id", "upstream_tensor"]
