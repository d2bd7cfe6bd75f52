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

int main() {
    test_every_kernel_matches_the_portable_loop();
    test_rows_of_a_block_keep_the_blocks_kernel();
    return lexloom_test::report("gemm");
}
