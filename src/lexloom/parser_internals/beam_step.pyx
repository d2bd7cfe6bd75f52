# cython: language_level=3, boundscheck=False, wraparound=False
"""One step of the beams of spaCy's beam training (csrc/lexloom/beam_step.hh), for
BeamBatch.advance: the arrays are checked here, so bad input raises instead of reading out
of bounds."""
from libc.stdint cimport int32_t, int64_t, uint8_t
from libc.string cimport memcpy
from libcpp cimport bool as cbool
from libcpp.vector cimport vector

cimport numpy as np

import numpy

from ..errors import BeamScoresError, ModelError

np.import_array()


cdef extern from "lexloom/beam_step.hh" namespace "lexloom" nogil:
    cdef struct BeamStepArgs:
        int64_t n_beams
        const int64_t* beam_starts
        const float* parent_scores
        const double* parent_losses
        const uint8_t* has_moves
        const int64_t* rows
        const int64_t* steps
        const float* scores
        const uint8_t* valid
        const float* costs
        int64_t n_classes
        cbool follow_gold
        float density
        int64_t width

    cdef cppclass BeamStepResult:
        vector[int64_t] starts
        vector[int64_t] parent
        vector[int32_t] action
        vector[float] score
        vector[double] loss

    int64_t beam_step(const BeamStepArgs& args, BeamStepResult& out)


cdef np.ndarray _array(object value, object dtype, int ndim, str name):
    arr = numpy.ascontiguousarray(value, dtype=dtype)
    if arr.ndim != ndim:
        raise ModelError(f"beam_step: {name} must be {ndim}-d, got shape {numpy.shape(arr)}.")
    return arr


def advance_beams(beam_starts, parent_scores, parent_losses, has_moves, rows, steps, scores,
                  valid, costs, bint follow_gold, float density, int64_t width):
    """Expand and rank the candidates of each beam (beam b's candidates are
    beam_starts[b]:beam_starts[b + 1]; each with its score, loss, whether it took a move,
    and its row of `scores` / `valid` / `costs`, or -1 if final; steps: each beam's t).
    costs None: no golds. Returns (starts, parent, action, score, loss): the kept candidates
    beam after beam, best first; action -1 carried on, -2 finished, else the move."""
    cdef np.ndarray starts_a = _array(beam_starts, numpy.int64, 1, "beam_starts")
    cdef np.ndarray scores_p = _array(parent_scores, numpy.float32, 1, "parent_scores")
    cdef np.ndarray losses_p = _array(parent_losses, numpy.float64, 1, "parent_losses")
    cdef np.ndarray moved = _array(has_moves, numpy.uint8, 1, "has_moves")
    cdef np.ndarray rows_a = _array(rows, numpy.int64, 1, "rows")
    cdef np.ndarray steps_a = _array(steps, numpy.int64, 1, "steps")
    cdef np.ndarray S = _array(scores, numpy.float32, 2, "scores")
    cdef np.ndarray V = _array(valid, numpy.uint8, 2, "valid")
    cdef np.ndarray K = None if costs is None else _array(costs, numpy.float32, 2, "costs")
    cdef int64_t n_beams = starts_a.shape[0] - 1
    cdef int64_t n_cands = scores_p.shape[0]
    if n_beams < 0 or steps_a.shape[0] != n_beams:
        raise ModelError(f"beam_step: {starts_a.shape[0]} beam starts for {steps_a.shape[0]} "
                         "beams; give one more start than beams.")
    if losses_p.shape[0] != n_cands or moved.shape[0] != n_cands or rows_a.shape[0] != n_cands:
        raise ModelError("beam_step: parent_scores, parent_losses, has_moves and rows must "
                         "have one entry per candidate.")
    starts = starts_a.tolist()
    if starts[0] != 0 or starts[n_beams] != n_cands or any(
            b >= e for b, e in zip(starts, starts[1:])):
        raise ModelError(f"beam_step: beam_starts {starts[:10]} must rise from 0 to the "
                         f"number of candidates ({n_cands}), each beam holding one or more.")
    if V.shape[0] != S.shape[0] or V.shape[1] != S.shape[1] or \
            (K is not None and (K.shape[0] != S.shape[0] or K.shape[1] != S.shape[1])):
        raise ModelError(f"beam_step: scores {numpy.shape(S)}, valid {numpy.shape(V)} and "
                         f"costs {numpy.shape(K) if K is not None else None} must have the "
                         "same shape.")
    if follow_gold and K is None:
        raise ModelError("beam_step: follow_gold needs costs.")
    if width < 1:
        raise ModelError(f"beam_step: width must be >= 1, not {width}.")
    if n_cands and (rows_a.max() >= S.shape[0] or rows_a.min() < -1):
        raise BeamScoresError(f"beam_step: a candidate's row is out of the {S.shape[0]} "
                              "score rows.")
    cdef BeamStepArgs args
    args.n_beams = n_beams
    args.beam_starts = <const int64_t*>np.PyArray_DATA(starts_a)
    args.parent_scores = <const float*>np.PyArray_DATA(scores_p)
    args.parent_losses = <const double*>np.PyArray_DATA(losses_p)
    args.has_moves = <const uint8_t*>np.PyArray_DATA(moved)
    args.rows = <const int64_t*>np.PyArray_DATA(rows_a)
    args.steps = <const int64_t*>np.PyArray_DATA(steps_a)
    args.scores = <const float*>np.PyArray_DATA(S)
    args.valid = <const uint8_t*>np.PyArray_DATA(V)
    args.costs = NULL
    if K is not None:
        args.costs = <const float*>np.PyArray_DATA(K)
    args.n_classes = S.shape[1]
    args.follow_gold = follow_gold
    args.density = density
    args.width = width
    cdef BeamStepResult out
    cdef int64_t dropped
    with nogil:
        dropped = beam_step(args, out)
    if dropped >= 0:
        raise ModelError("BeamBatch.advance: the density cut dropped every candidate, which "
                         "only happens when the scores are not finite (NaN or inf); check "
                         "the model that made them.")
    return (_copied(out.starts.data(), out.starts.size(), numpy.int64),
            _copied(out.parent.data(), out.parent.size(), numpy.int64),
            _copied(out.action.data(), out.action.size(), numpy.int32),
            _copied(out.score.data(), out.score.size(), numpy.float32),
            _copied(out.loss.data(), out.loss.size(), numpy.float64))


cdef np.ndarray _copied(const void* data, size_t n, object dtype):
    """A numpy copy of n items of a vector's data (which the vector frees)."""
    cdef np.ndarray arr = numpy.empty(n, dtype=dtype)
    if n:
        memcpy(np.PyArray_DATA(arr), data, n * arr.itemsize)
    return arr
