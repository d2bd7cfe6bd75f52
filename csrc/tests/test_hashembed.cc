// Unit tests of the embedding kernels in csrc/lexloom/hashembed.hh, with no Python: hashing
// (values thinc's ops.hash gives), gather/scatter against plain loops, the adjoint identity,
// character byte order. Run by tests/test_native_cpp.py (or by hand).
#include <cmath>
#include <cstdio>

#include "check.hh"
#include <cstring>
#include <random>
#include <vector>

#include "lexloom/hashembed.hh"

using namespace lexloom;


static void test_hash_matches_thinc() {
    // thinc 8.3 NumpyOps().hash(numpy.array([k], dtype="uint64"), seed) for these keys.
    uint32_t out[4];
    hash_u64_x4(0, 0, out);
    CHECK(out[0] == 3428303819u && out[1] == 685728695u && out[2] == 3303603794u &&
          out[3] == 4065689084u);
    hash_u64_x4(5983625672228268878ULL, 8, out);  // id of "hello", MultiHashEmbed's first seed
    CHECK(out[0] == 2726685510u && out[1] == 2083710382u && out[2] == 4090028265u &&
          out[3] == 978081925u);
    hash_u64_x4(12345, 11, out);
    CHECK(out[0] == 2565093009u && out[1] == 3320118366u && out[2] == 175886515u &&
          out[3] == 1490815118u);
}

static void test_hash_rows_stride_and_range() {
    // Column 1 of a (3, 2) id array, read with stride 2.
    const uint64_t ids[6] = {1, 100, 2, 200, 3, 300};
    uint32_t rows[12];
    hash_rows(ids + 1, 3, 2, 9, 7, rows);
    for (int i = 0; i < 3; ++i) {
        uint32_t full[4];
        hash_u64_x4(ids[1 + 2 * i], 9, full);
        for (int q = 0; q < 4; ++q) CHECK(rows[i * 4 + q] == full[q] % 7);
    }
    CHECK(find_row_out_of_range(rows, 12, 7) == -1);
    rows[5] = 7;
    CHECK(find_row_out_of_range(rows, 12, 7) == 5);
    CHECK(find_row_out_of_range(rows, 0, 7) == -1);
}

static void test_gather_scatter_match_loops_and_are_adjoint() {
    std::mt19937 rng(0);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    const int64_t nV = 13, width = 7, n = 9;
    for (int k : {1, 3, 4}) {
        std::vector<float> table(nV * width), out(n * (width + 2), 0.5f);
        for (auto& v : table) v = u(rng);
        std::vector<uint32_t> rows(n * k);
        for (auto& r : rows) r = rng() % nV;
        // Write into the first `width` columns of an (n, width + 2) matrix: ld_out = width + 2.
        gather_sum(table.data(), width, rows.data(), n, k, out.data(), width + 2);
        for (int64_t i = 0; i < n; ++i) {
            for (int64_t j = 0; j < width; ++j) {
                float expect = 0.0f;
                for (int q = 0; q < k; ++q) expect += table[rows[i * k + q] * width + j];
                CHECK(std::fabs(out[i * (width + 2) + j] - expect) < 1e-6f);
            }
            CHECK(out[i * (width + 2) + width] == 0.5f);  // columns past width untouched
        }
        // <gather(T), D> == <T, scatter(D)> for random D.
        std::vector<float> d(n * width), dT(nV * width, 0.0f);
        for (auto& v : d) v = u(rng);
        scatter_add(dT.data(), width, rows.data(), n, k, d.data(), width);
        std::vector<float> g(n * width);
        gather_sum(table.data(), width, rows.data(), n, k, g.data(), width);
        double lhs = 0, rhs = 0;
        for (int64_t p = 0; p < n * width; ++p) lhs += double(g[p]) * d[p];
        for (int64_t p = 0; p < nV * width; ++p) rhs += double(table[p]) * dT[p];
        CHECK(std::fabs(lhs - rhs) < 1e-4);
    }
}

static void test_hash_gather_sum_is_hash_then_gather() {
    std::mt19937 rng(1);
    const int64_t nV = 11, width = 5, n = 6;
    std::vector<float> table(nV * width);
    for (size_t p = 0; p < table.size(); ++p) table[p] = float(p % 17) - 8.0f;
    std::vector<uint64_t> ids(n);
    for (auto& v : ids) v = (uint64_t(rng()) << 32) | rng();
    std::vector<uint32_t> rows_a(n * 4), rows_b(n * 4);
    std::vector<float> out_a(n * width), out_b(n * width);
    hash_gather_sum(ids.data(), n, 1, 3, table.data(), nV, width, rows_a.data(), out_a.data(),
                    width);
    hash_rows(ids.data(), n, 1, 3, nV, rows_b.data());
    gather_sum(table.data(), width, rows_b.data(), n, 4, out_b.data(), width);
    CHECK(rows_a == rows_b);
    CHECK(out_a == out_b);
    // n = 0 touches nothing.
    hash_gather_sum(ids.data(), 0, 1, 3, table.data(), nV, width, nullptr, nullptr, width);
}

static void test_utf8_ends_order_and_padding() {
    uint8_t out[8];
    utf8_ends("jumping", 7, 4, out);
    CHECK(std::memcmp(out, "jgun", 4) == 0);
    utf8_ends("jumping", 7, 8, out);
    CHECK(std::memcmp(out, "jgunmip", 7) == 0 && out[7] == CHAR_PAD);
    utf8_ends("ab", 2, 5, out);
    CHECK(out[0] == 'a' && out[1] == 'b' && out[2] == CHAR_PAD && out[4] == CHAR_PAD);
    utf8_ends("", 0, 3, out);
    CHECK(out[0] == CHAR_PAD && out[2] == CHAR_PAD);
    utf8_ends("\xc3\xa9", 2, 2, out);  // é: bytes, not code points
    CHECK(out[0] == 0xc3 && out[1] == 0xa9);
}

static void test_char_gather_scatter() {
    const int nC = 3;
    const int64_t width = 2, n = 2;
    std::vector<float> table(nC * 256 * width);
    for (size_t p = 0; p < table.size(); ++p) table[p] = float(p);
    const uint8_t ids[6] = {0, 255, 7, 1, 1, 1};
    std::vector<float> out(n * nC * width);
    char_gather(table.data(), nC, width, ids, n, out.data());
    CHECK(out[0] == table[(0 * 256 + 0) * width]);
    CHECK(out[3] == table[(1 * 256 + 255) * width + 1]);
    CHECK(out[(1 * nC + 2) * width] == table[(2 * 256 + 1) * width]);
    std::vector<float> dT(table.size(), 0.0f), d(n * nC * width, 1.0f);
    char_scatter_add(dT.data(), nC, width, ids, n, d.data());
    CHECK(dT[(0 * 256 + 0) * width] == 1.0f);
    CHECK(dT[(0 * 256 + 1) * width] == 1.0f);
    CHECK(dT[(2 * 256 + 7) * width + 1] == 1.0f);
    CHECK(dT[(1 * 256 + 1) * width] == 1.0f);
    CHECK(dT[(1 * 256 + 2) * width] == 0.0f);
}

int main() {
    test_hash_matches_thinc();
    test_hash_rows_stride_and_range();
    test_gather_scatter_match_loops_and_are_adjoint();
    test_hash_gather_sum_is_hash_then_gather();
    test_utf8_ends_order_and_padding();
    test_char_gather_scatter();
    return lexloom_test::report("hashembed");
}
