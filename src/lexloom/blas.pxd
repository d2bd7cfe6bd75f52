# The C-level side of lexloom.blas: the native core's product (csrc/lexloom/gemm.hh) and the
# hand-over of the registered sgemm to the calling module's copy of the core.
from libc.stdint cimport int64_t, uintptr_t

cdef extern from "lexloom/gemm.hh" namespace "lexloom" nogil:
    void set_cblas_sgemm(void* fn, int int_bits)
    bint has_cblas_sgemm()
    void c_sgemm_nt "lexloom::sgemm_nt"(int64_t m, int64_t n, int64_t k, const float* A,
                                        int64_t lda, const float* B, int64_t ldb, float beta,
                                        float* C, int64_t ldc)
    void c_set_blas_threads "lexloom::set_blas_threads"(void* set_threads_local, int threads)
    void c_set_small_rows "lexloom::set_small_rows"(int64_t rows)
    int64_t c_small_rows "lexloom::small_rows"()
    bint c_has_small_kernel "lexloom::has_small_kernel"()
    int c_small_kernel_isa "lexloom::small_kernel_isa"()
    int c_set_small_kernel_isa "lexloom::set_small_kernel_isa"(int isa)
    void c_sgemm_nt_small "lexloom::sgemm_nt_small"(
        int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B,
        int64_t ldb, float beta, float* C, int64_t ldc)
    const int64_t kPackedRows "lexloom::kPackedRows"
    int64_t c_packed_nt_floats "lexloom::packed_nt_floats"(int64_t n, int64_t k)
    void c_pack_nt "lexloom::pack_nt"(int64_t n, int64_t k, const float* B, int64_t ldb,
                                      float* P)
    bint c_has_packed_kernel "lexloom::has_packed_kernel"()
    void c_sgemm_nt_packed "lexloom::sgemm_nt_packed"(
        int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B,
        int64_t ldb, const float* P, float beta, float* C, int64_t ldc, const float* bias,
        int activation)
    const int kActivationNone "lexloom::kActivationNone"
    const int kActivationGelu "lexloom::kActivationGelu"
    void c_sgemm_nt_portable "lexloom::sgemm_nt_portable"(
        int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B,
        int64_t ldb, float beta, float* C, int64_t ldc)


cdef inline int use_registered_blas() except -1:
    """Hand lexloom.blas's sgemm to the native core linked into the calling module: every
    extension module links its own copy of the core, so each one that multiplies calls this
    before its products."""
    from lexloom import blas
    set_cblas_sgemm(<void*><uintptr_t>blas.address, blas.int_bits)
    c_set_blas_threads(<void*><uintptr_t>blas.threads_local_address, blas.thread_count)
    c_set_small_rows(blas.small_rows_threshold)
    c_set_small_kernel_isa(blas.small_kernel_choice)
    return 0
