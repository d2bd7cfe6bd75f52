// The CNN encoder's layer for inference, fused: Y = LN(maxout(window(X) · Wᵀ + b)) (+ X).
//
// thinc runs it as six array passes (seq2col, gemm, bias, maxout, two moments, scale and
// shift, the residual sum), each allocating. Here the window features are written once, the
// product is one sgemm over all rows (gemm.hh: the same BLAS call numpy makes), and one
// pass per row does the rest while the row is in cache. The arithmetic is numpy's, in its
// order: row sums by numpy's pairwise summation, mean and variance as numpy's mean/var,
// (x - mean) * powf(var + 1e-8, -0.5) * G + b, then the residual; so the outputs equal
// thinc's up to the last bits (numpy's float32 power is its own SIMD code, which differs
// from libm's powf by an ulp at times and from one numpy version to the next).
#pragma once
#include <cstdint>

namespace lexloom {

struct MaxoutLayer {
    const float* W;     // (nO * nP, nI * (2 * window + 1)): thinc Maxout's W
    const float* b;     // (nO * nP)
    const float* G;     // (nO) layer-norm scale, or nullptr: no layer norm
    const float* beta;  // (nO) layer-norm shift
    int64_t nO;
    int64_t nP;
    int64_t window;     // tokens either side (0: no window expansion)
    const float* packed = nullptr;  // W as gemm.hh's pack_nt, or nullptr: read W itself
};

// numpy's float32 sum of n contiguous values (pairwise, 8 accumulators).
float numpy_pairwise_sum(const float* a, int64_t n);

// X: (N, nI), rows in sequence order (one sequence: the window sees zeros beyond its ends).
// Y: (N, nO), may be X itself when residual (then nO == nI). scratch: at least
// N * (nI * (2 * window + 1) + nO * nP) floats.
void maxout_layer_forward(const float* X, int64_t N, int64_t nI, const MaxoutLayer& layer,
                          bool residual, float* Y, float* scratch);

// Rows lo..hi of the same (the window still reads X's rows in [0, N)); Y's other rows are
// left as they are. For a stack whose later layers need fewer rows than the earlier ones.
void maxout_layer_forward_rows(const float* X, int64_t N, int64_t nI,
                               const MaxoutLayer& layer, bool residual, float* Y,
                               float* scratch, int64_t lo, int64_t hi);

// Scratch floats maxout_layer_forward needs (any row range of N rows needs no more).
int64_t maxout_layer_scratch(int64_t N, int64_t nI, const MaxoutLayer& layer);

}  // namespace lexloom
