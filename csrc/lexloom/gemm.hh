// Single-precision matrix products for the native inference loops.
//
// The CNN encoder's layers (maxout_layer.hh) multiply through `sgemm_nt`. It runs on the
// CBLAS sgemm that numpy links (OpenBLAS in numpy's wheels), whose address Python finds once
// at import (lexloom.blas) and hands over with `set_cblas_sgemm`: the same call numpy makes,
// so the same floats. Every extension module links its own copy of this core, so each module
// that multiplies registers the address in its copy before use. Where no CBLAS is found, a
// portable loop does the work (same products; the order of float additions may differ).
#pragma once
#include <cstdint>

namespace lexloom {

// Register a CBLAS `sgemm` entry point: int_bits is 64 for an ILP64 build (64-bit ints,
// e.g. numpy's scipy_cblas_sgemm64_) or 32 for the usual LP64 one. nullptr: the portable loop.
void set_cblas_sgemm(void* fn, int int_bits);
// Whether a CBLAS sgemm is registered.
bool has_cblas_sgemm();

// How many threads the registered BLAS may use for lexloom's own products: 0 (the default)
// lets it use its own count; n > 0 sets n around each product through `set_threads_local`,
// OpenBLAS's `int openblas_set_num_threads_local(int)` (a per-thread setting that returns the
// previous one; nullptr where the library lacks it: then the count cannot be changed). One
// thread keeps OpenBLAS's thread pool idle while torch's pool works in the same process
// (lexloom.blas.share_cores_with_torch): two pools that each spin on every core after their
// work take the cores from each other, and a transformer pipeline ran 2-3x slower.
void set_blas_threads(void* set_threads_local, int threads);

// Row-major C (m x n) = A (m x k) · B (n x k)ᵀ + beta · C; lda, ldb, ldc are row strides in
// floats. beta 0 ignores C's old values (NaN included).
void sgemm_nt(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B,
              int64_t ldb, float beta, float* C, int64_t ldc);

// The same, with the kernel chosen as for a product of m_choice rows: a caller that
// multiplies only some rows of a larger block gets the floats the whole block would give.
void sgemm_nt_chosen_as(int64_t m_choice, int64_t m, int64_t n, int64_t k, const float* A,
                        int64_t lda, const float* B, int64_t ldb, float beta, float* C,
                        int64_t ldc);

// Products of at most `rows` rows (m <= rows) skip the BLAS for a blocked kernel where the
// CPU has AVX-512 or AVX2 with FMA (the BLAS repacks B, the weights, on every call: for a
// few rows that costs as much as the product); with AVX2 only up to 16 rows (40 where
// k >= 192), past which OpenBLAS is faster. The kernel reads B in place, so nothing is
// cached; its sums are in another order than the BLAS's (float tolerance). rows 0: always
// the BLAS.
void set_small_rows(int64_t rows);
int64_t small_rows();
// Whether this CPU runs the small-row kernel.
bool has_small_kernel();
// Which small-row kernel runs: 2 AVX-512, 1 AVX2 + FMA, 0 none. set_small_kernel_isa picks
// one at most as wide as the CPU has (tests run the AVX2 kernel on an AVX-512 CPU); -1 goes
// back to the widest. Returns the one now in use.
int small_kernel_isa();
int set_small_kernel_isa(int isa);
// The small-row kernel for any m (the portable loop without AVX2 or AVX-512).
void sgemm_nt_small(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda,
                    const float* B, int64_t ldb, float beta, float* C, int64_t ldc);

// Weights packed once for many products: B (n x k, row stride ldb) copied into P
// (packed_nt_floats(n, k) floats, 0 where n or k is 0) as panels of 32 outputs.
// `sgemm_nt_packed` computes what sgemm_nt computes from B, reading P where the AVX-512
// small-row kernel is in use (has_packed_kernel: not with set_small_rows(0)), in blocks of
// kPackedBlockRows rows: for one Doc's 22 rows of k = 64-384, 1.6-2.6x the small-row kernel
// (no sum across vector lanes per output); for a batch's 10,000 rows of k = 96 into 3,072
// outputs (the parser's), ~1.25x OpenBLAS's sgemm, which also zeroes C in a pass of its own
// first. Elsewhere B goes through sgemm_nt (an AVX2 version of the packed loop was half the
// AVX2 small-row kernel's speed). P may be nullptr (B is used). Its sums run in another
// order (float tolerance); each output's sum is the same whichever other rows are in the
// product. `bias` (n floats, or nullptr) is added to every row: C = A·Bᵀ + beta·C + bias,
// with the packed kernel as each tile is stored (no pass of its own over C); then
// `activation` (kActivationGelu: GELU, x·Φ(x) with the erf, as torch's exact gelu) likewise.
constexpr int64_t kPackedRows = 256;     // callers pack W for one Doc up to this many rows
constexpr int64_t kPackedBlockRows = 48;  // rows per block of a packed product (4 x 12-row tiles)
constexpr int kActivationNone = 0;
constexpr int kActivationGelu = 1;
int64_t packed_nt_floats(int64_t n, int64_t k);
void pack_nt(int64_t n, int64_t k, const float* B, int64_t ldb, float* P);
bool has_packed_kernel();
void sgemm_nt_packed(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda,
                     const float* B, int64_t ldb, const float* P, float beta, float* C,
                     int64_t ldc, const float* bias = nullptr,
                     int activation = kActivationNone);

// The portable loop, always available (tests compare it with the registered BLAS).
void sgemm_nt_portable(int64_t m, int64_t n, int64_t k, const float* A, int64_t lda,
                       const float* B, int64_t ldb, float beta, float* C, int64_t ldc);

}  // namespace lexloom
