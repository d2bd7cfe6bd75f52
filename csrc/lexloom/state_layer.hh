// The lower (hidden) layer of the transition-based model, on precomputed rows.
//
// A state's hidden vector is maxout(sum_f W_f x_{t_f} + b) over its n_feats context tokens
// t_f. Because the sum is linear, each token's products with every feature slot's weights
// are computed once per batch (one matrix product: P[t, f] = W_f x_t); a step then only
// sums n_feats rows of P per state and takes the maxout. The backward pass scatters the
// gradient of the summed rows back into dP, which the caller turns into gradients for W and
// x with two more matrix products. No Python, no allocation.
#pragma once
#include <cstdint>

namespace lexloom {

// P: (n_rows, n_feats, n_out, n_pieces) row-major; feats: (n_states, n_feats) row indices
// into P (callers map absent tokens to a padding row); bias: (n_out, n_pieces).
// Writes hidden (n_states, n_out) and which (n_states, n_out): the winning piece.
void state_maxout_forward(const float* P, int64_t n_feats, int64_t n_out, int64_t n_pieces,
                          const int32_t* feats, int64_t n_states, const float* bias,
                          float* hidden, uint8_t* which);

// The same hidden vectors without the winning pieces (inference), in the same order of
// float additions.
void state_maxout_infer(const float* P, int64_t n_feats, int64_t n_out, int64_t n_pieces,
                        const int32_t* feats, int64_t n_states, const float* bias,
                        float* hidden);

// d_hidden: (n_states, n_out). Adds into dP (same layout as P) at the states' rows and into
// d_bias (n_out, n_pieces).
void state_maxout_backward(const float* d_hidden, const uint8_t* which, const int32_t* feats,
                           int64_t n_states, int64_t n_feats, int64_t n_out, int64_t n_pieces,
                           float* dP, float* d_bias);

}  // namespace lexloom
