#include "gemm.hh"
#include "avx512_math.hh"

#include <algorithm>
#include <atomic>
#include <cmath>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

// GCC 12's avx512 intrinsics make "undefined" vectors as `__m256d __Y = __Y;`, which
// -Wmaybe-uninitialized flags at -O1 once inlined here: a false positive in the compiler's
// own header (tests/test_native_cpp.py builds with -Werror).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#define LEXLOOM_HAVE_AVX512_KERNEL 1
#define LEXLOOM_AVX512 __attribute__((target("avx512f,avx2,fma")))
#define LEXLOOM_AVX2 __attribute__((target("avx2,fma")))
#endif

namespace lexloom {

namespace {

// CBLAS enum values (cblas.h): row-major order, no transpose, transpose.
constexpr int kRowMajor = 101;
constexpr int kNoTrans = 111;
constexpr int kTrans = 112;

// Columns per panel of packed weights (pack_nt).
constexpr int64_t kPanel = 32;

using Sgemm64 = void (*)(int, int, int, int64_t, int64_t, int64_t, float, const float*, int64_t,
                         const float*, int64_t, float, float*, int64_t);
using Sgemm32 = void (*)(int, int, int, int, int, int, float, const float*, int, const float*,
                         int, float, float*, int);

using SetThreadsLocal = int (*)(int);

std::atomic<void*> g_sgemm{nullptr};
std::atomic<int> g_int_bits{0};
std::atomic<void*> g_set_threads_local{nullptr};
std::atomic<int> g_blas_threads{0};
std::atomic<int64_t> g_small_rows{64};

#ifdef LEXLOOM_HAVE_AVX512_KERNEL
// c_row[0..4) = the lane sums of four 8-float vectors (+ beta * c_row): both small-row
// kernels end a 4-column tile here, the AVX-512 one after adding its vectors' halves.
// [a0123 b0123 c0123 d0123 | a4567 b4567 c4567 d4567], then the halves added.
LEXLOOM_AVX2 inline void store_four_sums(__m256 a, __m256 b, __m256 c, __m256 d, float beta,
                                         float* c_row) {
    const __m256 s = _mm256_hadd_ps(_mm256_hadd_ps(a, b), _mm256_hadd_ps(c, d));
    __m128 sum = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
    if (beta != 0.0f) sum = _mm_add_ps(sum, _mm_mul_ps(_mm_set1_ps(beta), _mm_loadu_ps(c_row)));
    _mm_storeu_ps(c_row, sum);
}

// A tile of MR rows of A against NR rows of B: MR * NR dot products over k, 16 floats at a
// time in MR * NR registers (the last, partial 16 masked), then each summed across lanes.
template <int MR, int NR>
LEXLOOM_AVX512 inline void small_tile(int64_t k, const float* A, int64_t lda, const float* B,
                                      int64_t ldb, float beta, float* C, int64_t ldc) {
    __m512 acc[MR][NR];
    for (int r = 0; r < MR; ++r)
        for (int c = 0; c < NR; ++c) acc[r][c] = _mm512_setzero_ps();
    int64_t p = 0;
    for (; p + 16 <= k; p += 16) {
        __m512 a[MR];
        for (int r = 0; r < MR; ++r) a[r] = _mm512_loadu_ps(A + r * lda + p);
        for (int c = 0; c < NR; ++c) {
            const __m512 b = _mm512_loadu_ps(B + c * ldb + p);
            for (int r = 0; r < MR; ++r) acc[r][c] = _mm512_fmadd_ps(a[r], b, acc[r][c]);
        }
    }
    if (p < k) {
        const __mmask16 mask = static_cast<__mmask16>((1u << (k - p)) - 1u);
        __m512 a[MR];
        for (int r = 0; r < MR; ++r) a[r] = _mm512_maskz_loadu_ps(mask, A + r * lda + p);
        for (int c = 0; c < NR; ++c) {
            const __m512 b = _mm512_maskz_loadu_ps(mask, B + c * ldb + p);
            for (int r = 0; r < MR; ++r) acc[r][c] = _mm512_fmadd_ps(a[r], b, acc[r][c]);
        }
    }
    for (int r = 0; r < MR; ++r) {
        float* c_row = C + r * ldc;
        if (NR == 4) {
            // Four sums at once: halves added, then two rounds of pairwise adds.
            __m256 h[4];
            for (int c = 0; c < 4; ++c) {
                h[c] = _mm256_add_ps(_mm512_castps512_ps256(acc[r][c]),
                                     _mm256_castpd_ps(_mm512_extractf64x4_pd(
                                         _mm512_castps_pd(acc[r][c]), 1)));
            }
            store_four_sums(h[0], h[1], h[2], h[3], beta, c_row);
        } else {
            for (int c = 0; c < NR; ++c) {
                const float sum = _mm512_reduce_add_ps(acc[r][c]);
                c_row[c] = beta == 0.0f ? sum : sum + beta * c_row[c];
            }
        }
    }
}

template <int NR>
LEXLOOM_AVX512 inline void small_cols_block(int64_t m, int64_t k, const float* A, int64_t lda,
                                            const float* B, int64_t ldb, float beta, float* C,
                                            int64_t ldc) {
    // All row blocks of A against one tile of NR rows of B: the tile stays in L1 while A
    // (a few rows) passes, so B, the weights, is read from memory once per product.
    int64_t i = 0;
    for (; i + 4 <= m; i += 4) small_tile<4, NR>(k, A + i * lda, lda, B, ldb, beta, C + i * ldc, ldc);
    const int64_t rest = m - i;
    if (rest == 3)
        small_tile<3, NR>(k, A + i * lda, lda, B, ldb, beta, C + i * ldc, ldc);
    else if (rest == 2)
        small_tile<2, NR>(k, A + i * lda, lda, B, ldb, beta, C + i * ldc, ldc);
    else if (rest == 1)
        small_tile<1, NR>(k, A + i * lda, lda, B, ldb, beta, C + i * ldc, ldc);
}

LEXLOOM_AVX512 void sgemm_nt_avx512(int64_t m, int64_t n, int64_t k, const float* A,
                                    int64_t lda, const float* B, int64_t ldb, float beta,
                                    float* C, int64_t ldc) {
    int64_t j = 0;
    for (; j + 4 <= n; j += 4) small_cols_block<4>(m, k, A, lda, B + j * ldb, ldb, beta, C + j, ldc);
    for (; j < n; ++j) small_cols_block<1>(m, k, A, lda, B + j * ldb, ldb, beta, C + j, ldc);
}

bool cpu_has_avx512() {
    static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
    return has;
}

// The same blocking with 8-float AVX2 vectors, for CPUs without AVX-512: MR x NR = 3 x 4
// accumulators, 3 A rows and 1 B row live (all 16 ymm registers: fewer accumulators leave
// the FMA units waiting on their latency, 40 against 66 GFLOP/s for 22 x 288 x 288 on a
// Zen core, where OpenBLAS gives ~38); the tail under 8 floats is read with a lane mask.
alignas(32) constexpr int32_t kTailMask[16] = {-1, -1, -1, -1, -1, -1, -1, -1,
                                               0, 0, 0, 0, 0, 0, 0, 0};

LEXLOOM_AVX2 inline float hsum8(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_hadd_ps(s, s);
    s = _mm_hadd_ps(s, s);
    return _mm_cvtss_f32(s);
}

template <int MR, int NR>
LEXLOOM_AVX2 inline void small_tile_avx2(int64_t k, const float* A, int64_t lda,
                                         const float* B, int64_t ldb, float beta, float* C,
                                         int64_t ldc) {
    __m256 acc[MR][NR];
    for (int r = 0; r < MR; ++r)
        for (int c = 0; c < NR; ++c) acc[r][c] = _mm256_setzero_ps();
    int64_t p = 0;
    for (; p + 8 <= k; p += 8) {
        __m256 a[MR];
        for (int r = 0; r < MR; ++r) a[r] = _mm256_loadu_ps(A + r * lda + p);
        for (int c = 0; c < NR; ++c) {
            const __m256 b = _mm256_loadu_ps(B + c * ldb + p);
            for (int r = 0; r < MR; ++r) acc[r][c] = _mm256_fmadd_ps(a[r], b, acc[r][c]);
        }
    }
    if (p < k) {
        const __m256i mask = _mm256_loadu_si256(
            reinterpret_cast<const __m256i*>(kTailMask + 8 - (k - p)));
        __m256 a[MR];
        for (int r = 0; r < MR; ++r) a[r] = _mm256_maskload_ps(A + r * lda + p, mask);
        for (int c = 0; c < NR; ++c) {
            const __m256 b = _mm256_maskload_ps(B + c * ldb + p, mask);
            for (int r = 0; r < MR; ++r) acc[r][c] = _mm256_fmadd_ps(a[r], b, acc[r][c]);
        }
    }
    for (int r = 0; r < MR; ++r) {
        float* c_row = C + r * ldc;
        if (NR == 4) {
            store_four_sums(acc[r][0], acc[r][1], acc[r][2], acc[r][3], beta, c_row);
        } else {
            for (int c = 0; c < NR; ++c) {
                const float sum = hsum8(acc[r][c]);
                c_row[c] = beta == 0.0f ? sum : sum + beta * c_row[c];
            }
        }
    }
}

template <int NR>
LEXLOOM_AVX2 inline void small_cols_block_avx2(int64_t m, int64_t k, const float* A,
                                               int64_t lda, const float* B, int64_t ldb,
                                               float beta, float* C, int64_t ldc) {
    int64_t i = 0;
    for (; i + 3 <= m; i += 3)
        small_tile_avx2<3, NR>(k, A + i * lda, lda, B, ldb, beta, C + i * ldc, ldc);
    if (m - i == 2)
        small_tile_avx2<2, NR>(k, A + i * lda, lda, B, ldb, beta, C + i * ldc, ldc);
    else if (m - i == 1)
        small_tile_avx2<1, NR>(k, A + i * lda, lda, B, ldb, beta, C + i * ldc, ldc);
}

LEXLOOM_AVX2 void sgemm_nt_avx2(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda,
                                const float* B, int64_t ldb, float beta, float* C,
                                int64_t ldc) {
    int64_t j = 0;
    for (; j + 4 <= n; j += 4)
        small_cols_block_avx2<4>(m, k, A, lda, B + j * ldb, ldb, beta, C + j, ldc);
    for (; j < n; ++j) small_cols_block_avx2<1>(m, k, A, lda, B + j * ldb, ldb, beta, C + j, ldc);
}

bool cpu_has_avx2() {
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
}

// ---- products against packed weights (pack_nt) -------------------------------------------
// B is stored as panels of kPanel columns (outputs), each k rows of kPanel floats: an A
// element is broadcast and multiplied into whole vectors of outputs, so each output's sum runs
// down k in one register with no reduction across lanes at the end (what the dot-product
// tiles above pay per output, a large share when k is ~100). A panel (k x 32 floats) stays in
// L1 while every row block of A passes it.

// MR rows of A against one panel: MR x 2 accumulators of 16 floats (24 of 32 zmm at MR 12).
// A tile's sums, then beta·C, then the bias (nullptr: none), then the activation
// (kActivationGelu: avx512::gelu_erf) applied as they are stored.
template <int MR>
LEXLOOM_AVX512 inline void packed_tile(int64_t k, const float* A, int64_t lda,
                                       const float* panel, float beta, const float* bias,
                                       int activation, float* C, int64_t ldc, __mmask16 lo,
                                       __mmask16 hi) {
    __m512 acc0[MR], acc1[MR];
    for (int r = 0; r < MR; ++r) {
        acc0[r] = _mm512_setzero_ps();
        acc1[r] = _mm512_setzero_ps();
        // the tile's output lines, fetched for writing while the sums run: a product whose
        // output is larger than the caches otherwise waits on each line at the store
        // (4,096 x 1,536 outputs: 216 -> 247 GFLOP/s on a Zen 5 core). A prefetch never
        // faults, also past the end of a short last row.
        _mm_prefetch(reinterpret_cast<const char*>(C + r * ldc), _MM_HINT_ET0);
        _mm_prefetch(reinterpret_cast<const char*>(C + r * ldc + 16), _MM_HINT_ET0);
    }
    for (int64_t p = 0; p < k; ++p) {
        const __m512 b0 = _mm512_loadu_ps(panel + p * kPanel);
        const __m512 b1 = _mm512_loadu_ps(panel + p * kPanel + 16);
        for (int r = 0; r < MR; ++r) {
            const __m512 a = _mm512_set1_ps(A[r * lda + p]);
            acc0[r] = _mm512_fmadd_ps(a, b0, acc0[r]);
            acc1[r] = _mm512_fmadd_ps(a, b1, acc1[r]);
        }
    }
    const __m512 bias0 = bias ? _mm512_maskz_loadu_ps(lo, bias) : _mm512_setzero_ps();
    const __m512 bias1 = bias ? _mm512_maskz_loadu_ps(hi, bias + 16) : _mm512_setzero_ps();
    for (int r = 0; r < MR; ++r) {
        float* c = C + r * ldc;
        if (beta != 0.0f) {
            const __m512 scale = _mm512_set1_ps(beta);
            acc0[r] = _mm512_fmadd_ps(scale, _mm512_maskz_loadu_ps(lo, c), acc0[r]);
            acc1[r] = _mm512_fmadd_ps(scale, _mm512_maskz_loadu_ps(hi, c + 16), acc1[r]);
        }
        if (bias) {
            acc0[r] = _mm512_add_ps(acc0[r], bias0);
            acc1[r] = _mm512_add_ps(acc1[r], bias1);
        }
        if (activation == kActivationGelu) {
            acc0[r] = avx512::gelu_erf(acc0[r]);
            acc1[r] = avx512::gelu_erf(acc1[r]);
        }
        _mm512_mask_storeu_ps(c, lo, acc0[r]);
        _mm512_mask_storeu_ps(c + 16, hi, acc1[r]);
    }
}

template <int MR>
LEXLOOM_AVX512 void packed_rows_avx512(int64_t rows, int64_t k, const float* A, int64_t lda,
                                       const float* panel, float beta, const float* bias,
                                       int activation, float* C, int64_t ldc, __mmask16 lo,
                                       __mmask16 hi) {
    if constexpr (MR > 0) {
        if (rows == MR) {
            packed_tile<MR>(k, A, lda, panel, beta, bias, activation, C, ldc, lo, hi);
        } else {
            packed_rows_avx512<MR - 1>(rows, k, A, lda, panel, beta, bias, activation, C, ldc,
                                       lo, hi);
        }
    }
}

LEXLOOM_AVX512 void sgemm_packed_avx512(int64_t m, int64_t n, int64_t k, const float* A,
                                        int64_t lda, const float* P, float beta,
                                        const float* bias, int activation, float* C,
                                        int64_t ldc) {
    constexpr int MR = 12;
    for (int64_t j = 0; j < n; j += kPanel) {
        const int64_t left = n - j;
        const __mmask16 lo = left >= 16 ? 0xFFFF : static_cast<__mmask16>((1u << left) - 1u);
        const __mmask16 hi = left >= 32   ? 0xFFFF
                             : left <= 16 ? 0
                                          : static_cast<__mmask16>((1u << (left - 16)) - 1u);
        const float* panel = P + j * k;
        const float* panel_bias = bias ? bias + j : nullptr;
        int64_t i = 0;
        for (; i + MR <= m; i += MR)
            packed_tile<MR>(k, A + i * lda, lda, panel, beta, panel_bias, activation,
                            C + i * ldc + j, ldc, lo, hi);
        if (i < m)
            packed_rows_avx512<MR - 1>(m - i, k, A + i * lda, lda, panel, beta, panel_bias,
                                       activation, C + i * ldc + j, ldc, lo, hi);
    }
}

#else
bool cpu_has_avx512() { return false; }
bool cpu_has_avx2() { return false; }
#endif

// The small-row kernel in use: 2 AVX-512, 1 AVX2, 0 none (the BLAS, or the portable loop).
std::atomic<int> g_small_isa{-1};  // -1: not yet read off the CPU

int cpu_small_isa() {
    return cpu_has_avx512() ? 2 : cpu_has_avx2() ? 1 : 0;
}

int small_isa() {
    int isa = g_small_isa.load(std::memory_order_relaxed);
    if (isa < 0) {
        isa = cpu_small_isa();
        g_small_isa.store(isa);
    }
    return isa;
}

// Whether the small-row kernel beats the BLAS for m rows of k: the AVX-512 kernel up to the
// small_rows limit; the AVX2 one, whose 8-float dot products end in a horizontal sum per
// output, only for fewer rows, and fewer still for short rows (measured on a Zen core
// against OpenBLAS: k = 64 or 96 wins up to ~16-20 rows, k = 288 up to ~40).
bool small_kernel_wins(int64_t m, int64_t k) {
    const int isa = small_isa();
    if (isa == 2) return true;
    if (isa == 1) return m <= (k >= 192 ? 40 : 16);
    return false;
}

}  // namespace

void set_small_rows(int64_t rows) { g_small_rows.store(rows < 0 ? 0 : rows); }

int64_t small_rows() { return g_small_rows.load(); }

bool has_small_kernel() { return small_isa() > 0; }

int small_kernel_isa() { return small_isa(); }

int set_small_kernel_isa(int isa) {
    const int best = cpu_small_isa();
    g_small_isa.store(isa < 0 || isa > best ? best : isa);
    return g_small_isa.load();
}

void sgemm_nt_small(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda,
                    const float* B, int64_t ldb, float beta, float* C, int64_t ldc) {
    if (m <= 0 || n <= 0) return;
#ifdef LEXLOOM_HAVE_AVX512_KERNEL
    const int isa = small_isa();
    if (isa == 2 && k > 0) {
        sgemm_nt_avx512(m, n, k, A, lda, B, ldb, beta, C, ldc);
        return;
    }
    if (isa == 1 && k > 0) {
        sgemm_nt_avx2(m, n, k, A, lda, B, ldb, beta, C, ldc);
        return;
    }
#endif
    sgemm_nt_portable(m, n, k, A, lda, B, ldb, beta, C, ldc);
}

void set_cblas_sgemm(void* fn, int int_bits) {
    g_int_bits.store(fn ? int_bits : 0);
    g_sgemm.store(fn);
}

bool has_cblas_sgemm() { return g_sgemm.load() != nullptr; }

void set_blas_threads(void* set_threads_local, int threads) {
    g_set_threads_local.store(set_threads_local);
    g_blas_threads.store(set_threads_local != nullptr && threads > 0 ? threads : 0);
}

void sgemm_nt_portable(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda,
                       const float* B, int64_t ldb, float beta, float* C, int64_t ldc) {
    // Four rows of B at a time against one row of A: each A row is read once per block and
    // the inner loop over k vectorizes.
    for (int64_t i = 0; i < m; ++i) {
        const float* a = A + i * lda;
        float* c = C + i * ldc;
        int64_t j = 0;
        for (; j + 4 <= n; j += 4) {
            const float* b0 = B + j * ldb;
            const float* b1 = b0 + ldb;
            const float* b2 = b1 + ldb;
            const float* b3 = b2 + ldb;
            float s0 = 0.0f, s1 = 0.0f, s2 = 0.0f, s3 = 0.0f;
            for (int64_t p = 0; p < k; ++p) {
                s0 += a[p] * b0[p];
                s1 += a[p] * b1[p];
                s2 += a[p] * b2[p];
                s3 += a[p] * b3[p];
            }
            c[j] = beta == 0.0f ? s0 : s0 + beta * c[j];
            c[j + 1] = beta == 0.0f ? s1 : s1 + beta * c[j + 1];
            c[j + 2] = beta == 0.0f ? s2 : s2 + beta * c[j + 2];
            c[j + 3] = beta == 0.0f ? s3 : s3 + beta * c[j + 3];
        }
        for (; j < n; ++j) {
            const float* b = B + j * ldb;
            float s = 0.0f;
            for (int64_t p = 0; p < k; ++p) s += a[p] * b[p];
            c[j] = beta == 0.0f ? s : s + beta * c[j];
        }
    }
}

void sgemm_nt(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B,
              int64_t ldb, float beta, float* C, int64_t ldc) {
    sgemm_nt_chosen_as(m, m, n, k, A, lda, B, ldb, beta, C, ldc);
}

void sgemm_nt_chosen_as(int64_t m_choice, int64_t m, int64_t n, int64_t k, const float* A,
                        int64_t lda, const float* B, int64_t ldb, float beta, float* C,
                        int64_t ldc) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        for (int64_t i = 0; i < m; ++i) {
            float* c = C + i * ldc;
            for (int64_t j = 0; j < n; ++j) c[j] = beta == 0.0f ? 0.0f : beta * c[j];
        }
        return;
    }
    if (m_choice <= g_small_rows.load() && small_kernel_wins(m_choice, k)) {
        sgemm_nt_small(m, n, k, A, lda, B, ldb, beta, C, ldc);
        return;
    }
    void* fn = g_sgemm.load();
    const int bits = g_int_bits.load();
    // BLAS rejects row strides shorter than the rows; the portable loop takes any.
    if (lda < k || ldb < k || ldc < n) fn = nullptr;
    // The thread count for this product only (restored after it: numpy's own calls from
    // this thread keep the BLAS's count).
    const int threads = fn != nullptr ? g_blas_threads.load() : 0;
    const auto set_threads = reinterpret_cast<SetThreadsLocal>(g_set_threads_local.load());
    const int previous_threads = threads > 0 && set_threads ? set_threads(threads) : 0;
    if (fn != nullptr && bits == 64) {
        reinterpret_cast<Sgemm64>(fn)(kRowMajor, kNoTrans, kTrans, m, n, k, 1.0f, A, lda, B, ldb,
                                      beta, C, ldc);
    } else if (fn != nullptr && bits == 32 && m < (int64_t{1} << 31) &&
               n < (int64_t{1} << 31) && k < (int64_t{1} << 31) &&
               lda < (int64_t{1} << 31) && ldb < (int64_t{1} << 31) &&
               ldc < (int64_t{1} << 31)) {
        reinterpret_cast<Sgemm32>(fn)(kRowMajor, kNoTrans, kTrans, static_cast<int>(m),
                                      static_cast<int>(n), static_cast<int>(k), 1.0f, A,
                                      static_cast<int>(lda), B, static_cast<int>(ldb), beta, C,
                                      static_cast<int>(ldc));
    } else {
        sgemm_nt_portable(m, n, k, A, lda, B, ldb, beta, C, ldc);
    }
    if (threads > 0 && set_threads) set_threads(previous_threads);
}

