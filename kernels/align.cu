// CUDA twins of lexloom::align_mean / align_scatter (csrc/lexloom/ragged_reduce.cc): the
// transformer listener's wordpiece -> token pooling (a token's vector is the mean of its
// wordpiece rows) and its adjoint. Arithmetic in lexloom/device_math.hh; piece indices are
// checked on the host before a launch. `starts` are the exclusive cumulative lengths.
#include "lexloom/device_math.hh"

using namespace lexloom::dm;

#define LEXLOOM_GRID_STRIDE(idx, total) \
    for (i64 idx = (i64)blockIdx.x * blockDim.x + threadIdx.x; idx < (total); \
         idx += (i64)blockDim.x * gridDim.x)

template <typename T>
__device__ __forceinline__ void gather(const T* __restrict__ X, i64 O,
                                       const i32* __restrict__ idx_arr,
                                       const i64* __restrict__ starts,
                                       const i32* __restrict__ lengths, i64 n_tokens,
                                       float* __restrict__ Y) {
    LEXLOOM_GRID_STRIDE(idx, n_tokens * O) {
        const i64 t = idx / O, o = idx % O;
        Y[idx] = align_mean_at(X, O, idx_arr + starts[t], lengths[t], o);
    }
}

extern "C" __global__ void align_mean_f32(const float* X, i64 O, const i32* idx,
                                          const i64* starts, const i32* lengths, i64 n_tokens,
                                          float* Y) {
    gather(X, O, idx, starts, lengths, n_tokens, Y);
}

extern "C" __global__ void align_mean_f16(const half_bits* X, i64 O, const i32* idx,
                                          const i64* starts, const i32* lengths, i64 n_tokens,
                                          float* Y) {
    gather(X, O, idx, starts, lengths, n_tokens, Y);
}

extern "C" __global__ void align_mean_bf16(const bf16_bits* X, i64 O, const i32* idx,
                                           const i64* starts, const i32* lengths,
                                           i64 n_tokens, float* Y) {
    gather(X, O, idx, starts, lengths, n_tokens, Y);
}

// dX (zeroed, n_pieces x O) += dY[t] / lengths[t] on each piece of token t (atomics: a piece
// can belong to several tokens).
extern "C" __global__ void align_scatter(const float* __restrict__ dY, i64 O,
                                         const i32* __restrict__ idx_arr,
                                         const i64* __restrict__ starts,
                                         const i32* __restrict__ lengths, i64 n_tokens,
                                         float* __restrict__ dX) {
    LEXLOOM_GRID_STRIDE(idx, n_tokens * O) {
        const i64 t = idx / O, o = idx % O;
        const i32 len = lengths[t];
        const float g = align_scatter_value(dY[idx], len);
        const i32* pieces = idx_arr + starts[t];
        for (i32 r = 0; r < len; ++r) atomicAdd(&dX[(i64)pieces[r] * O + o], g);
    }
}
