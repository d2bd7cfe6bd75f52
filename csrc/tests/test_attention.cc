// Unit tests of the CPU self-attention in csrc/lexloom/attention.hh, with no Python: the
// vectorised kernel (where the CPU has it) against the portable loops on exact-size buffers
// (a sanitizer build sees any read past a row), rows wider than the heads (q, k and v as
// column blocks of one product), padded keys, query row counts that leave tails of the row
// blocks, the softmax of rows with one key, and the work split over threads. Run by
// tests/test_native_cpp.py.
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "check.hh"
#include "lexloom/attention.hh"

using namespace lexloom;

static void test_kernel_matches_the_portable_loops() {
    std::mt19937 gen(3);
    std::normal_distribution<float> normal;
    for (int64_t head_dim : {16, 32, 48, 64, 128, 24}) {
        for (int64_t length : {1, 3, 16, 17, 63, 130}) {
            const int64_t batch = 3, heads = 2, width = heads * head_dim, stride = 3 * width;
            std::vector<float> qkv(batch * length * stride);
            for (auto& x : qkv) x = 3 * normal(gen);
            std::vector<int64_t> lengths = {length, 1, (length + 1) / 2};
            std::vector<float> fast(batch * length * width), slow(fast.size());
            const float scale = 1.0f / std::sqrt(static_cast<float>(head_dim));
            self_attention(qkv.data(), qkv.data() + width, qkv.data() + 2 * width, stride, batch,
                           length, heads, head_dim, lengths.data(), scale, fast.data(), width,
                           true);
            self_attention(qkv.data(), qkv.data() + width, qkv.data() + 2 * width, stride, batch,
                           length, heads, head_dim, lengths.data(), scale, slow.data(), width,
                           false);
            // split over threads: the same numbers, every unit computed once
            std::vector<float> split(fast.size());
            self_attention(qkv.data(), qkv.data() + width, qkv.data() + 2 * width, stride, batch,
                           length, heads, head_dim, lengths.data(), scale, split.data(), width,
                           true, 3);
            CHECK(split == fast);
            bool close = true;
            for (size_t i = 0; i < fast.size(); ++i)
                close = close && std::fabs(fast[i] - slow[i]) <= 1e-4f * (1 + std::fabs(slow[i]));
            CHECK(close);
            // a sequence with one key: every query row gets that key's value row
            bool copied = true;
            for (int64_t i = 0; i < length; ++i)
                for (int64_t d = 0; d < width; ++d)
                    copied = copied && std::fabs(fast[(length + i) * width + d] -
                                                 qkv[length * stride + 2 * width + d]) <= 1e-6f;
            CHECK(copied);
        }
    }
    CHECK(!self_attention_fast(24) && !self_attention_fast(0) && !self_attention_fast(144));
}

int main() {
    test_kernel_matches_the_portable_loops();
    return lexloom_test::report("attention");
}
