#include "state_layer.hh"

#include <algorithm>
#include <cstring>
#include <vector>

namespace lexloom {

void state_maxout_forward(const float* P, int64_t n_feats, int64_t n_out, int64_t n_pieces,
                          const int32_t* feats, int64_t n_states, const float* bias,
                          float* hidden, uint8_t* which) {
    const int64_t width = n_out * n_pieces;
    const int64_t row_len = n_feats * width;
    std::vector<float> sum(static_cast<size_t>(width));
    for (int64_t s = 0; s < n_states; ++s) {
        // spaCy's order of float additions (the features from zero, then the bias), so the
        // same weights give bit-identical hidden vectors.
        std::fill(sum.begin(), sum.end(), 0.0f);
        const int32_t* f = feats + s * n_feats;
        for (int64_t j = 0; j < n_feats; ++j) {
            const float* row = P + static_cast<int64_t>(f[j]) * row_len + j * width;
            for (int64_t k = 0; k < width; ++k) sum[k] += row[k];
        }
        for (int64_t k = 0; k < width; ++k) sum[k] += bias[k];
        float* h = hidden + s * n_out;
        uint8_t* w = which + s * n_out;
        for (int64_t o = 0; o < n_out; ++o) {
            const float* pieces = sum.data() + o * n_pieces;
            int64_t best = 0;
            for (int64_t p = 1; p < n_pieces; ++p) {
                if (pieces[p] > pieces[best]) best = p;
            }
            h[o] = pieces[best];
            w[o] = static_cast<uint8_t>(best);
        }
    }
}

void state_maxout_infer(const float* P, int64_t n_feats, int64_t n_out, int64_t n_pieces,
                        const int32_t* feats, int64_t n_states, const float* bias,
                        float* hidden) {
    const int64_t width = n_out * n_pieces;
    const int64_t row_len = n_feats * width;
    std::vector<float> sum(static_cast<size_t>(width));
    for (int64_t s = 0; s < n_states; ++s) {
        const int32_t* f = feats + s * n_feats;
        // The first feature's row initializes the sum (0 + x == x exactly).
        const float* first = P + static_cast<int64_t>(f[0]) * row_len;
        std::copy(first, first + width, sum.begin());
        for (int64_t j = 1; j < n_feats; ++j) {
            const float* row = P + static_cast<int64_t>(f[j]) * row_len + j * width;
            for (int64_t k = 0; k < width; ++k) sum[k] += row[k];
        }
        for (int64_t k = 0; k < width; ++k) sum[k] += bias[k];
        float* h = hidden + s * n_out;
        if (n_pieces == 2) {
            for (int64_t o = 0; o < n_out; ++o) {
                const float a = sum[2 * o], b = sum[2 * o + 1];
                h[o] = b > a ? b : a;
            }
            continue;
        }
        for (int64_t o = 0; o < n_out; ++o) {
            const float* pieces = sum.data() + o * n_pieces;
            float best = pieces[0];
            for (int64_t p = 1; p < n_pieces; ++p) {
                if (pieces[p] > best) best = pieces[p];
            }
            h[o] = best;
        }
    }
}

void state_maxout_backward(const float* d_hidden, const uint8_t* which, const int32_t* feats,
                           int64_t n_states, int64_t n_feats, int64_t n_out, int64_t n_pieces,
                           float* dP, float* d_bias) {
    const int64_t width = n_out * n_pieces;
    const int64_t row_len = n_feats * width;
    for (int64_t s = 0; s < n_states; ++s) {
        const float* dh = d_hidden + s * n_out;
        const uint8_t* w = which + s * n_out;
        const int32_t* f = feats + s * n_feats;
        for (int64_t o = 0; o < n_out; ++o) {
            if (dh[o] == 0.0f) continue;
            const int64_t k = o * n_pieces + w[o];
            d_bias[k] += dh[o];
            for (int64_t j = 0; j < n_feats; ++j) {
                dP[static_cast<int64_t>(f[j]) * row_len + j * width + k] += dh[o];
            }
        }
    }
}

}  // namespace lexloom
