// Greedy decoding of a batch of transition states in one native call.
//
// Each step scores every unfinished state at once: its context tokens pick rows of the
// lower layer's precomputed products P (state_layer.hh), which are summed with the bias
// and max-pooled into the hidden vector; the output layer is one matrix product over all
// live states; moves never seen in training score the batch's minimum (spaCy's rule); then
// each state takes its best valid move and finished states drop out, keeping their order.
// Python is entered once per batch, not once per step. The output layer sums each score
// over the hidden units in order (dense_rows), so a state's scores never depend on which
// other states share its batch.
//
// A System adapter gives, for its State type:
//   bool is_final(const State*) const
//   void context(const State*, int32_t n_feats, int32_t* out) const   (-1: no token)
//   void step(State*, const float* scores_row) const                  (best valid move)
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "state_layer.hh"

namespace lexloom {

// The model's weights for one batch; the caller checks the shapes.
struct StepWeights {
    const float* P;        // (n_rows, n_feats, n_hidden, n_pieces); row 0 is the pad
    int64_t n_rows;
    int64_t n_feats;
    int64_t n_hidden;
    int64_t n_pieces;
    const float* bias;     // (n_hidden, n_pieces)
    const float* W_upper;  // (n_classes, n_hidden), or nullptr: the hidden layer scores
    const float* b_upper;  // (n_classes)
    int64_t n_classes;
    const uint8_t* seen;   // (n_classes) 0 for unseen moves, or nullptr: all seen
};

// S (n x C) = H (n x K) · Wt (K x C) + b: each score summed over k = 0..K-1 in order, then
// the bias (a plain dot product's result), vectorized across the C scores of a row.
void dense_rows(const float* H, int64_t n, int64_t K, const float* Wt, const float* b,
                int64_t C, float* S);

// Steps states[i] (whose Doc's first token is row offsets[i] of P) until every one is final
// or max_steps steps are done. Returns how many states are still unfinished.
template <class State, class System>
int64_t greedy_decode(State* const* states, const int32_t* offsets, int64_t n_states,
                      const StepWeights& w, const System& system, int64_t max_steps) {
    std::vector<int64_t> live;
    live.reserve(static_cast<size_t>(n_states));
    for (int64_t i = 0; i < n_states; ++i) {
        if (!system.is_final(states[i])) live.push_back(i);
    }
    const size_t n_max = live.size();
    std::vector<int32_t> feats(n_max * static_cast<size_t>(w.n_feats));
    std::vector<float> hidden(n_max * static_cast<size_t>(w.n_hidden));
    std::vector<float> scores(w.W_upper ? n_max * static_cast<size_t>(w.n_classes) : 0);
    std::vector<float> Wt;  // the output weights transposed: (n_hidden, n_classes)
    if (w.W_upper != nullptr) {
        Wt.resize(static_cast<size_t>(w.n_hidden * w.n_classes));
        for (int64_t c = 0; c < w.n_classes; ++c) {
            for (int64_t k = 0; k < w.n_hidden; ++k) {
                Wt[k * w.n_classes + c] = w.W_upper[c * w.n_hidden + k];
            }
        }
    }
    for (int64_t step = 0; step < max_steps && !live.empty(); ++step) {
        const int64_t n = static_cast<int64_t>(live.size());
        for (int64_t i = 0; i < n; ++i) {
            int32_t* f = feats.data() + i * w.n_feats;
            system.context(states[live[i]], static_cast<int32_t>(w.n_feats), f);
            const int32_t base = offsets[live[i]];
            for (int64_t j = 0; j < w.n_feats; ++j) f[j] = f[j] >= 0 ? base + f[j] : 0;
        }
        state_maxout_infer(w.P, w.n_feats, w.n_hidden, w.n_pieces, feats.data(), n, w.bias,
                           hidden.data());
        float* S = hidden.data();
        if (w.W_upper != nullptr) {
            S = scores.data();
            dense_rows(hidden.data(), n, w.n_hidden, Wt.data(), w.b_upper, w.n_classes, S);
        }
        if (w.seen != nullptr) {
            const int64_t size = n * w.n_classes;
            const float lowest = *std::min_element(S, S + size);
            for (int64_t i = 0; i < n; ++i) {
                float* row = S + i * w.n_classes;
                for (int64_t c = 0; c < w.n_classes; ++c) {
                    if (!w.seen[c]) row[c] = lowest;
                }
            }
        }
        size_t kept = 0;
        for (int64_t i = 0; i < n; ++i) {
            State* st = states[live[i]];
            system.step(st, S + i * w.n_classes);
            if (!system.is_final(st)) live[kept++] = live[i];
        }
        live.resize(kept);
    }
    return static_cast<int64_t>(live.size());
}

}  // namespace lexloom
