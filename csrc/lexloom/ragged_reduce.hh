// Ragged reductions and their backward passes, CPU twins of the GPU kernels, no Python.
//
// X holds the rows of B sequences back to back: sequence b is lengths[b] rows of width O
// (row-major, contiguous). Each reduction turns a sequence into one row; the backward passes
// spread a row's gradient back over the sequence. Arithmetic follows thinc's NumpyOps kernels
// operation for operation (same order, same scale factors), so results are the same values:
//   sum   Y[b] = X[s] + X[s+1] + ...           (0 for an empty sequence)
//   mean  Y[b] = sum of X[r] * (1 / length)     (0 for an empty sequence)
//   max   Y[b, o] = first maximum of X[., o]; which[b, o] = its row within the sequence
//   first / last: the sequence's first / last row (row indices returned for the backward pass)
// Arguments are checked by the caller (lengths >= 0 summing to the rows of X, max/first/last
// need lengths > 0); functions that read caller-made indices check them and return the first
// bad position (or -1) instead of writing out of bounds.
#pragma once
#include <cstdint>

namespace lexloom {

template <typename F>
void ragged_sum(const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y);

template <typename F>
void ragged_mean(const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y);

template <typename F>
void ragged_max(const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y,
                int32_t* which);

// Y[b] = X[first row of b]; starts_ends[0..B] = 0, cumulative lengths.
template <typename F>
void ragged_first(const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y,
                  int32_t* starts_ends);

// Y[b] = X[last row of b]; lasts[b] = that row.
template <typename F>
void ragged_last(const F* X, const int32_t* lengths, int64_t B, int64_t O, F* Y,
                 int32_t* lasts);

// dX[rows of b] = dY[b].
template <typename F>
void backprop_ragged_sum(const F* dY, const int32_t* lengths, int64_t B, int64_t O, F* dX);

// dX[rows of b] = dY[b] * (1 / length).
template <typename F>
void backprop_ragged_mean(const F* dY, const int32_t* lengths, int64_t B, int64_t O, F* dX);

// dX (zeroed by the caller, sum(lengths) rows): dX[start_b + which[b, o], o] = dY[b, o].
// Returns the first flat position of `which` outside [0, lengths[b]), or -1 (nothing
// written past it).
template <typename F>
int64_t backprop_ragged_max(const F* dY, const int32_t* which, const int32_t* lengths,
                            int64_t B, int64_t O, F* dX);

// dX (zeroed by the caller, n_rows rows): dX[rows[b]] = dY[b] for b < B, later rows winning
// when indices repeat. Returns the first b with rows[b] outside [0, n_rows), or -1.
template <typename F>
int64_t scatter_rows(const F* dY, const int32_t* rows, int64_t B, int64_t O, int64_t n_rows,
                     F* dX);

// ---- per-element twins of the GPU kernels (device_math.hh), run as CPU loops ----

// Storage kinds of ragged_reduce_f32's input: float32, IEEE half, bfloat16 (as uint16 bits).
enum F32Source : int { SRC_F32 = 0, SRC_HALF = 1, SRC_BF16 = 2 };

// out[p] = the float32 value of bits[p] read as half (kind SRC_HALF) or bfloat16 (SRC_BF16).
void load_f32_bits(const uint16_t* bits, int64_t n, int kind, float* out);

// Reduction `op` (0 sum, 1 mean, 2 max, 3 first, 4 last) of each segment, column by column
// with the device functions, float32 accumulation; `which` (B x O, max only) may be null.
// X is float32 (SRC_F32) or uint16 bits (SRC_HALF / SRC_BF16). Empty segments give 0.
void ragged_reduce_f32(const void* X, int kind, const int32_t* lengths, int64_t B, int64_t O,
                       int op, float* Y, int32_t* which);

// Wordpiece -> token pooling: Y[t] = mean of X[idx[s_t .. s_t + lengths[t])] (0 when
// lengths[t] == 0), s_t the cumulative lengths. Returns the first position of idx outside
// [0, n_pieces), or -1 (nothing read past it).
int64_t align_mean(const float* X, int64_t n_pieces, int64_t O, const int32_t* idx,
                   const int32_t* lengths, int64_t n_tokens, float* Y);

// Its adjoint: dX (n_pieces x O, zeroed by the caller) += dY[t] / lengths[t] on each of the
// token's pieces. Same index check as align_mean.
int64_t align_scatter(const float* dY, int64_t n_pieces, int64_t O, const int32_t* idx,
                      const int32_t* lengths, int64_t n_tokens, float* dX);

// thinc's seq2col: Y (N x (2 nW + 1) I) from X (N x I), windows not crossing sequences.
void seq2col(const float* X, int64_t I, int nW, const int32_t* lengths, int64_t B, float* Y);

// Its adjoint: dX (N x I) from dY (N x (2 nW + 1) I).
void backprop_seq2col(const float* dY, int64_t I, int nW, const int32_t* lengths, int64_t B,
                      float* dX);

}  // namespace lexloom
