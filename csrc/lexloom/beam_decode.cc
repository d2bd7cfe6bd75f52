// The log-softmax of beam_decode.hh.
#include "beam_decode.hh"

#include "maxout_layer.hh"  // numpy_pairwise_sum

namespace lexloom {

void log_softmax_valid(const float* scores, const uint8_t* valid, int64_t n, float* out) {
    const float neg_inf = -std::numeric_limits<float>::infinity();
    float top = neg_inf;
    for (int64_t c = 0; c < n; ++c) {
        out[c] = valid[c] ? scores[c] : neg_inf;
        top = std::max(top, out[c]);
    }
    std::vector<float> e(static_cast<size_t>(n));
    for (int64_t c = 0; c < n; ++c) {
        out[c] -= top;
        e[c] = std::exp(out[c]);
    }
    const float log_total = std::log(0.0f + numpy_pairwise_sum(e.data(), n));
    for (int64_t c = 0; c < n; ++c) out[c] -= log_total;
}

}  // namespace lexloom
