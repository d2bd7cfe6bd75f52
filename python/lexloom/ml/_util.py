"""Helpers shared by the layers of this package."""
from __future__ import annotations

from typing import Callable

import numpy
from thinc.api import Model


def uses_native(model: Model) -> bool:
    """Whether the model's arrays live in host memory, where lexloom's CPU kernels run. Other
    ops (cupy on a GPU) take thinc's generic ops path."""
    return model.ops.xp is numpy


def add_into_grad(model: Model, name: str, accumulate: Callable[[numpy.ndarray], object]) -> None:
    """Add a sparse gradient into parameter `name`'s gradient buffer, in place.

    `accumulate(buffer)` adds into a float32 C-contiguous buffer of the parameter's shape.
    thinc's own layers allocate a dense zero table on every backward pass and then add it to
    the gradient; writing into the existing buffer skips both full-table passes. A fresh
    buffer is only made for the first gradient (or when a parameter server proxy, as in
    distributed training, owns the gradients).
    """
    param = model.get_param(name)
    if model.has_grad(name) and getattr(model._params, "proxy", None) is None:
        grad = model.get_grad(name)
        if (isinstance(grad, numpy.ndarray) and grad.dtype == numpy.float32
                and grad.shape == param.shape and grad.flags.c_contiguous
                and grad.flags.writeable):
            accumulate(grad)
            return
    fresh = numpy.zeros(param.shape, dtype=numpy.float32)
    accumulate(fresh)
    if model.has_grad(name) or getattr(model._params, "proxy", None) is not None:
        model.inc_grad(name, fresh)
    else:
        model.set_grad(name, fresh)

