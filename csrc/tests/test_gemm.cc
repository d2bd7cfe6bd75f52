// Unit tests of the small-row products in csrc/lexloom/gemm.hh, with no Python: each kernel the
// CPU runs (AVX-512, AVX2, none) against the portable loop on exact-size buffers (a sanitizer
// build sees any read past a row), tails of k under the vector width, n not a multiple of the
// 4-column tiles, beta 0 and 0.5, and the kernel choice a product of fewer rows keeps. Run by
// tests/test_native_cpp.py (and .ci/sanitize).
#include <cmath>
#include <random>
#include <vector>

#include "check.hh"
#include "lexloom/gemm.hh"

using namespace lexloom;

static void test_every_kernel_matches_the_portable_loop() {
    std::mt19937 gen(1);
    std::normal_distribution<float> normal;
    for (int isa : {2, 1, 0}) {
        if (set_small_kernel_isa(isa) != isa) continue;  // the CPU lacks it
        for (int m = 1; m <= 41; m += 4) {
            for (int n : {1, 3, 4, 5, 13}) {
                for (int k : {1, 7, 8, 9, 16, 17, 97}) {
                    std::vector<float> A(m * k), B(n * k), C(m * n), R(m * n);
                    for (auto& x : A) x = normal(gen);
                    for (auto& x : B) x = normal(gen);
                    for (auto& x : C) x = normal(gen);
                    R = C;
                    const float beta = (m + n) % 2 ? 0.5f : 0.0f;
                    sgemm_nt_small(m, n, k, A.data(), k, B.data(), k, beta, C.data(), n);
                    sgemm_nt_portable(m, n, k, A.data(), k, B.data(), k, beta, R.data(), n);
                    bool close = true;
                    for (int i = 0; i < m * n; ++i)
                        close = close && std::fabs(C[i] - R[i]) <= 1e-4f * (1 + std::fabs(R[i]));
                    CHECK(close);
                }
            }
        }
    }
    set_small_kernel_isa(-1);
    CHECK(small_kernel_isa() >= 0 && small_kernel_isa() <= 2);
    CHECK(has_small_kernel() == (small_kernel_isa() > 0));
}

static void test_rows_of_a_block_keep_the_blocks_kernel() {
    // sgemm_nt_chosen_as(N, m, ...) gives the rows what a product of N rows gives them.
    std::mt19937 gen(2);
    std::normal_distribution<float> normal;
    const int N = 30, n = 24, k = 288;
    std::vector<float> A(N * k), B(n * k), whole(N * n), part(5 * n);
    for (auto& x : A) x = normal(gen);
    for (auto& x : B) x = normal(gen);
    sgemm_nt(N, n, k, A.data(), k, B.data(), k, 0.0f, whole.data(), n);
    sgemm_nt_chosen_as(N, 5, n, k, A.data() + 10 * k, k, B.data(), k, 0.0f, part.data(), n);
    bool close = true;
    for (int i = 0; i < 5 * n; ++i)
        close = close && std::fabs(part[i] - whole[10 * n + i]) <= 1e-5f * (1 + std::fabs(part[i]));
    CHECK(close);
}

