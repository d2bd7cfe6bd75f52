#include "attention.hh"
#include "avx512_math.hh"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>
#include <vector>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

// The same false positive in GCC 12's own avx512 headers as in gemm.cc.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#define LEXLOOM_HAVE_AVX512_ATTENTION 1
#define LEXLOOM_AVX512 __attribute__((target("avx512f,avx2,fma")))
#endif

namespace lexloom {

namespace {

int64_t keys_of(const int64_t* key_len, int64_t b, int64_t length) {
    return std::min(std::max<int64_t>(key_len[b], 0), length);
}

// The portable loops: one query row at a time, scores, softmax, weighted sum of values.
void attention_reference(const float* q, const float* k, const float* v, int64_t in_stride,
                         int64_t batch, int64_t length, int64_t heads, int64_t head_dim,
                         const int64_t* key_len, float scale, float* out,
                         int64_t out_stride) {
    std::vector<float> weights(static_cast<size_t>(std::max<int64_t>(length, 1)));
    for (int64_t b = 0; b < batch; ++b) {
        const int64_t n = keys_of(key_len, b, length);
        const int64_t first = b * length;
        for (int64_t h = 0; h < heads; ++h) {
            const int64_t col = h * head_dim;
            for (int64_t i = 0; i < length; ++i) {
                const float* qi = q + (first + i) * in_stride + col;
                float* o = out + (first + i) * out_stride + col;
                float most = -std::numeric_limits<float>::infinity();
                for (int64_t j = 0; j < n; ++j) {
                    const float* kj = k + (first + j) * in_stride + col;
                    float dot = 0.0f;
                    for (int64_t d = 0; d < head_dim; ++d) dot += qi[d] * kj[d];
                    weights[j] = dot * scale;
                    most = std::max(most, weights[j]);
                }
                float total = 0.0f;
                for (int64_t j = 0; j < n; ++j) {
                    weights[j] = std::exp(weights[j] - most);
                    total += weights[j];
                }
                const float inv = n > 0 ? 1.0f / total : 0.0f;
                for (int64_t d = 0; d < head_dim; ++d) {
                    float acc = 0.0f;
                    for (int64_t j = 0; j < n; ++j)
                        acc += weights[j] * v[(first + j) * in_stride + col + d];
                    o[d] = acc * inv;
                }
            }
        }
    }
}

#ifdef LEXLOOM_HAVE_AVX512_ATTENTION

using avx512::exp_nonpositive;

// Scores of R query rows against the head's keys: s[r][j] = scale * q_r . Kt[:, j] for
// j < padded (a multiple of 16), Kt holding head_dim rows of `padded` keys.
template <int R>
LEXLOOM_AVX512 void row_scores(const float* const* qrows, const float* kt, int64_t padded,
                               int64_t head_dim, float scale, float* s) {
    const __m512 vscale = _mm512_set1_ps(scale);
    int64_t j = 0;
    for (; j + 64 <= padded; j += 64) {
        __m512 acc[R][4];
        for (int r = 0; r < R; ++r)
            for (int c = 0; c < 4; ++c) acc[r][c] = _mm512_setzero_ps();
        for (int64_t d = 0; d < head_dim; ++d) {
            const float* row = kt + d * padded + j;
            const __m512 k0 = _mm512_loadu_ps(row), k1 = _mm512_loadu_ps(row + 16);
            const __m512 k2 = _mm512_loadu_ps(row + 32), k3 = _mm512_loadu_ps(row + 48);
            for (int r = 0; r < R; ++r) {
                const __m512 qd = _mm512_set1_ps(qrows[r][d]);
                acc[r][0] = _mm512_fmadd_ps(qd, k0, acc[r][0]);
                acc[r][1] = _mm512_fmadd_ps(qd, k1, acc[r][1]);
                acc[r][2] = _mm512_fmadd_ps(qd, k2, acc[r][2]);
                acc[r][3] = _mm512_fmadd_ps(qd, k3, acc[r][3]);
            }
        }
        for (int r = 0; r < R; ++r)
            for (int c = 0; c < 4; ++c)
                _mm512_storeu_ps(s + r * padded + j + 16 * c, _mm512_mul_ps(acc[r][c], vscale));
    }
    for (; j < padded; j += 16) {
        __m512 acc[R];
        for (int r = 0; r < R; ++r) acc[r] = _mm512_setzero_ps();
        for (int64_t d = 0; d < head_dim; ++d) {
            const __m512 kd = _mm512_loadu_ps(kt + d * padded + j);
            for (int r = 0; r < R; ++r)
                acc[r] = _mm512_fmadd_ps(_mm512_set1_ps(qrows[r][d]), kd, acc[r]);
        }
        for (int r = 0; r < R; ++r)
            _mm512_storeu_ps(s + r * padded + j, _mm512_mul_ps(acc[r], vscale));
    }
}

// The first min(k, 16) lanes.
inline __mmask16 first_lanes(int64_t k) {
    return k >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << k) - 1);
}

