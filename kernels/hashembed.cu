// CUDA twins of csrc/lexloom/hashembed.cc: gather-sum of hashed embedding rows and its
// adjoint scatter-add. Shipped as package data (lexloom/kernels/) and compiled at run time
// with cupy.RawModule (lexloom.ml.cuda_kernels); the CPU versions are the reference the
// tests compare against. Row indices are checked on the host before launch.

extern "C" __global__ void gather_sum(const float* __restrict__ table, long long width,
                                      const unsigned int* __restrict__ rows, long long n,
                                      int k, float* __restrict__ out, long long ld_out) {
    // one thread per output element: out[i, j] = sum_q table[rows[i, q], j]
    long long idx = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (idx >= n * width) return;
    long long i = idx / width, j = idx % width;
    float total = 0.0f;
    for (int q = 0; q < k; ++q) total += table[(long long)rows[i * k + q] * width + j];
    out[i * ld_out + j] = total;
}

extern "C" __global__ void scatter_add(float* __restrict__ d_table, long long width,
                                       const unsigned int* __restrict__ rows, long long n,
                                       int k, const float* __restrict__ d_out, long long ld_d) {
    // one thread per (token, column); rows shared by several tokens need atomics
    long long idx = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (idx >= n * width) return;
    long long i = idx / width, j = idx % width;
    float g = d_out[i * ld_d + j];
    for (int q = 0; q < k; ++q) atomicAdd(&d_table[(long long)rows[i * k + q] * width + j], g);
}
