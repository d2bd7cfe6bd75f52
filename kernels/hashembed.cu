// CUDA twins of csrc/lexloom/hashembed.cc: hashing of attribute ids, gather-sum of hashed
// embedding rows (fused with the hash), and its adjoint scatter-add (atomic, or deterministic
// sort-and-reduce). Thin __global__ wrappers: the arithmetic is lexloom/device_math.hh, the
// code the CPU loops run. Shipped as package data (lexloom/kernels/) and compiled at run time
// with cupy.RawModule (lexloom.ml.cuda_kernels, `-I lexloom.get_include()`); shapes, dtypes
// and index ranges are checked on the host before a launch. Grid-stride loops: any grid size
// covers any problem size.
#include "lexloom/device_math.hh"

using namespace lexloom::dm;

#define LEXLOOM_GRID_STRIDE(idx, total) \
    for (i64 idx = (i64)blockIdx.x * blockDim.x + threadIdx.x; idx < (total); \
         idx += (i64)blockDim.x * gridDim.x)

// rows[i * 4 + q] = word q of the hash of ids[i * stride], modulo n_rows.
extern "C" __global__ void hash_rows(const u64* __restrict__ ids, i64 n, i64 stride, u32 seed,
                                     u32 n_rows, u32* __restrict__ rows) {
    LEXLOOM_GRID_STRIDE(idx, n * 4) {
        const i64 i = idx / 4;
        rows[idx] = hashed_row(ids[i * stride], seed, (int)(idx % 4), n_rows);
    }
}

// out[i, j] = sum of the 4 hashed rows of ids[i * stride] in column j; the thread of column 0
// also writes the rows (for the backward pass).
extern "C" __global__ void hash_gather_sum(const u64* __restrict__ ids, i64 n, i64 stride,
                                           u32 seed, const float* __restrict__ table,
                                           u32 n_rows, i64 width, u32* __restrict__ rows,
                                           float* __restrict__ out, i64 ld_out) {
    LEXLOOM_GRID_STRIDE(idx, n * width) {
        const i64 i = idx / width, j = idx % width;
        u32 r[4];
        murmur3_u64_x4(ids[i * stride], seed, r);
        for (int q = 0; q < 4; ++q) r[q] %= n_rows;
        out[i * ld_out + j] = gather_sum_at(table, width, r, 4, j);
        if (j == 0)
            for (int q = 0; q < 4; ++q) rows[i * 4 + q] = r[q];
    }
}

// out[i, j] = sum over q < k of table[rows[i * k + q], j].
extern "C" __global__ void gather_sum(const float* __restrict__ table, i64 width,
                                      const u32* __restrict__ rows, i64 n, int k,
                                      float* __restrict__ out, i64 ld_out) {
    LEXLOOM_GRID_STRIDE(idx, n * width) {
        const i64 i = idx / width, j = idx % width;
        out[i * ld_out + j] = gather_sum_at(table, width, rows + i * k, k, j);
    }
}

// d_table[rows[i * k + q], j] += d_out[i, j], with atomics (rows shared by several tokens).
extern "C" __global__ void scatter_add(float* __restrict__ d_table, i64 width,
                                       const u32* __restrict__ rows, i64 n, int k,
                                       const float* __restrict__ d_out, i64 ld_d) {
    LEXLOOM_GRID_STRIDE(idx, n * width) {
        const i64 i = idx / width, j = idx % width;
        const float g = d_out[i * ld_d + j];
        for (int q = 0; q < k; ++q) atomicAdd(&d_table[(i64)rows[i * k + q] * width + j], g);
    }
}

// Deterministic scatter-add: `order` is the host's stable sort of the flat positions by row,
// run_starts[0..n_runs] the bounds of each row's run in it. One thread per (run, column)
// sums the run in order and adds it to its row: no atomics, the same bits every time.
extern "C" __global__ void scatter_add_sorted(float* __restrict__ d_table, i64 width,
                                              const u32* __restrict__ rows,
                                              const i64* __restrict__ order,
                                              const i64* __restrict__ run_starts, i64 n_runs,
                                              int k, const float* __restrict__ d_out,
                                              i64 ld_d) {
    LEXLOOM_GRID_STRIDE(idx, n_runs * width) {
        const i64 run = idx / width, j = idx % width;
        const i64 begin = run_starts[run], end = run_starts[run + 1];
        const u32 row = rows[order[begin]];
        d_table[(i64)row * width + j] += scatter_sorted_at(d_out, ld_d, order, k, begin, end, j);
    }
}