// Softmax numerators of one row in place over its n keys; returns 1 / their sum.
LEXLOOM_AVX512 float exp_row(float* s, int64_t n) {
    const __m512 neg_inf = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
    __m512 most = neg_inf;
    for (int64_t j = 0; j < n; j += 16)
        most = _mm512_max_ps(most, _mm512_mask_loadu_ps(neg_inf, first_lanes(n - j), s + j));
    const __m512 top = _mm512_set1_ps(_mm512_reduce_max_ps(most));
    __m512 total = _mm512_setzero_ps();
    for (int64_t j = 0; j < n; j += 16) {
        const __m512 e = _mm512_maskz_mov_ps(
            first_lanes(n - j), exp_nonpositive(_mm512_sub_ps(_mm512_loadu_ps(s + j), top)));
        _mm512_storeu_ps(s + j, e);
        total = _mm512_add_ps(total, e);
    }
    return 1.0f / _mm512_reduce_add_ps(total);
}

// R query rows of one head, C = head_dim / 16 vectors per row: scores, softmax, and the
// value rows weighted in registers, written to `orows`.
template <int R, int C>
LEXLOOM_AVX512 void head_rows(const float* const* qrows, float* const* orows, const float* kt,
                              int64_t padded, int64_t n, const float* v, int64_t in_stride,
                              float scale, float* s) {
    row_scores<R>(qrows, kt, padded, C * 16, scale, s);
    float inv[R];
    for (int r = 0; r < R; ++r) inv[r] = exp_row(s + r * padded, n);
    __m512 acc[R][C];
    for (int r = 0; r < R; ++r)
        for (int c = 0; c < C; ++c) acc[r][c] = _mm512_setzero_ps();
    for (int64_t j = 0; j < n; ++j) {
        const float* vj = v + j * in_stride;
        __m512 vals[C];
        for (int c = 0; c < C; ++c) vals[c] = _mm512_loadu_ps(vj + 16 * c);
        for (int r = 0; r < R; ++r) {
            const __m512 p = _mm512_set1_ps(s[r * padded + j]);
            for (int c = 0; c < C; ++c) acc[r][c] = _mm512_fmadd_ps(p, vals[c], acc[r][c]);
        }
    }
    for (int r = 0; r < R; ++r) {
        const __m512 scale_r = _mm512_set1_ps(inv[r]);
        for (int c = 0; c < C; ++c)
            _mm512_storeu_ps(orows[r] + 16 * c, _mm512_mul_ps(acc[r][c], scale_r));
    }
}

