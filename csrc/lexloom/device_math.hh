// Per-element arithmetic shared by the CPU loops (csrc/lexloom/*.cc) and the CUDA kernels
// (kernels/*.cu): one source, two targets. Every function is LEXLOOM_HD, i.e.
// `__host__ __device__ __forceinline__` under a CUDA compiler (nvcc, NVRTC) and plain `inline`
// as C++, and the header includes no CUDA header and no standard header, so it compiles
// unchanged with g++/clang++, nvcc and NVRTC (cupy.RawModule). The CPU tests therefore run the
// very arithmetic the GPU runs; only the launch geometry (loops vs threads) differs.
//
// Contents:
//   - MurmurHash3_x64_128 of one uint64 (thinc's ops.hash values) and the hashed-row index
//   - float32 loads from float / half / bfloat16 (half and bfloat16 as their uint16 bits,
//     converted by bit manipulation on host and device alike, so results match exactly)
//   - gather-sum of one output element (HashEmbed forward) and the deterministic
//     sort-and-reduce scatter of one (row, column) (HashEmbed backward)
//   - ragged reductions sum / mean / max (+argmax) / first / last per (segment, column), the
//     step functions the CPU row loops use, and the backward elements
//   - wordpiece -> token alignment: mean of a token's wordpiece rows, and its adjoint
//   - seq2col: one element of the (2 nW + 1) * I window feature of a row
// Accumulation is float32 for every input type.
#pragma once

#if defined(__CUDACC__)
#define LEXLOOM_HD __host__ __device__ __forceinline__
#else
#define LEXLOOM_HD inline
#endif

