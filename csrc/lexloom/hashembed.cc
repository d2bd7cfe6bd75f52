#include "hashembed.hh"

#include "device_math.hh"

namespace lexloom {

namespace {

// The sum of K rows into one output row. Summed left to right, ((r0 + r1) + r2) + r3, the
// order a zero-initialised axpy accumulation gives, so results agree bit for bit with it.
inline void sum_rows4(const float* __restrict r0, const float* __restrict r1,
                      const float* __restrict r2, const float* __restrict r3,
                      float* __restrict o, int64_t width) {
    for (int64_t j = 0; j < width; ++j)
        o[j] = dm::sum_step(dm::sum_step(dm::sum_step(r0[j], r1[j]), r2[j]), r3[j]);
}

inline void add_row(float* __restrict dst, const float* __restrict src, int64_t width) {
    for (int64_t j = 0; j < width; ++j) dst[j] += src[j];
}

}  // namespace

void hash_u64_x4(uint64_t key, uint32_t seed, uint32_t out[4]) {
    // the shared device/host code (device_math.hh), so the GPU kernels give the same rows
    dm::murmur3_u64_x4(key, seed, out);
}

void hash_rows(const uint64_t* ids, int64_t n, int64_t stride, uint32_t seed, uint32_t n_rows,
               uint32_t* rows) {
    for (int64_t i = 0; i < n; ++i) {
        uint32_t* r = rows + i * HASH_K;
        hash_u64_x4(ids[i * stride], seed, r);
        for (int q = 0; q < HASH_K; ++q) r[q] %= n_rows;
    }
}

int64_t find_row_out_of_range(const uint32_t* rows, int64_t count, uint32_t n_rows) {
    for (int64_t p = 0; p < count; ++p)
        if (rows[p] >= n_rows) return p;
    return -1;
}

void gather_sum(const float* table, int64_t width, const uint32_t* rows, int64_t n, int k,
                float* out, int64_t ld_out) {
    if (k == HASH_K) {
        for (int64_t i = 0; i < n; ++i) {
            const uint32_t* r = rows + i * HASH_K;
            sum_rows4(table + r[0] * width, table + r[1] * width, table + r[2] * width,
                      table + r[3] * width, out + i * ld_out, width);
        }
        return;
    }
    for (int64_t i = 0; i < n; ++i) {
        float* __restrict o = out + i * ld_out;
        for (int64_t j = 0; j < width; ++j) o[j] = 0.0f;
        for (int q = 0; q < k; ++q) add_row(o, table + int64_t(rows[i * k + q]) * width, width);
    }
}

void scatter_add(float* d_table, int64_t width, const uint32_t* rows, int64_t n, int k,
                 const float* d_out, int64_t ld_d) {
    for (int64_t i = 0; i < n; ++i) {
        const float* src = d_out + i * ld_d;
        for (int q = 0; q < k; ++q) add_row(d_table + int64_t(rows[i * k + q]) * width, src, width);
    }
}

void scatter_add_sorted(float* d_table, int64_t width, const int64_t* order, int64_t count,
                        int k, const float* d_out, int64_t ld_d, const uint32_t* rows) {
    int64_t begin = 0;
    while (begin < count) {
        const uint32_t row = rows[order[begin]];
        int64_t end = begin + 1;
        while (end < count && rows[order[end]] == row) ++end;
        float* dst = d_table + int64_t(row) * width;
        for (int64_t j = 0; j < width; ++j)
            dst[j] += dm::scatter_sorted_at(d_out, ld_d, order, k, begin, end, j);
        begin = end;
    }
}

void hash_gather_sum(const uint64_t* ids, int64_t n, int64_t stride, uint32_t seed,
                     const float* table, uint32_t n_rows, int64_t width, uint32_t* rows,
                     float* out, int64_t ld_out) {
    for (int64_t i = 0; i < n; ++i) {
        uint32_t* r = rows + i * HASH_K;
        hash_u64_x4(ids[i * stride], seed, r);
        for (int q = 0; q < HASH_K; ++q) r[q] %= n_rows;
        sum_rows4(table + int64_t(r[0]) * width, table + int64_t(r[1]) * width,
                  table + int64_t(r[2]) * width, table + int64_t(r[3]) * width,
                  out + i * ld_out, width);
    }
}

void utf8_ends(const char* s, size_t len, int n_chars, uint8_t* out) {
    size_t front = 0;
    size_t back = len;  // one past the next byte taken from the end
    int c = 0;
    while (c < n_chars && front < back) {
        out[c++] = static_cast<uint8_t>(s[front++]);
        if (c < n_chars && front < back) out[c++] = static_cast<uint8_t>(s[--back]);
    }
    for (; c < n_chars; ++c) out[c] = CHAR_PAD;
}

void char_gather(const float* table, int n_chars, int64_t width, const uint8_t* ids, int64_t n,
                 float* out) {
    for (int64_t i = 0; i < n; ++i) {
        for (int c = 0; c < n_chars; ++c) {
            const float* __restrict src = table + (int64_t(c) * 256 + ids[i * n_chars + c]) * width;
            float* __restrict dst = out + (i * n_chars + c) * width;
            for (int64_t j = 0; j < width; ++j) dst[j] = src[j];
        }
    }
}

void char_scatter_add(float* d_table, int n_chars, int64_t width, const uint8_t* ids, int64_t n,
                      const float* d_out) {
    for (int64_t i = 0; i < n; ++i) {
        for (int c = 0; c < n_chars; ++c) {
            add_row(d_table + (int64_t(c) * 256 + ids[i * n_chars + c]) * width,
                    d_out + (i * n_chars + c) * width, width);
        }
    }
}

}  // namespace lexloom
