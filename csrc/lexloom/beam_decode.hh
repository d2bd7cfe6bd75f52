// Beam-search decoding of a batch of Docs in one native call.
//
// Each Doc keeps up to `width` candidate move sequences (its beam), scored by the summed
// log-probability of their moves: a softmax over the state's valid moves at each step. A
// step scores every unfinished candidate of every beam at once (the same model arithmetic
// as greedy_decode.hh, unseen moves included), expands each into one candidate per valid
// move, keeps a finished candidate as it is, and then keeps each Doc's `width` best
// (ties: earlier candidate first, expansions in move order); candidates whose probability
// is below `density` times the best one's are dropped. When every candidate is final, the
// best one (the first of the highest score) is written back into the Doc's state.
//
// A System adapter gives, for its State type, besides greedy_decode.hh's is_final/context:
//   bool is_valid(const State*, int32_t action) const
//   void apply(State*, int32_t action) const           (a valid action)
//   State* clone(const State*) const                   (nullptr when out of memory)
//   void destroy(State*) const
//   bool assign(State* dst, const State* src) const    (dst: the caller's state)
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "greedy_decode.hh"

namespace lexloom {

// out = log softmax of scores over the valid entries (invalid ones -inf), in float32 as
// numpy computes it: x - max, then minus log of the pairwise sum of exp(x - max).
void log_softmax_valid(const float* scores, const uint8_t* valid, int64_t n, float* out);

enum BeamStatus : int64_t { BEAM_OK = 0, BEAM_NO_MEMORY = -1 };

// Decodes states[d] (whose Doc's first token is row offsets[d] of P) by beam search.
// Returns BEAM_OK, BEAM_NO_MEMORY, or the number of Docs whose beams still hold unfinished
// candidates after max_steps steps (their states are then left as they were).
template <class State, class System>
int64_t beam_decode(State* const* states, const int32_t* offsets, int64_t n_docs,
                    const StepWeights& w, const System& system, int64_t width, float density,
                    int64_t max_steps) {
    struct Entry {
        double score;
        State* st;
    };
    struct Candidate {
        double score;
        int64_t entry;   // index into the Doc's beam
        int32_t action;  // -1: the entry is final and carried over
    };
    const double log_density = density > 0 ? std::log(static_cast<double>(density))
                                            : -std::numeric_limits<double>::infinity();
    std::vector<std::vector<Entry>> beams(static_cast<size_t>(n_docs));
    auto release_all = [&]() {
        for (auto& beam : beams) {
            for (Entry& e : beam) system.destroy(e.st);
            beam.clear();
        }
    };
    for (int64_t d = 0; d < n_docs; ++d) {
        State* st = system.clone(states[d]);
        if (st == nullptr) {
            release_all();
            return BEAM_NO_MEMORY;
        }
        beams[d].push_back({0.0, st});
    }
    std::vector<int64_t> live_doc, live_entry;
    std::vector<int32_t> feats;
    std::vector<float> hidden, scores, logp;
    std::vector<uint8_t> valid;
    std::vector<float> Wt;  // the output weights transposed: (n_hidden, n_classes)
    if (w.W_upper != nullptr) {
        Wt.resize(static_cast<size_t>(w.n_hidden * w.n_classes));
        for (int64_t c = 0; c < w.n_classes; ++c) {
            for (int64_t k = 0; k < w.n_hidden; ++k) {
                Wt[k * w.n_classes + c] = w.W_upper[c * w.n_hidden + k];
            }
        }
    }
    const int64_t C = w.n_classes;
    std::vector<Candidate> candidates;
    std::vector<Entry> next;
    bool finished = false;
    for (int64_t step = 0; step < max_steps; ++step) {
        live_doc.clear();
        live_entry.clear();
        for (int64_t d = 0; d < n_docs; ++d) {
            for (size_t k = 0; k < beams[d].size(); ++k) {
                if (!system.is_final(beams[d][k].st)) {
                    live_doc.push_back(d);
                    live_entry.push_back(static_cast<int64_t>(k));
                }
            }
        }
        const int64_t n = static_cast<int64_t>(live_doc.size());
        if (n == 0) {
            finished = true;
            break;
        }
        feats.resize(static_cast<size_t>(n * w.n_feats));
        hidden.resize(static_cast<size_t>(n * w.n_hidden));
        for (int64_t i = 0; i < n; ++i) {
            int32_t* f = feats.data() + i * w.n_feats;
            system.context(beams[live_doc[i]][live_entry[i]].st,
                           static_cast<int32_t>(w.n_feats), f);
            const int32_t base = offsets[live_doc[i]];
            for (int64_t j = 0; j < w.n_feats; ++j) f[j] = f[j] >= 0 ? base + f[j] : 0;
        }
        state_maxout_infer(w.P, w.n_feats, w.n_hidden, w.n_pieces, feats.data(), n, w.bias,
                           hidden.data());
        float* S = hidden.data();
        if (w.W_upper != nullptr) {
            scores.resize(static_cast<size_t>(n * C));
            S = scores.data();
            dense_rows(hidden.data(), n, w.n_hidden, Wt.data(), w.b_upper, C, S);
        }
        if (w.seen != nullptr) {
            const float lowest = *std::min_element(S, S + n * C);
            for (int64_t i = 0; i < n; ++i) {
                for (int64_t c = 0; c < C; ++c) {
                    if (!w.seen[c]) S[i * C + c] = lowest;
                }
            }
        }
        valid.resize(static_cast<size_t>(n * C));
        logp.resize(static_cast<size_t>(n * C));
        for (int64_t i = 0; i < n; ++i) {
            const State* st = beams[live_doc[i]][live_entry[i]].st;
            uint8_t* v = valid.data() + i * C;
            for (int64_t c = 0; c < C; ++c) v[c] = system.is_valid(st, static_cast<int32_t>(c));
            log_softmax_valid(S + i * C, v, C, logp.data() + i * C);
        }
        // Expand each Doc's beam; rows of its live entries follow in entry order.
        int64_t row = 0;
        for (int64_t d = 0; d < n_docs; ++d) {
            std::vector<Entry>& beam = beams[d];
            candidates.clear();
            bool expanded = false;
            for (size_t k = 0; k < beam.size(); ++k) {
                const bool live = row < n && live_doc[row] == d &&
                                  live_entry[row] == static_cast<int64_t>(k);
                if (!live) {
                    candidates.push_back({beam[k].score, static_cast<int64_t>(k), -1});
                    continue;
                }
                const uint8_t* v = valid.data() + row * C;
                const float* lp = logp.data() + row * C;
                for (int64_t c = 0; c < C; ++c) {
                    if (!v[c]) continue;
                    candidates.push_back({beam[k].score + static_cast<double>(lp[c]),
                                          static_cast<int64_t>(k), static_cast<int32_t>(c)});
                    expanded = true;
                }
                ++row;
            }
            if (!expanded) continue;
            std::stable_sort(candidates.begin(), candidates.end(),
                             [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
            const double best = candidates[0].score;
            const size_t keep = std::min(candidates.size(), static_cast<size_t>(width));
            next.clear();
            for (size_t j = 0; j < keep; ++j) {
                const Candidate& cand = candidates[j];
                if (cand.score - best < log_density) continue;
                State* st = system.clone(beam[cand.entry].st);
                if (st == nullptr) {
                    for (Entry& e : next) system.destroy(e.st);
                    release_all();
                    return BEAM_NO_MEMORY;
                }
                if (cand.action >= 0) system.apply(st, cand.action);
                next.push_back({cand.score, st});
            }
            for (Entry& e : beam) system.destroy(e.st);
            beam.swap(next);
        }
    }
    int64_t unfinished = 0;
    for (int64_t d = 0; d < n_docs; ++d) {
        const std::vector<Entry>& beam = beams[d];
        bool done = true;
        for (const Entry& e : beam) done = done && system.is_final(e.st);
        if (!finished && !done) {
            ++unfinished;
            continue;
        }
        if (beam.empty()) continue;
        size_t best = 0;
        for (size_t k = 1; k < beam.size(); ++k) {
            if (beam[k].score > beam[best].score) best = k;
        }
        if (!system.assign(states[d], beam[best].st)) {
            release_all();
            return BEAM_NO_MEMORY;
        }
    }
    release_all();
    return unfinished;
}

}  // namespace lexloom