namespace lexloom {
namespace dm {

// Fixed-width types without <cstdint> (NVRTC has no standard headers). Same widths as the
// <cstdint> types on every platform lexloom builds for (LP64 and LLP64).
typedef unsigned long long u64;
typedef long long i64;
typedef unsigned int u32;
typedef int i32;
typedef unsigned short u16;

// ------------------------------------------------------------------ hashing

LEXLOOM_HD u64 rotl64(u64 x, int r) { return (x << r) | (x >> (64 - r)); }

// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
LEXLOOM_HD u64 fmix64(u64 k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

// MurmurHash3_x64_128 of the 8 bytes of `key` (one little-endian word) with a 32-bit seed,
// split into 4 uint32: low and high word of h1, then of h2 (thinc's ops.hash).
LEXLOOM_HD void murmur3_u64_x4(u64 key, u32 seed, u32 out[4]) {
    const u64 c1 = 0x87c37b91114253d5ULL;
    const u64 c2 = 0x4cf5ad432745937fULL;
    u64 h1 = seed;
    u64 h2 = seed;
    u64 k1 = key;
    k1 *= c1;
    k1 = rotl64(k1, 31);
    k1 *= c2;
    h1 ^= k1;
    h1 ^= 8;  // input length in bytes
    h2 ^= 8;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
    out[0] = static_cast<u32>(h1);
    out[1] = static_cast<u32>(h1 >> 32);
    out[2] = static_cast<u32>(h2);
    out[3] = static_cast<u32>(h2 >> 32);
}

// Word q (< 4) of the hash, reduced to a row of an n_rows table (n_rows > 0).
LEXLOOM_HD u32 hashed_row(u64 key, u32 seed, int q, u32 n_rows) {
    u32 h[4];
    murmur3_u64_x4(key, seed, h);
    return h[q] % n_rows;
}

// ------------------------------------------------------------------ float32 loads

LEXLOOM_HD float f32_from_bits(u32 u) {
#if defined(__CUDA_ARCH__)
    return __uint_as_float(u);
#else
    float f;
    __builtin_memcpy(&f, &u, sizeof f);
    return f;
#endif
}

LEXLOOM_HD u32 bits_from_f32(float f) {
#if defined(__CUDA_ARCH__)
    return __float_as_uint(f);
#else
    u32 u;
    __builtin_memcpy(&u, &f, sizeof u);
    return u;
#endif
}

// IEEE binary16 bits -> float32, exact (every half is a float): normals, subnormals,
// signed zeros, infinities and NaNs (payload kept in the high mantissa bits).
LEXLOOM_HD float f32_from_half_bits(u16 h) {
    const u32 sign = (static_cast<u32>(h) & 0x8000u) << 16;
    const u32 exp = (static_cast<u32>(h) >> 10) & 0x1fu;
    u32 mant = static_cast<u32>(h) & 0x3ffu;
    if (exp == 0x1fu) return f32_from_bits(sign | 0x7f800000u | (mant << 13));
    if (exp != 0) return f32_from_bits(sign | ((exp + 112u) << 23) | (mant << 13));
    if (mant == 0) return f32_from_bits(sign);
    u32 e = 113;  // subnormal: normalise (value = mant * 2^-24)
    while ((mant & 0x400u) == 0) {
        mant <<= 1;
        --e;
    }
    return f32_from_bits(sign | (e << 23) | ((mant & 0x3ffu) << 13));
}

// bfloat16 bits -> float32: the high half of the float's bits, exact.
LEXLOOM_HD float f32_from_bf16_bits(u16 b) { return f32_from_bits(static_cast<u32>(b) << 16); }

// Storage tags: a half / bfloat16 element is its uint16 bit pattern.
struct half_bits { u16 bits; };
struct bf16_bits { u16 bits; };

LEXLOOM_HD float load_f32(float x) { return x; }
LEXLOOM_HD float load_f32(double x) { return static_cast<float>(x); }
LEXLOOM_HD float load_f32(half_bits x) { return f32_from_half_bits(x.bits); }
LEXLOOM_HD float load_f32(bf16_bits x) { return f32_from_bf16_bits(x.bits); }

// ------------------------------------------------------------------ HashEmbed

// out[i, j] = sum over q < k of table[rows[i * k + q], j], summed left to right from the first
// row: ((r0 + r1) + r2) + r3, the CPU loop's order, so both give the same bits.
template <typename R>
LEXLOOM_HD float gather_sum_at(const float* table, i64 width, const R* rows_i, int k, i64 j) {
    if (k <= 0) return 0.0f;
    float total = table[static_cast<i64>(rows_i[0]) * width + j];
    for (int q = 1; q < k; ++q) total += table[static_cast<i64>(rows_i[q]) * width + j];
    return total;
}

// Deterministic scatter: `order` lists the flat (token * k + q) positions sorted by row, and
// [begin, end) is the run of one row. The row's gradient in column j is the sum of the
// tokens' gradients in that (sorted, so fixed) order; the caller adds it to d_table.
template <typename P>
LEXLOOM_HD float scatter_sorted_at(const float* d_out, i64 ld_d, const P* order, int k,
                                   i64 begin, i64 end, i64 j) {
    float total = 0.0f;
    for (i64 p = begin; p < end; ++p) total += d_out[(static_cast<i64>(order[p]) / k) * ld_d + j];
    return total;
}

// ------------------------------------------------------------------ ragged reductions
// A segment is `len` rows of width O starting at row pointer X (row-major). The *_step
// functions are the per-element updates of the CPU row loops; the *_at functions run the
// same updates down one column (a GPU thread's work).

// Templated on the accumulator type F: float on the GPU, float or double in the CPU loops.
template <typename F = float>
LEXLOOM_HD F mean_scale(i32 len) { return static_cast<F>(1.0 / len); }

template <typename F>
LEXLOOM_HD F sum_step(F acc, F x) { return acc + x; }

template <typename F>
LEXLOOM_HD F mean_step(F acc, F scale, F x) { return acc + scale * x; }

// Strictly greater: the first maximum wins and a NaN never replaces a value. Branch-free
// pieces (an all-ones mask when x wins), so the CPU row loop vectorises.
template <typename F>
LEXLOOM_HD i32 max_mask(F acc, F x) { return -static_cast<i32>(x > acc); }

template <typename F>
LEXLOOM_HD F max_value(F acc, F x) { return x > acc ? x : acc; }

LEXLOOM_HD i32 max_which(i32 which, i32 r, i32 mask) { return (r & mask) | (which & ~mask); }

template <typename F>
LEXLOOM_HD F max_step(F acc, F x, i32 r, i32* which) {
    *which = max_which(*which, r, max_mask(acc, x));
    return max_value(acc, x);
}

template <typename T>
LEXLOOM_HD float ragged_sum_at(const T* X, i64 O, i32 len, i64 o) {
    if (len <= 0) return 0.0f;
    float acc = load_f32(X[o]);
    for (i32 r = 1; r < len; ++r) acc = sum_step<float>(acc, load_f32(X[static_cast<i64>(r) * O + o]));
    return acc;
}

template <typename T>
LEXLOOM_HD float ragged_mean_at(const T* X, i64 O, i32 len, i64 o) {
    if (len <= 0) return 0.0f;
    const float scale = mean_scale(len);
    float acc = scale * load_f32(X[o]);
    for (i32 r = 1; r < len; ++r)
        acc = mean_step<float>(acc, scale, load_f32(X[static_cast<i64>(r) * O + o]));
    return acc;
}

// The column maximum and (in *which) its row within the segment; 0 / row 0 when empty.
template <typename T>
LEXLOOM_HD float ragged_max_at(const T* X, i64 O, i32 len, i64 o, i32* which) {
    *which = 0;
    if (len <= 0) return 0.0f;
    float acc = load_f32(X[o]);
    for (i32 r = 1; r < len; ++r) acc = max_step<float>(acc, load_f32(X[static_cast<i64>(r) * O + o]), r, which);
    return acc;
}

template <typename T>
LEXLOOM_HD float ragged_first_at(const T* X, i64 O, i32 len, i64 o) {
    (void)O;
    return len > 0 ? load_f32(X[o]) : 0.0f;
}

template <typename T>
LEXLOOM_HD float ragged_last_at(const T* X, i64 O, i32 len, i64 o) {
    return len > 0 ? load_f32(X[static_cast<i64>(len - 1) * O + o]) : 0.0f;
}

// Backward elements: the gradient of row r (< len) of a segment in column o, from dY[b, o].
LEXLOOM_HD float backprop_sum_at(float dy) { return dy; }

LEXLOOM_HD float backprop_mean_at(float dy, i32 len) { return len > 0 ? mean_scale(len) * dy : 0.0f; }

LEXLOOM_HD float backprop_max_at(float dy, i32 which, i32 r) { return which == r ? dy : 0.0f; }

// ------------------------------------------------------------------ wordpiece alignment
// Token t is aligned to `len` wordpieces, their rows idx[0..len) of the wordpiece matrix X
// (width O). Its vector is their mean (0 without pieces), the transformer listener's pooling.

template <typename T, typename I>
LEXLOOM_HD float align_mean_at(const T* X, i64 O, const I* idx, i32 len, i64 o) {
    if (len <= 0) return 0.0f;
    const float scale = mean_scale(len);
    float acc = scale * load_f32(X[static_cast<i64>(idx[0]) * O + o]);
    for (i32 r = 1; r < len; ++r)
        acc = mean_step<float>(acc, scale, load_f32(X[static_cast<i64>(idx[r]) * O + o]));
    return acc;
}

// The adjoint: each of the token's pieces gets dY[t, o] / len (added: a piece can be shared
// by several tokens).
LEXLOOM_HD float align_scatter_value(float dy, i32 len) { return len > 0 ? mean_scale(len) * dy : 0.0f; }

// ------------------------------------------------------------------ seq2col
// Row i of a sequence occupying rows [seg_start, seg_end) of X (width I); element k of its
// output row, k < (2 nW + 1) * I: window offset w = k / I - nW, column c = k % I; the value
// X[i + w, c] when row i + w is inside the sequence, else 0 (thinc's seq2col).
template <typename T>
LEXLOOM_HD float seq2col_at(const T* X, i64 I, int nW, i64 i, i64 seg_start, i64 seg_end,
                            i64 k) {
    const i64 w = k / I - nW;
    const i64 c = k % I;
    const i64 src = i + w;
    return (src >= seg_start && src < seg_end) ? load_f32(X[src * I + c]) : 0.0f;
}

// The adjoint of seq2col for one input element X[i, c]: the sum of the output gradients
// that read it, dY[i - w, (w + nW) * I + c] for the rows i - w inside the sequence, taken
// from w = -nW upwards.
LEXLOOM_HD float backprop_seq2col_at(const float* dY, i64 I, int nW, i64 i, i64 seg_start,
                                     i64 seg_end, i64 c) {
    const i64 width = (2 * static_cast<i64>(nW) + 1) * I;
    float acc = 0.0f;
    for (i64 w = -nW; w <= nW; ++w) {
        const i64 dst = i - w;
        if (dst >= seg_start && dst < seg_end) acc += dY[dst * width + (w + nW) * I + c];
    }
    return acc;
}

}  // namespace dm
}  // namespace lexloom