static void test_packed_product_adds_the_bias() {
    // C = A·Bᵀ + beta·C + bias: with the packed kernel (the bias added as tiles are stored:
    // bit for bit the product without bias plus the bias) and without it (set_small_rows(0):
    // the bias written into C first), for n not a multiple of the 32-column panels.
    std::mt19937 gen(3);
    std::normal_distribution<float> normal;
    const int64_t rows_before = small_rows();
    for (int64_t rows : {rows_before, int64_t{0}}) {
        set_small_rows(rows);
        for (int m : {1, 13, 50}) {
            for (int n : {1, 17, 40, 64}) {
                const int k = 23;
                std::vector<float> A(m * k), B(n * k), bias(n), C0(m * n), C(m * n), R(m * n);
                std::vector<float> P(packed_nt_floats(n, k));
                for (auto& x : A) x = normal(gen);
                for (auto& x : B) x = normal(gen);
                for (auto& x : bias) x = normal(gen);
                for (auto& x : C0) x = normal(gen);
                pack_nt(n, k, B.data(), k, P.data());
                for (float beta : {0.0f, 0.5f}) {
                    C = C0;
                    R = C0;
                    sgemm_nt_packed(m, n, k, A.data(), k, B.data(), k, P.data(), beta, C.data(),
                                    n, bias.data());
                    sgemm_nt_packed(m, n, k, A.data(), k, B.data(), k, P.data(), beta, R.data(),
                                    n);
                    bool close = true, exact = true;
                    for (int i = 0; i < m; ++i) {
                        for (int j = 0; j < n; ++j) {
                            const float want = R[i * n + j] + bias[j];
                            const float got = C[i * n + j];
                            close = close && std::fabs(got - want) <= 1e-4f * (1 + std::fabs(want));
                            exact = exact && got == want;
                        }
                    }
                    CHECK(close);
                    if (rows > 0 && has_packed_kernel()) CHECK(exact);
                }
            }
        }
    }
    set_small_rows(rows_before);
}

static void test_packed_product_applies_gelu() {
    // GELU after the bias, with the kernel (avx512::gelu_erf) and without it (std::erf):
    // both within 2e-7·(1 + |x|) of x·Φ(x) in double, across signs, a tail far below zero,
    // and NaN / inf as torch gives them.
    const int64_t rows_before = small_rows();
    const int m = 13, n = 40, k = 3;
    std::vector<float> A(m * k), B(n * k), bias(n), C(m * n), R(m * n);
    std::vector<float> P(packed_nt_floats(n, k));
    // rows of A pick out one input each: the product is the bias plus one weight
    for (int i = 0; i < m; ++i)
        for (int p = 0; p < k; ++p) A[i * k + p] = (p == i % k) ? 1.0f : 0.0f;
    for (int j = 0; j < n; ++j) {
        for (int p = 0; p < k; ++p) B[j * k + p] = -9.0f + 0.45f * j + 0.03f * p;
        bias[j] = 0.01f * (j % 7);
    }
    pack_nt(n, k, B.data(), k, P.data());
    for (int64_t rows : {rows_before, int64_t{0}}) {
        set_small_rows(rows);
        sgemm_nt_packed(m, n, k, A.data(), k, B.data(), k, P.data(), 0.0f, R.data(), n,
                        bias.data());
        sgemm_nt_packed(m, n, k, A.data(), k, B.data(), k, P.data(), 0.0f, C.data(), n,
                        bias.data(), kActivationGelu);
        bool close = true;
        for (int i = 0; i < m * n; ++i) {
            const double x = R[i];
            const double want = 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
            close = close && std::fabs(C[i] - want) <= 2e-7 * (1.0 + std::fabs(x));
        }
        CHECK(close);
        const float specials[3] = {std::nanf(""), INFINITY, -INFINITY};
        std::vector<float> one(3), w1(n, 0.0f), p1(packed_nt_floats(n, 1)), out(3 * n);
        for (int i = 0; i < 3; ++i) one[i] = specials[i];
        w1[0] = 1.0f;
        pack_nt(n, 1, w1.data(), 1, p1.data());
        sgemm_nt_packed(3, n, 1, one.data(), 1, w1.data(), 1, p1.data(), 0.0f, out.data(), n,
                        nullptr, kActivationGelu);
        CHECK(std::isnan(out[0]));
        CHECK(std::isinf(out[n]) && out[n] > 0);
        CHECK(std::isnan(out[2 * n]));
    }
    set_small_rows(rows_before);
}

int main() {
    test_every_kernel_matches_the_portable_loop();
    test_rows_of_a_block_keep_the_blocks_kernel();
    test_packed_product_adds_the_bias();
    test_packed_product_applies_gelu();
    return lexloom_test::report("gemm");
}
