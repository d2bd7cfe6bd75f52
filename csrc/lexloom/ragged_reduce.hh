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

}  // namespace lexloom
