// Unit tests of the transition model's output layer on hidden vectors (dense_rows in
// csrc/lexloom/state_layer.cc), with no Python: every score equals, bit for bit, the plain
// loop that adds the products over k in order, then the bias (the register-blocked version
// must keep that order), for widths around its 64- and 8-score blocks.
#include <cstring>
#include <random>
#include <vector>

#include "check.hh"
#include "lexloom/greedy_decode.hh"

using namespace lexloom;

static void test_dense_rows_adds_in_the_plain_loops_order() {
    std::mt19937 gen(3);
    std::normal_distribution<float> normal;
    for (int64_t C : {1, 7, 8, 9, 63, 64, 65, 72, 90, 130, 200}) {
        for (int64_t K : {1, 5, 64, 128}) {
            for (int64_t n : {1, 3}) {
                std::vector<float> H(n * K), Wt(K * C), b(C), S(n * C), R(n * C);
                for (auto& x : H) x = normal(gen);
                for (auto& x : Wt) x = normal(gen);
                for (auto& x : b) x = normal(gen);
                dense_rows(H.data(), n, K, Wt.data(), b.data(), C, S.data());
                for (int64_t i = 0; i < n; ++i) {
                    for (int64_t c = 0; c < C; ++c) {
                        volatile float a = 0.0f;   // no reassociation, no contraction
                        for (int64_t k = 0; k < K; ++k) {
                            volatile float product = H[i * K + k] * Wt[k * C + c];
                            a = a + product;
                        }
                        R[i * C + c] = a + b[c];
                    }
                }
                CHECK(std::memcmp(S.data(), R.data(), S.size() * sizeof(float)) == 0);
            }
        }
    }
}

int main() {
    test_dense_rows_adds_in_the_plain_loops_order();
    return lexloom_test::report("state-layer");
}
