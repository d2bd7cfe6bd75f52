// Embedding kernels, CPU twins of the GPU kernels: hash ids into K = 4 rows of a table,
// sum those rows (forward), scatter-add gradients back into them (backward); and the
// per-position byte tables of character embeddings. float32 throughout, no Python.
//
// Layout conventions: tables are row-major (n_rows, width); `ld_*` arguments are row strides
// in elements, so outputs can be written straight into a column block of a wider matrix
// (e.g. one slice of a concatenation). Id arrays take an element stride, so a column of an
// (n, k) attribute array is read in place.
#pragma once
#include <cstddef>
#include <cstdint>

namespace lexloom {

constexpr int HASH_K = 4;  // rows per id

// MurmurHash3_x64_128 of the 8 bytes of `key` (read as one little-endian word) with a 32-bit
// seed, split into 4 uint32: low and high word of h1, then of h2. These are the values thinc's
// `ops.hash` gives, so hashed rows (and trained tables) carry over between the libraries.
void hash_u64_x4(uint64_t key, uint32_t seed, uint32_t out[4]);

// rows[i * 4 + k] = hash_u64_x4(ids[i * stride], seed)[k] % n_rows for i < n.
// n_rows must be > 0.
void hash_rows(const uint64_t* ids, int64_t n, int64_t stride, uint32_t seed, uint32_t n_rows,
               uint32_t* rows);

// The first position p < count with rows[p] >= n_rows, or -1 when every index is in range.
int64_t find_row_out_of_range(const uint32_t* rows, int64_t count, uint32_t n_rows);

// out[i * ld_out + j] = sum over q < k of table[rows[i * k + q] * width + j], j < width.
// Row indices must be < the table's row count (check with find_row_out_of_range).
void gather_sum(const float* table, int64_t width, const uint32_t* rows, int64_t n, int k,
                float* out, int64_t ld_out);

// d_table[rows[i * k + q] * width + j] += d_out[i * ld_d + j]: the adjoint of gather_sum.
void scatter_add(float* d_table, int64_t width, const uint32_t* rows, int64_t n, int k,
                 const float* d_out, int64_t ld_d);

// The deterministic variant of scatter_add (the GPU's sort-and-reduce kernel, run on CPU):
// order[0..count) is the stable sort of the flat positions p = i * k + q by rows[p]
// (count = n * k); each row's gradient is summed in that order, then added to d_table.
void scatter_add_sorted(float* d_table, int64_t width, const int64_t* order, int64_t count,
                        int k, const float* d_out, int64_t ld_d, const uint32_t* rows);

// hash_rows then gather_sum in one pass over the ids (rows are still written out, for the
// backward pass). n_rows is the table's row count.
void hash_gather_sum(const uint64_t* ids, int64_t n, int64_t stride, uint32_t seed,
                     const float* table, uint32_t n_rows, int64_t width, uint32_t* rows,
                     float* out, int64_t ld_out);

// The byte a character embedding uses for "no character here".
constexpr uint8_t CHAR_PAD = 255;

// The UTF-8 bytes of s[0..len) from both ends, alternating: first, last, second,
// second-to-last, ... into out[0..n_chars); positions past the word get CHAR_PAD. So for
// "jumping" and n_chars = 4 the bytes are j, g, u, n. (spaCy's Doc.to_utf8_array order.)
void utf8_ends(const char* s, size_t len, int n_chars, uint8_t* out);

// Character embedding forward. table is (n_chars, 256, width): one 256-row table per position.
// out[i * n_chars * width + c * width + j] = table[(c * 256 + ids[i * n_chars + c]) * width + j].
void char_gather(const float* table, int n_chars, int64_t width, const uint8_t* ids, int64_t n,
                 float* out);

// The adjoint of char_gather: d_table[c, ids[i, c], :] += d_out[i, c * width : (c + 1) * width].
void char_scatter_add(float* d_table, int n_chars, int64_t width, const uint8_t* ids, int64_t n,
                      const float* d_out);

}  // namespace lexloom
