# The native greedy and beam decoders (csrc/lexloom/greedy_decode.hh, beam_decode.hh) and the
# check of the weights they read, shared by the arc-eager and BILUO systems.
from libc.stdint cimport int32_t, int64_t, uint8_t
from libcpp.vector cimport vector

cimport numpy as np

cdef extern from "lexloom/greedy_decode.hh" namespace "lexloom" nogil:
    cdef struct StepWeights:
        const float* P
        int64_t n_rows
        int64_t n_feats
        int64_t n_hidden
        int64_t n_pieces
        const float* bias
        const float* W_upper
        const float* b_upper
        int64_t n_classes
        const uint8_t* seen

    int64_t greedy_decode[State, System](State** states, const int32_t* offsets,
                                         int64_t n_states, const StepWeights& w,
                                         const System& system, int64_t max_steps)


cdef extern from "lexloom/beam_decode.hh" namespace "lexloom" nogil:
    int64_t BEAM_NO_MEMORY

    cdef cppclass BeamFinal[State]:
        float score
        State* st
        vector[int32_t] moves

    int64_t beam_decode[State, System](State** states, const int32_t* offsets, int64_t n_docs,
                                       const StepWeights& w, const System& system,
                                       int64_t width, float density, int64_t max_steps,
                                       vector[BeamFinal[State]]* finals)


cdef int step_weights(StepWeights* w, object P, object bias, object W_upper, object b_upper,
                      object seen, int64_t n_feats, int64_t n_moves) except -1
cdef object state_offsets(object offsets, int64_t n_states)
cdef int check_state_rows(int64_t i, int32_t offset, int64_t length,
                          const StepWeights* w) except -1
