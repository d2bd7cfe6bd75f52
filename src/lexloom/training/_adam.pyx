# cython: language_level=3, boundscheck=False, wraparound=False
"""thinc's Adam step in one native pass per parameter (csrc/lexloom/adam.hh), for
lexloom.training.optimizers. Arrays are checked here; the loop runs without the GIL."""
from libc.stdint cimport int64_t
from libcpp cimport bool as cbool

cimport numpy as np

import numpy

from ..errors import ModelError

np.import_array()


cdef extern from "lexloom/adam.hh" namespace "lexloom" nogil:
    cdef struct AdamSettings:
        float grad_scale
        cbool clip
        float beta1
        float beta2
        float eps
        float learn_rate
        float decay
        cbool weight_decay
        float* averages
        float average_rate
    void adam_update(float* w, float* gradient, float* mom1, float* mom2, int64_t n,
                     const AdamSettings& settings)


cdef float* _floats(object arr, str name, int64_t size) except NULL:
    if not isinstance(arr, np.ndarray) or arr.dtype != numpy.float32 \
            or not arr.flags.c_contiguous or not arr.flags.writeable or arr.size != size:
        raise ModelError(f"Adam's {name} must be a writeable C-contiguous float32 array of "
                         f"{size} values, got {getattr(arr, 'dtype', type(arr).__name__)} "
                         f"{getattr(arr, 'shape', None)}.")
    return <float*>np.PyArray_DATA(<np.ndarray>arr)


def adam_update_(weights, gradient, mom1, mom2, averages, float beta1, float beta2, float eps,
                 float learn_rate, grad_scale, decay, float average_rate) -> None:
    """Update weights, mom1, mom2 (and averages, unless None) in place and zero the gradient.
    grad_scale: None, or the factor that clips the gradient; decay: None, or the decoupled
    L2 factor (w -= decay * w). Every array holds weights.size floats."""
    cdef int64_t n = weights.size if isinstance(weights, np.ndarray) else -1
    cdef AdamSettings settings
    cdef float* w = _floats(weights, "weights", n)
    cdef float* g = _floats(gradient, "gradient", n)
    cdef float* m1 = _floats(mom1, "first moments", n)
    cdef float* m2 = _floats(mom2, "second moments", n)
    settings.averages = NULL
    if averages is not None:
        settings.averages = _floats(averages, "averages", n)
    settings.clip = grad_scale is not None
    settings.grad_scale = grad_scale if grad_scale is not None else 1.0
    settings.weight_decay = decay is not None
    settings.decay = decay if decay is not None else 0.0
    settings.beta1 = beta1
    settings.beta2 = beta2
    settings.eps = eps
    settings.learn_rate = learn_rate
    settings.average_rate = average_rate
    if n > 0:
        with nogil:
            adam_update(w, g, m1, m2, n, settings)