int64_t packed_nt_floats(int64_t n, int64_t k) {
    return n <= 0 || k <= 0 ? 0 : (n + kPanel - 1) / kPanel * kPanel * k;
}

void pack_nt(int64_t n, int64_t k, const float* B, int64_t ldb, float* P) {
    for (int64_t j0 = 0; j0 < n; j0 += kPanel) {
        float* panel = P + j0 * k;
        for (int64_t p = 0; p < k; ++p) {
            for (int64_t c = 0; c < kPanel; ++c) {
                const int64_t j = j0 + c;
                panel[p * kPanel + c] = j < n ? B[j * ldb + p] : 0.0f;
            }
        }
    }
}

bool has_packed_kernel() { return small_isa() == 2 && g_small_rows.load() > 0; }

void sgemm_nt_packed(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda,
                     const float* B, int64_t ldb, const float* P, float beta, float* C,
                     int64_t ldc, const float* bias, int activation) {
    if (m <= 0 || n <= 0) return;
#ifdef LEXLOOM_HAVE_AVX512_KERNEL
    if (P != nullptr && k > 0 && has_packed_kernel()) {
        // Blocks of rows: a block of A stays in cache while every panel of P passes over it
        // (the kernel's loop is panels outside, rows inside).
        for (int64_t i = 0; i < m; i += kPackedBlockRows) {
            const int64_t rows = m - i < kPackedBlockRows ? m - i : kPackedBlockRows;
            sgemm_packed_avx512(rows, n, k, A + i * lda, lda, P, beta, bias, activation,
                                C + i * ldc, ldc);
        }
        return;
    }
#endif
    if (bias != nullptr) {
        // beta·C + bias first, then the product added onto it (the same sums, one more pass)
        for (int64_t i = 0; i < m; ++i) {
            float* c = C + i * ldc;
            for (int64_t j = 0; j < n; ++j) c[j] = beta != 0.0f ? beta * c[j] + bias[j] : bias[j];
        }
        beta = 1.0f;
    }
    sgemm_nt(m, n, k, A, lda, B, ldb, beta, C, ldc);
    if (activation == kActivationGelu) {
        for (int64_t i = 0; i < m; ++i) {
            float* c = C + i * ldc;
            for (int64_t j = 0; j < n; ++j)
                c[j] = 0.5f * c[j] * (1.0f + std::erf(c[j] * 0.70710678118654752f));
        }
    }
}

}  // namespace lexloom
