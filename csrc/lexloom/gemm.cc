#include "gemm.hh"

#include <atomic>

namespace lexloom {

namespace {

// CBLAS enum values (cblas.h): row-major order, no transpose, transpose.
constexpr int kRowMajor = 101;
constexpr int kNoTrans = 111;
constexpr int kTrans = 112;

using Sgemm64 = void (*)(int, int, int, int64_t, int64_t, int64_t, float, const float*, int64_t,
                         const float*, int64_t, float, float*, int64_t);
using Sgemm32 = void (*)(int, int, int, int, int, int, float, const float*, int, const float*,
                         int, float, float*, int);

std::atomic<void*> g_sgemm{nullptr};
std::atomic<int> g_int_bits{0};

}  // namespace

void set_cblas_sgemm(void* fn, int int_bits) {
    g_int_bits.store(fn ? int_bits : 0);
    g_sgemm.store(fn);
}

bool has_cblas_sgemm() { return g_sgemm.load() != nullptr; }

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
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        for (int64_t i = 0; i < m; ++i) {
            float* c = C + i * ldc;
            for (int64_t j = 0; j < n; ++j) c[j] = beta == 0.0f ? 0.0f : beta * c[j];
        }
        return;
    }
    void* fn = g_sgemm.load();
    const int bits = g_int_bits.load();
    // BLAS rejects row strides shorter than the rows; the portable loop takes any.
    if (lda < k || ldb < k || ldc < n) fn = nullptr;
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
}

}  // namespace lexloom
