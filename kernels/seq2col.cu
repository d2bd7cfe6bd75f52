// CUDA twin of lexloom::seq2col / backprop_seq2col (csrc/lexloom/ragged_reduce.cc): the CNN
// encoder's window features, (2 nW + 1) * I columns per row, windows not crossing sequences.
// Arithmetic in lexloom/device_math.hh; `bounds` holds each row's sequence [start, end)
// (N x 2), computed on the host side from the lengths.
#include "lexloom/device_math.hh"

using namespace lexloom::dm;

#define LEXLOOM_GRID_STRIDE(idx, total) \
    for (i64 idx = (i64)blockIdx.x * blockDim.x + threadIdx.x; idx < (total); \
         idx += (i64)blockDim.x * gridDim.x)

extern "C" __global__ void seq2col(const float* __restrict__ X, i64 I, int nW,
                                   const i64* __restrict__ bounds, i64 N,
                                   float* __restrict__ Y) {
    const i64 width = (2 * (i64)nW + 1) * I;
    LEXLOOM_GRID_STRIDE(idx, N * width) {
        const i64 i = idx / width, k = idx % width;
        Y[idx] = seq2col_at(X, I, nW, i, bounds[2 * i], bounds[2 * i + 1], k);
    }
}

extern "C" __global__ void backprop_seq2col(const float* __restrict__ dY, i64 I, int nW,
                                            const i64* __restrict__ bounds, i64 N,
                                            float* __restrict__ dX) {
    LEXLOOM_GRID_STRIDE(idx, N * I) {
        const i64 i = idx / I, c = idx % I;
        dX[idx] = backprop_seq2col_at(dY, I, nW, i, bounds[2 * i], bounds[2 * i + 1], c);
    }
}
