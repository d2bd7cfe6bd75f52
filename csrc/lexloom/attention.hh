// Bidirectional self-attention of an encoder layer on the CPU, float32, no Python.
//
// A transformer encoder's attention, per sequence b and head h, is
//     out[b, i, h] = sum_j softmax_j(scale * q[b, i, h] . k[b, j, h]) * v[b, j, h]
// over the keys j < key_len[b] (right padding: the keys after a sequence's length are left
// out, as an additive mask of -inf would). Every query row, padded ones too, is computed.
// q, k and v are the outputs of the layer's three products, rows of (heads x head_dim)
// floats, `in_stride` floats apart (row b * length + i); out is written in the same layout,
// rows `out_stride` floats apart, which is what the layer's output product reads.
//
// Why: for the short spans a span getter makes (tens to ~200 wordpieces) and small heads
// (32-64), torch's CPU attention kernels run at a third of the rate of the products around
// them; this one keeps a head's keys transposed in cache and a block of query rows' scores
// and outputs in registers.
#pragma once
#include <cstdint>

namespace lexloom {

// Whether the AVX-512 kernel can run for this head size on this CPU (head_dim a multiple of
// 16, at most 128). Without it, callers use their framework's attention instead.
bool self_attention_fast(int64_t head_dim);

// Computes the attention described above. `vectorized` = false runs the portable reference
// loops (the kernel's twin in tests); true needs self_attention_fast(head_dim). The
// vectorised kernel splits the (sequence, head) pairs over up to `threads` threads (the
// framework's thread count: torch's own attention would use that many).
void self_attention(const float* q, const float* k, const float* v, int64_t in_stride,
                    int64_t batch, int64_t length, int64_t heads, int64_t head_dim,
                    const int64_t* key_len, float scale, float* out, int64_t out_stride,
                    bool vectorized, int threads = 1);

}  // namespace lexloom
