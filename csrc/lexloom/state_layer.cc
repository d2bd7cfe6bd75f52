#include "state_layer.hh"

#include "greedy_decode.hh"

#include <algorithm>
#include <cstring>
#include <vector>

#include "simd.hh"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace lexloom {

namespace {

// dst += src over n floats. Restrict-qualified parameters (kept through inlining) let the
// compiler vectorize; block-scope restrict pointers are not enough for GCC.
inline void add_row(float* __restrict dst, const float* __restrict src, int64_t n) {
    for (int64_t k = 0; k < n; ++k) dst[k] += src[k];
}

#if defined(__GNUC__)
typedef float v8f __attribute__((vector_size(32)));

// Unaligned loads and stores of 8 floats; by reference, as returning a 32-byte vector by
// value would change the calling convention between the AVX2 and baseline builds.
inline void load8(v8f& v, const float* p) { std::memcpy(&v, p, sizeof v); }
inline void add8(v8f& v, const float* p) {
    v8f x;
    std::memcpy(&x, p, sizeof x);
    v += x;
}
#endif

// sum[k] = rows[0][k] + rows[1][k] + ... + rows[n_rows - 1][k] + bias[k] for k < width, the
// additions in that order (bit-identical to the plain loop). Blocks of 32 floats stay in
// four vector registers while the rows are added, so the sum is stored once.
inline void sum_rows(const float* const* rows, int64_t n_rows, const float* bias,
                     int64_t width, float* sum) {
    int64_t k = 0;
#if defined(__GNUC__)
    for (; k + 32 <= width; k += 32) {
        v8f a0, a1, a2, a3;
        load8(a0, rows[0] + k);
        load8(a1, rows[0] + k + 8);
        load8(a2, rows[0] + k + 16);
        load8(a3, rows[0] + k + 24);
        for (int64_t j = 1; j < n_rows; ++j) {
            const float* r = rows[j] + k;
            add8(a0, r);
            add8(a1, r + 8);
            add8(a2, r + 16);
            add8(a3, r + 24);
        }
        add8(a0, bias + k);
        add8(a1, bias + k + 8);
        add8(a2, bias + k + 16);
        add8(a3, bias + k + 24);
        std::memcpy(sum + k, &a0, sizeof a0);
        std::memcpy(sum + k + 8, &a1, sizeof a1);
        std::memcpy(sum + k + 16, &a2, sizeof a2);
        std::memcpy(sum + k + 24, &a3, sizeof a3);
    }
#endif
    for (; k < width; ++k) {
        float a = rows[0][k];
        for (int64_t j = 1; j < n_rows; ++j) a += rows[j][k];
        sum[k] = a + bias[k];
    }
}

}  // namespace

namespace {

inline void axpy(float* __restrict y, float a, const float* __restrict x, int64_t n) {
    for (int64_t c = 0; c < n; ++c) y[c] += a * x[c];
}

LEXLOOM_VECTOR_CLONES
void dense_row_plain(const float* h, int64_t K, const float* Wt, const float* b, int64_t C,
                     float* s) {
    for (int64_t c = 0; c < C; ++c) s[c] = 0.0f;
    for (int64_t k = 0; k < K; ++k) axpy(s, h[k], Wt + k * C, C);
    axpy(s, 1.0f, b, C);
}

#if defined(__x86_64__) && defined(__GNUC__)
#define LEXLOOM_AVX2_ROWS 1
// The same row with its scores held in registers over the K products (the plain loop stores
// and reloads every score at every k): blocks of 64 scores in eight AVX2 accumulators, then
// of 8, then the last few with 8 floats read from a row while the next row follows (the
// extra lanes are dropped) and the final rows lane by lane. Multiplications and additions
// stay separate and in the plain loop's order (no FMA: this target has none), so the scores
// are the same floats.
__attribute__((target("avx2"))) void dense_row_avx2(const float* h, int64_t K, const float* Wt,
                                                    const float* b, int64_t C, float* s) {
    int64_t c = 0;
    for (; c + 64 <= C; c += 64) {
        __m256 a[8];
        for (int j = 0; j < 8; ++j) a[j] = _mm256_setzero_ps();
        for (int64_t k = 0; k < K; ++k) {
            const __m256 hk = _mm256_set1_ps(h[k]);
            const float* w = Wt + k * C + c;
            for (int j = 0; j < 8; ++j)
                a[j] = _mm256_add_ps(a[j], _mm256_mul_ps(hk, _mm256_loadu_ps(w + 8 * j)));
        }
        for (int j = 0; j < 8; ++j)
            _mm256_storeu_ps(s + c + 8 * j, _mm256_add_ps(a[j], _mm256_loadu_ps(b + c + 8 * j)));
    }
    for (; c + 8 <= C; c += 8) {
        __m256 a = _mm256_setzero_ps();
        for (int64_t k = 0; k < K; ++k)
            a = _mm256_add_ps(a, _mm256_mul_ps(_mm256_set1_ps(h[k]),
                                               _mm256_loadu_ps(Wt + k * C + c)));
        _mm256_storeu_ps(s + c, _mm256_add_ps(a, _mm256_loadu_ps(b + c)));
    }
    if (c == C) return;
    const int64_t tail = C - c;
    __m256 a = _mm256_setzero_ps();
    int64_t k = 0;
    for (; k < K && k * C + c + 8 <= K * C; ++k)
        a = _mm256_add_ps(a, _mm256_mul_ps(_mm256_set1_ps(h[k]), _mm256_loadu_ps(Wt + k * C + c)));
    alignas(32) float lanes[8];
    _mm256_store_ps(lanes, a);
    for (; k < K; ++k) {
        for (int64_t j = 0; j < tail; ++j) lanes[j] += h[k] * Wt[k * C + c + j];
    }
    for (int64_t j = 0; j < tail; ++j) s[c + j] = lanes[j] + b[c + j];
}

bool has_avx2() {
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
}
#endif

}  // namespace

