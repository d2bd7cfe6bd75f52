#include "maxout_layer.hh"

#include <cmath>
#include <cstring>
#include <vector>

#include "gemm.hh"
#include "simd.hh"

namespace lexloom {

float numpy_pairwise_sum(const float* a, int64_t n) {
    if (n < 8) {
        float res = -0.0f;
        for (int64_t i = 0; i < n; ++i) res += a[i];
        return res;
    }
    if (n <= 128) {
        float r[8];
        for (int j = 0; j < 8; ++j) r[j] = a[j];
        int64_t i = 8;
        for (; i < n - (n % 8); i += 8) {
            for (int j = 0; j < 8; ++j) r[j] += a[i + j];
        }
        float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) res += a[i];
        return res;
    }
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return numpy_pairwise_sum(a, n2) + numpy_pairwise_sum(a + n2, n - n2);
}

int64_t maxout_layer_scratch(int64_t N, int64_t nI, const MaxoutLayer& layer) {
    const int64_t cols = layer.window > 0 ? nI * (2 * layer.window + 1) : 0;
    return N * (cols + layer.nO * layer.nP);
}

namespace {

// Rows lo..hi of the window features (written from out's first row): X[i - w], ...,
// X[i + w], zeros outside [0, N).
void window_features(const float* X, int64_t N, int64_t nI, int64_t window, int64_t lo,
                     int64_t hi, float* out) {
    const int64_t width = nI * (2 * window + 1);
    for (int64_t i = lo; i < hi; ++i) {
        float* row = out + (i - lo) * width;
        for (int64_t d = -window; d <= window; ++d) {
            float* dst = row + (d + window) * nI;
            const int64_t src = i + d;
            if (src < 0 || src >= N) {
                std::memset(dst, 0, static_cast<size_t>(nI) * sizeof(float));
            } else {
                std::memcpy(dst, X + src * nI, static_cast<size_t>(nI) * sizeof(float));
            }
        }
    }
}

// Bias, maxout, layer norm and residual for one row (pre: nO * nP values, changed in place).
LEXLOOM_VECTOR_CLONES
void finish_row(float* __restrict pre, const float* __restrict b, int64_t nO, int64_t nP,
                const float* G, const float* beta, const float* res, float* __restrict y,
                float* __restrict tmp) {
    const int64_t width = nO * nP;
    for (int64_t k = 0; k < width; ++k) pre[k] += b[k];
    for (int64_t o = 0; o < nO; ++o) {
        const float* pieces = pre + o * nP;
        float best = pieces[0];
        for (int64_t p = 1; p < nP; ++p) {
            if (pieces[p] > best) best = pieces[p];
        }
        tmp[o] = best;
    }
    if (G != nullptr) {
        const float n = static_cast<float>(nO);
        const float mean = (0.0f + numpy_pairwise_sum(tmp, nO)) / n;
        float* dev = tmp + nO;
        for (int64_t o = 0; o < nO; ++o) {
            const float d = tmp[o] - mean;
            dev[o] = d * d;
        }
        const float var = (0.0f + numpy_pairwise_sum(dev, nO)) / n + 1e-08f;
        const float scale = std::pow(var, -0.5f);
        for (int64_t o = 0; o < nO; ++o) {
            const float xhat = (tmp[o] - mean) * scale;
            tmp[o] = xhat * G[o] + beta[o];
        }
    }
    if (res != nullptr) {
        for (int64_t o = 0; o < nO; ++o) y[o] = res[o] + tmp[o];
    } else {
        std::memcpy(y, tmp, static_cast<size_t>(nO) * sizeof(float));
    }
}

}  // namespace

void maxout_layer_forward(const float* X, int64_t N, int64_t nI, const MaxoutLayer& layer,
                          bool residual, float* Y, float* scratch) {
    maxout_layer_forward_rows(X, N, nI, layer, residual, Y, scratch, 0, N);
}

void maxout_layer_forward_rows(const float* X, int64_t N, int64_t nI,
                               const MaxoutLayer& layer, bool residual, float* Y,
                               float* scratch, int64_t lo, int64_t hi) {
    lo = lo < 0 ? 0 : lo;
    hi = hi > N ? N : hi;
    if (hi <= lo) return;
    const int64_t rows = hi - lo;
    const int64_t width = layer.nO * layer.nP;
    const float* A = X + lo * nI;
    int64_t lda = nI;
    float* pre = scratch;
    if (layer.window > 0) {
        lda = nI * (2 * layer.window + 1);
        window_features(X, N, nI, layer.window, lo, hi, scratch);
        A = scratch;
        pre = scratch + rows * lda;
    }
    // The kernel is the one all N rows would take. The small-row kernels give a row the
    // same floats whichever rows are multiplied with it; the BLAS may round a row
    // differently (last bit) in a product of fewer rows.
    if (layer.packed != nullptr && N <= kPackedRows && has_packed_kernel()) {
        sgemm_nt_packed(rows, width, lda, A, lda, layer.W, lda, layer.packed, 0.0f, pre, width);
    } else {
        sgemm_nt_chosen_as(N, rows, width, lda, A, lda, layer.W, lda, 0.0f, pre, width);
    }
    std::vector<float> tmp(static_cast<size_t>(2 * layer.nO));
    for (int64_t i = lo; i < hi; ++i) {
        // With a residual Y may be X: row i of X is read (into the residual sum) before row
        // i of Y is written, and the window features were copied out before.
        finish_row(pre + (i - lo) * width, layer.b, layer.nO, layer.nP, layer.G, layer.beta,
                   residual ? X + i * nI : nullptr, Y + i * layer.nO, tmp.data());
    }
}

}  // namespace lexloom
