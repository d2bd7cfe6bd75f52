// Vectorised float32 functions shared by lexloom's AVX-512 kernels (the attention's softmax,
// the packed product's GELU): one definition each, inlined where they are used. Only on
// x86-64 with GCC or Clang; the callers check the CPU before running them.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define LEXLOOM_AVX512_MATH __attribute__((target("avx512f,avx2,fma")))

namespace lexloom::avx512 {

// e^x for x <= 0 (scores minus their row's maximum) or NaN: Cody-Waite reduction by ln 2,
// Cephes' degree-5 polynomial for e^r on [-ln2/2, ln2/2] (about 1 ulp), scaled by 2^n.
// Inputs below -104 give 0, as e^x underflows there in float32.
LEXLOOM_AVX512_MATH inline __m512 exp_nonpositive(__m512 x) {
    x = _mm512_max_ps(_mm512_set1_ps(-104.0f), x);  // NaN stays NaN (max returns x then)
    const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)),
                                          _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
    __m512 p = _mm512_set1_ps(1.9875691500e-4f);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.3981999507e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(8.3334519073e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(4.1665795894e-2f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.6666665459e-1f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(5.0000001201e-1f));
    const __m512 r2 = _mm512_mul_ps(r, r);
    const __m512 y = _mm512_add_ps(_mm512_fmadd_ps(p, r2, r), _mm512_set1_ps(1.0f));
    return _mm512_scalef_ps(y, n);
}

// GELU with the exact (erf) form, x·Φ(x), as torch's gelu(approximate="none"): Φ from
// Abramowitz & Stegun 7.1.26 (|error of erf| < 1.5e-7, the form torch's vectorised erf
// takes too), the lower tail 0.5·P(t)·e^(-z²) taken directly rather than as 1 - (1 - ...),
// so it keeps its digits far below zero. NaN gives NaN, +inf +inf, -inf NaN (as torch).
LEXLOOM_AVX512_MATH inline __m512 gelu_erf(__m512 x) {
    const __m512 z = _mm512_mul_ps(_mm512_abs_ps(x), _mm512_set1_ps(0.70710678118654752f));
    const __m512 one = _mm512_set1_ps(1.0f);
    const __m512 t = _mm512_div_ps(one, _mm512_fmadd_ps(_mm512_set1_ps(0.3275911f), z, one));
    __m512 p = _mm512_set1_ps(1.061405429f);
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(-1.453152027f));
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(1.421413741f));
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(-0.284496736f));
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(0.254829592f));
    p = _mm512_mul_ps(p, t);
    // the tail beyond |x|: 0.5·erfc(z) = 0.5·P(t)·e^(-z²)
    const __m512 tail = _mm512_mul_ps(_mm512_mul_ps(_mm512_set1_ps(0.5f), p),
                                      exp_nonpositive(_mm512_mul_ps(_mm512_sub_ps(
                                          _mm512_setzero_ps(), z), z)));
    const __mmask16 negative = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_LT_OQ);
    const __m512 cdf = _mm512_mask_blend_ps(negative, _mm512_sub_ps(one, tail), tail);
    return _mm512_mul_ps(x, cdf);
}

}  // namespace lexloom::avx512

#endif