// The (sequence, head) units [first, end) of the batch, unit u = b * heads + h.
template <int C>
LEXLOOM_AVX512 void attention_units(const float* q, const float* k, const float* v,
                                    int64_t in_stride, int64_t length, int64_t heads,
                                    const int64_t* key_len, float scale, float* out,
                                    int64_t out_stride, int64_t first, int64_t end) {
    constexpr int64_t D = C * 16;
    constexpr int R = C <= 4 ? 4 : 2;  // R x C accumulators stay within the 32 registers
    const int64_t max_padded = std::max<int64_t>((length + 15) / 16 * 16, 16);
    std::vector<float> kt(static_cast<size_t>(D * max_padded));
    std::vector<float> scores(static_cast<size_t>(R * max_padded));
    for (int64_t unit = first; unit < end; ++unit) {
        const int64_t b = unit / heads, col = (unit % heads) * D;
        const int64_t n = keys_of(key_len, b, length);
        const int64_t row0 = b * length;
        if (n == 0) {
            for (int64_t row = 0; row < length; ++row)
                std::fill_n(out + (row0 + row) * out_stride + col, D, 0.0f);
            continue;
        }
        const int64_t padded = std::max<int64_t>((n + 15) / 16 * 16, 16);
        // the head's keys, transposed: kt[d][j], zeros after the n keys
        for (int64_t d = 0; d < D; ++d)
            std::fill_n(kt.data() + d * padded + n, padded - n, 0.0f);
        for (int64_t j = 0; j < n; ++j) {
            const float* kj = k + (row0 + j) * in_stride + col;
            for (int64_t d = 0; d < D; ++d) kt[d * padded + j] = kj[d];
        }
        const float* vh = v + row0 * in_stride + col;
        const float* qrows[R];
        float* orows[R];
        int64_t i = 0;
        for (; i + R <= length; i += R) {
            for (int r = 0; r < R; ++r) {
                qrows[r] = q + (row0 + i + r) * in_stride + col;
                orows[r] = out + (row0 + i + r) * out_stride + col;
            }
            head_rows<R, C>(qrows, orows, kt.data(), padded, n, vh, in_stride, scale,
                            scores.data());
        }
        for (; i < length; ++i) {
            qrows[0] = q + (row0 + i) * in_stride + col;
            orows[0] = out + (row0 + i) * out_stride + col;
            head_rows<1, C>(qrows, orows, kt.data(), padded, n, vh, in_stride, scale,
                            scores.data());
        }
    }
}

// The batch's units split into `threads` contiguous runs, one per thread (the caller's
// included); one thread where the work is too small to repay starting others.
template <int C>
void attention_avx512(const float* q, const float* k, const float* v, int64_t in_stride,
                      int64_t batch, int64_t length, int64_t heads, const int64_t* key_len,
                      float scale, float* out, int64_t out_stride, int threads) {
    const int64_t units = batch * heads;
    const int64_t work = units * length * length * C;  // ~ multiply-adds / 16
    const int64_t most = std::max<int64_t>(1, std::min<int64_t>(units, work / (1 << 16)));
    const int64_t n_threads = std::max<int64_t>(1, std::min<int64_t>(threads, most));
    std::vector<std::thread> pool;
    pool.reserve(static_cast<size_t>(n_threads - 1));
    for (int64_t t = 1; t < n_threads; ++t) {
        pool.emplace_back(attention_units<C>, q, k, v, in_stride, length, heads, key_len, scale,
                          out, out_stride, units * t / n_threads, units * (t + 1) / n_threads);
    }
    attention_units<C>(q, k, v, in_stride, length, heads, key_len, scale, out, out_stride, 0,
                       units / n_threads);
    for (auto& worker : pool) worker.join();
}

bool cpu_has_avx512f() {
    static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
    return has;
}

#else

bool cpu_has_avx512f() { return false; }

#endif

}  // namespace

bool self_attention_fast(int64_t head_dim) {
    return cpu_has_avx512f() && head_dim > 0 && head_dim % 16 == 0 && head_dim <= 128;
}

void self_attention(const float* q, const float* k, const float* v, int64_t in_stride,
                    int64_t batch, int64_t length, int64_t heads, int64_t head_dim,
                    const int64_t* key_len, float scale, float* out, int64_t out_stride,
                    bool vectorized, int threads) {
#ifdef LEXLOOM_HAVE_AVX512_ATTENTION
    if (vectorized && self_attention_fast(head_dim)) {
        switch (head_dim / 16) {
#define LEXLOOM_ATTENTION_CASE(C)                                                             \
    case C:                                                                                   \
        return attention_avx512<C>(q, k, v, in_stride, batch, length, heads, key_len, scale, \
                                   out, out_stride, threads);
            LEXLOOM_ATTENTION_CASE(1)
            LEXLOOM_ATTENTION_CASE(2)
            LEXLOOM_ATTENTION_CASE(3)
            LEXLOOM_ATTENTION_CASE(4)
            LEXLOOM_ATTENTION_CASE(5)
            LEXLOOM_ATTENTION_CASE(6)
            LEXLOOM_ATTENTION_CASE(7)
            LEXLOOM_ATTENTION_CASE(8)
#undef LEXLOOM_ATTENTION_CASE
            default:
                break;
        }
    }
#endif
    (void)vectorized;
    (void)threads;
    attention_reference(q, k, v, in_stride, batch, length, heads, head_dim, key_len, scale, out,
                        out_stride);
}

}  // namespace lexloom
