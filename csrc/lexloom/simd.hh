// Per-CPU versions of hot loops. The package is built for the baseline x86-64 (SSE2) so it
// runs everywhere; functions marked LEXLOOM_VECTOR_CLONES also get an AVX2 version that the
// loader picks on CPUs that have it (GCC function multi-versioning). Only element-wise
// vectorization is gained: no float reassociation, no FMA contraction, so every version
// computes bit-identical results.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__) && \
    !defined(LEXLOOM_NO_CLONES)
#define LEXLOOM_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define LEXLOOM_VECTOR_CLONES
#endif
