#include "lexloom/adam.hh"

#include <cmath>

#include "lexloom/simd.hh"

namespace lexloom {
namespace {

// One element at a time as thinc computes it, written so that the compiler vectorizes the
// loop: each flag is a template argument, so the loop has no branches.
template <bool Clip, bool Decay, bool Average>
LEXLOOM_VECTOR_CLONES void adam_loop(float* __restrict__ w, float* __restrict__ g,
                                     float* __restrict__ m1, float* __restrict__ m2,
                                     float* __restrict__ ema, int64_t n, const AdamSettings s) {
    const float beta1 = s.beta1, beta2 = s.beta2;
    const float one_minus_beta1 = 1.0f - beta1, one_minus_beta2 = 1.0f - beta2;
    const float eps = s.eps, neg_learn_rate = -s.learn_rate;
    const float grad_scale = s.grad_scale, decay = s.decay, average_rate = s.average_rate;
    for (int64_t i = 0; i < n; ++i) {
        float grad = g[i];
        if (Clip) grad = grad * grad_scale;
        float mom1 = m1[i] * beta1;
        mom1 = mom1 + grad * one_minus_beta1;
        float mom2 = m2[i] * beta2;
        mom2 = mom2 + one_minus_beta2 * (grad * grad);
        m1[i] = mom1;
        m2[i] = mom2;
        const float step = mom1 / (std::sqrt(mom2) + eps);
        float weight = w[i] + step * neg_learn_rate;
        if (Decay) weight = weight - decay * weight;
        w[i] = weight;
        g[i] = 0.0f;
        if (Average) ema[i] = ema[i] - average_rate * (ema[i] - weight);
    }
}

template <bool Clip, bool Decay>
void adam_dispatch_average(float* w, float* g, float* m1, float* m2, int64_t n,
                           const AdamSettings& s) {
    if (s.averages != nullptr) {
        adam_loop<Clip, Decay, true>(w, g, m1, m2, s.averages, n, s);
    } else {
        adam_loop<Clip, Decay, false>(w, g, m1, m2, nullptr, n, s);
    }
}

template <bool Clip>
void adam_dispatch_decay(float* w, float* g, float* m1, float* m2, int64_t n,
                         const AdamSettings& s) {
    if (s.weight_decay) {
        adam_dispatch_average<Clip, true>(w, g, m1, m2, n, s);
    } else {
        adam_dispatch_average<Clip, false>(w, g, m1, m2, n, s);
    }
}

}  // namespace

void adam_update(float* w, float* gradient, float* mom1, float* mom2, int64_t n,
                 const AdamSettings& settings) {
    if (settings.clip) {
        adam_dispatch_decay<true>(w, gradient, mom1, mom2, n, settings);
    } else {
        adam_dispatch_decay<false>(w, gradient, mom1, mom2, n, settings);
    }
}

}  // namespace lexloom
