// CUDA twins of csrc/lexloom/ragged_reduce.cc: ragged reductions sum / mean / max / first /
// last and their backward passes, on float32, half and bfloat16 rows with float32
// accumulation and float32 outputs. The arithmetic is lexloom/device_math.hh (the code the
// CPU loops run); one thread per (segment, column) forward, per (row, column) backward.
// Host side (lexloom.ml.cuda_kernels) checks lengths and indices and computes `starts`
// (exclusive cumulative lengths) and `row_seg` (each row's segment) before a launch.
#include "lexloom/device_math.hh"

using namespace lexloom::dm;

#define LEXLOOM_GRID_STRIDE(idx, total) \
    for (i64 idx = (i64)blockIdx.x * blockDim.x + threadIdx.x; idx < (total); \
         idx += (i64)blockDim.x * gridDim.x)

// op: 0 sum, 1 mean, 2 max (which written), 3 first, 4 last.
template <typename T>
__device__ __forceinline__ void reduce(const T* __restrict__ X, const i64* __restrict__ starts,
                                       const i32* __restrict__ lengths, i64 B, i64 O, int op,
                                       float* __restrict__ Y, i32* __restrict__ which) {
    LEXLOOM_GRID_STRIDE(idx, B * O) {
        const i64 b = idx / O, o = idx % O;
        const T* seg = X + starts[b] * O;
        const i32 len = lengths[b];
        float v;
        if (op == 0) {
            v = ragged_sum_at(seg, O, len, o);
        } else if (op == 1) {
            v = ragged_mean_at(seg, O, len, o);
        } else if (op == 2) {
            i32 w = 0;
            v = ragged_max_at(seg, O, len, o, &w);
            which[idx] = w;
        } else if (op == 3) {
            v = ragged_first_at(seg, O, len, o);
        } else {
            v = ragged_last_at(seg, O, len, o);
        }
        Y[idx] = v;
    }
}

extern "C" __global__ void ragged_reduce_f32(const float* X, const i64* starts,
                                             const i32* lengths, i64 B, i64 O, int op,
                                             float* Y, i32* which) {
    reduce(X, starts, lengths, B, O, op, Y, which);
}

extern "C" __global__ void ragged_reduce_f16(const half_bits* X, const i64* starts,
                                             const i32* lengths, i64 B, i64 O, int op,
                                             float* Y, i32* which) {
    reduce(X, starts, lengths, B, O, op, Y, which);
}

extern "C" __global__ void ragged_reduce_bf16(const bf16_bits* X, const i64* starts,
                                              const i32* lengths, i64 B, i64 O, int op,
                                              float* Y, i32* which) {
    reduce(X, starts, lengths, B, O, op, Y, which);
}

// Backward of sum (op 0), mean (1), max (2): dX[row, o] from dY[row_seg[row], o]; every
// element of dX (T rows) is written.
extern "C" __global__ void ragged_backward(const float* __restrict__ dY,
                                           const i64* __restrict__ starts,
                                           const i32* __restrict__ lengths,
                                           const i32* __restrict__ row_seg, i64 T, i64 O,
                                           int op, const i32* __restrict__ which,
                                           float* __restrict__ dX) {
    LEXLOOM_GRID_STRIDE(idx, T * O) {
        const i64 row = idx / O, o = idx % O;
        const i64 b = row_seg[row];
        const float dy = dY[b * O + o];
        float v;
        if (op == 0)
            v = backprop_sum_at(dy);
        else if (op == 1)
            v = backprop_mean_at(dy, lengths[b]);
        else
            v = backprop_max_at(dy, which[b * O + o], (i32)(row - starts[b]));
        dX[idx] = v;
    }
}

// Backward of first / last: dX (zeroed) [rows[b], o] = dY[b, o].
extern "C" __global__ void scatter_rows(const float* __restrict__ dY,
                                        const i32* __restrict__ rows, i64 B, i64 O,
                                        float* __restrict__ dX) {
    LEXLOOM_GRID_STRIDE(idx, B * O) {
        const i64 b = idx / O, o = idx % O;
        dX[(i64)rows[b] * O + o] = dY[idx];
    }
}