void dense_rows(const float* H, int64_t n, int64_t K, const float* Wt, const float* b,
                int64_t C, float* S) {
#ifdef LEXLOOM_AVX2_ROWS
    if (has_avx2()) {
        for (int64_t i = 0; i < n; ++i) dense_row_avx2(H + i * K, K, Wt, b, C, S + i * C);
        return;
    }
#endif
    for (int64_t i = 0; i < n; ++i) dense_row_plain(H + i * K, K, Wt, b, C, S + i * C);
}

LEXLOOM_VECTOR_CLONES
void state_maxout_forward(const float* P, int64_t n_feats, int64_t n_out, int64_t n_pieces,
                          const int32_t* feats, int64_t n_states, const float* bias,
                          float* hidden, uint8_t* which) {
    const int64_t width = n_out * n_pieces;
    const int64_t row_len = n_feats * width;
    std::vector<float> buffer(static_cast<size_t>(width));
    float* __restrict sum = buffer.data();
    for (int64_t s = 0; s < n_states; ++s) {
        // spaCy's order of float additions (the features from zero, then the bias), so the
        // same weights give bit-identical hidden vectors.
        for (int64_t k = 0; k < width; ++k) sum[k] = 0.0f;
        const int32_t* f = feats + s * n_feats;
        for (int64_t j = 0; j < n_feats; ++j) {
            add_row(sum, P + static_cast<int64_t>(f[j]) * row_len + j * width, width);
        }
        add_row(sum, bias, width);
        float* h = hidden + s * n_out;
        uint8_t* w = which + s * n_out;
        for (int64_t o = 0; o < n_out; ++o) {
            const float* pieces = sum + o * n_pieces;
            int64_t best = 0;
            for (int64_t p = 1; p < n_pieces; ++p) {
                if (pieces[p] > pieces[best]) best = p;
            }
            h[o] = pieces[best];
            w[o] = static_cast<uint8_t>(best);
        }
    }
}

LEXLOOM_VECTOR_CLONES
void state_maxout_infer(const float* P, int64_t n_feats, int64_t n_out, int64_t n_pieces,
                        const int32_t* feats, int64_t n_states, const float* bias,
                        float* hidden) {
    const int64_t width = n_out * n_pieces;
    const int64_t row_len = n_feats * width;
    std::vector<float> buffer(static_cast<size_t>(width));
    float* __restrict sum = buffer.data();
    std::vector<const float*> rows(static_cast<size_t>(n_feats));
    for (int64_t s = 0; s < n_states; ++s) {
        const int32_t* f = feats + s * n_feats;
        // Starting from the first feature's row (0 + x == x): spaCy's sums exactly.
        for (int64_t j = 0; j < n_feats; ++j) {
            rows[j] = P + static_cast<int64_t>(f[j]) * row_len + j * width;
        }
        sum_rows(rows.data(), n_feats, bias, width, sum);
        float* __restrict h = hidden + s * n_out;
        if (n_pieces == 2) {
            for (int64_t o = 0; o < n_out; ++o) {
                const float a = sum[2 * o], b = sum[2 * o + 1];
                h[o] = b > a ? b : a;
            }
            continue;
        }
        for (int64_t o = 0; o < n_out; ++o) {
            const float* pieces = sum + o * n_pieces;
            float best = pieces[0];
            for (int64_t p = 1; p < n_pieces; ++p) {
                if (pieces[p] > best) best = pieces[p];
            }
            h[o] = best;
        }
    }
}

void state_maxout_backward(const float* d_hidden, const uint8_t* which, const int32_t* feats,
                           int64_t n_states, int64_t n_feats, int64_t n_out, int64_t n_pieces,
                           float* dP, float* d_bias) {
    const int64_t width = n_out * n_pieces;
    const int64_t row_len = n_feats * width;
    for (int64_t s = 0; s < n_states; ++s) {
        const float* dh = d_hidden + s * n_out;
        const uint8_t* w = which + s * n_out;
        const int32_t* f = feats + s * n_feats;
        for (int64_t o = 0; o < n_out; ++o) {
            if (dh[o] == 0.0f) continue;
            const int64_t k = o * n_pieces + w[o];
            d_bias[k] += dh[o];
            for (int64_t j = 0; j < n_feats; ++j) {
                dP[static_cast<int64_t>(f[j]) * row_len + j * width + k] += dh[o];
            }
        }
    }
}

}  // namespace lexloom
